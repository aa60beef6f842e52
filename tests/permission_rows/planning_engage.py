"""Permission rows of the Engage stage (pages and API), built on Chiang Rai records.

Members read every location's stakeholders, engagements and follow-ups; only
the facilitators of Chiang Rai change Chiang Rai's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World
from tests.permission_policies import FACILITATOR_ANY, FACILITATOR_HERE, MEMBER, Row

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)
READ_PATCH = ("GET", "PATCH")


def _stakeholder(w: World) -> Any:
    from cpphub.partnership.models import Sector
    from cpphub.planning.models import Stakeholder

    return Stakeholder.objects.create(
        location=w.locations["chiang_rai"],
        name="Provincial police",
        sector=Sector.objects.get(code="law_enforcement"),
        power=4,
        interest=2,
    )


def stakeholder(w: World) -> dict[str, Any]:
    return {"pk": _stakeholder(w).pk}


def _engagement(w: World) -> Any:
    from cpphub.planning.models import Engagement

    return Engagement.objects.create(
        location=w.locations["chiang_rai"], kind="meeting", date=dt.date(2009, 6, 2), title="First meeting"
    )


def engagement(w: World) -> dict[str, Any]:
    return {"pk": _engagement(w).pk}


def follow_up(w: World) -> dict[str, Any]:
    from cpphub.planning.models import FollowUp

    return {
        "pk": FollowUp.objects.create(
            engagement=_engagement(w), description="Send the risk map", due_date=dt.date(2009, 6, 20)
        ).pk
    }


def fmt(w: World) -> dict[str, Any]:
    return {"fmt": "xlsx"}


ROWS: dict[str, Row] = {
    # Pages
    "planning:engage_home": Row(MEMBER),
    "planning:stakeholder_list": Row(MEMBER),
    "planning:stakeholder_export": Row(MEMBER, kwargs=fmt),
    "planning:stakeholder_create": Row(FACILITATOR_ANY, WRITE),
    "planning:stakeholder_grid": Row(MEMBER),
    "planning:stakeholder_detail": Row(MEMBER, kwargs=stakeholder),
    "planning:stakeholder_edit": Row(FACILITATOR_HERE, WRITE, stakeholder),
    "planning:stakeholder_set_active": Row(FACILITATOR_HERE, POST_ONLY, stakeholder),
    "planning:stakeholder_move": Row(FACILITATOR_HERE, POST_ONLY, stakeholder),
    "planning:engagement_list": Row(MEMBER),
    "planning:engagement_export": Row(MEMBER, kwargs=fmt),
    "planning:engagement_create": Row(FACILITATOR_ANY, WRITE),
    "planning:engagement_detail": Row(MEMBER, kwargs=engagement),
    "planning:engagement_edit": Row(FACILITATOR_HERE, WRITE, engagement),
    "planning:followup_create": Row(FACILITATOR_HERE, POST_ONLY, engagement),
    "planning:followup_done": Row(FACILITATOR_HERE, POST_ONLY, follow_up),
    # API
    "api:stakeholder-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:stakeholder-detail": Row(MEMBER, READ_PATCH, stakeholder, write_policy=FACILITATOR_HERE),
    "api:engagement-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:engagement-detail": Row(MEMBER, READ_PATCH, engagement, write_policy=FACILITATOR_HERE),
    "api:follow-up-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:follow-up-detail": Row(MEMBER, READ_PATCH, follow_up, write_policy=FACILITATOR_HERE),
}
