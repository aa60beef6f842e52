"""Records of the allocation for the page, service, API and permission tests.

Resources (budget, trainers' time), the capacities of FACE and Plan Thailand, and the need profile of a
Chiang Rai action (a teachers' training answering the workshop's first priority), enough for a solve.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from conftest import World


def resources() -> dict[str, Any]:
    from cpphub.coordination.models import ResourceType

    budget, _ = ResourceType.objects.get_or_create(
        key="budget", defaults={"name": "Budget", "kind": "money", "unit": "THB"}
    )
    trainers, _ = ResourceType.objects.get_or_create(
        key="trainers", defaults={"name": "Trainers' time", "kind": "staff_time", "unit": "hours"}
    )
    return {"budget": budget, "trainers": trainers}


def capacity(organisation: Any, resource: Any, amount: float | int | str) -> Any:
    from cpphub.coordination.models import PartnerCapacity

    found, _ = PartnerCapacity.objects.update_or_create(
        organisation=organisation, resource=resource, defaults={"amount": Decimal(str(amount))}
    )
    return found


def capacities(w: World) -> dict[str, Any]:
    """FACE gives trainers' time and some budget; Plan Thailand gives budget."""
    r = resources()
    return {
        "face_trainers": capacity(w.orgs["face"], r["trainers"], 120),
        "face_budget": capacity(w.orgs["face"], r["budget"], 20_000),
        "plan_budget": capacity(w.orgs["plan_thailand"], r["budget"], 60_000),
    }


def priority(w: World, rank: int = 1, location: str = "chiang_rai") -> Any:
    from cpphub.planning.models import Priority, Workshop

    workshop = Workshop.objects.filter(location=w.locations[location]).first() or Workshop.objects.create(
        location=w.locations[location], title="Chiang Rai planning workshop", date=dt.date(2009, 5, 10)
    )
    return Priority.objects.create(workshop=workshop, title=f"Priority ranked {rank}", rank=rank)


def local_action(w: World, title: str = "Train teachers on online grooming", **fields: Any) -> Any:
    from cpphub.planning.models import ActionPlan
    from cpphub.planning.tests.create_records import action, plan

    chiang_rai = ActionPlan.objects.filter(location=w.locations["chiang_rai"]).first() or plan(w)
    return action(chiang_rai, title=title, **fields)


def need_profile(
    action: Any,
    needs: dict[str, float | int],
    *,
    min_fraction: str = "0.80",
    children: int | None = None,
    benefit: str | None = None,
) -> Any:
    """A need profile of a local action, commitment or coordinated action, with its needs by resource key."""
    from cpphub.coordination.models import CoordinatedAction, Need, NeedProfile
    from cpphub.national.models import Commitment

    side = (
        "commitment"
        if isinstance(action, Commitment)
        else "coordinated_action"
        if isinstance(action, CoordinatedAction)
        else "local_action"
    )
    profile = NeedProfile.objects.create(
        **{side: action},
        min_fraction=Decimal(min_fraction),
        children_reached=children,
        benefit_override=None if benefit is None else Decimal(benefit),
    )
    r = resources()
    for key, amount in needs.items():
        Need.objects.create(profile=profile, resource=r[key], amount=Decimal(str(amount)))
    return profile


def chiang_rai_need(w: World) -> Any:
    """The teachers' training in Chiang Rai, answering priority 1, for 400 children: 80 hours and 30,000 THB."""
    action = local_action(w, priority=priority(w, rank=1))
    return need_profile(action, {"trainers": 80, "budget": 30_000}, children=400)


def commitment(w: World, title: str = "Set up a national hotline referral desk", **fields: Any) -> Any:
    from cpphub.national.models import Commitment

    values = {
        "country": w.countries["thailand"],
        "organisation": w.orgs["plan_thailand"],
        "due_date": dt.date(2010, 3, 31),
        "outcome": "connect",
        **fields,
    }
    return Commitment.objects.create(title=title, **values)


def coordinated_action(w: World, title: str = "Joint school safety week", **fields: Any) -> Any:
    from cpphub.coordination.models import CoordinatedAction

    values = {"lead": w.orgs["face"], "outcome": "coordinate", **fields}
    made = CoordinatedAction.objects.create(title=title, **values)
    made.locations.add(w.locations["chiang_rai"])
    return made


def world_with_needs(w: World) -> dict[str, Any]:
    """Capacities and the Chiang Rai action's needs: a scenario the optimiser can fund."""
    return {**capacities(w), "profile": chiang_rai_need(w)}


def proposed_run(w: World, **kwargs: Any) -> Any:
    """A proposal of the optimiser over ``world_with_needs`` (the Chiang Rai action funded)."""
    from cpphub.coordination.models import NeedProfile
    from cpphub.coordination.services.allocation import run_allocation

    if not NeedProfile.objects.exists():
        world_with_needs(w)
    return run_allocation(acting_user=w.users["coordinator"], **kwargs)
