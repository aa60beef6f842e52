"""Permission rows of the Create stage (action plans, actions, progress, exports), built on Chiang Rai records.

Every member reads plans and actions; only the facilitators of the plan's
location change them (not coordinators, not superusers).
"""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import FACILITATOR_ANY, FACILITATOR_HERE, MEMBER, Row

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)
READ_PATCH = ("GET", "PATCH")


def _plan(w: World) -> Any:
    from cpphub.planning.tests.create_records import plan

    return plan(w)


def plan(w: World) -> dict[str, Any]:
    return {"pk": _plan(w).pk}


def plan_export(w: World) -> dict[str, Any]:
    return {"pk": _plan(w).pk, "fmt": "xlsx"}


def _action(w: World) -> Any:
    from cpphub.planning.tests.create_records import action

    return action(_plan(w))


def action(w: World) -> dict[str, Any]:
    return {"pk": _action(w).pk}


def progress(w: World) -> dict[str, Any]:
    import datetime as dt

    from cpphub.planning.models import ProgressUpdate

    update = ProgressUpdate.objects.create(action=_action(w), date=dt.date(2009, 7, 1), note="Two schools trained")
    return {"pk": update.pk}


ROWS: dict[str, Row] = {
    "planning:plan_list": Row(MEMBER),
    "planning:plan_create": Row(FACILITATOR_ANY, WRITE),
    "planning:plan_detail": Row(MEMBER, kwargs=plan),
    "planning:plan_timeline": Row(MEMBER, kwargs=plan),
    "planning:plan_edit": Row(FACILITATOR_HERE, WRITE, plan),
    "planning:plan_export": Row(MEMBER, kwargs=plan_export),
    "planning:plan_pdf": Row(MEMBER, kwargs=plan),
    "planning:action_create": Row(FACILITATOR_HERE, WRITE, plan),
    "planning:action_detail": Row(MEMBER, kwargs=action),
    "planning:action_edit": Row(FACILITATOR_HERE, WRITE, action),
    "planning:action_status": Row(FACILITATOR_HERE, POST_ONLY, action),
    "planning:progress_create": Row(FACILITATOR_HERE, WRITE, action),
    # API
    "api:action-plan-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:action-plan-detail": Row(MEMBER, READ_PATCH, plan, write_policy=FACILITATOR_HERE),
    "api:action-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:action-detail": Row(MEMBER, READ_PATCH, action, write_policy=FACILITATOR_HERE),
    "api:progress-update-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:progress-update-detail": Row(MEMBER, READ, progress),
}
