"""Reads of the synergy finder: the synergies (list, access), duplicated effort, gaps.

Every partnership member reads synergies, duplicated effort and gaps. A
synergy with an MNR capability is MNR detail of its country: only the
country's focal points and coordinators see it (``mnr_detail_country_ids``).

How a bottom-up and a top-down item are matched and scored is in
``selectors/matching.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from cpphub.coordination.models import CoordinatedAction, Synergy
from cpphub.coordination.selectors.access import access_coordination
from cpphub.coordination.selectors.matching import (
    NATIONAL_KINDS,
    THRESHOLD,
    LocalItem,
    active_locations,
    local_items,
    national_items,
    reason,
    risk_findings,
    risks_of,
    score_pair,
    similarity,
    tokens,
)
from cpphub.national.models import Commitment
from cpphub.national.selectors.access import mnr_detail_country_ids
from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.models import Action

GAP_RANK = 3  # a local priority ranked this high or higher is a gap when nothing covers it
DUPLICATE_SIMILARITY = 0.35  # token-set (Jaccard) similarity of titles and descriptions

# Lists -----------------------------------------------------------------------------------------


def _visible(viewer: Any) -> Q:
    """MNR-capability synergies only for those who read the country's MNR details."""
    countries = mnr_detail_country_ids(viewer)
    if countries is None:
        return Q()
    return Q(mnr_rating__isnull=True) | Q(country_id__in=countries)


def synergy_queryset() -> QuerySet[Synergy]:
    return Synergy.objects.select_related(
        "location__country",
        "country",
        "local_priority__workshop",
        "local_action__plan",
        "local_action__lead_partner",
        "national_priority__organisation",
        "national_priority__country",
        "national_strength__organisation",
        "national_strength__country",
        "commitment__organisation",
        "commitment__country",
        "mnr_rating__assessment",
        "decided_by",
        "coordinated_action",
    )


def synergy_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Synergy]:
    """Synergies ``viewer`` may see, best first; filters: country (code), location (slug), status, min_score,
    kind (of the top-down item), local (kind of the bottom-up item)."""
    from cpphub.coordination.filters.synergies import SynergyFilter

    access_coordination(viewer)
    queryset = synergy_queryset().filter(_visible(viewer)).order_by("-score", "id")
    return SynergyFilter(filters, queryset=queryset).qs if filters else queryset


def status_counts(queryset: QuerySet[Synergy]) -> dict[str, int]:
    """How many of ``queryset`` are suggested, accepted, dismissed."""
    counts = dict.fromkeys(Synergy.Status.values, 0)
    for row in queryset.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def can_see_synergy(viewer: Any, synergy: Synergy) -> bool:
    """Whether ``viewer`` may see ``synergy`` (its MNR side is MNR detail of its country)."""
    if not synergy.mnr_rating_id:
        return True
    countries = mnr_detail_country_ids(viewer)
    return countries is None or synergy.country_id in countries


def access_synergy(viewer: Any, pk: Any) -> Synergy:
    """The synergy, or 404 when it does not exist or ``viewer`` may not see it."""
    access_coordination(viewer)
    return get_object_or_404(synergy_queryset().filter(_visible(viewer)), pk=pk)


def national_kind(synergy: Synergy) -> str:
    return next(kind for kind in NATIONAL_KINDS if getattr(synergy, f"{kind}_id"))


def local_kind(synergy: Synergy) -> str:
    return "local_priority" if synergy.local_priority_id else "local_action"


# Duplicated effort ------------------------------------------------------------------------------


@dataclass
class Effort:
    """Something a partner does somewhere: a local action, a coordinated action or a national commitment."""

    kind: str  # "local_action", "coordinated_action", "commitment"
    obj: Any
    partner: Any  # Organisation or None
    location_ids: frozenset[int]
    country_ids: frozenset[int]
    place: str
    outcomes: frozenset[str]
    groups: frozenset[str]
    dimensions: frozenset[str]
    harms: frozenset[str]
    text: frozenset[str]
    joins: frozenset[int] = frozenset()  # local actions a coordinated action joins


