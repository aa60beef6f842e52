"""The risk and strength map: suppressed aggregates of the ``MapCount`` rows.

Every output of the map (the page, its charts, the exports, the API) reads
through this module, and this module publishes only what the suppression engine
(``cpphub.mapping.suppression``) lets out: a number a view, an export or the API
can reach is a ``PublishedCount``, never a raw count. The map reads ``MapCount``
rows only, never answers, so it costs the same at a thousand submissions as at
a million.

Fixed tables, and how the views are cut from them
-------------------------------------------------
The unit of protection is the table of one key (``respondents``,
``risk:contact:sexual``, ``strength:trusted_adult``, ...) for one location, one
mapping round and one perspective: children's age bands (plus "age not
recorded") x sex (female, male, not stated; a missing sex counts as not stated),
with its row, column and grand totals, protected by ``suppress_table``. Key
informants have no age band: their table has one row. The views ``by=()``,
``by=(sex,)``, ``by=(age_band,)`` and ``by=(age_band, sex)`` are the grand
total, the column totals, the row totals and the whole table of that one
protected table, so two views never hide different complements of a cell.
The heat map and the bar charts show grand totals; the comparison between the
rounds of a location shows the grand totals of each round's table. None of
these publishes a number that the location's own tables do not.

Sums of tables: across locations, across rounds
-----------------------------------------------
A view across locations (or the comparison between locations) is the cell by
cell sum of the protected tables of every location and round it covers. A sum
is published only when every part of it is published in its own table, and is
withheld otherwise (``primary`` when the sum itself is below k, ``complementary``
when it is not). So a published sum is always the sum of published numbers, and
adds nothing an attacker could not already add up; a withheld sum spans the sum
of its parts' intervals, which the engine already made wide enough (more than
one value, reaching k). Differencing an across-location view against the
location views therefore recovers no hidden cell, at the price of hiding more
across locations when some location has small counts.

Items
-----
The item view gives, per select question of an instrument, how many
submissions chose each choice, protected as a series with its total
(``suppress_series``) in each location and round, and summed the same way
across. The questions named ``age_band`` and ``sex`` are left out: their counts
are the margins of the respondents table, published there.

Caching
-------
The engine is deterministic, so its results are memoised by the table's
content and k (``protect_table``, ``_protect_series``): a new or withdrawn
submission changes the counts, hence the key, so a stale number cannot be
served, and only the tables that changed are protected again.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db.models import F, Max, QuerySet, Sum
from django.utils.translation import gettext as _

from cpphub.mapping.models import (
    AgeBand,
    Channel,
    Choice,
    Finding,
    IctTag,
    MapCount,
    MappingSettings,
    Perspective,
    RiskDimension,
    RiskRow,
    Sex,
    Strength,
)
from cpphub.mapping.selectors.access import access_mapping
from cpphub.mapping.suppression import (
    DEFAULT_THRESHOLD,
    MIN_THRESHOLD,
    ProtectedTable,
    PublishedCount,
    protect_series,
    protect_table,
    sum_tables,
)
from cpphub.partnership.models import PilotLocation

RESPONDENTS = "respondents"
BY_VALUES = ("age_band", "sex")
CHILD_ROWS: tuple[str, ...] = (*AgeBand.values, "")
INFORMANT_ROWS: tuple[str, ...] = ("",)
COLUMNS: tuple[str, ...] = tuple(Sex.values)
DEMOGRAPHIC_QUESTIONS = frozenset({"age_band", "sex"})
TOP = 10

RISK_KEYS = tuple(f"risk:{d}:{r}" for d in RiskDimension.values for r in (*RiskRow.values, ""))
STRENGTH_KEYS = tuple(f"strength:{code}" for code in Strength.values)
ICT_KEYS = tuple(f"ict:{code}" for code in IctTag.values)
CHANNEL_KEYS = tuple(f"channel:{code}" for code in Channel.values)
FIXED_KEYS = (RESPONDENTS, *RISK_KEYS, *STRENGTH_KEYS, *ICT_KEYS, *CHANNEL_KEYS)
_ITEM_KEY = re.compile(r"^item:(\d+):(.*)$")

Part = tuple[int, int]  # (location id, round)
Grid = tuple[tuple[int, ...], ...]


class BadParams(ValueError):
    """A question the map cannot answer; the message (translated) says why."""


# --- The threshold ------------------------------------------------------------------


def suppression_threshold() -> int:
    """The partnership's small-cell threshold k (``MappingSettings`` row 1), never below the minimum."""
    threshold = MappingSettings.objects.filter(pk=1).values_list("threshold", flat=True).first()
    return max(int(threshold or DEFAULT_THRESHOLD), MIN_THRESHOLD)


