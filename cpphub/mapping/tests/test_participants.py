"""Participants: card codes only, seen and changed by facilitators of their location only, reads logged."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import sign_in
from cpphub.audit.models import AccessLogEntry
from cpphub.mapping.models import Consent, Participant
from cpphub.mapping.services.people import participant_create
from cpphub.mapping.tests.records_world import consent, participant, yala_facilitator


def _data(world, code: str, **fields):
    return {
        "location": world.locations["chiang_rai"],
        "code": code,
        "perspective": "child",
        "age_band": "10_12",
        **fields,
    }


def test_it_adds_a_participant_with_a_card_code(world):
    created = participant_create(data=_data(world, "CR-014", sex="female"), acting_user=world.users["facilitator"])
    assert created.code == "CR-014"


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("Maria", "code on the participant's card"),
        ("Maria Silva", "code on the participant's card"),
        ("0812345678", "phone number"),
        ("ana@example.org", "email address"),
        ("สมชาย", "code on the participant's card"),
        ("", "code on the participant's card"),
    ],
)
def test_it_refuses_what_looks_like_a_name_phone_or_email(world, code, says):
    with pytest.raises(ValidationError) as caught:
        participant_create(data=_data(world, code), acting_user=None)
    assert says in " ".join(caught.value.message_dict["code"])
    assert not Participant.objects.exists()


def test_it_refuses_a_code_already_used_in_the_location(world):
    participant(world, "CR-014")
    with pytest.raises(ValidationError) as caught:
        participant_create(data=_data(world, "cr-014"), acting_user=None)
    assert "already" in caught.value.message_dict["code"][0]
    assert Participant.objects.count() == 1


def test_the_list_shows_only_the_viewer_s_locations_with_consent_status(client_for, world):
    participant(world, "CR-001")
    participant(world, "SA-001", location="santo_andre")
    page = client_for("facilitator").get(reverse("mapping:participant_list")).content.decode()
    assert "CR-001" in page and "SA-001" not in page
    assert "Consent missing" in page


@pytest.mark.parametrize("persona", ["coordinator", "steering_member", "dpo"])
def test_the_list_is_for_facilitators_only(client_for, world, persona):
    assert client_for(persona).get(reverse("mapping:participant_list")).status_code == 403


def test_the_list_makes_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    for n in range(40):
        consent(participant(world, f"CR-{n:03}"))
    client = client_for("facilitator")
    client.get(reverse("mapping:participant_list"))
    with django_assert_max_num_queries(15):
        assert client.get(reverse("mapping:participant_list")).status_code == 200


def test_a_facilitator_adds_a_participant_on_the_page_and_is_told_to_use_the_card(client_for, world):
    client = client_for("facilitator")
    url = reverse("mapping:participant_create")
    refused = client.post(
        url,
        {"location": world.locations["chiang_rai"].pk, "code": "Somchai", "perspective": "child", "age_band": "6_9"},
    )
    assert "code on the participant&#x27;s card" in refused.content.decode()
    assert not Participant.objects.exists()
    added = client.post(
        url, {"location": world.locations["chiang_rai"].pk, "code": "CR-7", "perspective": "child", "age_band": "6_9"}
    )
    assert added.status_code == 302
    assert Participant.objects.get().code == "CR-7"


def test_every_read_of_a_participant_is_logged(client_for, world):
    person = participant(world)
    response = client_for("facilitator").get(reverse("mapping:participant_detail", args=[person.pk]))
    entry = AccessLogEntry.objects.get(object_type="mapping.participant", object_id=str(person.pk))
    assert response.status_code == 200
    assert entry.user == world.users["facilitator"]
    assert entry.object_repr == "CR-001"


def test_a_yala_facilitator_sees_nothing_of_chiang_rai(world):
    person = participant(world)
    consent(person)
    client = sign_in(Client(), yala_facilitator(world))
    assert client.get(reverse("mapping:participant_detail", args=[person.pk])).status_code == 404
    assert "CR-001" not in client.get(reverse("mapping:participant_list")).content.decode()
    before = Consent.objects.count()
    response = client.post(
        reverse("mapping:consent_create", args=[person.pk]),
        {"type": "assent", "given_by": "child", "scope": ["answers"], "language": "th", "date": "2009-05-04"},
    )
    assert response.status_code == 404
    assert Consent.objects.count() == before
    assert client.post(reverse("mapping:participant_withdraw", args=[person.pk]), {"reason": "x"}).status_code == 404
    person.refresh_from_db()
    assert person.withdrawn_at is None
    assert not AccessLogEntry.objects.filter(user=world.users["yala_facilitator"]).exists()


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_api_gives_others_an_empty_list_and_404(world):
    person = consent(participant(world)).participant
    yala = yala_facilitator(world)
    for user in (yala, world.users["coordinator"]):
        assert _api(user).get("/api/v1/participants/").json()["count"] == 0
        assert _api(user).get(f"/api/v1/participants/{person.pk}/").status_code == 404
        assert _api(user).get("/api/v1/consents/").json()["count"] == 0
    mine = _api(world.users["facilitator"]).get("/api/v1/participants/").json()
    assert mine["results"][0]["code"] == "CR-001"
    assert mine["results"][0]["consent_status"] == "assent_missing"


def test_the_api_adds_a_participant_only_where_one_facilitates(world):
    body = {"location": "chiang-rai", "code": "CR-100", "perspective": "child", "age_band": "16_17"}
    assert _api(world.users["other_facilitator"]).post("/api/v1/participants/", body, format="json").status_code == 403
    bad = _api(world.users["facilitator"]).post("/api/v1/participants/", {**body, "code": "Ana"}, format="json")
    assert bad.status_code == 400 and "code" in bad.json()
    good = _api(world.users["facilitator"]).post("/api/v1/participants/", body, format="json")
    assert good.status_code == 201, good.content
    assert Participant.objects.get().code == "CR-100"
