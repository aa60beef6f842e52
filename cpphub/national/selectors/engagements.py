"""Reads of the national engagement work, as the person asking may see them.

Meetings, priorities, strengths, expectations and commitments are partnership
data (class C): every member reads those of every country; the country's
focal points and coordinators change them (``write=True``, see
``selectors/access.py``). List selectors load what their pages and the API
show in a fixed number of queries.

The overview (:func:`country_overviews`) gathers, per country, the latest
meetings, open priorities by MNR capability, strengths, expectations, open
and overdue commitments, and the MNR summary the viewer may see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Count, ExpressionWrapper, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from cpphub.national.filters.engagements import (
    CommitmentFilter,
    EngagementFilter,
    ExpectationFilter,
    PriorityFilter,
    StrengthFilter,
    overdue_condition,
)
from cpphub.national.mnr import CAPABILITY_CHOICES
from cpphub.national.models import (
    Commitment,
    Expectation,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.national.selectors.access import (
    access_national,
    can_write_national,
    writable_country_ids,
)
from cpphub.partnership.models import Country, Organisation
from cpphub.partnership.selectors import works_everywhere_q

LATEST_MEETINGS = 3
CAPABILITY_NAMES = dict(CAPABILITY_CHOICES)


def _filtered(filter_class: Any, filters: Mapping[str, Any] | None, queryset: QuerySet) -> QuerySet:
    return filter_class(filters, queryset=queryset).qs if filters else queryset


def _check_write(viewer: Any, record: Any, write: bool) -> Any:
    if write and not can_write_national(viewer, record.country_id):
        raise PermissionDenied
    return record


# Countries and partners ------------------------------------------------------------------------


def writable_countries(viewer: Any) -> QuerySet[Country]:
    """The countries ``viewer`` may record national work for."""
    ids = writable_country_ids(viewer)
    queryset = Country.objects.filter(is_active=True).order_by("name")
    return queryset if ids is None else queryset.filter(pk__in=ids)


def national_partners(country_ids: Any = None) -> QuerySet[Organisation]:
    """Organisations that may appear in a country's records: its own and those working everywhere (``belongs_to``)."""
    queryset = Organisation.objects.filter(is_active=True).select_related("country")
    if country_ids is not None:
        queryset = queryset.filter(Q(country_id__in=list(country_ids)) | works_everywhere_q())
    return queryset.order_by("name")


# Meetings ------------------------------------------------------------------------------------


def _count_at_meeting(model: Any) -> Coalesce:
    """How many ``model`` records a meeting yielded (the outcomes link to the meeting without a reverse name)."""
    counts = (
        model.objects.filter(engagement=OuterRef("pk"))
        .order_by()
        .values("engagement")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def engagement_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[NationalEngagement]:
    access_national(viewer)
    queryset = (
        NationalEngagement.objects.select_related("country")
        .prefetch_related("organisations")
        .annotate(priority_count=_count_at_meeting(NationalPriority), commitment_count=_count_at_meeting(Commitment))
        .order_by("-date", "-id")
    )
    return _filtered(EngagementFilter, filters, queryset)


def access_engagement(viewer: Any, pk: Any, *, write: bool = False) -> NationalEngagement:
    access_national(viewer)
    engagement = get_object_or_404(
        NationalEngagement.objects.select_related("country", "created_by").prefetch_related("organisations"), pk=pk
    )
    return _check_write(viewer, engagement, write)


@dataclass
class MeetingOutcomes:
    priorities: list[NationalPriority]
    strengths: list[NationalStrength]
    expectations: list[Expectation]
    commitments: list[Commitment]


def engagement_outcomes(engagement: NationalEngagement) -> MeetingOutcomes:
    """What was recorded at ``engagement``."""
    return MeetingOutcomes(
        priorities=list(priority_queryset().filter(engagement=engagement)),
        strengths=list(strength_queryset().filter(engagement=engagement)),
        expectations=list(Expectation.objects.filter(engagement=engagement).select_related("organisation")),
        commitments=list(commitment_queryset().filter(engagement=engagement)),
    )


# Priorities, strengths, expectations, commitments ---------------------------------------------


def priority_queryset() -> QuerySet[NationalPriority]:
    return NationalPriority.objects.select_related("country", "engagement", "organisation").order_by(
        "country__name", "-importance", "title", "id"
    )


def priority_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[NationalPriority]:
    access_national(viewer)
    return _filtered(PriorityFilter, filters, priority_queryset())


def access_priority(viewer: Any, pk: Any, *, write: bool = False) -> NationalPriority:
    access_national(viewer)
    return _check_write(viewer, get_object_or_404(priority_queryset(), pk=pk), write)


def strength_queryset() -> QuerySet[NationalStrength]:
    return NationalStrength.objects.select_related("country", "engagement", "organisation").order_by(
        "country__name", "kind", "title", "id"
    )


def strength_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[NationalStrength]:
    access_national(viewer)
    return _filtered(StrengthFilter, filters, strength_queryset())


def access_strength(viewer: Any, pk: Any, *, write: bool = False) -> NationalStrength:
    access_national(viewer)
    return _check_write(viewer, get_object_or_404(strength_queryset(), pk=pk), write)


def expectation_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Expectation]:
    access_national(viewer)
    queryset = Expectation.objects.select_related("country", "engagement", "organisation").order_by(
        "country__name", "id"
    )
    return _filtered(ExpectationFilter, filters, queryset)


