"""Who may see and change what in Engage, Plan and Create (partnership data, class C).

Every partnership member reads stakeholders, engagements, workshops, priorities,
action plans and the cycle of every location (national focal points and
steering members included); the facilitators of a location change that
location's records and move it through the stages; coordinators set the
planning settings of any location and start new locations from existing ones.
Someone signed in without a membership sees nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from cpphub.accounts import permissions
from cpphub.mapping.selectors.access import facilitated_location_ids, facilitates
from cpphub.partnership.models import PilotLocation

__all__ = ["access_planning", "access_planning_write", "can_read_planning", "facilitated_location_ids", "facilitates"]


def can_read_planning(viewer: Any) -> bool:
    return permissions.is_member(viewer)


def access_planning(viewer: Any) -> None:
    if not can_read_planning(viewer):
        raise PermissionDenied


def access_planning_write(viewer: Any, location: PilotLocation | int | None) -> None:
    """Raise PermissionDenied unless ``viewer`` facilitates ``location``."""
    if not facilitates(viewer, location):
        raise PermissionDenied


def can_configure(viewer: Any) -> bool:
    """Planning settings of any location, and new locations from a template: coordinators."""
    return permissions.can_manage_partnership(viewer)
