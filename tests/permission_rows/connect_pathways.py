"""Permission rows of the referral pathways and the per-country referral policies of Connect.

Everyone reads published pathways and their posters (``records.pathway`` is a
published Chiang Rai pathway); Chiang Rai's facilitator and coordinators change
it; any facilitator or coordinator may start a pathway (for their own
locations). The referral policies are for coordinators (with their second
factor) only.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import FACILITATOR_HERE_OR_MANAGER, FACILITATOR_OR_MANAGER, MANAGER, PUBLIC, Row

READ = ("GET",)
WRITE = ("GET", "POST")
READ_PATCH = ("GET", "PATCH")


def pathway(w: World) -> dict[str, Any]:
    from cpphub.connect.tests import records

    return {"pk": records.pathway(w).pk}


def poster(w: World) -> dict[str, Any]:
    return {**pathway(w), "lang": "th"}


def country(w: World) -> dict[str, Any]:
    from cpphub.partnership.models import Country

    return {"country_pk": Country.objects.get(code="TH").pk}


def country_code(w: World) -> dict[str, Any]:
    return {"country": "TH"}


ROWS: dict[str, Row] = {
    # Pages
    "connect:pathway_list": Row(PUBLIC),
    "connect:pathway_detail": Row(PUBLIC, kwargs=pathway),
    "connect:pathway_poster": Row(PUBLIC, kwargs=poster),
    "connect:pathway_new": Row(FACILITATOR_OR_MANAGER, WRITE),
    "connect:pathway_edit": Row(FACILITATOR_HERE_OR_MANAGER, WRITE, pathway),
    "connect:policy_list": Row(MANAGER),
    "connect:policy_edit": Row(MANAGER, WRITE, country),
    # API
    "api:pathway-list": Row(PUBLIC, ("GET", "POST"), write_policy=FACILITATOR_OR_MANAGER),
    "api:pathway-detail": Row(PUBLIC, READ_PATCH, pathway, write_policy=FACILITATOR_HERE_OR_MANAGER),
    "api:referral-policy-list": Row(MANAGER),
    "api:referral-policy-detail": Row(MANAGER, READ_PATCH, country_code),
}
