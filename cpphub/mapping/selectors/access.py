"""Who may see and change what in the Map stage.

- Instruments are partnership material (class C): every member reads them.
  Facilitators of a location import and tag that location's instruments;
  coordinators manage the templates shared by the whole partnership.
- Sessions, participant groups and findings (quotes already stripped of
  identifiers) are read by every member; the facilitators of the location
  write them.
- Participants, consent records, submissions and answers are row-level
  research data (class B): only the facilitators of their location see or
  change them. Not coordinators, not superusers: everyone else gets the
  suppressed aggregates of the risk map.
- The small-cell threshold is the coordinators' to set.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from cpphub.accounts import permissions
from cpphub.accounts.models import Membership
from cpphub.partnership.models import PilotLocation


def facilitated_locations(viewer: Any) -> QuerySet[PilotLocation]:
    """The locations ``viewer`` facilitates: by location, by country, or the whole partnership."""
    scopes = Q(pk__in=[])
    for membership in permissions.memberships(viewer):
        if membership.role != Membership.Role.FACILITATOR:
            continue
        if membership.scope == Membership.Scope.LOCATION and membership.location_id:
            scopes |= Q(pk=membership.location_id)
        elif membership.scope == Membership.Scope.COUNTRY and membership.country_id:
            scopes |= Q(country_id=membership.country_id)
        elif membership.scope == Membership.Scope.PARTNERSHIP:
            scopes |= Q()
    return PilotLocation.objects.filter(scopes, is_active=True)


def facilitated_location_ids(viewer: Any) -> set[int]:
    cache_attr = "_cpphub_facilitated_locations"
    cached = getattr(viewer, cache_attr, None)
    if cached is None:
        cached = set(facilitated_locations(viewer).values_list("pk", flat=True)) if viewer else set()
        if viewer is not None and getattr(viewer, "is_authenticated", False):
            setattr(viewer, cache_attr, cached)
    return cached


def facilitates(viewer: Any, location: PilotLocation | int | None) -> bool:
    """Whether ``viewer`` is a facilitator of ``location`` (and so sees its row-level data)."""
    if location is None:
        return False
    location_id = location if isinstance(location, int) else location.pk
    return location_id in facilitated_location_ids(viewer)


def can_read_mapping(viewer: Any) -> bool:
    """Instruments, sessions, findings and the suppressed map: every partnership member."""
    return permissions.is_member(viewer)


def can_manage_templates(viewer: Any) -> bool:
    """Partnership-wide instruments and the small-cell threshold: coordinators."""
    return permissions.can_manage_partnership(viewer)


def access_mapping(viewer: Any) -> None:
    if not can_read_mapping(viewer):
        raise PermissionDenied


def access_location_rows(viewer: Any, location: PilotLocation | int | None) -> None:
    """Raise PermissionDenied unless ``viewer`` facilitates ``location`` (row-level data, writes)."""
    if not facilitates(viewer, location):
        raise PermissionDenied