@dataclass(frozen=True)
class Duplicate:
    first: Effort
    second: Effort
    similarity: float
    reasons: list[dict[str, Any]]

    @property
    def pair(self) -> tuple[Effort, Effort]:
        return (self.first, self.second)


def _efforts(country: Country | None, location: PilotLocation | None) -> list[Effort]:
    efforts: list[Effort] = []
    open_actions = Action.objects.filter(status__in=(Action.Status.PLANNED, Action.Status.UNDER_WAY))
    if location is not None:
        open_actions = open_actions.filter(plan__location=location)
    elif country is not None:
        open_actions = open_actions.filter(plan__location__country=country)
    for action in open_actions.select_related("plan__location", "lead_partner", "priority").prefetch_related(
        risk_findings()
    ):
        dimensions, harms = risks_of(action.risk_findings)  # type: ignore[attr-defined]
        loc = action.plan.location
        efforts.append(
            Effort(
                "local_action",
                action,
                action.lead_partner,
                frozenset({loc.pk}),
                frozenset({loc.country_id}),
                loc.name,
                frozenset({action.outcome}),
                frozenset(map(str, action.target_groups or [])),
                frozenset(dimensions),
                frozenset(harms),
                tokens(action.title, action.description),
            )
        )
    coordinated = CoordinatedAction.objects.filter(
        status__in=(CoordinatedAction.Status.PLANNED, CoordinatedAction.Status.UNDER_WAY)
    )
    if location is not None:
        coordinated = coordinated.filter(Q(locations=location) | Q(countries=location.country_id))
    elif country is not None:
        coordinated = coordinated.filter(Q(locations__country=country) | Q(countries=country))
    for ca in coordinated.distinct().select_related("lead").prefetch_related("locations", "countries", "local_actions"):
        locations = list(ca.locations.all())
        countries = {c.pk for c in ca.countries.all()} | {loc.country_id for loc in locations}
        names = [loc.name for loc in locations] or [c.name for c in ca.countries.all()]
        efforts.append(
            Effort(
                "coordinated_action",
                ca,
                ca.lead,
                frozenset(loc.pk for loc in locations),
                frozenset(countries),
                ", ".join(names),
                frozenset({ca.outcome}),
                frozenset(map(str, ca.target_groups or [])),
                frozenset(map(str, ca.risks or [])),
                frozenset(),
                tokens(ca.title, ca.description),
                frozenset(a.pk for a in ca.local_actions.all()),
            )
        )
    commitments = Commitment.objects.filter(done_at__isnull=True).select_related("organisation", "country")
    if location is not None:
        commitments = commitments.filter(country_id=location.country_id)
    elif country is not None:
        commitments = commitments.filter(country=country)
    for commitment in commitments:
        efforts.append(
            Effort(
                "commitment",
                commitment,
                commitment.organisation,
                frozenset(),
                frozenset({commitment.country_id}),
                commitment.country.name,
                frozenset({commitment.outcome} if commitment.outcome else set()),
                frozenset(map(str, commitment.target_groups or [])),
                frozenset(map(str, commitment.risks or [])),
                frozenset(map(str, commitment.ict_tags or [])),
                tokens(commitment.title),
            )
        )
    return efforts


def _same_place(a: Effort, b: Effort) -> bool:
    if a.location_ids and b.location_ids:
        return bool(a.location_ids & b.location_ids)
    return bool(a.country_ids & b.country_ids)


def _related(a: Effort, b: Effort) -> bool:
    """One is part of the other: a coordinated action joining a local action is not a duplicate of it."""
    for x, y in ((a, b), (b, a)):
        if x.kind == "coordinated_action" and y.kind == "local_action" and y.obj.pk in x.joins:
            return True
    return False


