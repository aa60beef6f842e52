"""Permission rows of the synergy finder and coordinated actions, built on Thai and Chiang Rai records.

Every member reads synergies and coordinated actions; coordinators run the
finder, decide on synergies and make coordinated actions; a coordinated action
in Chiang Rai, Thailand is changed by those who take part in it (Chiang Rai's
facilitators, Thailand's focal points) and coordinators.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import MANAGER, MEMBER, PARTICIPANT_OR_MANAGER, Row

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)
READ_PATCH = ("GET", "PATCH")


def synergy(w: World) -> dict[str, Any]:
    from cpphub.coordination.tests.synergy_records import thai_synergy

    return {"pk": thai_synergy(w).pk}


def _action(w: World) -> Any:
    from cpphub.coordination.tests.synergy_records import chiang_rai_coordinated_action

    return chiang_rai_coordinated_action(w)


def action(w: World) -> dict[str, Any]:
    return {"pk": _action(w).pk}


def a_chiang_rai_action(w: World) -> dict[str, Any]:
    """Lists whose writes need someone taking part in an action: one exists, the URL takes nothing."""
    _action(w)
    return {}


def contribution(w: World) -> dict[str, Any]:
    made = _action(w)
    return {"pk": made.pk, "contribution": made.contributions.get(organisation=w.orgs["face"]).pk}


def milestone(w: World) -> dict[str, Any]:
    made = _action(w)
    return {"pk": made.pk, "milestone": made.milestones.get(done_at__isnull=True).pk}


def api_contribution(w: World) -> dict[str, Any]:
    return {"pk": _action(w).contributions.get(organisation=w.orgs["face"]).pk}


def api_milestone(w: World) -> dict[str, Any]:
    return {"pk": _action(w).milestones.get(done_at__isnull=True).pk}


def export(w: World) -> dict[str, Any]:
    _action(w)
    return {"fmt": "xlsx"}


ROWS: dict[str, Row] = {
    # Synergies
    "coordination:synergy_list": Row(MEMBER),
    "coordination:synergy_find": Row(MANAGER, POST_ONLY),
    "coordination:synergy_detail": Row(MEMBER, kwargs=synergy),
    "coordination:synergy_accept": Row(MANAGER, POST_ONLY, synergy),
    "coordination:synergy_dismiss": Row(MANAGER, POST_ONLY, synergy),
    "coordination:synergy_reopen": Row(MANAGER, POST_ONLY, synergy),
    # Coordinated actions
    "coordination:action_list": Row(MEMBER),
    "coordination:action_export": Row(MEMBER, kwargs=export),
    "coordination:action_create": Row(MANAGER, WRITE),
    "coordination:action_detail": Row(MEMBER, kwargs=action),
    "coordination:action_edit": Row(PARTICIPANT_OR_MANAGER, WRITE, action),
    "coordination:action_status": Row(PARTICIPANT_OR_MANAGER, POST_ONLY, action),
    "coordination:action_contribution_add": Row(PARTICIPANT_OR_MANAGER, WRITE, action),
    "coordination:action_contribution_edit": Row(PARTICIPANT_OR_MANAGER, WRITE, contribution),
    # The first allowed visitor removes it; those after get 404 for it, while the rest are refused first (403).
    "coordination:action_contribution_delete": Row(
        PARTICIPANT_OR_MANAGER, POST_ONLY, contribution, also_allowed=frozenset({404})
    ),
    "coordination:action_milestone_add": Row(PARTICIPANT_OR_MANAGER, WRITE, action),
    "coordination:action_milestone_done": Row(PARTICIPANT_OR_MANAGER, POST_ONLY, milestone),
    # API
    "api:synergy-list": Row(MEMBER),
    "api:synergy-detail": Row(MEMBER, kwargs=synergy),
    "api:synergy-find": Row(MANAGER, POST_ONLY),
    "api:synergy-accept": Row(MANAGER, POST_ONLY, synergy),
    "api:synergy-dismiss": Row(MANAGER, POST_ONLY, synergy),
    "api:synergy-reopen": Row(MANAGER, POST_ONLY, synergy),
    "api:coordinated-action-list": Row(MEMBER, WRITE, write_policy=MANAGER),
    "api:coordinated-action-detail": Row(MEMBER, READ_PATCH, action, write_policy=PARTICIPANT_OR_MANAGER),
    "api:contribution-list": Row(MEMBER, WRITE, a_chiang_rai_action, write_policy=PARTICIPANT_OR_MANAGER),
    "api:contribution-detail": Row(MEMBER, READ_PATCH, api_contribution, write_policy=PARTICIPANT_OR_MANAGER),
    "api:milestone-list": Row(MEMBER, WRITE, a_chiang_rai_action, write_policy=PARTICIPANT_OR_MANAGER),
    "api:milestone-detail": Row(MEMBER, READ_PATCH, api_milestone, write_policy=PARTICIPANT_OR_MANAGER),
}
