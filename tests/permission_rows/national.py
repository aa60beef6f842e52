"""Permission rows of the national work (meetings, their outcomes, the MNR self-assessment), built on Thai records.

Every member reads the national records of every country; the national focal
points of Thailand and coordinators change Thai records; only coordinators
change Brazilian ones (the only focal point persona is Thai). An MNR
assessment's details are seen and changed by its country's focal points and
coordinators only (404 for anyone else); the aggregate is for every member.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import World
from tests.permission_policies import FOCAL_POINT_HERE_OR_MANAGER, MANAGER, MEMBER, Row

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)
READ_PATCH = ("GET", "PATCH")


def _pk(factory_name: str) -> Callable[[World], dict[str, Any]]:
    def kwargs(w: World) -> dict[str, Any]:
        from cpphub.national.tests import national_records

        return {"pk": getattr(national_records, factory_name)(w).pk}

    return kwargs


def _fmt(w: World) -> dict[str, Any]:
    return {"fmt": "xlsx"}


def thai_assessment_export(w: World) -> dict[str, Any]:
    from cpphub.national.tests.national_records import thai_assessment

    return {"pk": thai_assessment(w).pk, "fmt": "xlsx"}


thai_engagement = _pk("thai_engagement")
thai_priority = _pk("thai_priority")
thai_strength = _pk("thai_strength")
thai_expectation = _pk("thai_expectation")
thai_commitment = _pk("thai_commitment")
thai_assessment = _pk("thai_assessment")
brazil_engagement = _pk("brazil_engagement")
brazil_priority = _pk("brazil_priority")

# Those who may record national work somewhere: focal points and coordinators.
WRITERS = FOCAL_POINT_HERE_OR_MANAGER

ROWS: dict[str, Row] = {
    "national:home": Row(MEMBER),
    # Meetings
    "national:engagement_list": Row(MEMBER),
    "national:engagement_export": Row(MEMBER, kwargs=_fmt),
    "national:engagement_create": Row(WRITERS, WRITE),
    "national:engagement_detail": Row(MEMBER, kwargs=thai_engagement),
    "national:engagement_edit": Row(FOCAL_POINT_HERE_OR_MANAGER, WRITE, thai_engagement),
    # Priorities (a Brazilian one: coordinators only)
    "national:priority_list": Row(MEMBER),
    "national:priority_export": Row(MEMBER, kwargs=_fmt),
    "national:priority_create": Row(WRITERS, WRITE),
    "national:priority_edit": Row(MANAGER, WRITE, brazil_priority),
    # Strengths, expectations, commitments
    "national:strength_list": Row(MEMBER),
    "national:strength_export": Row(MEMBER, kwargs=_fmt),
    "national:strength_create": Row(WRITERS, WRITE),
    "national:strength_edit": Row(FOCAL_POINT_HERE_OR_MANAGER, WRITE, thai_strength),
    "national:expectation_create": Row(WRITERS, WRITE),
    "national:expectation_edit": Row(FOCAL_POINT_HERE_OR_MANAGER, WRITE, thai_expectation),
    "national:commitment_list": Row(MEMBER),
    "national:commitment_export": Row(MEMBER, kwargs=_fmt),
    "national:commitment_create": Row(WRITERS, WRITE),
    "national:commitment_edit": Row(FOCAL_POINT_HERE_OR_MANAGER, WRITE, thai_commitment),
    "national:commitment_done": Row(FOCAL_POINT_HERE_OR_MANAGER, POST_ONLY, thai_commitment),
    # The MNR self-assessment: details of Thailand for its focal points and coordinators, the aggregate for all
    "national:mnr_overview": Row(MEMBER),
    "national:mnr_create": Row(WRITERS, WRITE),
    "national:mnr_detail": Row(FOCAL_POINT_HERE_OR_MANAGER, kwargs=thai_assessment),
    "national:mnr_edit": Row(FOCAL_POINT_HERE_OR_MANAGER, WRITE, thai_assessment),
    "national:mnr_export": Row(FOCAL_POINT_HERE_OR_MANAGER, kwargs=thai_assessment_export),
    # API
    "api:national-engagement-list": Row(MEMBER, WRITE, write_policy=WRITERS),
    "api:national-engagement-detail": Row(
        MEMBER, READ_PATCH, thai_engagement, write_policy=FOCAL_POINT_HERE_OR_MANAGER
    ),
    "api:national-priority-list": Row(MEMBER, WRITE, write_policy=WRITERS),
    "api:national-priority-detail": Row(MEMBER, READ_PATCH, brazil_priority, write_policy=MANAGER),
    "api:national-strength-list": Row(MEMBER, WRITE, write_policy=WRITERS),
    "api:national-strength-detail": Row(MEMBER, READ_PATCH, thai_strength, write_policy=FOCAL_POINT_HERE_OR_MANAGER),
    "api:expectation-list": Row(MEMBER, WRITE, write_policy=WRITERS),
    "api:expectation-detail": Row(MEMBER, READ_PATCH, thai_expectation, write_policy=FOCAL_POINT_HERE_OR_MANAGER),
    "api:commitment-list": Row(MEMBER, WRITE, write_policy=WRITERS),
    "api:commitment-detail": Row(MEMBER, READ_PATCH, thai_commitment, write_policy=FOCAL_POINT_HERE_OR_MANAGER),
    "api:mnr-assessment-list": Row(MEMBER, WRITE, write_policy=WRITERS),
    "api:mnr-assessment-detail": Row(FOCAL_POINT_HERE_OR_MANAGER, READ_PATCH, thai_assessment),
    "api:mnr-aggregate": Row(MEMBER),
}