# --- Parameters ----------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    location: PilotLocation | None = None
    round: int | None = None
    perspective: str = Perspective.CHILD
    by: tuple[str, ...] = ()


def _values(query: Mapping[str, Any], name: str) -> list[str]:
    raw = query.getlist(name) if hasattr(query, "getlist") else [query.get(name)]
    return [part.strip() for value in raw if value for part in str(value).split(",") if part.strip()]


def riskmap_params(query: Mapping[str, Any]) -> Params:
    """The map's question from GET parameters (location slug, round, perspective, by); ``BadParams`` if wrong."""
    location = None
    slug = str(query.get("location") or "").strip()
    if slug:
        location = PilotLocation.objects.filter(slug=slug).first()
        if location is None:
            raise BadParams(_("There is no pilot location {slug}.").format(slug=slug[:80]))
    round_number = None
    raw_round = str(query.get("round") or "").strip()
    if raw_round:
        if not raw_round.isdigit() or not 1 <= int(raw_round) <= 32767:
            raise BadParams(_("The round must be a whole number from 1, not {value}.").format(value=raw_round[:20]))
        round_number = int(raw_round)
    perspective = str(query.get("perspective") or Perspective.CHILD).strip()
    if perspective not in Perspective.values:
        raise BadParams(_("The perspective must be one of {choices}.").format(choices=", ".join(Perspective.values)))
    by = _values(query, "by")
    unknown = [value for value in by if value not in BY_VALUES]
    if unknown:
        raise BadParams(
            _("The map can be broken down by {choices}, not {value}.").format(
                choices=", ".join(BY_VALUES), value=", ".join(unknown)[:80]
            )
        )
    return Params(
        location=location,
        round=round_number,
        perspective=perspective,
        by=tuple(value for value in BY_VALUES if value in by),
    )


# --- Published tables ---------------------------------------------------------------


@dataclass(frozen=True)
class GroupCount:
    """One published number of a breakdown; ``None`` for age band or sex means all of them."""

    age_band: str | None
    sex: str | None
    count: PublishedCount


@dataclass(frozen=True)
class Table:
    """One key's published table: rows (age bands) x columns (sex); the last row and column hold the totals."""

    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    grid: tuple[tuple[PublishedCount, ...], ...]

    def cell(self, row: str, column: str) -> PublishedCount:
        return self.grid[self.rows.index(row)][self.columns.index(column)]

    def row_total(self, row: str) -> PublishedCount:
        return self.grid[self.rows.index(row)][-1]

    def column_total(self, column: str) -> PublishedCount:
        return self.grid[-1][self.columns.index(column)]

    @property
    def total(self) -> PublishedCount:
        return self.grid[-1][-1]

    def view(self, by: Sequence[str]) -> list[GroupCount]:
        """The breakdown asked for, cut from this one table, always ending with the total."""
        counts: list[GroupCount] = []
        if "age_band" in by and "sex" in by:
            counts += [GroupCount(r, c, self.cell(r, c)) for r in self.rows for c in self.columns]
        if "age_band" in by:
            counts += [GroupCount(r, None, self.row_total(r)) for r in self.rows]
        if "sex" in by:
            counts += [GroupCount(None, c, self.column_total(c)) for c in self.columns]
        counts.append(GroupCount(None, None, self.total))
        return counts


