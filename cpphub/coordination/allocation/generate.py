"""Seeded random scenarios for the benchmark, the tests and ``cpphub allocate --generate``.

The geography is the partnership's: two countries with three pilot locations each. Actions are
mostly local, some national, a few partnership-wide; partners are international (``"*"``), national,
local, or work in two locations of one country (which breaks the tree of regions on purpose, so the
pooling of interchangeable partners is exercised beyond the laminar case). Each partner offers only
some resource types (its expertise). ``kind`` sets the total capacity of each resource against the
total need of the actions: ``"spare"`` 1.25 times it, ``"tight"`` half of it. Capacity is spread
unevenly over partners and regions, so even a spare scenario has local shortages.

The ``"hard-spare"`` and ``"hard-tight"`` kinds are the benchmark's: lumpy actions (heavy-tailed
sizes, so the largest need many partners' whole capacity; most minimum shares 1 or near it; two to
four resource types each), benefits only weakly related to size, partners offering one or two
resource types, mostly local or national with a few international ones, and capacity that does not
match the need region by region: each country is rich in some resource types and poor in others
(strongly so in ``hard-tight``, whose scarce resources are also scarcer overall), so a resource's
real price differs from one region to the next. Greedy, which prices resources partnership-wide,
reaches about 92-95% of the LP bound on ``hard-tight`` scenarios. Total capacity is 1.1 times the
total need (``hard-spare``) or half of it (``hard-tight``), as in the basic kinds.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from cpphub.coordination.allocation.scenario import ANYWHERE, Action, Partner, Resource, Scenario

KINDS = {"spare": 1.1, "tight": 0.5, "hard-spare": 1.1, "hard-tight": 0.5}
COUNTRIES = {
    "BR": ("santo-andre", "recife", "manaus"),
    "TH": ("chiang-rai", "bangkok", "pattaya"),
}
# key, label, unit, typical need of an action.
RESOURCES = (
    ("budget", "Budget", "EUR", 10_000.0),
    ("staff", "Staff time", "person-days", 40.0),
    ("trainers", "Trainers", "days", 15.0),
    ("venues", "Venues", "days", 10.0),
    ("devices", "Devices", "units", 50.0),
)


def generate(kind: str, actions: int, partners: int, *, seed: int = 0, resources: int = 5) -> Scenario:
    """A random scenario of ``kind`` (see ``KINDS``); the same arguments give the same scenario."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind.startswith("hard-"):
        return _hard(kind, actions, partners, seed, RESOURCES[: max(1, min(resources, len(RESOURCES)))])
    rng = random.Random(f"{kind}-{actions}-{partners}-{seed}-{resources}")  # noqa: S311 - test data, not secrets
    kinds = RESOURCES[: max(1, min(resources, len(RESOURCES)))]
    locations = [f"{country}/{place}" for country, places in COUNTRIES.items() for place in places]
    action_list = [_action(rng, i, kinds, locations) for i in range(actions)]
    partner_list = _partners(rng, partners, kinds, locations, action_list, KINDS[kind])
    return Scenario(
        resources=tuple(Resource(key, label, unit) for key, label, unit, _ in kinds),
        partners=tuple(partner_list),
        actions=tuple(action_list),
    )


def _action(rng: random.Random, i: int, kinds: tuple[tuple[str, str, str, float], ...], locations: list[str]) -> Action:
    draw = rng.random()
    region = "" if draw < 0.1 else rng.choice(list(COUNTRIES)) if draw < 0.3 else rng.choice(locations)
    count = min(len(kinds), rng.choices((1, 2, 3), weights=(0.3, 0.45, 0.25))[0])
    chosen = rng.sample(kinds, count)
    needs = {key: round(typical * rng.lognormvariate(0, 0.6), 1) for key, _, _, typical in chosen}
    needs = {key: max(amount, 0.1) for key, amount in needs.items()}
    size = sum(needs[key] / typical for key, _, _, typical in chosen)
    benefit = round(10 * size * rng.lognormvariate(0, 0.5), 1)
    min_fraction = 1.0 if rng.random() < 0.25 else round(rng.uniform(0.5, 0.95), 2)
    return Action(f"A{i:05d}", f"Action {i}", needs, benefit, min_fraction, region)


