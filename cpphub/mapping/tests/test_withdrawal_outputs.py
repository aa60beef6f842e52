"""Withdrawn answers leave the map, the API and the exports; other locations' facilitators see no rows."""

from __future__ import annotations

import io

import openpyxl
import pytest
from rest_framework.authtoken.models import Token

from conftest import sign_in
from cpphub.accounts.models import Membership
from cpphub.mapping.models import Participant
from cpphub.mapping.services.submissions import participant_withdraw, submissions_ingest
from cpphub.mapping.tests.child_survey import child_survey
from cpphub.partnership.models import PilotLocation

CHILDREN = 24


def records(count: int) -> list[dict[str, str]]:
    """``count`` girls of 13-15, every one uneasy about someone online: all in one cell of the map."""
    return [
        {
            "_uuid": f"00000000-0000-0000-0000-{number:012d}",
            "assent": "yes",
            "about/participant_code": f"CR-{number:04d}",
            "about/age_band": "13_15",
            "about/sex": "girl",
            "uncomfortable/contact_uneasy": "yes",
        }
        for number in range(1, count + 1)
    ]


@pytest.fixture
def mapped(world):
    chiang_rai = world.locations["chiang_rai"]
    survey = child_survey(chiang_rai, world.user("facilitator"))
    submissions_ingest(
        instrument=survey,
        location=chiang_rai,
        records=records(CHILDREN),
        source="kobo_json",
        acting_user=world.user("facilitator"),
    )
    return survey


def api_map(client, slug: str) -> dict:
    response = client.get(f"/api/v1/riskmap/?location={slug}&by=age_band,sex")
    assert response.status_code == 200, response.content
    return response.json()


def uneasy(body: dict) -> dict:
    return next(cell for cell in body["heatmap"] if cell["key"] == "risk:contact:sexual")


def exported_counts(client, slug: str) -> list:
    response = client.get(f"/mapping/map/export.xlsx?location={slug}&table=heatmap")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, _hxl, *rows = sheet.iter_rows(values_only=True)
    key, count = header.index("Code"), header.index("Submissions")
    return [row[count] for row in rows if row[key] == "risk:contact:sexual"]


def test_a_withdrawn_participant_leaves_the_map_the_api_and_the_exports(client, world, mapped):
    steering = sign_in(client, world.user("steering_member"))
    slug = world.locations["chiang_rai"].slug
    assert uneasy(api_map(steering, slug))["value"] == CHILDREN
    assert exported_counts(steering, slug) == [CHILDREN]

    participant_withdraw(
        participant=Participant.objects.get(code="CR-0007"),
        reason="Asked to stop",
        acting_user=world.user("facilitator"),
    )

    body = api_map(steering, slug)
    assert uneasy(body)["value"] == CHILDREN - 1
    assert body["respondents"]["total"]["value"] == CHILDREN - 1
    assert exported_counts(steering, slug) == [CHILDREN - 1]
    page = steering.get(f"/mapping/map/?location={slug}")
    assert page.status_code == 200
    assert str(CHILDREN - 1) in page.content.decode()


def test_the_steering_member_sees_the_small_group_hidden_never_its_number(client, world, mapped):
    steering = sign_in(client, world.user("steering_member"))
    slug = world.locations["chiang_rai"].slug
    for number in range(1, CHILDREN - 6 + 1):
        participant_withdraw(
            participant=Participant.objects.get(code=f"CR-{number:04d}"), reason="Moved away", acting_user=None
        )
    body = api_map(steering, slug)
    assert uneasy(body) | {"label": None} == {
        "dimension": "contact",
        "row": "sexual",
        "key": "risk:contact:sexual",
        "label": None,
        "value": None,
        "suppressed": True,
        "reason": "primary",
    }
    assert exported_counts(steering, slug) == [None]


def test_a_facilitator_of_yala_sees_no_chiang_rai_submission_rows(client, world, mapped):
    yala = PilotLocation.objects.create(name="Yala", slug="yala", country=world.countries["thailand"])
    facilitator = world.user("other_facilitator")
    Membership.objects.filter(user=facilitator).update(location=yala)
    yala_client = sign_in(client, facilitator)
    token = Token.objects.create(user=facilitator)

    page = yala_client.get("/mapping/submissions/")
    assert page.status_code == 200
    assert "CR-0001" not in page.content.decode()
    api = client.get("/api/v1/submissions/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.status_code == 200
    assert api.json()["count"] == 0
    submission = mapped.submissions.first()
    assert yala_client.get(f"/mapping/submissions/{submission.pk}/").status_code in (403, 404)
    assert yala_client.get(f"/api/v1/submissions/{submission.pk}/").status_code in (403, 404)