@lru_cache(maxsize=100_000)
def _protect_series(values: tuple[int, ...], k: int) -> ProtectedTable:
    """A series and its total as one row, protected by ``protect_series`` (as ``suppress_series`` would)."""
    full = ((*values, sum(values)),)
    if not any(1 <= count < k for count in full[0]):
        return ProtectedTable(full, (tuple(PublishedCount(count) for count in full[0]),))
    series = protect_series(values, k=k)
    return ProtectedTable(full, ((*series.values, series.total),))


def clear_cache() -> None:
    """Forget the memoised protections (the benchmark starts cold)."""
    protect_table.cache_clear()
    _protect_series.cache_clear()


# --- Loading the counts --------------------------------------------------------------


@dataclass
class _Counts:
    """Counts of one perspective as loaded: part -> key -> (row, column) -> n."""

    perspective: str
    k: int
    cells: dict[Part, dict[str, dict[tuple[str, str], int]]] = field(default_factory=dict)

    @property
    def rows(self) -> tuple[str, ...]:
        return CHILD_ROWS if self.perspective == Perspective.CHILD else INFORMANT_ROWS

    def table(self, parts: Iterable[Part], key: str) -> Table:
        rows, columns = self.rows, COLUMNS
        protected = []
        for part in parts:
            counts = self.cells.get(part, {}).get(key, {})
            grid = tuple(tuple(counts.get((r, c), 0) for c in columns) for r in rows)
            protected.append(protect_table(grid, self.k))
        if not protected:
            protected.append(protect_table(tuple((0,) * len(columns) for _ in rows), self.k))
        summed = sum_tables(protected, self.k, (len(rows) + 1, len(columns) + 1))
        return Table(key=key, rows=rows, columns=columns, grid=summed.published)

    def series(self, parts: Iterable[Part], keys: Sequence[str]) -> tuple[PublishedCount, ...]:
        """The protected counts of ``keys`` (summed over age band and sex), then their total."""
        protected = []
        for part in parts:
            counts = self.cells.get(part, {})
            values = tuple(sum(counts.get(key, {}).values()) for key in keys)
            protected.append(_protect_series(values, self.k))
        if not protected:
            protected.append(_protect_series((0,) * len(keys), self.k))
        return sum_tables(protected, self.k, (1, len(keys) + 1)).published[0]


def _load(*, perspective: str, k: int, location: PilotLocation | None, round: int | None = None) -> _Counts:
    """One query: the counts of the perspective (of one location, of one round), summed over instruments."""
    rows = MapCount.objects.filter(perspective=perspective)
    if location is not None:
        rows = rows.filter(location=location)
    if round is not None:
        rows = rows.filter(round=round)
    counts = _Counts(perspective=perspective, k=k)
    child = perspective == Perspective.CHILD
    columns = set(COLUMNS)
    grouped = rows.values_list("location_id", "round", "age_band", "sex", "key").annotate(total=Sum("n")).order_by()
    for location_id, round_number, age_band, sex, key, total in grouped:
        row = age_band if child and age_band in CHILD_ROWS else ""
        column = sex if sex in columns else Sex.NOT_STATED
        cell = counts.cells.setdefault((location_id, round_number), {}).setdefault(key, {})
        cell[(row, column)] = cell.get((row, column), 0) + max(int(total or 0), 0)
    return counts


def _rounds(location: PilotLocation | None) -> list[int]:
    """The mapping rounds that have counts (of the location), in order."""
    rows = MapCount.objects.all() if location is None else MapCount.objects.filter(location=location)
    return sorted(set(rows.values_list("round", flat=True).distinct().order_by()))


# --- The map -------------------------------------------------------------------------


def key_label(key: str) -> str:
    """A key as people read it, in the active language: "Contact · Sexual", "Trusted adult", ..."""
    kind, _sep, code = key.partition(":")
    if key == RESPONDENTS:
        return _("Respondents")
    if kind == "risk":
        dimension, _sep, row = code.partition(":")
        return "{dimension} · {row}".format(
            dimension=_label(RiskDimension, dimension), row=_label(RiskRow, row) if row else _("not specified")
        )
    choices: dict[str, Any] = {"strength": Strength, "ict": IctTag, "channel": Channel}
    return _label(choices[kind], code) if kind in choices else key


