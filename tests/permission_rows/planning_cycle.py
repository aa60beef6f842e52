"""Permission rows of the cycle: each location's stages, stage moves, checklists, the board, scaling out."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import FACILITATOR_HERE, MANAGER, MEMBER, Row

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)


def location(w: World) -> dict[str, Any]:
    return {"pk": w.locations["chiang_rai"].pk}


def location_slug(w: World) -> dict[str, Any]:
    return {"slug": w.locations["chiang_rai"].slug}


ROWS: dict[str, Row] = {
    # Every member reads the cycle of every location and the board.
    "planning:board": Row(MEMBER),
    "planning:cycle": Row(MEMBER, READ, location),
    # Only the facilitators of Chiang Rai move Chiang Rai (not coordinators, not superusers).
    "planning:stage_move": Row(FACILITATOR_HERE, POST_ONLY, location),
    # Coordinators set the checklists and start new locations from existing ones.
    "planning:checklist_edit": Row(MANAGER, WRITE, location),
    "planning:location_new_from": Row(MANAGER, WRITE),
    "api:location-cycle": Row(MEMBER, READ, location_slug),
    "api:board": Row(MEMBER, READ),
}
