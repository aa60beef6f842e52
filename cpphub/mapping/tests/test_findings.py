"""Findings: coded, quotes refused while they hold identifiers, carried forward, listed, exported, API."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Finding
from cpphub.mapping.services.findings import finding_create
from cpphub.mapping.tests.records_world import finding, participant, session


def _data(world, **fields):
    return {
        "location": world.locations["chiang_rai"],
        "kind": "risk",
        "summary": "Older boys ask girls for photos",
        "risk_dimension": "contact",
        "risk_row": "sexual",
        "ict_tags": ["grooming", "sextortion"],
        "channels": ["social_network"],
        "source_type": "focus_group",
        "perspective": "child",
        "age_band": "13_15",
        "sex": "female",
        "quote": "He said he would post my photo if I did not send more.",
        "severity": 4,
        **fields,
    }


def test_it_codes_a_finding_and_audits_it(world):
    coded = finding_create(data=_data(world), acting_user=world.users["facilitator"])
    assert coded.ict_tags == ["grooming", "sextortion"]
    assert coded.created_by == world.users["facilitator"]
    assert AuditEvent.objects.filter(action="create", object_type="mapping.finding").exists()


@pytest.mark.parametrize(
    ("quote", "says"),
    [
        ("Call me on 081 234 5678 after school", "still holds a phone number"),
        ("write to nok@example.org", "still holds an email address"),
        ("My name is Nok and I am 12", "still holds a name"),
        ("follow @nok_cr on the app", "still holds a social media handle or link"),
    ],
)
def test_a_quote_with_an_identifier_is_refused_naming_what_was_found(world, quote, says):
    with pytest.raises(ValidationError) as caught:
        finding_create(data=_data(world, quote=quote), acting_user=None)
    assert says in caught.value.message_dict["quote"][0]
    assert not Finding.objects.exists()


def test_a_strength_needs_its_code_and_a_session_must_be_of_the_location(world):
    elsewhere = session(world, location="santo_andre")
    with pytest.raises(ValidationError) as caught:
        finding_create(
            data=_data(world, kind="strength", risk_dimension="", risk_row="", session=elsewhere), acting_user=None
        )
    assert {"strength", "session"} <= set(caught.value.message_dict)
    assert not Finding.objects.exists()


def test_participants_quoted_must_be_of_the_location(world):
    stranger = participant(world, "SA-1", location="santo_andre")
    with pytest.raises(ValidationError) as caught:
        finding_create(data=_data(world, participants=[stranger]), acting_user=None)
    assert "participants" in caught.value.message_dict
    assert "SA-1" not in caught.value.message_dict["participants"][0]


def test_a_facilitator_codes_a_finding_on_the_page_and_a_quote_is_refused(client_for, world):
    client = client_for("facilitator")
    form = {
        "location": world.locations["chiang_rai"].pk,
        "kind": "risk",
        "summary": "Photos asked for in games",
        "risk_dimension": "contact",
        "ict_tags": ["grooming"],
        "source_type": "focus_group",
        "perspective": "child",
        "age_band": "10_12",
        "quote": "he gave me his number 0812345678",
    }
    refused = client.post(reverse("mapping:finding_create"), form)
    assert "still holds a phone number" in refused.content.decode()
    assert not Finding.objects.exists()
    saved = client.post(reverse("mapping:finding_create"), {**form, "quote": "he asked for photos"})
    assert saved.status_code == 302
    assert Finding.objects.get().quote == "he asked for photos"


@pytest.mark.parametrize("persona", ["other_facilitator", "coordinator", "steering_member"])
def test_others_cannot_change_a_chiang_rai_finding(client_for, world, persona):
    coded = finding(world)
    client = client_for(persona)
    edit = client.post(reverse("mapping:finding_edit", args=[coded.pk]), {"summary": "Changed"})
    carry = client.post(reverse("mapping:finding_carry_forward", args=[coded.pk]), {"carried_forward": "true"})
    coded.refresh_from_db()
    assert edit.status_code == carry.status_code == 403
    assert coded.summary != "Changed" and not coded.carried_forward


def test_carry_forward_is_toggled_in_place(client_for, world):
    coded = finding(world)
    response = client_for("facilitator").post(
        reverse("mapping:finding_carry_forward", args=[coded.pk]), {"carried_forward": "true"}, HTTP_HX_REQUEST="true"
    )
    coded.refresh_from_db()
    assert response.status_code == 200 and "Take back from planning" in response.content.decode()
    assert coded.carried_forward


def test_the_list_filters_by_codes_and_leaves_withdrawn_findings_out(client_for, world):
    finding(world, summary="Grooming in chatrooms")
    finding(world, summary="LAN house webcams", ict_tags=["live_streamed"], channels=["lan_house", "webcam"])
    finding(
        world,
        summary="Peer support at school",
        kind="strength",
        risk_dimension="",
        risk_row="",
        strength="peer_support",
        ict_tags=[],
        channels=[],
    )
    finding(world, summary="Withdrawn one", withdrawn_at="2009-07-01T00:00:00Z")
    client = client_for("steering_member")
    url = reverse("mapping:finding_list")
    everything = client.get(url).content.decode()
    assert "Grooming in chatrooms" in everything and "Withdrawn one" not in everything
    by_channel = client.get(url, {"channel": "webcam"}).content.decode()
    assert "LAN house webcams" in by_channel and "Grooming in chatrooms" not in by_channel
    by_tag = client.get(url, {"ict_tag": "grooming"}).content.decode()
    assert "Grooming in chatrooms" in by_tag and "LAN house webcams" not in by_tag
    strengths = client.get(url, {"kind": "strength"}).content.decode()
    assert "Peer support at school" in strengths and "Grooming in chatrooms" not in strengths


def test_the_list_makes_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    for n in range(30):
        finding(world, summary=f"Finding {n}")
    client = client_for("coordinator")
    client.get(reverse("mapping:finding_list"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mapping:finding_list")).status_code == 200


def test_the_export_has_hxl_tags_and_only_the_filtered_rows(client_for, world):
    finding(world, summary="Grooming in chatrooms")
    finding(world, summary="Withdrawn one", withdrawn_at="2009-07-01T00:00:00Z")
    response = client_for("steering_member").get(reverse("mapping:finding_export", args=["csv"]), {"kind": "risk"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["#meta+id", "#adm2+name", "#indicator+type"]
    assert [row[3] for row in rows[2:]] == ["Grooming in chatrooms"]
    assert AuditEvent.objects.filter(action="export", object_type="mapping.finding").exists()


def test_participants_quoted_are_shown_only_to_facilitators(client_for, world):
    coded = finding(world)
    coded.participants.add(participant(world, "CR-042"))
    url = reverse("mapping:finding_detail", args=[coded.pk])
    assert "CR-042" in client_for("facilitator").get(url).content.decode()
    assert "CR-042" not in client_for("coordinator").get(url).content.decode()


def _api(world, persona):
    client = APIClient()
    client.force_authenticate(world.users[persona])
    return client


def test_the_api_reads_filters_and_hides_participants(world):
    coded = finding(world, carried_forward=True)
    coded.participants.add(participant(world))
    finding(world, location="santo_andre", summary="Santo André finding")
    body = (
        _api(world, "steering_member")
        .get("/api/v1/findings/", {"location": "chiang-rai", "carried_forward": "true"})
        .json()
    )
    assert [row["summary"] for row in body["results"]] == [coded.summary]
    assert body["results"][0]["participants"] is None
    mine = _api(world, "facilitator").get(f"/api/v1/findings/{coded.pk}/").json()
    assert mine["participants"] == [coded.participants.get().pk]


def test_the_api_refuses_a_quote_with_an_email_and_another_location_s_writer(world):
    body = {
        "location": "chiang-rai",
        "kind": "risk",
        "summary": "Asked for photos",
        "risk_dimension": "contact",
        "source_type": "survey",
        "perspective": "child",
        "quote": "mail me at nok@example.org",
    }
    bad = _api(world, "facilitator").post("/api/v1/findings/", body, format="json")
    assert bad.status_code == 400 and "email" in str(bad.json()["quote"])
    assert (
        _api(world, "other_facilitator").post("/api/v1/findings/", {**body, "quote": ""}, format="json").status_code
        == 403
    )
    assert _api(world, "facilitator").post("/api/v1/findings/", {**body, "quote": ""}, format="json").status_code == 201
    assert Finding.objects.count() == 1
