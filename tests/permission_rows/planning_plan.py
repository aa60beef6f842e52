"""Permission rows of the Plan stage (workshops, priorities, scoring, ranking, weights), on Chiang Rai records."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import FACILITATOR_ANY, FACILITATOR_HERE, FACILITATOR_HERE_OR_MANAGER, MEMBER, Row

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)
READ_PATCH = ("GET", "PATCH")


def workshop(w: World) -> dict[str, Any]:
    from cpphub.planning.tests.plan_records import workshop as make

    return {"pk": make(w).pk}


def priority(w: World) -> dict[str, Any]:
    from cpphub.planning.tests.plan_records import priority as make

    return {"pk": make(w).pk}


def participation(w: World) -> dict[str, Any]:
    from cpphub.planning.tests.plan_records import participation as make

    return {"pk": make(w).pk}


def location(w: World) -> dict[str, Any]:
    return {"pk": w.locations["chiang_rai"].pk}  # type: ignore[attr-defined]


ROWS: dict[str, Row] = {
    # Pages
    "planning:workshop_list": Row(MEMBER),
    "planning:workshop_create": Row(FACILITATOR_ANY, WRITE),
    "planning:workshop_detail": Row(MEMBER, kwargs=workshop),
    "planning:workshop_edit": Row(FACILITATOR_HERE, WRITE, workshop),
    "planning:participation_create": Row(FACILITATOR_HERE, POST_ONLY, workshop),
    "planning:participation_delete": Row(FACILITATOR_HERE, POST_ONLY, participation),
    "planning:workshop_bring_findings": Row(FACILITATOR_HERE, POST_ONLY, workshop),
    "planning:priority_create": Row(FACILITATOR_HERE, WRITE, workshop),
    "planning:workshop_rank": Row(FACILITATOR_HERE, POST_ONLY, workshop),
    "planning:priority_edit": Row(FACILITATOR_HERE, WRITE, priority),
    "planning:priority_score": Row(FACILITATOR_HERE, WRITE, priority),
    "planning:priority_delete": Row(FACILITATOR_HERE, POST_ONLY, priority),
    "planning:planning_weights": Row(MEMBER, WRITE, location, write_policy=FACILITATOR_HERE_OR_MANAGER),
    # API
    "api:workshop-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:workshop-detail": Row(MEMBER, READ_PATCH, workshop, write_policy=FACILITATOR_HERE),
    "api:workshop-rank": Row(FACILITATOR_HERE, POST_ONLY, workshop),
    "api:priority-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:priority-detail": Row(MEMBER, READ_PATCH, priority, write_policy=FACILITATOR_HERE),
}