def _label(choices: Any, code: str) -> str:
    return str(choices(code).label) if code in choices.values else code


def row_label(perspective: str, row: str) -> str:
    if perspective != Perspective.CHILD:
        return _("Key informants")
    return _label(AgeBand, row) if row else _("Age not recorded")


def column_label(column: str) -> str:
    return _label(Sex, column)


@dataclass(frozen=True)
class Measure:
    """One key in the chosen view: its label and its protected table."""

    key: str
    label: str
    table: Table

    @property
    def count(self) -> PublishedCount:
        return self.table.total


@dataclass(frozen=True)
class HeatRow:
    row: str
    label: str
    cells: tuple[Measure, ...]


@dataclass(frozen=True)
class ItemSeries:
    """The protected counts of the choices of one select question."""

    question_id: int
    choices: tuple[tuple[str, PublishedCount], ...]
    total: PublishedCount


@dataclass(frozen=True)
class Comparison:
    """Grand totals of the keys for each column (a location, a round): ``values[key][column]``."""

    columns: tuple[Any, ...]
    keys: tuple[str, ...]
    values: dict[str, tuple[PublishedCount, ...]]


@dataclass(frozen=True)
class RiskMap:
    k: int
    location: PilotLocation | None
    round: int | None
    rounds: tuple[int, ...]
    perspective: str
    by: tuple[str, ...]
    respondents: Measure
    heatmap: tuple[HeatRow, ...]
    risks: tuple[Measure, ...]
    strengths: tuple[Measure, ...]
    ict: tuple[Measure, ...]
    channels: tuple[Measure, ...]
    items: tuple[ItemSeries, ...]
    by_round: Comparison

    @property
    def measures(self) -> tuple[Measure, ...]:
        return (self.respondents, *self.risks, *self.strengths, *self.ict, *self.channels)

    @property
    def top_risks(self) -> list[Measure]:
        return ranked(self.risks)[:TOP]

    @property
    def top_strengths(self) -> list[Measure]:
        return ranked(self.strengths)[:TOP]


def ranked(measures: Iterable[Measure]) -> list[Measure]:
    """Most reported first by published value; withheld ones last, in code order (never by their true value)."""
    listed = list(measures)
    published = sorted(
        (m for m in listed if not m.count.suppressed), key=lambda m: -(m.count.value or 0)
    )  # stable: ties keep code order
    return [*published, *(m for m in listed if m.count.suppressed)]


