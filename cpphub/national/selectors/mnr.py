"""Reads of the MNR self-assessments: details for those who may see them, aggregates for everyone else.

Details (ratings, evidence, partners) of a country's assessments are seen by
its focal points and coordinators only (``can_read_mnr_details``); for anyone
else an assessment is not there (404).

The aggregate counts, per capability group, how many ratings are in each
phase, unrated, or a gap, over the latest final assessment of each country.
It names the countries and the dates of their assessments but never a
country's ratings, and it ranks no one. It is withheld unless it covers at
least :data:`MIN_OTHER_COUNTRIES` countries besides the viewer's own focal
countries: with only one other country, a focal point could subtract their
own ratings and read the other country's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpphub.national.filters.mnr import AssessmentFilter
from cpphub.national.mnr import BY_NUMBER, CAPABILITIES, DEFAULT_PHASES, GAP_BELOW, GROUPS
from cpphub.national.models import MnrAssessment, MnrRating
from cpphub.national.selectors.access import (
    access_national,
    can_read_mnr_details,
    focal_country_ids,
    mnr_detail_country_ids,
)
from cpphub.national.services.mnr import previous_assessment
from cpphub.partnership.models import Country

MIN_OTHER_COUNTRIES = 2
PHASES = (1, 2, 3, 4)


def phase_names(assessment: MnrAssessment | None) -> list[str]:
    """The four phase names an assessment uses: its own, or the framework's."""
    labels = list(assessment.phase_labels or []) if assessment is not None else []
    if len(labels) == 4:
        return [str(label) for label in labels]
    return [str(label) for label in DEFAULT_PHASES]


def _ratings_prefetch() -> Prefetch:
    return Prefetch("ratings", queryset=MnrRating.objects.prefetch_related("partners").order_by("capability"))


# Details ----------------------------------------------------------------------------------------


def assessment_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[MnrAssessment]:
    """The assessments whose details ``viewer`` may see, newest first within each country."""
    access_national(viewer)
    queryset = MnrAssessment.objects.select_related("country").prefetch_related(_ratings_prefetch())
    ids = mnr_detail_country_ids(viewer)
    if ids is not None:
        queryset = queryset.filter(country_id__in=ids)
    queryset = queryset.order_by("country__name", "-assessed_on", "-id")
    return AssessmentFilter(filters, queryset=queryset).qs if filters else queryset


def access_assessment(viewer: Any, pk: Any, *, write: bool = False) -> MnrAssessment:
    """An assessment with its ratings, for its country's focal points and coordinators; anyone else: 404.

    Those who read an assessment's details also change them, so ``write`` asks nothing more.
    """
    access_national(viewer)
    assessment = (
        MnrAssessment.objects.select_related("country", "created_by")
        .prefetch_related(_ratings_prefetch())
        .filter(pk=pk)
        .first()
    )
    if assessment is None or not can_read_mnr_details(viewer, assessment.country_id):
        raise Http404
    return assessment


@dataclass
class RatingRow:
    number: int
    name: Promise
    rating: MnrRating | None
    phase_name: str
    is_gap: bool
    change: str | None  # up, down, same, new (rated now, not before); None without a previous assessment
    previous_phase: int | None


@dataclass
class GroupRows:
    key: str
    name: Promise
    rows: list[RatingRow]

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows if row.is_gap)

    @property
    def phase_counts(self) -> list[int]:
        phases = [row.rating.phase if row.rating else None for row in self.rows]
        return [phases.count(p) for p in PHASES]

    @property
    def not_rated(self) -> int:
        return sum(1 for row in self.rows if not (row.rating and row.rating.phase))


def change(current: int | None, previous: int | None, had_previous: bool) -> str | None:
    """How a capability's phase moved since the previous assessment."""
    if not had_previous or current is None:
        return None
    if previous is None:
        return "new"
    if current > previous:
        return "up"
    if current < previous:
        return "down"
    return "same"


def assessment_groups(assessment: MnrAssessment) -> tuple[list[GroupRows], MnrAssessment | None]:
    """The 6 groups with their capabilities' ratings and the change since the country's previous assessment."""
    names = phase_names(assessment)
    ratings = {r.capability: r for r in assessment.ratings.all()}
    previous = previous_assessment(assessment.country_id, before=assessment)
    before = {r.capability: r.phase for r in previous.ratings.all()} if previous else {}
    groups = {key: GroupRows(key=key, name=name, rows=[]) for key, name in GROUPS.items()}
    for capability in CAPABILITIES:
        rating = ratings.get(capability.number)
        phase = rating.phase if rating else None
        groups[capability.group].rows.append(
            RatingRow(
                number=capability.number,
                name=capability.name,
                rating=rating,
                phase_name=names[phase - 1] if phase else "",
                is_gap=phase is None or phase < GAP_BELOW,
                change=change(phase, before.get(capability.number), previous is not None),
                previous_phase=before.get(capability.number),
            )
        )
    return list(groups.values()), previous


def chart_data(groups: Iterable[Any], names: list[str]) -> dict[str, Any]:
    """Counts per group and phase for the stacked bar chart (the page's tables give the same numbers)."""
    groups = list(groups)
    return {
        "labels": [str(g.name) for g in groups],
        "series": [
            {"label": names[p - 1], "phase": p, "values": [g.phase_counts[p - 1] for g in groups]} for p in PHASES
        ]
        + [{"label": str(_("Not rated")), "phase": 0, "values": [g.not_rated for g in groups]}],
    }


