"""Records of each stage for the cycle tests, made directly (the services of each stage are tested elsewhere)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World


def sessions(w: World, n: int, location: str = "chiang_rai") -> None:
    from cpphub.mapping.models import MappingSession

    for i in range(n):
        MappingSession.objects.create(
            location=w.locations[location],
            kind="focus_group",
            title=f"Focus group {i + 1}",
            date=dt.date(2009, 5, 4),
            created_by=w.users["facilitator"],
        )


def findings(w: World, n: int, location: str = "chiang_rai", withdrawn: int = 0) -> None:
    from django.utils import timezone

    from cpphub.mapping.models import Finding

    for i in range(n + withdrawn):
        Finding.objects.create(
            location=w.locations[location],
            kind="risk",
            risk_dimension="contact",
            summary=f"Finding {i + 1}",
            source_type="focus_group",
            perspective="child",
            withdrawn_at=timezone.now() if i >= n else None,
            created_by=w.users["facilitator"],
        )


def stakeholders(w: World, n: int, location: str = "chiang_rai") -> None:
    from cpphub.partnership.models import Sector
    from cpphub.planning.models import Stakeholder

    sector = Sector.objects.get(code="ngo")
    for i in range(n):
        Stakeholder.objects.create(
            location=w.locations[location],
            name=f"Stakeholder {i + 1}",
            sector=sector,
            power=3,
            interest=4,
            created_by=w.users["facilitator"],
        )


def engagements(w: World, n: int, location: str = "chiang_rai") -> Any:
    from cpphub.planning.models import Engagement

    made = [
        Engagement.objects.create(
            location=w.locations[location],
            kind="meeting",
            date=dt.date(2010, 1, 10),
            title=f"Meeting {i + 1}",
            created_by=w.users["facilitator"],
        )
        for i in range(n)
    ]
    return made[0] if made else None


def workshop(w: World, ranked: int, location: str = "chiang_rai") -> Any:
    from cpphub.planning.models import Priority, Workshop

    made = Workshop.objects.create(
        location=w.locations[location],
        title="Planning workshop",
        date=dt.date(2010, 3, 1),
        created_by=w.users["facilitator"],
    )
    for i in range(ranked):
        Priority.objects.create(workshop=made, title=f"Priority {i + 1}", rank=i + 1)
    Priority.objects.create(workshop=made, title="Not ranked yet")
    return made


def plan(w: World, actions: int, location: str = "chiang_rai", overdue: int = 0) -> Any:
    from cpphub.planning.models import Action, ActionPlan

    made = ActionPlan.objects.create(
        location=w.locations[location], title="Action plan 2010", created_by=w.users["facilitator"]
    )
    for i in range(actions + overdue):
        late = i >= actions
        Action.objects.create(
            plan=made,
            title=f"Action {i + 1}",
            outcome="equip",
            lead_partner=w.orgs["face"],
            start=dt.date(2010, 4, 1),
            end=dt.date(2010, 6, 1) if late else dt.date(2100, 1, 1),
        )
    return made


def full_map(w: World, location: str = "chiang_rai") -> None:
    sessions(w, 1, location)
    findings(w, 3, location)
