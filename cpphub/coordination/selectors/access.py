"""Who may see and change what when bringing bottom up and top down together (class C).

Every partnership member reads synergies, coordinated actions, allocations and
the 3W. Coordinators run the synergy finder, accept or dismiss suggestions,
turn accepted ones into coordinated actions, keep resources, capacities and
needs, run the optimiser, pin and forbid, and accept an allocation.

A coordinated action is also changed (milestones, contributions, status) by
those who take part in it: the facilitators of its pilot locations and the
national focal points of its countries.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from cpphub.accounts import permissions
from cpphub.coordination.models import CoordinatedAction
from cpphub.mapping.selectors.access import facilitated_location_ids
from cpphub.national.selectors.access import focal_country_ids


def can_read_coordination(viewer: Any) -> bool:
    return permissions.is_member(viewer)


def access_coordination(viewer: Any) -> None:
    if not can_read_coordination(viewer):
        raise PermissionDenied


def can_coordinate(viewer: Any) -> bool:
    """Synergies, coordinated actions from them, resources and allocation: coordinators."""
    return permissions.can_manage_partnership(viewer)


def access_coordinate(viewer: Any) -> None:
    if not can_coordinate(viewer):
        raise PermissionDenied


def takes_part(viewer: Any, action: CoordinatedAction) -> bool:
    """A facilitator of one of the action's locations or a focal point of one of its countries."""
    if not getattr(viewer, "is_authenticated", False):
        return False
    location_ids = {loc.pk for loc in action.locations.all()}
    country_ids = {c.pk for c in action.countries.all()} | {loc.country_id for loc in action.locations.all()}
    return bool(location_ids & facilitated_location_ids(viewer)) or bool(country_ids & focal_country_ids(viewer))


def can_edit_action(viewer: Any, action: CoordinatedAction) -> bool:
    return can_coordinate(viewer) or takes_part(viewer, action)


def access_action_write(viewer: Any, action: CoordinatedAction) -> None:
    if not can_edit_action(viewer, action):
        raise PermissionDenied
