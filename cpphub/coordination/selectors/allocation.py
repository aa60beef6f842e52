"""Reads of the allocation: resources, partners' capacities, actions' needs, and the optimiser's runs.

Partnership data (class C): every member reads all of it; coordinators
change it (``write=True`` raises 403 for anyone else). The optimiser speaks
in keys; this module names them:

- an action is ``local:<pk>`` (a location's action), ``commitment:<pk>`` (a
  national commitment) or ``coordinated:<pk>`` (a coordinated action), in the
  region ``<country code>/<location slug>``, ``<country code>`` or ``""``
  (it spans countries);
- a partner is ``org:<pk>``, giving in the regions ``*`` (an international
  organisation, or one based in a country without pilot locations, e.g. Canada's
  funders and police), its country (a national one), or the locations it leads or
  implements in (a local one; its country when it has none).

A run keeps the scenario it solved, so its page names the actions and
partners as they were then, even after they were renamed or removed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cpphub.coordination.models import (
    AllocationRun,
    AllocationSettings,
    CoordinatedAction,
    Need,
    NeedProfile,
    PartnerCapacity,
    ResourceType,
)
from cpphub.coordination.selectors.access import access_coordinate, access_coordination, can_coordinate
from cpphub.national.models import Commitment, NationalPriority
from cpphub.partnership.models import Country, Organisation, PilotLocation
from cpphub.planning.models import Action

ANYWHERE = "*"
LOCAL, COMMITMENT, COORDINATED = "local", "commitment", "coordinated"
# The kind of an action in keys and URLs -> the NeedProfile field that holds it.
KINDS: dict[str, str] = {LOCAL: "local_action", COMMITMENT: "commitment", COORDINATED: "coordinated_action"}
PARTNER_PREFIX = "org:"
CLOSED = ("done", "dropped")


# Keys ----------------------------------------------------------------------------------------


def action_key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def partner_key(organisation: Organisation | int) -> str:
    return f"{PARTNER_PREFIX}{organisation if isinstance(organisation, int) else organisation.pk}"


def parse_key(key: str) -> tuple[str, int] | None:
    """``"local:12"`` -> ``("local", 12)``; ``"org:3"`` -> ``("org", 3)``; None for anything else."""
    kind, _sep, pk = key.partition(":")
    if not pk.isdigit() or kind not in (*KINDS, "org"):
        return None
    return kind, int(pk)


def kind_of(action: models.Model) -> str:
    if isinstance(action, Action):
        return LOCAL
    if isinstance(action, Commitment):
        return COMMITMENT
    if isinstance(action, CoordinatedAction):
        return COORDINATED
    raise TypeError(f"not an action: {action!r}")


def action_url(kind: str, pk: int) -> str:
    """The page of an action, or "" when its area has no such page (yet)."""
    name = {
        LOCAL: "planning:action_detail",
        COMMITMENT: "national:commitment_detail",
        COORDINATED: "coordination:action_detail",
    }[kind]
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def key_url(key: str) -> str:
    parsed = parse_key(key)
    if parsed is None:
        return ""
    kind, pk = parsed
    if kind == "org":
        return reverse("partnership:organisation_detail", args=[pk])
    return action_url(kind, pk)


# Regions -------------------------------------------------------------------------------------


def location_region(location: PilotLocation) -> str:
    return f"{location.country.code}/{location.slug}"


def coordinated_region(action: CoordinatedAction) -> str:
    """Its one location, else its one country, else "" (it spans countries, or names none)."""
    locations = list(action.locations.all())
    countries = {c.code for c in action.countries.all()} | {loc.country.code for loc in locations}
    if len(locations) == 1 and countries == {locations[0].country.code}:
        return location_region(locations[0])
    if len(countries) == 1:
        return next(iter(countries))
    return ""


def action_region(action: models.Model) -> str:
    if isinstance(action, Action):
        return location_region(action.plan.location)
    if isinstance(action, Commitment):
        return action.country.code
    if isinstance(action, CoordinatedAction):
        return coordinated_region(action)
    raise TypeError(f"not an action: {action!r}")


def pilot_country_ids() -> set[int]:
    """The countries with a pilot location; a partner based elsewhere (e.g. Canada's) may give anywhere."""
    return set(PilotLocation.objects.values_list("country_id", flat=True))


def partner_regions(
    organisation: Organisation, locations: Iterable[PilotLocation] = (), pilot_countries: set[int] | None = None
) -> tuple[str, ...]:
    """Where a partner may give: see the module's docstring. ``locations``: those it leads or implements in.

    ``pilot_countries`` (from :func:`pilot_country_ids`, read once by the caller) lets a partner from a
    country without pilot locations give anywhere, as ``partnership.selectors.works_everywhere`` says.
    """
    country = organisation.country
    if organisation.level == Organisation.Level.INTERNATIONAL or country is None:
        return (ANYWHERE,)
    if pilot_countries is None:
        pilot_countries = pilot_country_ids()
    if country.pk not in pilot_countries:
        return (ANYWHERE,)
    if organisation.level == Organisation.Level.LOCAL:
        own = sorted({location_region(location) for location in locations})
        if own:
            return tuple(own)
    return (country.code,)


def partner_locations(organisations: Iterable[Organisation]) -> dict[int, list[PilotLocation]]:
    """The locations each organisation leads or implements in, in two queries."""
    ids = [org.pk for org in organisations]
    found: dict[int, list[PilotLocation]] = defaultdict(list)
    for location in PilotLocation.objects.filter(lead_partner_id__in=ids).select_related("country"):
        found[location.lead_partner_id].append(location)  # type: ignore[index]
    through = PilotLocation.implementing_partners.through
    links = through.objects.filter(organisation_id__in=ids).select_related("pilotlocation__country")
    for link in links:
        found[link.organisation_id].append(link.pilotlocation)
    return found


def region_names() -> dict[str, str]:
    """Every country and pilot location region, named: ``"TH"`` -> Thailand, ``"TH/chiang-rai"`` -> Chiang Rai."""
    names = {country.code: country.name for country in Country.objects.all()}
    for location in PilotLocation.objects.select_related("country"):
        names[location_region(location)] = f"{location.name} ({location.country.name})"
    return names


def region_label(region: str, names: Mapping[str, str] | None = None) -> str:
    """``"*"`` -> anywhere, ``""`` -> partnership-wide, else the place's name (or the region as it is)."""
    if region == ANYWHERE:
        return str(_("anywhere"))
    if not region:
        return str(_("partnership-wide"))
    return (names or {}).get(region, region)


def is_open(action: models.Model) -> bool:
    """Not done nor dropped: an action the optimiser may still fund."""
    if isinstance(action, Commitment):
        return action.done_at is None
    return getattr(action, "status", "") not in CLOSED


# Settings ------------------------------------------------------------------------------------


def allocation_settings() -> AllocationSettings:
    """The partnership's settings, or the defaults (unsaved) until a coordinator saves them."""
    return AllocationSettings.objects.order_by("pk").first() or AllocationSettings()


# Access --------------------------------------------------------------------------------------


def access_allocation(viewer: Any, *, write: bool = False) -> None:
    """Members read; coordinators write."""
    if write:
        access_coordinate(viewer)
    else:
        access_coordination(viewer)


def access_resource(viewer: Any, pk: Any, *, write: bool = False) -> ResourceType:
    access_allocation(viewer, write=write)
    return get_object_or_404(ResourceType, pk=pk)


def access_partner(viewer: Any, pk: Any, *, write: bool = False) -> Organisation:
    access_allocation(viewer, write=write)
    return get_object_or_404(Organisation.objects.select_related("country"), pk=pk)


def access_run(viewer: Any, pk: Any, *, write: bool = False) -> AllocationRun:
    access_allocation(viewer, write=write)
    return get_object_or_404(AllocationRun.objects.select_related("created_by", "accepted_by", "parent"), pk=pk)


def access_need_action(viewer: Any, kind: str, pk: Any, *, write: bool = False) -> models.Model:
    """The action whose needs are asked for (``kind`` one of local, commitment, coordinated)."""
    access_allocation(viewer, write=write)
    if kind == LOCAL:
        return get_object_or_404(Action.objects.select_related("plan__location__country", "priority"), pk=pk)
    if kind == COMMITMENT:
        return get_object_or_404(Commitment.objects.select_related("country", "organisation"), pk=pk)
    if kind == COORDINATED:
        return get_object_or_404(CoordinatedAction, pk=pk)
    raise Http404


def need_profile_of(action: models.Model) -> NeedProfile | None:
    field_name = KINDS[kind_of(action)]
    return (
        NeedProfile.objects.filter(**{field_name: action}).prefetch_related("needs__resource").first()
        if action.pk
        else None
    )


def access_need_profile(viewer: Any, pk: Any, *, write: bool = False) -> NeedProfile:
    access_allocation(viewer, write=write)
    return get_object_or_404(profiles(), pk=pk)


def access_capacity(viewer: Any, pk: Any, *, write: bool = False) -> PartnerCapacity:
    access_allocation(viewer, write=write)
    return get_object_or_404(PartnerCapacity.objects.select_related("organisation", "resource"), pk=pk)


# Lists ---------------------------------------------------------------------------------------


def resource_types(*, active_only: bool = False) -> QuerySet[ResourceType]:
    queryset = ResourceType.objects.order_by("kind", "name")
    return queryset.filter(is_active=True) if active_only else queryset


def capacity_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[PartnerCapacity]:
    access_allocation(viewer)
    queryset = PartnerCapacity.objects.select_related("organisation", "resource").order_by(
        "organisation__name", "resource__name", "pk"
    )
    filters = filters or {}
    if str(filters.get("organisation") or "").isdigit():
        queryset = queryset.filter(organisation_id=int(filters["organisation"]))
    if filters.get("resource"):
        queryset = queryset.filter(resource__key=filters["resource"])
    return queryset


def profiles() -> QuerySet[NeedProfile]:
    """Need profiles with what naming them, placing them and weighing their benefit reads, prefetched.

    ``commitment_importance``: for a commitment, the most important national priority served by a
    coordinated action made from a synergy with it (see ``services/allocation.py``).
    """
    served = (
        NationalPriority.objects.filter(coordinated_actions__synergy__commitment=OuterRef("commitment_id"))
        .order_by("-importance")
        .values("importance")[:1]
    )
    return (
        NeedProfile.objects.annotate(commitment_importance=Subquery(served))
        .select_related(
            "local_action__plan__location__country",
            "local_action__priority",
            "commitment__country",
            "coordinated_action__synergy__local_priority",
            "coordinated_action__synergy__local_action__priority",
            "coordinated_action__synergy__national_priority",
        )
        .prefetch_related(
            Prefetch("needs", queryset=Need.objects.select_related("resource")),
            "coordinated_action__locations__country",
            "coordinated_action__countries",
            "coordinated_action__local_actions__priority",
            "coordinated_action__national_priorities",
        )
    )


def need_profile_list(*, viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[NeedProfile]:
    access_allocation(viewer)
    queryset = profiles().order_by("pk")
    kind = (filters or {}).get("kind")
    if kind in KINDS:
        queryset = queryset.filter(**{f"{KINDS[kind]}__isnull": False})
    return queryset


def run_list(*, viewer: Any) -> QuerySet[AllocationRun]:
    access_allocation(viewer)
    return AllocationRun.objects.select_related("created_by", "accepted_by", "parent").order_by("-created_at", "-id")


def current_version() -> AllocationRun | None:
    return (
        AllocationRun.objects.filter(status=AllocationRun.Status.ACCEPTED)
        .select_related("created_by", "accepted_by")
        .order_by("-version")
        .first()
    )


# The overview of capacities and needs ------------------------------------------------------------


@dataclass
class ActionNeeds:
    """An open action, with its need profile if it has one."""

    kind: str
    pk: int
    key: str
    title: str
    region: str
    url: str
    status: str
    action: models.Model
    profile: NeedProfile | None
    needs: dict[int, Decimal] = field(default_factory=dict)  # resource pk -> amount
    benefit: float | None = None
    cells: list[Decimal | None] = field(default_factory=list)  # the needs in the order of the resources shown
    where: str = ""


@dataclass
class ResourceTotals:
    resource: ResourceType
    capacity: Decimal
    need: Decimal
    minimum: Decimal  # what the actions need at their minimum viable share

    @property
    def scale(self) -> Decimal:
        return max(self.capacity, self.need, Decimal(1))

    @property
    def capacity_percent(self) -> float:
        return float(self.capacity / self.scale * 100)

    @property
    def need_percent(self) -> float:
        return float(self.need / self.scale * 100)

    @property
    def covered_percent(self) -> int | None:
        return round(float(self.capacity / self.need * 100)) if self.need else None


@dataclass
class PartnerRow:
    organisation: Organisation
    regions: tuple[str, ...]
    amounts: dict[int, Decimal]  # resource pk -> amount
    cells: list[Decimal | None] = field(default_factory=list)  # in the order of the resources shown
    where: str = ""


@dataclass
class Overview:
    resources: list[ResourceTotals]
    partners: list[PartnerRow]
    actions: list[ActionNeeds]
    others: list[Organisation]  # active organisations without capacities, to add some
    can_write: bool


def open_actions() -> list[ActionNeeds]:
    """Every open action of the three kinds, each with its need profile (or None), in a few queries."""
    by_action: dict[tuple[str, int], NeedProfile] = {}
    for found_profile in profiles():
        action = found_profile.action
        by_action[kind_of(action), action.pk] = found_profile
    found: list[ActionNeeds] = []
    local = (
        Action.objects.exclude(status__in=CLOSED)
        .select_related("plan__location__country")
        .order_by("plan__location__name", "start", "pk")
    )
    commitments = Commitment.objects.filter(done_at__isnull=True).select_related("country").order_by("due_date", "pk")
    coordinated = (
        CoordinatedAction.objects.exclude(status__in=CLOSED)
        .prefetch_related("locations__country", "countries")
        .order_by("title", "pk")
    )
    for kind, actions in ((COORDINATED, coordinated), (LOCAL, local), (COMMITMENT, commitments)):
        for action in actions:
            profile = by_action.get((kind, action.pk))
            needs = {need.resource_id: need.amount for need in profile.needs.all()} if profile else {}
            status = action.get_status_display() if hasattr(action, "get_status_display") else ""
            found.append(
                ActionNeeds(
                    kind=kind,
                    pk=action.pk,
                    key=action_key(kind, action.pk),
                    title=str(action),
                    region=action_region(action),
                    url=action_url(kind, action.pk),
                    status=str(status),
                    action=action,
                    profile=profile,
                    needs=needs,
                )
            )
    return found


def resource_overview(*, viewer: Any) -> Overview:
    """Total capacity against total need per resource; partners' capacities; open actions' needs."""
    from cpphub.coordination.services.allocation import expected_benefit

    access_allocation(viewer)
    resources = list(resource_types(active_only=True))
    capacities = list(
        PartnerCapacity.objects.filter(organisation__is_active=True).select_related("organisation__country")
    )
    per_partner: dict[int, dict[int, Decimal]] = defaultdict(dict)
    organisations: dict[int, Organisation] = {}
    for held in capacities:
        per_partner[held.organisation_id][held.resource_id] = held.amount
        organisations[held.organisation_id] = held.organisation
    located = partner_locations(organisations.values())
    pilot_countries = pilot_country_ids()
    partners = [
        PartnerRow(org, partner_regions(org, located.get(org.pk, []), pilot_countries), per_partner[org.pk])
        for org in sorted(organisations.values(), key=lambda o: o.name)
    ]
    actions = open_actions()
    settings = allocation_settings()
    for item in actions:
        if item.profile is not None:
            item.benefit = expected_benefit(item.profile, settings)
        item.cells = [item.needs.get(resource.pk) for resource in resources]
    places = region_names()
    for item in actions:
        item.where = region_label(item.region, places)
    for row in partners:
        row.cells = [row.amounts.get(resource.pk) for resource in resources]
        row.where = ", ".join(region_label(region, places) for region in row.regions)
    totals = []
    for resource in resources:
        capacity = sum((p.amounts.get(resource.pk, Decimal(0)) for p in partners), Decimal(0))
        need = sum((a.needs.get(resource.pk, Decimal(0)) for a in actions), Decimal(0))
        minimum = sum(
            (a.needs.get(resource.pk, Decimal(0)) * a.profile.min_fraction for a in actions if a.profile),
            Decimal(0),
        )
        totals.append(ResourceTotals(resource, capacity, need, minimum))
    others = list(Organisation.objects.filter(is_active=True).exclude(pk__in=organisations).order_by("name"))
    return Overview(totals, partners, actions, others, can_coordinate(viewer))


# A run, named -----------------------------------------------------------------------------------


def _amount(value: float) -> str:
    rounded = round(float(value), 2)
    decimals = 0 if rounded == int(rounded) else 2
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _ratio(value: float) -> str:
    """A benefit per unit with three significant digits (0.00139, 0.5, 12.3)."""
    rounded = float(f"{float(value):.3g}")
    text = f"{rounded:f}".rstrip("0")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return number_format(rounded, decimal_pos=decimals, use_l10n=True)


@dataclass
class Names:
    """The words for a run's keys, taken from the scenario it solved."""

    partners: dict[str, str]
    actions: dict[str, str]
    resources: dict[str, tuple[str, str]]  # key -> (label, unit)

    @classmethod
    def of(cls, scenario: Mapping[str, Any]) -> Names:
        return cls(
            partners={p["key"]: p.get("name", p["key"]) for p in scenario.get("partners", [])},
            actions={a["key"]: a.get("title", a["key"]) for a in scenario.get("actions", [])},
            resources={r["key"]: (r.get("label", r["key"]), r.get("unit", "")) for r in scenario.get("resources", [])},
        )

    def partner(self, key: object) -> str:
        return self.partners.get(str(key), str(key))

    def action(self, key: object) -> str:
        return self.actions.get(str(key), str(key))

    def resource(self, key: object) -> str:
        return self.resources.get(str(key), (str(key), ""))[0]

    def unit(self, key: object) -> str:
        return self.resources.get(str(key), ("", ""))[1]

    def amount(self, resource: object, value: Any) -> str:
        """``"1,200 CAD"``: an amount of a resource with its unit."""
        try:
            number = _amount(float(value))
        except (TypeError, ValueError):
            number = str(value)
        unit = self.unit(resource)
        return f"{number} {unit}".strip()

    def ratio(self, value: Any) -> str:
        try:
            return _ratio(float(value))
        except (TypeError, ValueError):
            return str(value)

    def partner_list(self, keys: Any) -> str:
        return ", ".join(self.partner(k) for k in (keys or []))

    def action_list(self, keys: Any) -> str:
        return "; ".join(self.action(k) for k in (keys or []))


@dataclass
class AssignmentRow:
    partner: str
    partner_name: str
    resource: str
    resource_name: str
    amount: float
    amount_text: str
    pinned: bool
    pin_value: str
    forbid_value: str


@dataclass
class ActionResult:
    key: str
    title: str
    url: str
    region: str
    benefit: float
    min_fraction: float
    reasons: list[dict[str, Any]]
    assignments: list[AssignmentRow] = field(default_factory=list)
    coverage: list[tuple[str, str, str]] = field(default_factory=list)  # (resource, given, needed)
    where: str = ""


@dataclass
class RunView:
    run: AllocationRun
    names: Names
    funded: list[ActionResult]
    unfunded: list[ActionResult]
    leftover: list[tuple[str, list[str]]]  # partner name -> ["30 hours", ...]
    problems: list[dict[str, Any]]
    other_pins: list[tuple[str, str]]  # (value, text) of pins no assignment row shows
    forbids: list[tuple[str, str]]  # (value, text)
    solve_status: str
    method: str
    lp_seconds: float | None

    @property
    def created_by(self) -> str:
        return person(self.run.created_by)

    @property
    def accepted_by(self) -> str:
        return person(self.run.accepted_by)

    @property
    def action_count(self) -> int:
        return len(self.funded) + len(self.unfunded)

    @property
    def gap_text(self) -> str:
        gap = self.run.gap
        if gap is None:
            return "—"
        return f"{number_format(round(gap * 100, 2), decimal_pos=2, use_l10n=True)} %"

    @property
    def gain_over_greedy(self) -> float | None:
        run = self.run
        if run.objective is None or not run.greedy_objective:
            return None
        return (run.objective - run.greedy_objective) / run.greedy_objective * 100


def person(user: Any) -> str:
    """Who ran or accepted a run, or a dash (the demo loader, a deleted account)."""
    if user is None:
        return "—"
    return str(user.get_full_name() or user.email)


def pin_value(partner: str, action: str, resource: str, amount: float | None) -> str:
    """What a Pin checkbox posts: ``partner|action|resource|amount`` (amount empty for a token pin)."""
    return f"{partner}|{action}|{resource}|{'' if amount is None else format(float(amount), 'g')}"


def forbid_value(partner: str, action: str) -> str:
    return f"{partner}|{action}"


def run_view(run: AllocationRun) -> RunView:
    """Everything the page of a run shows, named from the scenario it solved."""
    scenario = run.scenario or {}
    result = run.result or {}
    names = Names.of(scenario)
    actions = {a["key"]: a for a in scenario.get("actions", [])}
    reasons = result.get("reasons", {})
    pins = {(p["partner"], p["action"], p["resource"]): p.get("amount") for p in run.pins or []}
    shown: set[tuple[str, str, str]] = set()
    given: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    by_action: dict[str, list[AssignmentRow]] = defaultdict(list)
    for item in result.get("assignments", []):
        key = (item["partner"], item["action"], item["resource"])
        pinned = key in pins
        if pinned:
            shown.add(key)
        amount = float(item["amount"])
        given[item["action"]][item["resource"]] += amount
        by_action[item["action"]].append(
            AssignmentRow(
                partner=item["partner"],
                partner_name=names.partner(item["partner"]),
                resource=item["resource"],
                resource_name=names.resource(item["resource"]),
                amount=amount,
                amount_text=names.amount(item["resource"], amount),
                pinned=pinned,
                # Pinning an assignment keeps at least what it gives now (rounded down to the cent).
                pin_value=pin_value(*key, pins[key] if pinned else int(amount * 100) / 100 or None),
                forbid_value=forbid_value(item["partner"], item["action"]),
            )
        )

    places = region_names()

    def result_of(key: str) -> ActionResult:
        action = actions.get(key, {"key": key, "title": key})
        parsed = parse_key(key)
        needs = action.get("needs", {})
        return ActionResult(
            key=key,
            title=action.get("title", key),
            url=action_url(*parsed) if parsed and parsed[0] != "org" else "",
            region=action.get("region", ""),
            where=region_label(action.get("region", ""), places),
            benefit=float(action.get("benefit", 0)),
            min_fraction=float(action.get("min_fraction", 1)),
            reasons=list(reasons.get(key, [])),
            assignments=sorted(by_action.get(key, []), key=lambda row: (row.resource_name, -row.amount)),
            coverage=[
                (names.resource(r), names.amount(r, given[key].get(r, 0.0)), names.amount(r, need))
                for r, need in needs.items()
            ],
        )

    funded = sorted((result_of(k) for k in result.get("funded", [])), key=lambda a: (-a.benefit, a.title))
    unfunded = sorted((result_of(k) for k in result.get("unfunded", [])), key=lambda a: (-a.benefit, a.title))
    leftover = [
        (names.partner(p), [names.amount(r, v) for r, v in sorted(left.items()) if float(v) > 1e-9])
        for p, left in sorted(result.get("leftover", {}).items(), key=lambda item: names.partner(item[0]))
    ]
    other_pins = [
        (
            pin_value(p, a, r, amount),
            f"{names.partner(p)} → {names.action(a)} · {names.resource(r)}"
            + (f" ≥ {names.amount(r, amount)}" if amount is not None else ""),
        )
        for (p, a, r), amount in pins.items()
        if (p, a, r) not in shown
    ]
    forbids = [
        (forbid_value(f["partner"], f["action"]), f"{names.partner(f['partner'])} → {names.action(f['action'])}")
        for f in run.forbids or []
    ]
    return RunView(
        run=run,
        names=names,
        funded=funded,
        unfunded=unfunded,
        leftover=[row for row in leftover if row[1]],
        problems=list(result.get("problems", [])),
        other_pins=other_pins,
        forbids=forbids,
        solve_status=str(result.get("status", "")),
        method=str(result.get("method", "")),
        lp_seconds=result.get("lp_seconds"),
    )
