"""Engage records for tests: stakeholders and engagements of Chiang Rai and Santo André."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cpphub.partnership.models import Sector
from cpphub.planning.models import Engagement, FollowUp, Stakeholder


def sector(code: str = "law_enforcement") -> Sector:
    return Sector.objects.get_or_create(code=code)[0]


def stakeholder(world: Any, location: str = "chiang_rai", **fields: Any) -> Stakeholder:
    values = {"name": "Provincial police", "sector": sector(), "power": 4, "interest": 2, **fields}
    return Stakeholder.objects.create(location=world.locations[location], **values)


def engagement(world: Any, location: str = "chiang_rai", **fields: Any) -> Engagement:
    values = {"kind": "meeting", "date": dt.date(2009, 6, 2), "title": "First meeting", **fields}
    return Engagement.objects.create(location=world.locations[location], **values)


def follow_up(held: Engagement, **fields: Any) -> FollowUp:
    values = {"description": "Send the risk map", "due_date": dt.date(2009, 6, 20), **fields}
    return FollowUp.objects.create(engagement=held, **values)
