"""Every write to accounts, memberships, API tokens and second factors.

Each service is keyword-only, runs in one transaction and writes its audit
event itself, so that an audit row exists exactly when the change does.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from rest_framework.authtoken.models import Token

from cpphub.accounts import permissions
from cpphub.accounts.emails import SiteLink, send_set_password_email
from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff, snapshot
from cpphub.partnership.models import Country, Organisation, PilotLocation

Action = AuditEvent.Action
USER_FIELDS = ("email", "full_name", "preferred_language")
MEMBERSHIP_FIELDS = ("organisation", "role", "scope", "country", "location")


# People ------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_taken(email: str, *, exclude: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=normalise_email(email))
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    preferred_language: str = "",
    acting_user: Any,
    site: SiteLink,
) -> User:
    """Create a person without a password and email them a link to choose one."""
    if email_taken(email):
        raise ValidationError({"email": _("A person with this email address already exists.")})
    user = User(email=normalise_email(email), full_name=full_name.strip(), preferred_language=preferred_language)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(action=Action.CREATE, acting_user=acting_user, obj=user, changes=diff({}, snapshot(user)))
    transaction.on_commit(lambda: send_set_password_email(user=user, site=site))
    return user


@transaction.atomic
def user_update(*, user: User, acting_user: Any, **fields: Any) -> User:
    """Change the name, email address or preferred language of a person."""
    unknown = set(fields) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"user_update() cannot change {sorted(unknown)}")
    if "email" in fields:
        fields["email"] = normalise_email(fields["email"])
        if email_taken(fields["email"], exclude=user):
            raise ValidationError({"email": _("A person with this email address already exists.")})
    before = snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean()
    changes = diff(before, snapshot(user))
    if changes:
        user.save(update_fields=list(fields))
        audit_record(action=Action.UPDATE, acting_user=acting_user, obj=user, changes=changes)
    return user


@transaction.atomic
def user_set_active(*, user: User, is_active: bool, acting_user: Any) -> User:
    """Deactivate a person (they can no longer sign in or use a token) or bring them back."""
    if user.is_active == is_active:
        return user
    if not is_active and user.pk == acting_user.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    before = snapshot(user)
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    audit_record(
        action=Action.REACTIVATE if is_active else Action.DEACTIVATE,
        acting_user=acting_user,
        obj=user,
        changes=diff(before, snapshot(user)),
    )
    return user


# Memberships ---------------------------------------------------------------------


@transaction.atomic
def membership_create(
    *,
    user: User,
    organisation: Organisation,
    role: str,
    scope: str,
    country: Country | None = None,
    location: PilotLocation | None = None,
    acting_user: Any,
) -> Membership:
    """Give a person a role in an organisation, within a scope."""
    membership = Membership(
        user=user, organisation=organisation, role=role, scope=scope, country=country, location=location
    )
    membership.full_clean()
    membership.save()
    permissions.forget_memberships(user)
    audit_record(action=Action.CREATE, acting_user=acting_user, obj=membership, changes=diff({}, snapshot(membership)))
    return membership


def _ensure_a_coordinator_remains(membership: Membership) -> None:
    if membership.role != Membership.Role.COORDINATOR or not membership.is_active:
        return
    others = Membership.objects.filter(
        role=Membership.Role.COORDINATOR, is_active=True, user__is_active=True, organisation__is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("The partnership needs at least one active coordinator."))


@transaction.atomic
def membership_update(*, membership: Membership, acting_user: Any, **fields: Any) -> Membership:
    """Change the organisation, role or scope of a membership."""
    unknown = set(fields) - set(MEMBERSHIP_FIELDS)
    if unknown:
        raise TypeError(f"membership_update() cannot change {sorted(unknown)}")
    if fields.get("role", membership.role) != membership.role:
        _ensure_a_coordinator_remains(membership)
    before = snapshot(membership)
    for name, value in fields.items():
        setattr(membership, name, value)
    membership.full_clean()
    changes = diff(before, snapshot(membership))
    if changes:
        membership.save()
        permissions.forget_memberships(membership.user)
        audit_record(action=Action.UPDATE, acting_user=acting_user, obj=membership, changes=changes)
    return membership


@transaction.atomic
def membership_set_active(*, membership: Membership, is_active: bool, acting_user: Any) -> Membership:
    """End a membership (the person loses what it allowed) or restore it."""
    if membership.is_active == is_active:
        return membership
    if not is_active:
        _ensure_a_coordinator_remains(membership)
    before = snapshot(membership)
    membership.is_active = is_active
    membership.save(update_fields=["is_active"])
    permissions.forget_memberships(membership.user)
    audit_record(
        action=Action.REACTIVATE if is_active else Action.DEACTIVATE,
        acting_user=acting_user,
        obj=membership,
        changes=diff(before, snapshot(membership)),
    )
    return membership


# API tokens ----------------------------------------------------------------------
# The audit event names the user, never the token: a token's key is its primary key
# and its string, so the token itself must not be the audited object.


@transaction.atomic
def token_create(*, user: User, acting_user: Any) -> Token:
    """A new API token for ``user``; any previous token stops working."""
    replaced = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    audit_record(
        action=Action.TOKEN_CREATED,
        acting_user=acting_user,
        obj=user,
        changes={"previous_token_revoked": [False, True]} if replaced else {},
    )
    return token


@transaction.atomic
def token_revoke(*, user: User, acting_user: Any) -> bool:
    """Delete the API token of ``user``. False when there was none."""
    deleted = Token.objects.filter(user=user).delete()[0] > 0
    if deleted:
        audit_record(action=Action.TOKEN_REVOKED, acting_user=acting_user, obj=user, changes={})
    return deleted


# Second factor -------------------------------------------------------------------


@transaction.atomic
def two_factor_disable(*, user: User, acting_user: Any) -> int:
    """Remove every second-factor device (authenticator app and backup codes) of ``user``."""
    removed = 0
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
        removed += 1
    if removed:
        audit_record(action=Action.TWO_FACTOR_DISABLED, acting_user=acting_user, obj=user, changes={})
    return removed