def access_expectation(viewer: Any, pk: Any, *, write: bool = False) -> Expectation:
    access_national(viewer)
    expectation = get_object_or_404(Expectation.objects.select_related("country", "engagement", "organisation"), pk=pk)
    return _check_write(viewer, expectation, write)


def commitment_queryset() -> QuerySet[Commitment]:
    return (
        Commitment.objects.select_related("country", "engagement", "organisation")
        .annotate(overdue=ExpressionWrapper(overdue_condition(), output_field=BooleanField()))
        .order_by("country__name", "due_date", "id")
    )


def commitment_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Commitment]:
    access_national(viewer)
    return _filtered(CommitmentFilter, filters, commitment_queryset())


def access_commitment(viewer: Any, pk: Any, *, write: bool = False) -> Commitment:
    access_national(viewer)
    return _check_write(viewer, get_object_or_404(commitment_queryset(), pk=pk), write)


# The overview ---------------------------------------------------------------------------------


@dataclass
class CapabilityPriorities:
    number: int | None
    name: str
    priorities: list[NationalPriority]


@dataclass
class CountryOverview:
    country: Country
    can_write: bool
    meetings: list[NationalEngagement] = field(default_factory=list)
    meeting_count: int = 0
    priorities_by_capability: list[CapabilityPriorities] = field(default_factory=list)
    open_priority_count: int = 0
    strengths: list[NationalStrength] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    open_commitments: list[Commitment] = field(default_factory=list)
    overdue_count: int = 0
    mnr: Any = None  # selectors.mnr.CountryMnrSummary


def _by_capability(priorities: list[NationalPriority]) -> list[CapabilityPriorities]:
    groups: dict[int | None, list[NationalPriority]] = defaultdict(list)
    for priority in priorities:
        groups[priority.mnr_capability].append(priority)
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or 0))
    return [
        CapabilityPriorities(
            number=number,
            name=str(CAPABILITY_NAMES[number]) if number else "",
            priorities=items,
        )
        for number, items in ordered
    ]


def country_overviews(*, viewer: Any) -> list[CountryOverview]:
    """Per active country with any national work or an MNR assessment: what the overview page shows."""
    from cpphub.national.selectors.mnr import country_mnr_summaries

    access_national(viewer)
    today = timezone.localdate()
    countries = list(Country.objects.filter(is_active=True).order_by("name"))
    overviews = {c.pk: CountryOverview(country=c, can_write=can_write_national(viewer, c.pk)) for c in countries}
    for meeting in NationalEngagement.objects.filter(country__in=countries).order_by("-date", "-id"):
        overview = overviews[meeting.country_id]
        overview.meeting_count += 1
        if len(overview.meetings) < LATEST_MEETINGS:
            overview.meetings.append(meeting)
    open_priorities: dict[int, list[NationalPriority]] = defaultdict(list)
    for priority in priority_queryset().filter(country__in=countries, status=NationalPriority.Status.OPEN):
        open_priorities[priority.country_id].append(priority)
    for country_id, priorities in open_priorities.items():
        overviews[country_id].priorities_by_capability = _by_capability(priorities)
        overviews[country_id].open_priority_count = len(priorities)
    for strength in strength_queryset().filter(country__in=countries):
        overviews[strength.country_id].strengths.append(strength)
    for expectation in Expectation.objects.filter(country__in=countries).select_related("organisation"):
        overviews[expectation.country_id].expectations.append(expectation)
    for commitment in commitment_queryset().filter(country__in=countries, done_at__isnull=True):
        overview = overviews[commitment.country_id]
        overview.open_commitments.append(commitment)
        overview.overdue_count += int(commitment.due_date < today)
    for country_id, summary in country_mnr_summaries(viewer=viewer, country_ids=list(overviews)).items():
        overviews[country_id].mnr = summary
    return [
        o
        for o in overviews.values()
        if o.meeting_count or o.open_priority_count or o.strengths or o.open_commitments or o.mnr or o.can_write
    ]
