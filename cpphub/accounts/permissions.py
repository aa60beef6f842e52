"""What a signed-in person may do, derived from their active memberships.

Every view and API endpoint asks these questions through the selectors and
access functions of its domain; none reads memberships by itself.
"""

from __future__ import annotations

from typing import Any

from cpphub.accounts.models import Membership

Role = Membership.Role
_CACHE_ATTR = "_cpphub_memberships"


def memberships(user: Any) -> list[Membership]:
    """The user's active memberships in active organisations, loaded once per request.

    Deactivating an organisation ends what its people may do at once, without
    touching their memberships (reactivating it gives them back).
    """
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True, organisation__is_active=True).select_related(
                "organisation", "country", "location"
            )
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_memberships(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def roles(user: Any) -> set[str]:
    return {m.role for m in memberships(user)}


def has_role(user: Any, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def is_member(user: Any) -> bool:
    """A partnership member: anyone with an active membership (or a superuser)."""
    return bool(getattr(user, "is_superuser", False) or memberships(user))


def can_manage_partnership(user: Any) -> bool:
    """Create, edit and deactivate organisations, locations, phases, contacts, memberships."""
    return bool(getattr(user, "is_superuser", False) or has_role(user, Role.COORDINATOR))


def can_read_audit(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or has_role(user, Role.DATA_PROTECTION_OFFICER))


def requires_two_factor(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False) or any(m.requires_two_factor for m in memberships(user)))