def _choices_of(question_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    """The choice names of each select question, in form order, demographic questions left out."""
    choices: dict[int, list[str]] = defaultdict(list)
    rows = (
        Choice.objects.filter(question_id__in=set(question_ids))
        .exclude(question__name__in=DEMOGRAPHIC_QUESTIONS)
        .order_by("question_id", "order", "id")
        .values_list("question_id", "name")
    )
    for question_id, name in rows:
        choices[question_id].append(name)
    return {question_id: tuple(names) for question_id, names in choices.items()}


def riskmap(
    *,
    viewer: Any,
    location: PilotLocation | None = None,
    round: int | None = None,
    perspective: str = Perspective.CHILD,
    by: Sequence[str] = (),
) -> RiskMap:
    """The suppressed risk and strength map of a location (None: across all locations).

    ``round`` None is the latest round of the location, or every round across
    locations. Every member may read it; nobody sees a raw count here.
    """
    access_mapping(viewer)
    k = suppression_threshold()
    rounds = tuple(_rounds(location))
    if location is not None and round is None and rounds:
        round = rounds[-1]
    counts = _load(perspective=perspective, k=k, location=location)
    parts: list[Part] = [part for part in counts.cells if round is None or part[1] == round]
    if location is not None and round is not None:
        parts = [(location.pk, round)]

    def measure(key: str) -> Measure:
        return Measure(key=key, label=key_label(key), table=counts.table(parts, key))

    risks = {key: measure(key) for key in RISK_KEYS}
    heatmap = tuple(
        HeatRow(
            row=row,
            label=str(RiskRow(row).label) if row else _("Not specified"),
            cells=tuple(risks[f"risk:{dimension}:{row}"] for dimension in RiskDimension.values),
        )
        for row in (*RiskRow.values, "")
    )
    question_ids = {
        int(match.group(1))
        for keys in counts.cells.values()
        for key in keys
        if (match := _ITEM_KEY.match(key)) is not None
    }
    items = []
    for question_id, names in sorted(_choices_of(question_ids).items()):
        published = counts.series(parts, [f"item:{question_id}:{name}" for name in names])
        items.append(ItemSeries(question_id, tuple(zip(names, published[:-1], strict=True)), published[-1]))
    by_round_parts = {
        r: [part for part in counts.cells if part[1] == r] if location is None else [(location.pk, r)] for r in rounds
    }
    by_round = Comparison(
        columns=rounds,
        keys=FIXED_KEYS,
        values={key: tuple(counts.table(by_round_parts[r], key).total for r in rounds) for key in FIXED_KEYS},
    )
    return RiskMap(
        k=k,
        location=location,
        round=round,
        rounds=rounds,
        perspective=perspective,
        by=tuple(value for value in BY_VALUES if value in by),
        respondents=measure(RESPONDENTS),
        heatmap=heatmap,
        risks=tuple(risks.values()),
        strengths=tuple(measure(key) for key in STRENGTH_KEYS),
        ict=tuple(measure(key) for key in ICT_KEYS),
        channels=tuple(measure(key) for key in CHANNEL_KEYS),
        items=tuple(items),
        by_round=by_round,
    )


def riskmap_locations(*, viewer: Any, round: int | None = None, perspective: str = Perspective.CHILD) -> Comparison:
    """The comparison between locations: for each active location, the grand total of each key.

    Each number is the grand total of that location's own table for ``round``
    (None: the location's latest round), exactly as the location's map
    publishes it; the last column is the sum across those tables.
    """
    access_mapping(viewer)
    k = suppression_threshold()
    locations = list(PilotLocation.objects.filter(is_active=True).order_by("name"))
    counts = _load(perspective=perspective, k=k, location=None, round=round)
    latest: dict[int, int] = dict(
        MapCount.objects.values_list("location_id").annotate(latest=Max("round")).order_by()  # type: ignore[arg-type]
    )
    chosen: dict[int, Part | None] = {}
    for location in locations:
        r = round if round is not None else latest.get(location.pk)
        chosen[location.pk] = (location.pk, r) if r is not None else None
    every = [part for part in chosen.values() if part is not None]
    values = {
        key: (
            *(counts.table([part] if part else [], key).total for part in chosen.values()),
            counts.table(every, key).total,
        )
        for key in FIXED_KEYS
    }
    return Comparison(columns=(*locations, None), keys=FIXED_KEYS, values=values)


# --- Items, findings -------------------------------------------------------------------


def form_language(languages: Sequence[str], language_code: str) -> str:
    """The form language that matches a Django language code: "ไทย (th)" for "th", "Português (pt)" for "pt-br"."""
    code = language_code.lower()
    candidates = [code, code.split("-")[0]]
    for candidate in candidates:
        for name in languages:
            match = re.search(r"\(([^()]+)\)\s*$", name)
            if match and match.group(1).strip().lower() in (candidate, candidate.replace("-", "_")):
                return name
    return ""


@dataclass(frozen=True)
class LabelledItem:
    question_id: int
    label: str
    choices: tuple[tuple[str, PublishedCount], ...]
    total: PublishedCount


def riskmap_items(*, viewer: Any, riskmap: RiskMap, language_code: str) -> list[LabelledItem]:
    """The item view of a map with question and choice labels in the form language matching ``language_code``."""
    from cpphub.mapping.models import Question
    from cpphub.mapping.selectors.instruments import instrument_labels

    access_mapping(viewer)
    if not riskmap.items:
        return []
    wanted = {item.question_id for item in riskmap.items}
    instruments = {
        question.instrument
        for question in Question.objects.filter(pk__in=wanted).select_related("instrument").order_by()
    }
    labels: dict[int, tuple[str, dict[str, str]]] = {}
    for instrument in sorted(instruments, key=lambda i: i.pk):
        language = form_language(instrument.languages, language_code) or instrument.default_language
        for question in instrument_labels(instrument, language):
            if question.question.pk in wanted:
                choice_labels = {choice.name: choice.label or choice.name for choice in question.choices}
                labels[question.question.pk] = (question.label or question.name, choice_labels)
    labelled = []
    for item in riskmap.items:
        label, choice_labels = labels.get(item.question_id, (str(item.question_id), {}))
        labelled.append(
            LabelledItem(
                question_id=item.question_id,
                label=label,
                choices=tuple((choice_labels.get(name, name), count) for name, count in item.choices),
                total=item.total,
            )
        )
    return labelled


def riskmap_findings(*, viewer: Any, location: PilotLocation | None = None) -> QuerySet[Finding]:
    """The findings shown beside the numbers: not withdrawn, nor quoting a participant who withdrew."""
    access_mapping(viewer)
    findings = Finding.objects.filter(withdrawn_at__isnull=True).exclude(participants__withdrawn_at__isnull=False)
    if location is not None:
        findings = findings.filter(location=location)
    return findings.select_related("location").order_by(
        "kind", F("severity").desc(nulls_last=True), "-created_at", "-id"
    )


def finding_codes(finding: Finding) -> list[str]:
    """A finding's taxonomy codes, labelled in the active language."""
    codes = []
    if finding.risk_dimension:
        codes.append(key_label(f"risk:{finding.risk_dimension}:{finding.risk_row}"))
    if finding.strength:
        codes.append(key_label(f"strength:{finding.strength}"))
    codes += [key_label(f"ict:{code}") for code in finding.ict_tags or []]
    codes += [key_label(f"channel:{code}") for code in finding.channels or []]
    return codes


# --- Plain data for the API and the exports --------------------------------------------


def published_dict(count: PublishedCount) -> dict[str, Any]:
    """``{"value": 42, "suppressed": false}`` or ``{"value": null, "suppressed": true, "reason": "primary"}``."""
    if count.suppressed:
        return {"value": None, "suppressed": True, "reason": str(count.reason) if count.reason else None}
    return {"value": count.value, "suppressed": False}


def group_dicts(table: Table, by: Sequence[str]) -> list[dict[str, Any]]:
    return [{"age_band": group.age_band, "sex": group.sex, **published_dict(group.count)} for group in table.view(by)]


def measure_dict(measure: Measure, by: Sequence[str]) -> dict[str, Any]:
    return {
        "key": measure.key,
        "label": measure.label,
        "total": published_dict(measure.count),
        "groups": group_dicts(measure.table, by),
    }


def riskmap_dict(riskmap: RiskMap) -> dict[str, Any]:
    """The map as plain data (the API's body): every count published or withheld, never a raw number."""
    by = riskmap.by
    return {
        "k": riskmap.k,
        "location": riskmap.location.slug if riskmap.location else None,
        "round": riskmap.round,
        "rounds": list(riskmap.rounds),
        "perspective": riskmap.perspective,
        "by": list(by),
        "respondents": measure_dict(riskmap.respondents, by),
        "heatmap": [
            {
                "dimension": measure.key.split(":")[1],
                "row": row.row,
                "key": measure.key,
                "label": measure.label,
                **published_dict(measure.count),
            }
            for row in riskmap.heatmap
            for measure in row.cells
        ],
        "risks": [measure_dict(m, by) for m in riskmap.risks],
        "strengths": [measure_dict(m, by) for m in riskmap.strengths],
        "ict": [measure_dict(m, by) for m in riskmap.ict],
        "channels": [measure_dict(m, by) for m in riskmap.channels],
        "items": [
            {
                "question": item.question_id,
                "choices": [{"choice": name, **published_dict(count)} for name, count in item.choices],
                "total": published_dict(item.total),
            }
            for item in riskmap.items
        ],
    }