def assessment_export_rows(assessment: MnrAssessment) -> list[list[Any]]:
    groups, _previous = assessment_groups(assessment)
    return [
        [
            str(assessment.country),
            assessment.assessed_on,
            assessment.framework_version,
            str(group.name),
            row.number,
            str(row.name),
            row.rating.phase if row.rating else None,
            row.phase_name,
            row.is_gap,
            str(CHANGE_LABELS.get(row.change or "", "")),
            row.rating.evidence if row.rating else "",
            [o.name for o in row.rating.partners.all()] if row.rating else [],
        ]
        for group in groups
        for row in group.rows
    ]


CHANGE_LABELS: dict[str, Promise] = {
    "up": _("Up"),
    "down": _("Down"),
    "same": _("Same"),
    "new": _("Newly rated"),
}


# The aggregate ---------------------------------------------------------------------------------


@dataclass
class GroupCounts:
    key: str
    name: Promise
    capability_count: int
    phase_counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    not_rated: int = 0
    gaps: int = 0

    @property
    def total(self) -> int:
        return sum(self.phase_counts) + self.not_rated


@dataclass
class CountedAssessment:
    country: Country
    assessed_on: Any
    framework_version: str


@dataclass
class Aggregate:
    shown: bool
    reason: str
    countries: list[CountedAssessment]
    groups: list[GroupCounts]
    phase_names: list[str]


def counted_assessments() -> list[MnrAssessment]:
    """The latest final assessment of each active country: what the aggregate counts."""
    latest: dict[int, MnrAssessment] = {}
    queryset = (
        MnrAssessment.objects.filter(status=MnrAssessment.Status.FINAL, country__is_active=True)
        .select_related("country")
        .order_by("country_id", "-assessed_on", "-id")
    )
    for assessment in queryset:
        latest.setdefault(assessment.country_id, assessment)
    return sorted(latest.values(), key=lambda a: a.country.name)


def aggregate(*, viewer: Any) -> Aggregate:
    """Counts per capability group over every country's latest final assessment, or withheld (see the module)."""
    access_national(viewer)
    counted = counted_assessments()
    countries = [CountedAssessment(a.country, a.assessed_on, a.framework_version) for a in counted]
    others = {a.country_id for a in counted} - focal_country_ids(viewer)
    names = [str(label) for label in DEFAULT_PHASES]
    if len(others) < MIN_OTHER_COUNTRIES:
        if focal_country_ids(viewer) & {a.country_id for a in counted}:
            reason = _(
                "The aggregate is withheld: besides your own country, fewer than {minimum} countries have a final "
                "assessment, so your own ratings would reveal another country's."
            ).format(minimum=MIN_OTHER_COUNTRIES)
        else:
            reason = _(
                "The aggregate is withheld until at least {minimum} countries have a final assessment, so that "
                "it never shows one country's ratings."
            ).format(minimum=MIN_OTHER_COUNTRIES)
        return Aggregate(False, str(reason), countries, [], names)
    groups = {
        key: GroupCounts(key=key, name=name, capability_count=sum(1 for c in CAPABILITIES if c.group == key))
        for key, name in GROUPS.items()
    }
    ratings = {(r.assessment_id, r.capability): r.phase for r in MnrRating.objects.filter(assessment__in=counted)}
    for assessment in counted:
        for capability in CAPABILITIES:
            phase = ratings.get((assessment.pk, capability.number))
            group = groups[capability.group]
            if phase is None:
                group.not_rated += 1
            else:
                group.phase_counts[phase - 1] += 1
            if phase is None or phase < GAP_BELOW:
                group.gaps += 1
    return Aggregate(True, "", countries, list(groups.values()), names)


# On the national overview ----------------------------------------------------------------------


@dataclass
class CountryMnrSummary:
    """What the overview shows of a country's MNR work: details to those who may see them, dates to others."""

    latest: MnrAssessment | None  # the latest assessment whose details the viewer sees
    assessed_on: Any  # the date of the latest final assessment, for everyone
    gap_count: int | None = None
    rated_count: int | None = None
    gap_names: list[str] = field(default_factory=list)


def country_mnr_summaries(*, viewer: Any, country_ids: list[int]) -> dict[int, CountryMnrSummary]:
    finals = {a.country_id: a for a in counted_assessments() if a.country_id in country_ids}
    detail_ids = mnr_detail_country_ids(viewer)
    readable = [c for c in country_ids if detail_ids is None or c in detail_ids]
    latest: dict[int, MnrAssessment] = {}
    for assessment in (
        MnrAssessment.objects.filter(country_id__in=readable)
        .prefetch_related("ratings")
        .order_by("country_id", "-assessed_on", "-id")
    ):
        latest.setdefault(assessment.country_id, assessment)
    summaries: dict[int, CountryMnrSummary] = {}
    for country_id in country_ids:
        mine = latest.get(country_id)
        final = finals.get(country_id)
        if mine is None and final is None:
            continue
        summary = CountryMnrSummary(latest=mine, assessed_on=final.assessed_on if final else None)
        if mine is not None:
            phases = {r.capability: r.phase for r in mine.ratings.all()}
            gaps = [n for n in BY_NUMBER if phases.get(n) is None or phases[n] < GAP_BELOW]  # type: ignore[operator]
            summary.gap_count = len(gaps)
            summary.rated_count = sum(1 for p in phases.values() if p is not None)
            summary.gap_names = [str(BY_NUMBER[n].name) for n in gaps]
        summaries[country_id] = summary
    return summaries
