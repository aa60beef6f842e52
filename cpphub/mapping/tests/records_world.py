"""Records of the Map stage for the page, API and service tests: a Yala facilitator, sessions, participants."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World, password_hash


def yala_facilitator(w: World) -> Any:
    """A facilitator of Yala (Thailand), who must see nothing of Chiang Rai's research data."""
    from cpphub.accounts.models import Membership, User
    from cpphub.partnership.models import PilotLocation

    yala = PilotLocation.objects.create(
        name="Yala", slug="yala", country=w.countries["thailand"], lead_partner=w.orgs["plan_thailand"]
    )
    w.locations["yala"] = yala
    user = User.objects.create(email="yala@example.org", full_name="Yala Facilitator", password=password_hash())
    Membership.objects.create(
        user=user, organisation=w.orgs["plan_thailand"], role="facilitator", scope="location", location=yala
    )
    w.users["yala_facilitator"] = user
    return user


def session(w: World, location: str = "chiang_rai", **fields: Any) -> Any:
    from cpphub.mapping.models import MappingSession

    values = {"kind": "focus_group", "title": "Focus group, girls 13-15", "date": dt.date(2009, 5, 4), **fields}
    return MappingSession.objects.create(location=w.locations[location], **values)


def participant(w: World, code: str = "CR-001", location: str = "chiang_rai", **fields: Any) -> Any:
    from cpphub.mapping.models import Participant

    values = {"perspective": "child", "age_band": "10_12", "sex": "female", **fields}
    return Participant.objects.create(location=w.locations[location], code=code, **values)


def consent(participant: Any, type: str = "consent", given_by: str = "caregiver", **fields: Any) -> Any:
    from cpphub.mapping.models import Consent

    values = {"scope": ["answers"], "language": "th", "date": dt.date(2009, 5, 4), **fields}
    return Consent.objects.create(participant=participant, type=type, given_by=given_by, **values)


def finding(w: World, location: str = "chiang_rai", **fields: Any) -> Any:
    from cpphub.mapping.models import Finding

    values = {
        "kind": "risk",
        "summary": "Strangers ask for photos in online games",
        "risk_dimension": "contact",
        "risk_row": "sexual",
        "ict_tags": ["grooming"],
        "channels": ["chatroom"],
        "source_type": "focus_group",
        "perspective": "child",
        "age_band": "13_15",
        "sex": "female",
        **fields,
    }
    return Finding.objects.create(location=w.locations[location], **values)
