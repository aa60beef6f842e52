"""Who may see and change the top-down records of a country (partnership data, class C).

Every partnership member reads the national meetings, priorities, strengths,
expectations and commitments of every country. The national focal points of
a country change its records; coordinators change any country's.

An MNR assessment is more sensitive: its details (ratings, evidence, partners)
are seen by the country's own focal points and by coordinators only.
Everyone else sees aggregates across countries that never single one out
(``selectors/mnr.py``), and never a ranking of countries.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from cpphub.accounts import permissions
from cpphub.accounts.models import Membership
from cpphub.partnership.models import Country


def focal_country_ids(viewer: Any) -> set[int]:
    """The countries ``viewer`` is a national focal point of."""
    return {
        m.country_id
        for m in permissions.memberships(viewer)
        if m.role == Membership.Role.NATIONAL_FOCAL_POINT and m.scope == Membership.Scope.COUNTRY and m.country_id
    }


def _country_id(country: Country | int | None) -> int | None:
    if country is None:
        return None
    return country if isinstance(country, int) else country.pk


def can_read_national(viewer: Any) -> bool:
    return permissions.is_member(viewer)


def access_national(viewer: Any) -> None:
    if not can_read_national(viewer):
        raise PermissionDenied


def can_write_national(viewer: Any, country: Country | int | None) -> bool:
    """Coordinators for every country; focal points for their own."""
    if permissions.can_manage_partnership(viewer):
        return True
    return _country_id(country) in focal_country_ids(viewer)


def can_write_any_national(viewer: Any) -> bool:
    """Whether ``viewer`` may record something for at least one country (the "new" buttons and forms)."""
    return permissions.can_manage_partnership(viewer) or bool(focal_country_ids(viewer))


def writable_country_ids(viewer: Any) -> set[int] | None:
    """The countries ``viewer`` may write for; None means every country."""
    if permissions.can_manage_partnership(viewer):
        return None
    return focal_country_ids(viewer)


def access_national_write(viewer: Any, country: Country | int | None) -> None:
    if not can_write_national(viewer, country):
        raise PermissionDenied


def can_read_mnr_details(viewer: Any, country: Country | int | None) -> bool:
    """An assessment's ratings and evidence: the country's focal points and coordinators."""
    return can_write_national(viewer, country)


def mnr_detail_country_ids(viewer: Any) -> set[int] | None:
    """Countries whose MNR details ``viewer`` sees; None means all (coordinators)."""
    return writable_country_ids(viewer)