def _partners(
    rng: random.Random,
    count: int,
    kinds: tuple[tuple[str, str, str, float], ...],
    locations: list[str],
    actions: list[Action],
    ratio: float,
) -> list[Partner]:
    regions: list[tuple[str, ...]] = []
    offers: list[set[str]] = []
    weights: list[float] = []
    for _ in range(count):
        draw = rng.random()
        if draw < 0.2:
            region: tuple[str, ...] = ("*",)
        elif draw < 0.5:
            region = (rng.choice(list(COUNTRIES)),)
        elif draw < 0.9:
            region = (rng.choice(locations),)
        else:
            country = rng.choice(list(COUNTRIES))
            region = tuple(f"{country}/{place}" for place in sorted(rng.sample(COUNTRIES[country], 2)))
        regions.append(region)
        offers.append({key for key, *_ in rng.sample(kinds, min(len(kinds), rng.choice((1, 2, 2, 3))))})
        weights.append(rng.lognormvariate(0, 1.0))
    capacities: list[dict[str, float]] = [{} for _ in range(count)]
    for key, *_ in kinds:
        # Each region is better or worse off in each resource than its demand: local shortages.
        lean = {region: rng.lognormvariate(0, 0.8) for region in sorted(set(regions))}
        total_need = sum(action.needs.get(key, 0.0) for action in actions)
        offering = [p for p in range(count) if key in offers[p]]
        if not offering and count:  # every resource is offered by someone
            offering = [rng.randrange(count)]
        share = sum(weights[p] * lean[regions[p]] for p in offering)
        for p in offering:
            capacities[p][key] = round(ratio * total_need * weights[p] * lean[regions[p]] / share, 1)
    return [Partner(f"P{p:04d}", f"Partner {p}", capacities[p], regions[p]) for p in range(count)]


@dataclass(frozen=True)
class _Hardness:
    """How the hard kinds skew capacity: see the module docstring."""

    resource_ratio: tuple[float, ...]  # per resource type, times KINDS[kind] (mean 1)
    country_skew: float  # each country has exp(+-skew) times its share of each resource, alternating
    location_spread: float  # sigma of the random lean of each region set


HARDNESS = {
    "hard-spare": _Hardness((1.0, 1.0, 1.0, 1.0, 1.0), 0.3, 0.5),
    "hard-tight": _Hardness((0.3, 0.6, 1.0, 1.4, 1.7), 1.25, 0.8),
}


def _hard(
    kind: str, actions: int, partners: int, seed: int, kinds: tuple[tuple[str, str, str, float], ...]
) -> Scenario:
    rng = random.Random(f"{kind}-{actions}-{partners}-{seed}-{len(kinds)}")  # noqa: S311 - test data, not secrets
    hardness = HARDNESS[kind]
    countries = list(COUNTRIES)
    locations = [f"{country}/{place}" for country, places in COUNTRIES.items() for place in places]
    action_list = []
    for i in range(actions):
        draw = rng.random()
        where = "" if draw < 0.1 else rng.choice(countries) if draw < 0.35 else rng.choice(locations)
        count = min(len(kinds), rng.choices((1, 2, 3, 4), weights=(0.15, 0.35, 0.3, 0.2))[0])
        size = min(80.0, rng.paretovariate(1.3))  # heavy-tailed: mean about 4, the largest 80
        needs = {
            key: max(0.1, round(typical * size * rng.lognormvariate(0, 0.3), 1))
            for key, _, _, typical in rng.sample(kinds, count)
        }
        benefit = round(10 * size**0.3 * rng.lognormvariate(0, 0.4), 1)
        min_fraction = 1.0 if rng.random() < 0.6 else round(rng.uniform(0.8, 0.95), 2)
        action_list.append(Action(f"A{i:05d}", f"Action {i}", needs, benefit, min_fraction, where))
    regions: list[tuple[str, ...]] = []
    offers: list[set[str]] = []
    weights: list[float] = []
    for _ in range(partners):
        draw = rng.random()
        if draw < 0.05:
            region: tuple[str, ...] = ("*",)
        elif draw < 0.25:
            region = (rng.choice(countries),)
        elif draw < 0.9:
            region = (rng.choice(locations),)
        else:
            country = rng.choice(countries)
            region = tuple(f"{country}/{place}" for place in sorted(rng.sample(COUNTRIES[country], 2)))
        regions.append(region)
        offers.append({key for key, *_ in rng.sample(kinds, min(len(kinds), rng.choice((1, 1, 2))))})
        weights.append(rng.lognormvariate(0, 1.0))
    capacities: list[dict[str, float]] = [{} for _ in range(partners)]
    for j, (key, *_) in enumerate(kinds):
        skew = {
            country: math.exp(hardness.country_skew * (1 if (j + c) % 2 else -1)) for c, country in enumerate(countries)
        }
        lean = {
            region: rng.lognormvariate(0, hardness.location_spread)
            * (1.0 if region[0] == ANYWHERE else skew[region[0][:2]])
            for region in sorted(set(regions))
        }
        total_need = sum(action.needs.get(key, 0.0) for action in action_list)
        offering = [p for p in range(partners) if key in offers[p]] or ([rng.randrange(partners)] if partners else [])
        share = sum(weights[p] * lean[regions[p]] for p in offering)
        ratio = KINDS[kind] * hardness.resource_ratio[j % len(hardness.resource_ratio)]
        for p in offering:
            capacities[p][key] = round(ratio * total_need * weights[p] * lean[regions[p]] / share, 1)
    return Scenario(
        resources=tuple(Resource(key, label, unit) for key, label, unit, _ in kinds),
        partners=tuple(Partner(f"P{p:04d}", f"Partner {p}", capacities[p], regions[p]) for p in range(partners)),
        actions=tuple(action_list),
    )
