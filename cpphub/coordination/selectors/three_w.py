"""Who does what, where and when (3W/4W): one row per partner, activity and place.

Built from three sources:

- a location's actions: the lead and each supporting partner, at the action's
  location, with the 4Cs risks of the findings the action and its priority
  answer;
- coordinated actions: the lead and each contributing partner, at each of the
  action's locations (else in each of its countries, else partnership-wide),
  with the action's own 4Cs risks;
- national commitments: the owner organisation, in the commitment's country,
  from the meeting where it was made to its due date.

Partnership data (class C): every member reads it. The rows are built in a
fixed number of queries and filtered in Python (a few thousand at most).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cpphub.coordination.models import CoordinatedAction
from cpphub.coordination.selectors.access import access_coordination
from cpphub.coordination.selectors.allocation import COMMITMENT, COORDINATED, LOCAL, action_key, action_url
from cpphub.mapping.models import RiskDimension
from cpphub.national.models import Commitment
from cpphub.partnership.models import Organisation, PilotLocation, Sector
from cpphub.planning.models import Action, Outcome

NO_LOCATION = "none"  # the location filter's value for national and partnership-wide activities
ROLES = {
    "lead": gettext_lazy("Lead"),
    "supporting": gettext_lazy("Supporting"),
    "contributing": gettext_lazy("Contributing"),
    "owner": gettext_lazy("Owner"),
}
KIND_LABELS = {
    LOCAL: gettext_lazy("Location's action"),
    COORDINATED: gettext_lazy("Coordinated action"),
    COMMITMENT: gettext_lazy("National commitment"),
}
STATUS_CHOICES = [*Action.Status.choices, ("open", gettext_lazy("Open"))]
ROW_DIMENSIONS = {"partner": gettext_lazy("Partners"), "sector": gettext_lazy("Sectors")}
COLUMN_DIMENSIONS = {
    "location": gettext_lazy("Locations"),
    "outcome": gettext_lazy("Outcomes"),
    "risk": gettext_lazy("4Cs risks"),
}


@dataclass(frozen=True)
class ThreeWRow:
    kind: str
    key: str
    activity: str
    url: str
    partner_id: int | None
    partner: str
    role: str
    sectors: tuple[str, ...]
    country: str  # ISO code, "" for partnership-wide
    country_name: str
    location: str  # slug, "" when national or partnership-wide
    location_name: str
    outcome: str
    risks: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    status: str
    indicator: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    @property
    def sector_labels(self) -> list[str]:
        labels = dict(Sector.Code.choices)
        return [str(labels.get(code, code)) for code in self.sectors]

    @property
    def outcome_label(self) -> str:
        return str(dict(Outcome.choices).get(self.outcome, self.outcome)) if self.outcome else ""

    @property
    def risk_labels(self) -> list[str]:
        labels = dict(RiskDimension.choices)
        return [str(labels.get(code, code)) for code in self.risks]

    @property
    def status_label(self) -> str:
        return str(dict(STATUS_CHOICES).get(self.status, self.status))

    @property
    def where(self) -> str:
        if self.location:
            return self.location_name
        if self.country:
            return _("{country} (national)").format(country=self.country_name)
        return _("Partnership-wide")


def _sectors(organisation: Organisation | None) -> tuple[str, ...]:
    if organisation is None:
        return ()
    return tuple(sector.code for sector in organisation.sectors.all())


def _local_rows() -> Iterable[ThreeWRow]:
    actions = (
        Action.objects.select_related("plan__location__country", "lead_partner", "priority")
        .prefetch_related("lead_partner__sectors", "supporting_partners__sectors", "findings", "priority__findings")
        .order_by("plan__location__name", "start", "pk")
    )
    for action in actions:
        location = action.plan.location
        findings = [*action.findings.all(), *(action.priority.findings.all() if action.priority else [])]
        risks = tuple(sorted({f.risk_dimension for f in findings if f.risk_dimension}))
        partners = [(action.lead_partner, "lead")]
        partners += [
            (org, "supporting") for org in action.supporting_partners.all() if org.pk != action.lead_partner_id
        ]
        for organisation, role in partners:
            yield ThreeWRow(
                kind=LOCAL,
                key=action_key(LOCAL, action.pk),
                activity=action.title,
                url=action_url(LOCAL, action.pk),
                partner_id=organisation.pk,
                partner=str(organisation),
                role=role,
                sectors=_sectors(organisation),
                country=location.country.code,
                country_name=location.country.name,
                location=location.slug,
                location_name=location.name,
                outcome=action.outcome,
                risks=risks,
                start=action.start,
                end=action.end,
                status=action.status,
                indicator=action.indicator,
            )


def _coordinated_rows() -> Iterable[ThreeWRow]:
    actions = (
        CoordinatedAction.objects.select_related("lead")
        .prefetch_related("lead__sectors", "contributions__organisation__sectors", "locations__country", "countries")
        .order_by("title", "pk")
    )
    for action in actions:
        places: list[tuple[str, str, str, str]] = [
            (loc.country.code, loc.country.name, loc.slug, loc.name) for loc in action.locations.all()
        ]
        located = {code for code, _name, _slug, _loc in places}
        places += [(c.code, c.name, "", "") for c in action.countries.all() if c.code not in located]
        partners: dict[int, tuple[Organisation, str]] = {action.lead_id: (action.lead, "lead")}
        for contribution in action.contributions.all():
            partners.setdefault(contribution.organisation_id, (contribution.organisation, "contributing"))
        risks = tuple(sorted(code for code in action.risks or [] if isinstance(code, str)))
        for code, country_name, slug, location_name in places or [("", "", "", "")]:
            for organisation, role in partners.values():
                yield ThreeWRow(
                    kind=COORDINATED,
                    key=action_key(COORDINATED, action.pk),
                    activity=action.title,
                    url=action_url(COORDINATED, action.pk),
                    partner_id=organisation.pk,
                    partner=str(organisation),
                    role=role,
                    sectors=_sectors(organisation),
                    country=code,
                    country_name=country_name,
                    location=slug,
                    location_name=location_name,
                    outcome=action.outcome,
                    risks=risks,
                    start=action.start,
                    end=action.end,
                    status=action.status,
                )


def _commitment_rows() -> Iterable[ThreeWRow]:
    commitments = (
        Commitment.objects.select_related("country", "organisation", "engagement")
        .prefetch_related("organisation__sectors")
        .order_by("country__name", "due_date", "pk")
    )
    for commitment in commitments:
        organisation = commitment.organisation
        yield ThreeWRow(
            kind=COMMITMENT,
            key=action_key(COMMITMENT, commitment.pk),
            activity=commitment.title,
            url=action_url(COMMITMENT, commitment.pk),
            partner_id=organisation.pk if organisation else None,
            partner=str(organisation) if organisation else (commitment.owner_name or "—"),
            role="owner",
            sectors=_sectors(organisation),
            country=commitment.country.code,
            country_name=commitment.country.name,
            location="",
            location_name="",
            outcome=commitment.outcome or "",
            risks=tuple(sorted(code for code in commitment.risks or [] if isinstance(code, str))),
            start=commitment.engagement.date if commitment.engagement else None,
            end=commitment.due_date,
            status="done" if commitment.done_at else "open",
        )


def _matches(row: ThreeWRow, filters: Mapping[str, Any]) -> bool:
    location = filters.get("location")
    if location == NO_LOCATION and row.location:
        return False
    if location and location != NO_LOCATION and row.location != location:
        return False
    if filters.get("country") and row.country != filters["country"]:
        return False
    if filters.get("sector") and filters["sector"] not in row.sectors:
        return False
    if filters.get("outcome") and row.outcome != filters["outcome"]:
        return False
    if filters.get("risk") and filters["risk"] not in row.risks:
        return False
    partner = filters.get("partner")
    if partner is not None and partner != "" and row.partner_id != getattr(partner, "pk", partner):
        return False
    if filters.get("status") and row.status != filters["status"]:
        return False
    if filters.get("kind") and row.kind != filters["kind"]:
        return False
    start, end = filters.get("start"), filters.get("end")
    if start and row.end and row.end < start:
        return False
    return not (end and row.start and row.start > end)


def three_w_rows(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> list[ThreeWRow]:
    """Every who/what/where/when row, filtered by the cleaned filters (see ``filters/three_w.py``)."""
    access_coordination(viewer)
    rows = [*_local_rows(), *_coordinated_rows(), *_commitment_rows()]
    if filters:
        rows = [row for row in rows if _matches(row, filters)]
    return rows


# The matrix --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    key: str
    label: str
    params: tuple[tuple[str, str], ...]  # the filters that pick it out
    order: tuple[Any, ...] = ()  # where it sorts among its kind


def _headings(row: ThreeWRow, dimension: str) -> list[Heading]:
    if dimension == "partner":
        if row.partner_id is None:
            return [Heading("", row.partner, ())]
        return [Heading(str(row.partner_id), row.partner, (("partner", str(row.partner_id)),))]
    if dimension == "sector":
        labels = dict(Sector.Code.choices)
        return [Heading(code, str(labels.get(code, code)), (("sector", code),)) for code in row.sectors] or [
            Heading("", _("No sector"), ())
        ]
    if dimension == "location":
        # Locations by country, each country's national activities after its locations, partnership-wide last.
        if row.location:
            order = (0, row.country_name, 0, row.location_name.lower())
            return [Heading(row.location, row.location_name, (("location", row.location),), order)]
        if row.country:
            return [
                Heading(
                    f"country:{row.country}",
                    _("{country} (national)").format(country=row.country_name),
                    (("country", row.country), ("location", NO_LOCATION)),
                    (0, row.country_name, 1, ""),
                )
            ]
        return [Heading("", _("Partnership-wide"), (("location", NO_LOCATION),), (1, "", 0, ""))]
    if dimension == "outcome":
        return [
            Heading(
                row.outcome, row.outcome_label or _("No outcome"), (("outcome", row.outcome),) if row.outcome else ()
            )
        ]
    if dimension == "risk":
        labels = dict(RiskDimension.choices)
        return [Heading(code, str(labels.get(code, code)), (("risk", code),)) for code in row.risks] or [
            Heading("", _("No 4Cs risk"), ())
        ]
    raise ValueError(dimension)


def _order(dimension: str) -> list[str]:
    if dimension == "outcome":
        return [*Outcome.values, ""]
    if dimension == "risk":
        return [*RiskDimension.values, ""]
    if dimension == "sector":
        return [*Sector.Code.values, ""]
    return []


@dataclass
class Matrix:
    rows_by: str
    columns_by: str
    columns: list[Heading]
    rows: list[tuple[Heading, list[tuple[int, tuple[tuple[str, str], ...]]]]]  # heading, [(count, params)] per column
    totals: list[int]  # activities per column

    @property
    def is_empty(self) -> bool:
        return not self.rows


def pivot(rows: list[ThreeWRow], *, rows_by: str = "partner", columns_by: str = "location") -> Matrix:
    """Activities counted per (row heading, column heading); an activity counts once per cell."""
    rows_by = rows_by if rows_by in ROW_DIMENSIONS else "partner"
    columns_by = columns_by if columns_by in COLUMN_DIMENSIONS else "location"
    cells: dict[tuple[str, str], set[str]] = defaultdict(set)
    per_column: dict[str, set[str]] = defaultdict(set)
    row_heads: dict[str, Heading] = {}
    column_heads: dict[str, Heading] = {}
    for row in rows:
        for r in _headings(row, rows_by):
            row_heads.setdefault(r.key, r)
            for c in _headings(row, columns_by):
                column_heads.setdefault(c.key, c)
                cells[r.key, c.key].add(row.key)
                per_column[c.key].add(row.key)

    def sort_key(dimension: str) -> Any:
        order = _order(dimension)
        return lambda h: (h.order, order.index(h.key) if h.key in order else len(order), h.label.lower())

    columns = sorted(column_heads.values(), key=sort_key(columns_by))
    matrix_rows = [
        (head, [(len(cells[head.key, column.key]), head.params + column.params) for column in columns])
        for head in sorted(row_heads.values(), key=sort_key(rows_by))
    ]
    return Matrix(rows_by, columns_by, columns, matrix_rows, [len(per_column[c.key]) for c in columns])


@dataclass
class MapPoint:
    name: str
    slug: str
    country: str
    latitude: float
    longitude: float
    count: int
    stage: str


@dataclass
class Places:
    points: list[MapPoint]  # pilot locations with coordinates
    unmapped: list[tuple[str, int]] = field(default_factory=list)  # locations without coordinates
    national: list[tuple[str, str, int]] = field(default_factory=list)  # (code, country, activities) without a location


def places(rows: list[ThreeWRow]) -> Places:
    """Activities per pilot location (for the map) and per country where they have no location."""
    at: dict[str, set[str]] = defaultdict(set)
    national: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.location:
            at[row.location].add(row.key)
        elif row.country:
            national[row.country, row.country_name].add(row.key)
    found = Places(points=[])
    for location in PilotLocation.objects.filter(is_active=True).select_related("country").order_by("name"):
        count = len(at.get(location.slug, ()))
        if location.latitude is None or location.longitude is None:
            if count:
                found.unmapped.append((location.name, count))
            continue
        found.points.append(
            MapPoint(
                name=location.name,
                slug=location.slug,
                country=location.country.code,
                latitude=float(location.latitude),
                longitude=float(location.longitude),
                count=count,
                stage=location.stage,
            )
        )
    found.national = sorted(((code, name, len(keys)) for (code, name), keys in national.items()), key=lambda t: t[1])
    return found
