"""Invariants the account services keep, whoever calls them (pages, API, scripts)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cpphub.accounts import permissions, services
from cpphub.accounts.models import Membership
from cpphub.audit.models import AuditEvent


def test_an_update_that_changes_nothing_writes_no_audit_row(world):
    facilitator = world.user("facilitator")

    services.user_update(user=facilitator, acting_user=world.user("coordinator"), full_name=facilitator.full_name)

    assert not AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).exists()


def test_user_update_refuses_fields_it_does_not_own(world):
    with pytest.raises(TypeError):
        services.user_update(user=world.user("facilitator"), acting_user=world.user("coordinator"), is_superuser=True)


def test_the_last_coordinator_cannot_be_given_another_role(world):
    membership = world.user("coordinator").memberships.get()

    with pytest.raises(ValidationError):
        services.membership_update(membership=membership, acting_user=world.user("coordinator"), role="facilitator")

    membership.refresh_from_db()
    assert membership.role == Membership.Role.COORDINATOR


def test_a_second_coordinator_lets_the_first_step_down(world):
    services.membership_create(
        user=world.user("dpo"),
        organisation=world.orgs["iicrd"],
        role=Membership.Role.COORDINATOR,
        scope=Membership.Scope.PARTNERSHIP,
        acting_user=world.user("coordinator"),
    )
    membership = world.user("coordinator").memberships.get()

    services.membership_set_active(membership=membership, is_active=False, acting_user=world.user("dpo"))

    assert not permissions.can_manage_partnership(world.user("coordinator"))


def test_a_new_membership_counts_at_once_for_the_same_user_object(world):
    outsider = world.user("outsider")
    assert not permissions.is_member(outsider)

    services.membership_create(
        user=outsider,
        organisation=world.orgs["face"],
        role=Membership.Role.FACILITATOR,
        scope=Membership.Scope.LOCATION,
        location=world.locations["chiang_rai"],
        acting_user=world.user("coordinator"),
    )

    assert permissions.is_member(outsider)


def test_token_create_and_revoke_audit_the_user_not_the_key(world):
    facilitator = world.user("facilitator")

    token = services.token_create(user=facilitator, acting_user=facilitator)
    assert services.token_revoke(user=facilitator, acting_user=facilitator) is True
    assert services.token_revoke(user=facilitator, acting_user=facilitator) is False

    events = AuditEvent.objects.filter(action__in=[AuditEvent.Action.TOKEN_CREATED, AuditEvent.Action.TOKEN_REVOKED])
    assert events.count() == 2
    assert all(e.object_type == "accounts.user" and e.object_id == str(facilitator.pk) for e in events)
    assert all(token.key not in f"{e.object_repr}{e.changes}" for e in events)
