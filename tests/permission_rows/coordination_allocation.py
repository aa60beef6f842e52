"""Permission rows of the allocation (capacities, needs, runs) and the 3W, built on Chiang Rai records.

Every member reads; coordinators (and superusers) keep resources, capacities,
needs and settings, run the optimiser, pin, forbid, re-solve and accept.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import MANAGER, MEMBER, Row

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)
READ_PATCH = ("GET", "PATCH")


def resource(w: World) -> dict[str, Any]:
    from cpphub.coordination.tests.allocation_records import resources

    return {"pk": resources()["budget"].pk}


def partner(w: World) -> dict[str, Any]:
    return {"pk": w.orgs["face"].pk}


def need(w: World) -> dict[str, Any]:
    from cpphub.coordination.tests.allocation_records import local_action

    return {"kind": "local", "pk": local_action(w).pk}


def run(w: World) -> dict[str, Any]:
    from cpphub.coordination.tests.allocation_records import proposed_run

    return {"pk": proposed_run(w).pk}


def run_export(w: World) -> dict[str, Any]:
    return {**run(w), "fmt": "xlsx"}


def three_w_export(w: World) -> dict[str, Any]:
    return {"fmt": "csv"}


def capacity(w: World) -> dict[str, Any]:
    from cpphub.coordination.tests.allocation_records import capacities

    return {"pk": capacities(w)["face_trainers"].pk}


def profile(w: World) -> dict[str, Any]:
    from cpphub.coordination.tests.allocation_records import chiang_rai_need

    return {"pk": chiang_rai_need(w).pk}


ROWS: dict[str, Row] = {
    "coordination:resource_overview": Row(MEMBER),
    "coordination:resource_create": Row(MANAGER, WRITE),
    "coordination:resource_edit": Row(MANAGER, WRITE, resource),
    "coordination:capacity_edit": Row(MANAGER, WRITE, partner),
    "coordination:need_edit": Row(MANAGER, WRITE, need),
    "coordination:allocation_settings": Row(MANAGER, WRITE),
    "coordination:allocation_list": Row(MEMBER),
    "coordination:allocation_run": Row(MANAGER, POST_ONLY),
    "coordination:allocation_detail": Row(MEMBER, kwargs=run),
    "coordination:allocation_resolve": Row(MANAGER, POST_ONLY, run),
    "coordination:allocation_accept": Row(MANAGER, POST_ONLY, run),
    "coordination:allocation_export": Row(MEMBER, kwargs=run_export),
    "coordination:three_w": Row(MEMBER),
    "coordination:three_w_export": Row(MEMBER, kwargs=three_w_export),
    # API
    "api:resource-type-list": Row(MEMBER, WRITE, write_policy=MANAGER),
    "api:resource-type-detail": Row(MEMBER, READ_PATCH, resource, write_policy=MANAGER),
    "api:capacity-list": Row(MEMBER, WRITE, write_policy=MANAGER),
    "api:capacity-detail": Row(MEMBER, READ_PATCH, capacity, write_policy=MANAGER),
    "api:need-profile-list": Row(MEMBER, WRITE, write_policy=MANAGER),
    "api:need-profile-detail": Row(MEMBER, READ_PATCH, profile, write_policy=MANAGER),
    "api:allocation-list": Row(MEMBER, WRITE, write_policy=MANAGER),
    "api:allocation-detail": Row(MEMBER, kwargs=run),
    "api:allocation-accept": Row(MANAGER, POST_ONLY, run),
    "api:three-w-list": Row(MEMBER),
}
