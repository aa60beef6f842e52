"""Permission rows of submissions in (imports, paper-form entry, row-level submissions), built on Chiang Rai records.

Row-level submissions are for the facilitators of their location only: not
coordinators, not superusers. The list pages and list endpoints are open to a
facilitator of any location (each sees only their own locations' rows).
"""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import FACILITATOR_ANY, FACILITATOR_HERE, Row

READ = ("GET",)
WRITE = ("GET", "POST")


def _survey(w: World) -> Any:
    from cpphub.mapping.tests.child_survey import child_survey

    return child_survey(w.locations["chiang_rai"])


def instrument(w: World) -> dict[str, Any]:
    return {"pk": _survey(w).pk}


def _submission(w: World) -> Any:
    from cpphub.mapping.services.submissions import submission_enter

    return submission_enter(
        instrument=_survey(w),
        location=w.locations["chiang_rai"],
        answers={"assent": "yes", "about/participant_code": "P-900", "about/age_band": "13_15", "about/sex": "girl"},
        acting_user=w.users["facilitator"],
    )


def submission(w: World) -> dict[str, Any]:
    return {"pk": _submission(w).pk}


def _job(w: World) -> Any:
    from cpphub.mapping.services.imports import import_start
    from cpphub.mapping.tests.child_survey import data

    return import_start(
        instrument=_survey(w),
        location=w.locations["chiang_rai"],
        file_name="child-survey.json",
        content=data("child-survey.json"),
        acting_user=w.users["facilitator"],
    )


def job(w: World) -> dict[str, Any]:
    return {"pk": _job(w).pk}


ROWS: dict[str, Row] = {
    "mapping:import_create": Row(FACILITATOR_HERE, WRITE, instrument),
    "mapping:submission_enter": Row(FACILITATOR_HERE, WRITE, instrument),
    "mapping:import_list": Row(FACILITATOR_ANY),
    "mapping:import_detail": Row(FACILITATOR_HERE, kwargs=job),
    "mapping:submission_list": Row(FACILITATOR_ANY),
    "mapping:submission_detail": Row(FACILITATOR_HERE, kwargs=submission),
    "api:import-list": Row(FACILITATOR_ANY, WRITE),
    "api:import-detail": Row(FACILITATOR_HERE, kwargs=job),
    "api:submission-list": Row(FACILITATOR_ANY),
    "api:submission-detail": Row(FACILITATOR_HERE, kwargs=submission),
}
