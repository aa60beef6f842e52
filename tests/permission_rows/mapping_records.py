"""Permission rows of the Map stage's instruments and records (pages and API), built on Chiang Rai records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from conftest import World
from tests.permission_policies import (
    FACILITATOR_ANY,
    FACILITATOR_HERE,
    FACILITATOR_OR_MANAGER,
    MANAGER,
    MEMBER,
    Row,
)

READ = ("GET",)
WRITE = ("GET", "POST")
POST_ONLY = ("POST",)
READ_PATCH = ("GET", "PATCH")


def _instrument(w: World) -> Any:
    from cpphub.mapping.services.instruments import instrument_import
    from cpphub.mapping.tests.forms import xlsx

    return instrument_import(
        file_name="form.xlsx", content=xlsx(), location=w.locations["chiang_rai"], acting_user=None
    )


def instrument(w: World) -> dict[str, Any]:
    return {"pk": _instrument(w).pk}


def question(w: World) -> dict[str, Any]:
    return {"pk": _instrument(w).questions.get(name="online").pk}


def choice(w: World) -> dict[str, Any]:
    from cpphub.mapping.models import Choice

    return {"pk": Choice.objects.get(question__instrument=_instrument(w), name="yes").pk}


def _session(w: World) -> Any:
    from cpphub.mapping.models import MappingSession

    return MappingSession.objects.create(
        location=w.locations["chiang_rai"], kind="focus_group", title="Focus group", date=dt.date(2009, 5, 4)
    )


def session(w: World) -> dict[str, Any]:
    return {"pk": _session(w).pk}


def group(w: World) -> dict[str, Any]:
    from cpphub.mapping.models import ParticipantGroup

    return {
        "pk": ParticipantGroup.objects.create(
            session=_session(w), perspective="child", age_band="10_12", sex="female", size=7
        ).pk
    }


def _participant(w: World) -> Any:
    from cpphub.mapping.models import Participant

    return Participant.objects.create(
        location=w.locations["chiang_rai"], code="CR-001", perspective="child", age_band="10_12", sex="female"
    )


def participant(w: World) -> dict[str, Any]:
    return {"pk": _participant(w).pk}


def consent(w: World) -> dict[str, Any]:
    from cpphub.mapping.models import Consent

    return {
        "pk": Consent.objects.create(
            participant=_participant(w),
            type="assent",
            given_by="child",
            scope=["answers"],
            language="th",
            date=dt.date(2009, 5, 4),
        ).pk
    }


def finding(w: World) -> dict[str, Any]:
    from cpphub.mapping.models import Finding

    return {
        "pk": Finding.objects.create(
            location=w.locations["chiang_rai"],
            kind="risk",
            summary="Strangers ask for photos in games",
            risk_dimension="contact",
            risk_row="sexual",
            source_type="focus_group",
            perspective="child",
            age_band="13_15",
        ).pk
    }


def country(w: World) -> dict[str, Any]:
    return {"pk": w.countries["thailand"].pk}


ROWS: dict[str, Row] = {
    # Pages
    "mapping:home": Row(MEMBER),
    "mapping:instrument_list": Row(MEMBER),
    "mapping:instrument_import": Row(FACILITATOR_OR_MANAGER, WRITE),
    "mapping:instrument_detail": Row(MEMBER, kwargs=instrument),
    "mapping:instrument_set_active": Row(FACILITATOR_HERE, POST_ONLY, instrument),
    "mapping:question_tag": Row(FACILITATOR_HERE, WRITE, question),
    "mapping:choice_tag": Row(FACILITATOR_HERE, WRITE, choice),
    "mapping:session_list": Row(MEMBER),
    "mapping:session_create": Row(FACILITATOR_ANY, WRITE),
    "mapping:session_detail": Row(MEMBER, kwargs=session),
    "mapping:session_edit": Row(FACILITATOR_HERE, WRITE, session),
    "mapping:group_create": Row(FACILITATOR_HERE, POST_ONLY, session),
    "mapping:group_edit": Row(FACILITATOR_HERE, WRITE, group),
    "mapping:group_delete": Row(FACILITATOR_HERE, POST_ONLY, group),
    "mapping:participant_list": Row(FACILITATOR_ANY),
    "mapping:participant_create": Row(FACILITATOR_ANY, WRITE),
    "mapping:participant_detail": Row(FACILITATOR_HERE, kwargs=participant),
    "mapping:consent_create": Row(FACILITATOR_HERE, WRITE, participant),
    "mapping:participant_withdraw": Row(FACILITATOR_HERE, WRITE, participant),
    "mapping:consent_rules": Row(MEMBER, WRITE, country, write_policy=MANAGER),
    "mapping:finding_list": Row(MEMBER),
    "mapping:finding_export": Row(MEMBER, kwargs=lambda w: {"fmt": "xlsx"}),
    "mapping:finding_create": Row(FACILITATOR_ANY, WRITE),
    "mapping:finding_detail": Row(MEMBER, kwargs=finding),
    "mapping:finding_edit": Row(FACILITATOR_HERE, WRITE, finding),
    "mapping:finding_carry_forward": Row(FACILITATOR_HERE, POST_ONLY, finding),
    "mapping:settings": Row(MANAGER, WRITE),
    # API
    "api:instrument-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_OR_MANAGER),
    "api:instrument-detail": Row(MEMBER, READ, instrument),
    "api:question-detail": Row(MEMBER, READ_PATCH, question, write_policy=FACILITATOR_HERE),
    "api:choice-detail": Row(MEMBER, READ_PATCH, choice, write_policy=FACILITATOR_HERE),
    "api:mapping-session-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:mapping-session-detail": Row(MEMBER, READ_PATCH, session, write_policy=FACILITATOR_HERE),
    "api:participant-group-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:participant-group-detail": Row(MEMBER, READ_PATCH, group, write_policy=FACILITATOR_HERE),
    "api:participant-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:participant-detail": Row(FACILITATOR_HERE, READ_PATCH, participant),
    "api:consent-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:consent-detail": Row(FACILITATOR_HERE, READ, consent),
    "api:finding-list": Row(MEMBER, WRITE, write_policy=FACILITATOR_ANY),
    "api:finding-detail": Row(MEMBER, READ_PATCH, finding, write_policy=FACILITATOR_HERE),
}
