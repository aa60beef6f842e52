"""/api/v1/instruments/, /api/v1/questions/ and /api/v1/choices/: read by members, written by who may."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from cpphub.mapping.models import Choice, Instrument
from cpphub.mapping.services.instruments import instrument_import
from cpphub.mapping.tests.forms import xlsx


def api(world, persona: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users[persona])
    return client


@pytest.fixture
def form(world):
    return instrument_import(
        file_name="form.xlsx", content=xlsx(), location=world.locations["chiang_rai"], acting_user=None
    )


def test_members_list_instruments_filtered_by_location(world, form):
    client = api(world, "steering_member")
    everything = client.get("/api/v1/instruments/").json()
    elsewhere = client.get("/api/v1/instruments/", {"location": "santo-andre"}).json()
    assert everything["results"][0]["location"] == "chiang-rai"
    assert everything["results"][0]["question_count"] == 3
    assert elsewhere["count"] == 0


def test_the_detail_nests_questions_choices_and_tags(world, form):
    choice = Choice.objects.get(question__instrument=form, name="webcam")
    choice.channels = ["webcam"]
    choice.save()
    body = api(world, "caseworker").get(f"/api/v1/instruments/{form.pk}/").json()
    channel = next(q for q in body["questions"] if q["name"] == "channel")
    assert channel["type"] == "select_multiple channel"
    assert {c["name"]: c["channels"] for c in channel["choices"]}["webcam"] == ["webcam"]


def test_an_outsider_is_refused(world, form):
    assert api(world, "outsider").get("/api/v1/instruments/").status_code == 403


def test_a_facilitator_uploads_a_form_for_their_location(world):
    response = api(world, "facilitator").post(
        "/api/v1/instruments/",
        {"file": SimpleUploadedFile("form.xlsx", xlsx()), "location": "chiang-rai"},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["location"] == "chiang-rai"
    assert response.json()["questions"]


def test_a_refused_form_is_a_400_with_pyxform_s_message_and_nothing_saved(world):
    bad = xlsx(survey=[["select_one missing_list", "q", "Q", "Q", "Q"]])
    response = api(world, "facilitator").post(
        "/api/v1/instruments/",
        {"file": SimpleUploadedFile("bad.xlsx", bad), "location": "chiang-rai"},
        format="multipart",
    )
    assert response.status_code == 400
    assert "missing_list" in str(response.json())
    assert not Instrument.objects.exists()


@pytest.mark.parametrize(
    ("persona", "location", "status"),
    [
        ("facilitator", "santo-andre", 400),
        ("facilitator", None, 400),
        ("steering_member", "chiang-rai", 403),
        ("coordinator", None, 201),
    ],
)
def test_who_may_upload_where(world, persona, location, status):
    data = {"file": SimpleUploadedFile("form.xlsx", xlsx())}
    if location:
        data["location"] = location
    response = api(world, persona).post("/api/v1/instruments/", data, format="multipart")
    assert response.status_code == status, response.content
    assert Instrument.objects.exists() == (status == 201)


def test_a_facilitator_tags_a_question_with_patch(world, form):
    question = form.questions.get(name="online")
    response = api(world, "facilitator").patch(
        f"/api/v1/questions/{question.pk}/", {"risk_dimension": "conduct", "ict_tags": ["csam"]}, format="json"
    )
    question.refresh_from_db()
    assert response.status_code == 200
    assert (question.risk_dimension, question.ict_tags) == ("conduct", ["csam"])


def test_an_unknown_code_is_a_400_naming_the_field(world, form):
    choice = Choice.objects.get(question__instrument=form, name="yes")
    response = api(world, "facilitator").patch(f"/api/v1/choices/{choice.pk}/", {"strength": "luck"}, format="json")
    assert response.status_code == 400
    assert "strength" in response.json()


def test_another_location_s_facilitator_cannot_tag(world, form):
    question = form.questions.get(name="online")
    response = api(world, "other_facilitator").patch(
        f"/api/v1/questions/{question.pk}/", {"risk_dimension": "conduct"}, format="json"
    )
    question.refresh_from_db()
    assert response.status_code == 403
    assert question.risk_dimension == ""