def duplicated_effort(
    *, viewer: Any = None, country: Country | None = None, location: PilotLocation | None = None
) -> list[Duplicate]:
    """Two partners doing the same thing for the same group in the same place, with why.

    Same place (the same location, or the same country when one side is national), different partners,
    the same outcome, overlapping target groups and risks, and titles and descriptions at least
    ``DUPLICATE_SIMILARITY`` alike.
    """
    if viewer is not None:
        access_coordination(viewer)
    efforts = _efforts(country, location)
    found: list[Duplicate] = []
    for i, a in enumerate(efforts):
        for b in efforts[i + 1 :]:
            if a.partner is None or b.partner is None or a.partner.pk == b.partner.pk:
                continue
            if not _same_place(a, b) or _related(a, b):
                continue
            outcomes = a.outcomes & b.outcomes
            groups = sorted(a.groups & b.groups)
            dimensions = sorted(a.dimensions & b.dimensions)
            harms = sorted(a.harms & b.harms)
            alike = similarity(a.text, b.text)
            if not (outcomes and groups and (dimensions or harms) and alike >= DUPLICATE_SIMILARITY):
                continue
            place = a.place if len(a.location_ids) and a.location_ids <= b.location_ids else b.place or a.place
            reasons = [
                reason("different_partners", partners=sorted([str(a.partner), str(b.partner)])),
                reason("same_place", place=place),
                reason("same_outcome", outcome=sorted(outcomes)[0]),
                reason("same_target_group", groups=groups),
                reason("shared_risks", risks=dimensions, harms=harms),
                reason("similar_text", percent=round(alike * 100)),
            ]
            found.append(Duplicate(a, b, alike, reasons))
    found.sort(key=lambda d: -d.similarity)
    return found


# Gaps ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    item: LocalItem
    reasons: list[dict[str, Any]]


def gaps(
    *,
    viewer: Any = None,
    country: Country | None = None,
    location: PilotLocation | None = None,
    max_rank: int = GAP_RANK,
) -> list[Gap]:
    """High-ranked local priorities (rank <= ``max_rank``) that nothing top-down covers, with why.

    Covered means: a national priority, strength or commitment of the country matches it (the finder's
    score at or above the threshold), or one of its synergies was accepted, or a coordinated action joins
    it (made from its synergy, or joining one of the actions that answer it).
    """
    if viewer is not None:
        access_coordination(viewer)
    places = [location] if location is not None else active_locations(country)
    priorities = [item for item in local_items(locations=places) if item.kind == "local_priority"]
    priorities = [item for item in priorities if item.rank is not None and item.rank <= max_rank]
    if not priorities:
        return []
    nationals = national_items({item.location.country_id for item in priorities}, with_mnr=False)
    ids = [item.obj.pk for item in priorities]
    accepted = set(
        Synergy.objects.filter(status=Synergy.Status.ACCEPTED)
        .filter(Q(local_priority_id__in=ids) | Q(local_action__priority_id__in=ids))
        .values_list("local_priority_id", "local_action__priority_id")
    )
    accepted_ids = {pk for pair in accepted for pk in pair if pk}
    joined = set(
        CoordinatedAction.objects.filter(
            Q(synergy__local_priority_id__in=ids)
            | Q(synergy__local_action__priority_id__in=ids)
            | Q(local_actions__priority_id__in=ids)
        ).values_list("synergy__local_priority_id", "synergy__local_action__priority_id", "local_actions__priority_id")
    )
    joined_ids = {pk for row in joined for pk in row if pk}
    found: list[Gap] = []
    for item in priorities:
        pk = item.obj.pk
        country_items = [n for n in nationals if n.country_id == item.location.country_id]
        if any(score_pair(item, n)[0] >= THRESHOLD for n in country_items):
            continue
        if pk in accepted_ids or pk in joined_ids:
            continue
        reasons = [
            reason("high_local_rank", rank=item.rank),
            reason("no_national_match", country=str(item.location.country)),
            reason("no_accepted_synergy"),
            reason("no_coordinated_action"),
        ]
        if item.dimensions or item.harms:
            reasons.insert(1, reason("local_risks", risks=sorted(item.dimensions), harms=sorted(item.harms)))
        found.append(Gap(item, reasons))
    found.sort(key=lambda g: (g.item.location.name, g.item.rank or 99))
    return found
