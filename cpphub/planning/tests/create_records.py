"""Records of the Create stage for the page, API, export and permission tests: plans and actions of Chiang Rai."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World


def plan(w: World, location: str = "chiang_rai", **fields: Any) -> Any:
    from cpphub.planning.models import ActionPlan

    values = {"title": "Chiang Rai action plan 2009", "notes": "", **fields}
    return ActionPlan.objects.create(location=w.locations[location], **values)


def action(plan: Any, **fields: Any) -> Any:
    from cpphub.planning.models import Action

    values = {
        "title": "Train teachers on online grooming",
        "outcome": "equip",
        "lead_partner": plan.location.lead_partner,
        "start": dt.date(2009, 6, 1),
        "end": dt.date(2009, 9, 30),
        **fields,
    }
    return Action.objects.create(plan=plan, **values)


def stakeholder(w: World, organisation: Any, location: str = "chiang_rai", **fields: Any) -> Any:
    from cpphub.partnership.models import Sector
    from cpphub.planning.models import Stakeholder

    values = {"name": str(organisation), "power": 4, "interest": 4, **fields}
    return Stakeholder.objects.create(
        location=w.locations[location], organisation=organisation, sector=Sector.objects.first(), **values
    )
