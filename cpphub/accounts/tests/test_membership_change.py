"""Giving and ending memberships; the scope decides which place a membership needs."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from cpphub.accounts.models import Membership
from cpphub.audit.models import AuditEvent


def add(client, person, **data):  # type: ignore[no-untyped-def]
    return client.post(reverse("accounts:membership_create", args=[person.pk]), data)


def test_adding_a_membership_gives_the_role_and_is_audited(client_for, world):
    facilitator = world.user("facilitator")

    response = add(
        client_for("coordinator"),
        facilitator,
        organisation=world.orgs["face"].pk,
        role="national_focal_point",
        scope="country",
        country=world.countries["thailand"].pk,
    )

    assert response.status_code == 302
    added = Membership.objects.get(user=facilitator, role="national_focal_point")
    assert added.country == world.countries["thailand"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_type="accounts.membership")
    assert event.object_id == str(added.pk)


@pytest.mark.parametrize(
    ("scope", "place", "field", "message"),
    [
        ("country", {}, "country", "A country scope needs a country."),
        ("location", {}, "location", "A pilot-location scope needs a pilot location."),
        ("partnership", {"country": "thailand"}, "country", "Only a country scope takes a country."),
        ("organisation", {"location": "chiang_rai"}, "location", "Only a pilot-location scope takes a pilot location."),
    ],
)
def test_the_scope_needs_its_place_and_no_other(client_for, world, scope, place, field, message):
    data = {"organisation": world.orgs["face"].pk, "role": "facilitator", "scope": scope}
    if "country" in place:
        data["country"] = world.countries[place["country"]].pk
    if "location" in place:
        data["location"] = world.locations[place["location"]].pk
    before = Membership.objects.count()

    response = add(client_for("coordinator"), world.user("outsider"), **data)

    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*id_{field}_error', body)
    assert Membership.objects.count() == before


def test_the_same_membership_twice_is_refused(client_for, world):
    response = add(
        client_for("coordinator"),
        world.user("facilitator"),
        organisation=world.orgs["face"].pk,
        role="facilitator",
        scope="location",
        location=world.locations["chiang_rai"].pk,
    )

    assert response.status_code == 200
    assert "already has this membership" in response.content.decode()
    assert Membership.objects.filter(user=world.user("facilitator")).count() == 1


def test_ending_a_membership_takes_the_access_away(client_for, world):
    facilitator = world.user("facilitator")
    membership = facilitator.memberships.get()

    response = client_for("coordinator").post(
        reverse("accounts:membership_set_active", args=[membership.pk]), {"active": "false"}
    )

    membership.refresh_from_db()
    assert response.status_code == 302
    assert not membership.is_active
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DEACTIVATE, object_id=str(membership.pk)).exists()


def test_the_last_coordinator_cannot_be_ended(client_for, world):
    membership = world.user("coordinator").memberships.get()

    response = client_for("coordinator").post(
        reverse("accounts:membership_set_active", args=[membership.pk]), {"active": "false"}, follow=True
    )

    membership.refresh_from_db()
    assert membership.is_active
    assert "at least one active coordinator" in response.content.decode()
