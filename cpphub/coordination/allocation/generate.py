"""Seeded random scenarios for the benchmark, the tests and ``cpphub allocate --generate``.

The geography is the partnership's: two countries with three pilot locations each. Actions are
mostly local, some national, a few partnership-wide; partners are international (``"*"``), national,
local, or work in two locations of one country (which breaks the tree of regions on purpose, so the
pooling of interchangeable partners is exercised beyond the laminar case). Each partner offers only
some resource types (its expertise). ``kind`` sets the total capacity of each resource against the
total need of the actions: ``"spare"`` 1.25 times it, ``"tight"`` half of it. Capacity is spread
unevenly over partners and regions, so even a spare scenario has local shortages.
"""

from __future__ import annotations

import random

from cpphub.coordination.allocation.scenario import Action, Partner, Resource, Scenario

KINDS = {"spare": 1.1, "tight": 0.5}
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
    """A random scenario of ``kind`` ("spare" or "tight"); the same arguments give the same scenario."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
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
