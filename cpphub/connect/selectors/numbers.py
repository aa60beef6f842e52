"""The numbers of referrals for results: suppressed aggregates only, for every partnership member.

What is counted
---------------
Of the referrals sent in the period (``sent_at``), by the pilot location, sex
and age band of their case:

- ``made``: every referral sent; ``accepted``: those accepted (so also in
  progress and done); ``completed``: those done;
- ``due``: those whose answer was due, i.e. answered (accepted or declined), or
  past their deadline without being revoked before it; ``in_time``: those
  answered by their deadline. The share answered in time is ``in_time / due``;
- ``served``: the cases (not referrals) that reached a first service: the
  earliest ``started_at`` of their referrals, or ``accepted_at`` when a
  referral has no ``started_at``. The median days from identification
  (``identified_on``) to first service is taken over those cases.

How it is protected
-------------------
Exactly as the risk map (``cpphub/mapping/selectors/riskmap.py``): the unit of
protection is the table of one measure for one location, age bands x sex, with
its totals, protected by the engine (``cpphub.mapping.suppression``,
``protect_grid``) with the partnership's threshold k. The views are cut from
that one table: a location's number is its grand total, the breakdowns by sex
and by age band its column and row totals. Across locations a number is the
sum of the locations' protected tables, published only when every part is
published; so a small count of one location also withholds the total across
locations, and no published sum gives a hidden number away.

A median or a share is published only when the count under it (``served``;
``due`` and ``in_time``) is published and at least k; else it is withheld the
same way, never shown.

Residual risk: two overlapping periods (Jan-Mar and Jan-Feb) are two separate
tables; their difference is not protected. Members only read these numbers.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from cpphub.connect.models import AgeBand, Referral, Sex
from cpphub.connect.selectors.access import can_read_numbers
from cpphub.mapping.selectors.riskmap import suppression_threshold
from cpphub.mapping.suppression import ProtectedTable, PublishedCount, Reason, protect_table, sum_tables
from cpphub.partnership.models import Country, PilotLocation

MEASURES = ("made", "accepted", "completed", "due", "in_time", "served")
ROWS: tuple[str, ...] = tuple(AgeBand.values)
COLUMNS: tuple[str, ...] = tuple(Sex.values)

Grid = tuple[tuple[int, ...], ...]


class BadParams(ValueError):
    """A question the numbers cannot answer; the message (translated) says why."""


class NoAccess(PermissionError):
    """The viewer is not a partnership member."""


# --- Parameters ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    location: PilotLocation | None = None
    country: Country | None = None
    sent_from: dt.date | None = None
    sent_to: dt.date | None = None

    def as_filters(self) -> dict[str, str]:
        return {
            "location": self.location.slug if self.location else "",
            "country": self.country.code if self.country else "",
            "sent_from": self.sent_from.isoformat() if self.sent_from else "",
            "sent_to": self.sent_to.isoformat() if self.sent_to else "",
        }


def _date(query: Mapping[str, Any], name: str, label: str) -> dt.date | None:
    raw = str(query.get(name) or "").strip()
    if not raw:
        return None
    try:
        parsed = parse_date(raw)
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadParams(_("{label} must be a date like 2026-01-31, not {value}.").format(label=label, value=raw[:20]))
    return parsed


def numbers_params(query: Mapping[str, Any]) -> Params:
    """The question from GET parameters (location slug, country code, sent_from, sent_to); ``BadParams`` if wrong."""
    location = None
    slug = str(query.get("location") or "").strip()
    if slug:
        location = PilotLocation.objects.select_related("country").filter(slug=slug).first()
        if location is None:
            raise BadParams(_("There is no pilot location {slug}.").format(slug=slug[:80]))
    country = None
    code = str(query.get("country") or "").strip()
    if code:
        country = Country.objects.filter(code__iexact=code).first()
        if country is None:
            raise BadParams(_("There is no country {code}.").format(code=code[:10]))
    sent_from = _date(query, "sent_from", _("Sent from"))
    sent_to = _date(query, "sent_to", _("Sent to"))
    if sent_from and sent_to and sent_from > sent_to:
        raise BadParams(_("The period starts after it ends."))
    return Params(location=location, country=country, sent_from=sent_from, sent_to=sent_to)


# --- Protection ---------------------------------------------------------------------------


def _sum(parts: Sequence[ProtectedTable], k: int) -> ProtectedTable:
    """The cell by cell sum of protected tables: published only where every part is published."""
    return sum_tables(parts, k, (len(ROWS) + 1, len(COLUMNS) + 1))


# --- Published numbers --------------------------------------------------------------------


@dataclass(frozen=True)
class Stat:
    """A median or a share as it may be shown: ``value`` None with ``suppressed`` when withheld."""

    value: float | None
    suppressed: bool = False
    reason: Reason | None = None


@dataclass(frozen=True)
class Group:
    """One line of a breakdown: the published counts, the median days and the share answered in time."""

    key: str  # location slug, sex or age band code; "" for the total
    label: str
    counts: dict[str, PublishedCount]
    median_days: Stat
    in_time_share: Stat

    @property
    def made(self) -> PublishedCount:
        return self.counts["made"]

    @property
    def accepted(self) -> PublishedCount:
        return self.counts["accepted"]

    @property
    def completed(self) -> PublishedCount:
        return self.counts["completed"]


@dataclass(frozen=True)
class Numbers:
    k: int
    params: Params
    by_location: tuple[Group, ...]
    total: Group
    by_sex: tuple[Group, ...]
    by_age_band: tuple[Group, ...]


def _withheld(count: PublishedCount, k: int) -> Stat | None:
    """Why a statistic over ``count`` items may not be shown (None: it may)."""
    if count.suppressed:
        return Stat(None, True, count.reason)
    if count.value is not None and 1 <= count.value < k:
        return Stat(None, True, Reason.PRIMARY)
    return None


def _median(served: PublishedCount, days: list[int], k: int) -> Stat:
    withheld = _withheld(served, k)
    if withheld is not None:
        return withheld
    if not days:
        return Stat(None)
    return Stat(float(statistics.median(days)))


def _share(due: PublishedCount, in_time: PublishedCount, k: int) -> Stat:
    withheld = _withheld(due, k)
    if withheld is not None:
        return withheld
    if in_time.suppressed:
        return Stat(None, True, Reason.COMPLEMENTARY)
    if not due.value:
        return Stat(None)
    return Stat(round((in_time.value or 0) / due.value, 4))


# --- Loading --------------------------------------------------------------------------------


@dataclass
class _Loaded:
    # location id -> measure -> (row, column) -> n
    counts: dict[int, dict[str, dict[tuple[str, str], int]]] = field(default_factory=dict)
    # location id -> (row, column) -> days from identification to first service, one per case served
    days: dict[int, dict[tuple[str, str], list[int]]] = field(default_factory=dict)

    def add(self, location_id: int, measure: str, row: str, column: str) -> None:
        cells = self.counts.setdefault(location_id, {}).setdefault(measure, {})
        cells[(row, column)] = cells.get((row, column), 0) + 1


def _referrals(params: Params) -> Any:
    rows = Referral.objects.all()
    if params.location is not None:
        rows = rows.filter(case__location=params.location)
    if params.country is not None:
        rows = rows.filter(case__location__country=params.country)
    zone = timezone.get_current_timezone()
    if params.sent_from is not None:
        rows = rows.filter(sent_at__gte=dt.datetime.combine(params.sent_from, dt.time.min, tzinfo=zone))
    if params.sent_to is not None:
        end = dt.datetime.combine(params.sent_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        rows = rows.filter(sent_at__lt=end)
    return rows


def _load(params: Params, now: dt.datetime) -> _Loaded:
    loaded = _Loaded()
    first_service: dict[int, dt.datetime] = {}
    case_cell: dict[int, tuple[int, str, str, dt.date]] = {}
    rows = _referrals(params).values_list(
        "case_id",
        "case__location_id",
        "case__sex",
        "case__age_band",
        "case__identified_on",
        "status",
        "deadline_at",
        "accepted_at",
        "declined_at",
        "started_at",
        "revoked_at",
    )
    bands, sexes = set(ROWS), set(COLUMNS)
    for (
        case_id,
        location_id,
        sex,
        age_band,
        identified_on,
        status,
        deadline,
        accepted,
        declined,
        started,
        revoked,
    ) in rows.order_by():
        row = age_band if age_band in bands else ROWS[-1]
        column = sex if sex in sexes else Sex.NOT_STATED
        loaded.add(location_id, "made", row, column)
        if accepted is not None:
            loaded.add(location_id, "accepted", row, column)
        if status == Referral.Status.DONE:
            loaded.add(location_id, "completed", row, column)
        answered = accepted or declined
        if answered is not None:
            loaded.add(location_id, "due", row, column)
            if answered <= deadline:
                loaded.add(location_id, "in_time", row, column)
        elif deadline < now and not (revoked is not None and revoked <= deadline):
            loaded.add(location_id, "due", row, column)
        service = started or accepted
        if service is not None and (case_id not in first_service or service < first_service[case_id]):
            first_service[case_id] = service
        case_cell[case_id] = (location_id, row, column, identified_on)
    for case_id, service in first_service.items():
        location_id, row, column, identified_on = case_cell[case_id]
        loaded.add(location_id, "served", row, column)
        days = max((timezone.localdate(service) - identified_on).days, 0)
        loaded.days.setdefault(location_id, {}).setdefault((row, column), []).append(days)
    return loaded


def _locations(params: Params, with_referrals: Iterable[int]) -> list[PilotLocation]:
    """The locations of the view: the one asked for, or every active one (of the country) and any with referrals."""
    if params.location is not None:
        return [params.location]
    chosen = PilotLocation.objects.filter(Q(is_active=True) | Q(pk__in=set(with_referrals)))
    if params.country is not None:
        chosen = chosen.filter(country=params.country)
    return list(chosen.order_by("name", "pk"))


# --- The numbers ----------------------------------------------------------------------------


def _table(loaded: _Loaded, location_id: int, measure: str, k: int) -> ProtectedTable:
    cells = loaded.counts.get(location_id, {}).get(measure, {})
    return protect_table(tuple(tuple(cells.get((r, c), 0) for c in COLUMNS) for r in ROWS), k)


def _days(loaded: _Loaded, location_ids: Iterable[int], i: int | None, j: int | None) -> list[int]:
    """Days of the cases in the slice: row ``i`` (None: all), column ``j`` (None: all)."""
    found: list[int] = []
    for location_id in location_ids:
        for (row, column), days in loaded.days.get(location_id, {}).items():
            if (i is None or ROWS[i] == row) and (j is None or COLUMNS[j] == column):
                found.extend(days)
    return found


def _group(
    key: str,
    label: str,
    tables: dict[str, ProtectedTable],
    at: tuple[int, int],
    days: list[int],
    k: int,
) -> Group:
    i, j = at
    counts = {measure: tables[measure].published[i][j] for measure in MEASURES}
    return Group(
        key=key,
        label=label,
        counts=counts,
        median_days=_median(counts["served"], days, k),
        in_time_share=_share(counts["due"], counts["in_time"], k),
    )


def referral_numbers(*, viewer: Any, params: Params | None = None, now: dt.datetime | None = None) -> Numbers:
    """The suppressed numbers of referrals for ``params``; ``NoAccess`` for anyone but a partnership member."""
    if not can_read_numbers(viewer):
        raise NoAccess
    params = params or Params()
    now = now or timezone.now()
    k = suppression_threshold()
    loaded = _load(params, now)
    locations = _locations(params, loaded.counts)
    ids = [location.pk for location in locations]
    per_location = {pk: {m: _table(loaded, pk, m, k) for m in MEASURES} for pk in ids}
    if ids:
        summed = {m: _sum([per_location[pk][m] for pk in ids], k) for m in MEASURES}
    else:
        summed = {m: protect_table(tuple((0,) * len(COLUMNS) for _r in ROWS), k) for m in MEASURES}
    corner = (len(ROWS), len(COLUMNS))
    by_location = tuple(
        _group(
            location.slug, location.name, per_location[location.pk], corner, _days(loaded, [location.pk], None, None), k
        )
        for location in locations
    )
    total = _group(
        "",
        _("All locations") if len(ids) != 1 else locations[0].name,
        summed,
        corner,
        _days(loaded, ids, None, None),
        k,
    )
    by_sex = tuple(
        _group(code, str(Sex(code).label), summed, (len(ROWS), j), _days(loaded, ids, None, j), k)
        for j, code in enumerate(COLUMNS)
    )
    by_age_band = tuple(
        _group(code, str(AgeBand(code).label), summed, (i, len(COLUMNS)), _days(loaded, ids, i, None), k)
        for i, code in enumerate(ROWS)
    )
    return Numbers(k=k, params=params, by_location=by_location, total=total, by_sex=by_sex, by_age_band=by_age_band)


# --- Plain data (API) and rows (exports) -----------------------------------------------------


def published_dict(count: PublishedCount | Stat) -> dict[str, Any]:
    if count.suppressed:
        return {"value": None, "suppressed": True, "reason": str(count.reason) if count.reason else None}
    return {"value": count.value, "suppressed": False}


def group_dict(group: Group) -> dict[str, Any]:
    return {
        "key": group.key,
        "label": group.label,
        "made": published_dict(group.made),
        "accepted": published_dict(group.accepted),
        "completed": published_dict(group.completed),
        "served": published_dict(group.counts["served"]),
        "answer_due": published_dict(group.counts["due"]),
        "answered_in_time": published_dict(group.counts["in_time"]),
        "median_days_to_first_service": published_dict(group.median_days),
        "answered_in_time_share": published_dict(group.in_time_share),
    }


def numbers_dict(numbers: Numbers) -> dict[str, Any]:
    """The numbers as plain data (the API's body): every number published or withheld, never a raw count."""
    return {
        "k": numbers.k,
        "filters": {key: value or None for key, value in numbers.params.as_filters().items()},
        "by_location": [group_dict(g) for g in numbers.by_location],
        "total": group_dict(numbers.total),
        "by_sex": [group_dict(g) for g in numbers.by_sex],
        "by_age_band": [group_dict(g) for g in numbers.by_age_band],
    }


def export_rows(numbers: Numbers) -> list[list[Any]]:
    """One row per group: breakdown, group, the counts, median days, share in time; a withheld number is empty."""

    def value(count: PublishedCount | Stat) -> Any:
        return None if count.suppressed else count.value

    lines = [
        *((_("Location"), g) for g in numbers.by_location),
        (_("Total"), numbers.total),
        *((_("Sex"), g) for g in numbers.by_sex),
        *((_("Age band"), g) for g in numbers.by_age_band),
    ]
    return [
        [
            breakdown,
            group.label,
            value(group.made),
            value(group.accepted),
            value(group.completed),
            value(group.counts["served"]),
            value(group.median_days),
            value(group.counts["due"]),
            value(group.counts["in_time"]),
            value(group.in_time_share),
        ]
        for breakdown, group in lines
    ]
