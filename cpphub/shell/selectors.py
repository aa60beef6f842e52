"""What the home page reads: the partnership at a glance, for any partnership member.

Each selector takes the viewer and refuses someone who is not a member; the
dashboard as a whole costs a handful of queries whatever the size of the
partnership.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.accounts.models import Membership
from cpphub.accounts.permissions import is_member
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation, Sector


def _require_member(viewer: Any) -> None:
    if not is_member(viewer):
        raise PermissionDenied


# Pilot locations -----------------------------------------------------------------


@dataclass(frozen=True)
class LocationRow:
    pk: int
    name: str
    country: str
    country_code: str
    stage: str
    stage_label: str
    lead_partner: str
    latitude: float | None
    longitude: float | None
    url: str

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class StageColumn:
    stage: str
    label: str
    locations: list[LocationRow] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.locations)


def pilot_locations(*, viewer: Any) -> list[LocationRow]:
    """Active pilot locations by country and name, with their stage and lead partner."""
    _require_member(viewer)
    locations = (
        PilotLocation.objects.filter(is_active=True)
        .select_related("country", "lead_partner")
        .order_by("country__name", "name")
    )
    return [
        LocationRow(
            pk=location.pk,
            name=location.name,
            country=location.country.name,
            country_code=location.country.code,
            stage=location.stage,
            stage_label=str(location.get_stage_display()),
            lead_partner=str(location.lead_partner) if location.lead_partner else "",
            latitude=float(location.latitude) if location.latitude is not None else None,
            longitude=float(location.longitude) if location.longitude is not None else None,
            url=location.get_absolute_url(),
        )
        for location in locations
    ]


def stage_board(locations: list[LocationRow]) -> list[StageColumn]:
    """The Triple A cycle, one column per stage in order, each with its locations."""
    columns = {stage: StageColumn(stage=stage, label=str(label)) for stage, label in PilotLocation.Stage.choices}
    for location in locations:
        columns[location.stage].locations.append(location)
    return list(columns.values())


# Partners --------------------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int


def partners_by_sector(*, viewer: Any) -> list[CountRow]:
    """Active organisations per sector, every sector (a zero is a gap worth seeing), most first.

    An organisation working in two sectors counts in both.
    """
    _require_member(viewer)
    sectors = Sector.objects.annotate(
        active=Count("organisations", filter=Q(organisations__is_active=True), distinct=True)
    ).order_by("id")
    rows = [CountRow(label=str(sector), count=sector.active) for sector in sectors]
    return sorted(rows, key=lambda row: -row.count)


def partners_by_country(*, viewer: Any) -> list[CountRow]:
    """Active organisations per country, most first; international organisations last."""
    _require_member(viewer)
    counts = (
        Organisation.objects.filter(is_active=True)
        .values("country__name")
        .annotate(count=Count("id"))
        .order_by("-count", "country__name")
    )
    national = [CountRow(label=row["country__name"], count=row["count"]) for row in counts if row["country__name"]]
    international = [
        CountRow(label=_("International"), count=row["count"]) for row in counts if not row["country__name"]
    ]
    return national + international


# Programme phases ------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseBar:
    name: str
    kind: str
    start: dt.date
    end: dt.date
    offset: float  # percent of the axis before the bar
    width: float  # percent of the axis the bar covers
    is_current: bool
    is_past: bool


@dataclass(frozen=True)
class Tick:
    label: str
    offset: float


@dataclass(frozen=True)
class Timeline:
    bars: list[PhaseBar]
    start: dt.date | None = None
    end: dt.date | None = None
    today: dt.date | None = None
    today_offset: float | None = None  # None when today is off the axis
    ticks: list[Tick] = field(default_factory=list)


def _percent(days: int, total: int) -> float:
    return round(100 * days / total, 3)


def phase_timeline(*, viewer: Any, today: dt.date | None = None) -> Timeline:
    """Active programme phases on one time axis running from the first start to the last end."""
    _require_member(viewer)
    today = today or timezone.localdate()
    phases = list(Phase.objects.filter(is_active=True).order_by("start_date", "end_date"))
    if not phases:
        return Timeline(bars=[], today=today)
    start = min(p.start_date for p in phases)
    end = max(p.end_date for p in phases)
    total = (end - start).days + 1  # both ends inclusive
    bars = [
        PhaseBar(
            name=phase.name,
            kind=str(phase.get_kind_display()),
            start=phase.start_date,
            end=phase.end_date,
            offset=_percent((phase.start_date - start).days, total),
            width=_percent((phase.end_date - phase.start_date).days + 1, total),
            is_current=phase.start_date <= today <= phase.end_date,
            is_past=phase.end_date < today,
        )
        for phase in phases
    ]
    ticks = [
        Tick(label=str(year), offset=_percent((dt.date(year, 1, 1) - start).days, total))
        for year in range(start.year + 1, end.year + 1)
    ]
    today_offset = _percent((today - start).days, total) if start <= today <= end else None
    return Timeline(bars=bars, start=start, end=end, today=today, today_offset=today_offset, ticks=ticks)


# Headline numbers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    organisations: int
    countries: int
    locations: int
    contacts: int


@dataclass(frozen=True)
class CountryKey:
    code: str
    name: str


@dataclass(frozen=True)
class Dashboard:
    headline: Headline
    locations: list[LocationRow]
    stages: list[StageColumn]
    by_sector: list[CountRow]
    by_country: list[CountRow]
    timeline: Timeline

    @property
    def mapped_locations(self) -> list[LocationRow]:
        return [location for location in self.locations if location.has_coordinates]

    @property
    def unmapped_locations(self) -> list[LocationRow]:
        return [location for location in self.locations if not location.has_coordinates]

    @property
    def countries(self) -> list[CountryKey]:
        """The countries that have pilot locations, each once, in the order of the locations."""
        seen: dict[str, CountryKey] = {}
        for location in self.locations:
            seen.setdefault(location.country_code, CountryKey(code=location.country_code, name=location.country))
        return list(seen.values())


def dashboard_summary(*, viewer: Any, today: dt.date | None = None) -> Dashboard:
    """Everything the home page shows, in a fixed, small number of queries."""
    _require_member(viewer)
    locations = pilot_locations(viewer=viewer)
    by_country = partners_by_country(viewer=viewer)
    headline = Headline(
        organisations=sum(row.count for row in by_country),
        countries=Country.objects.filter(is_active=True).count(),
        locations=len(locations),
        contacts=Contact.objects.filter(is_active=True, organisation__is_active=True).count(),
    )
    return Dashboard(
        headline=headline,
        locations=locations,
        stages=stage_board(locations),
        by_sector=partners_by_sector(viewer=viewer),
        by_country=by_country,
        timeline=phase_timeline(viewer=viewer, today=today),
    )


# For people who are not members yet ------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    email: str


def coordinators_to_ask(*, viewer: Any, limit: int = 5) -> list[Person]:
    """The partnership's coordinators, whom a signed-in person without a membership can ask for one."""
    if not getattr(viewer, "is_authenticated", False):
        raise PermissionDenied
    memberships = (
        Membership.objects.filter(
            role=Membership.Role.COORDINATOR,
            scope=Membership.Scope.PARTNERSHIP,
            is_active=True,
            user__is_active=True,
            organisation__is_active=True,
        )
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )
    people: dict[str, Person] = {}
    for membership in memberships:
        people.setdefault(membership.user.email, Person(name=str(membership.user), email=membership.user.email))
    return list(people.values())[:limit]
