"""Records of the synergy finder and coordinated actions for the page, API, permission and browser tests.

A small Thai world: Chiang Rai's workshop ranked "Grooming in online games" first (from a finding of
contact risk and grooming), its action plan trains teachers against it, and Thailand's national
priority "Stop online grooming of children in the north" (MNR capability 13, teachers and parents)
is the top-down side that fits it.

They write through the ORM (not the services), like the other apps' record modules.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from conftest import World


def grooming_finding(w: World, location: str = "chiang_rai", **fields: Any) -> Any:
    from cpphub.planning.tests.plan_records import risk

    values = {
        "summary": "Strangers in online games ask for photos and a webcam call",
        "risk_dimension": "contact",
        "risk_row": "sexual",
        "ict_tags": ["grooming"],
        **fields,
    }
    return risk(w, location=location, **values)


def chiang_rai_priority(w: World, *, rank: int = 1, **fields: Any) -> Any:
    """A Chiang Rai priority of a planning workshop, ranked ``rank``, behind a grooming finding."""
    from cpphub.planning.tests.plan_records import priority

    finding = fields.pop("finding", None) or grooming_finding(w)
    values = {"title": "Grooming in online games", "description": "Children are asked for photos in games.", **fields}
    made = priority(w, rank=rank, scores=(5, 4, 4, 3), score=Decimal("4.10"), **values)
    made.findings.add(finding)
    return made


def chiang_rai_action(w: World, priority: Any = None, **fields: Any) -> Any:
    """The Chiang Rai action that answers the priority: teachers trained on grooming, led by FACE."""
    from cpphub.planning.tests.create_records import action, plan

    priority = priority or chiang_rai_priority(w)
    values = {
        "title": "Train teachers to spot online grooming",
        "description": "Guidance teachers of twelve schools learn to recognise grooming and refer children.",
        "outcome": "equip",
        "target_groups": ["teachers", "children"],
        "expertise_needed": "Training teachers on online safety",
        "budget": Decimal("50000"),
        "currency": "THB",
        "start": dt.date(2026, 6, 1),
        "end": dt.date(2027, 3, 31),
        "priority": priority,
        **fields,
    }
    made = action(plan(w, title="Chiang Rai action plan 2026"), **values)
    made.findings.set(priority.findings.all())
    return made


def thai_national_priority(w: World, **fields: Any) -> Any:
    from cpphub.national.tests.national_records import thai_priority

    return thai_priority(w, **fields)


def thai_synergy(w: World, *, status: str = "suggested", on: str = "priority", **fields: Any) -> Any:
    """A suggested synergy (ready to be accepted) between Chiang Rai's grooming priority (``on="priority"``)
    or its teachers' action (``on="action"``) and Thailand's national priority on grooming."""
    from cpphub.coordination.models import Synergy
    from cpphub.coordination.selectors.matching import fingerprint

    priority = chiang_rai_priority(w)
    local: dict[str, Any] = {"local_priority": priority}
    if on == "action":
        local = {"local_action": chiang_rai_action(w, priority)}
    national = thai_national_priority(w)
    kind, obj = next(iter(local.items()))
    reasons = [
        {"code": "shared_risks", "params": {"risks": ["contact"], "harms": ["grooming"]}},
        {"code": "matching_capability", "params": {"capability": 13, "via": ["group:teachers"]}},
        {"code": "same_target_group", "params": {"groups": ["teachers"]}},
        {"code": "high_local_rank", "params": {"rank": 1}},
    ]
    values = {
        "location": w.locations["chiang_rai"],
        "country": w.countries["thailand"],
        "national_priority": national,
        "score": Decimal("75"),
        "reasons": reasons,
        "fingerprint": fingerprint(f"{kind}:{obj.pk}", f"national_priority:{national.pk}"),
        "status": status,
        **local,
        **fields,
    }
    return Synergy.objects.create(**values)


def chiang_rai_coordinated_action(w: World, synergy: Any = None, **fields: Any) -> Any:
    """A coordinated action in Chiang Rai, Thailand, led by FACE, with a FACE and a Plan Thailand contribution
    and two milestones (one done)."""
    from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone

    values = {
        "title": "Teachers and police against online grooming in Chiang Rai",
        "description": "FACE trains teachers; Plan Thailand brings the national curriculum.",
        "lead": w.orgs["face"],
        "outcome": "equip",
        "risks": ["contact"],
        "target_groups": ["teachers", "children"],
        "children_to_reach": 1500,
        "start": dt.date(2026, 6, 1),
        "end": dt.date(2027, 6, 30),
        "synergy": synergy,
        **fields,
    }
    action = CoordinatedAction.objects.create(**values)
    action.locations.add(w.locations["chiang_rai"])
    action.countries.add(w.countries["thailand"])
    if synergy is not None and synergy.local_action_id:
        action.local_actions.add(synergy.local_action)
    if synergy is not None and synergy.national_priority_id:
        action.national_priorities.add(synergy.national_priority)
    Contribution.objects.create(
        action=action,
        organisation=w.orgs["face"],
        kind="money",
        amount=Decimal("50000"),
        unit="THB",
        description="Training costs",
        status="confirmed",
    )
    Contribution.objects.create(
        action=action,
        organisation=w.orgs["plan_thailand"],
        kind="staff_time",
        amount=Decimal("120"),
        unit="hours",
        description="Two curriculum trainers",
    )
    Milestone.objects.create(
        action=action, title="Curriculum agreed", due=dt.date(2026, 7, 15), done_at=dt.date(2026, 7, 10)
    )
    Milestone.objects.create(action=action, title="Twelve schools trained", due=dt.date(2027, 3, 31))
    return action
