"""The national API: members read, the country's focal points and coordinators write; MNR details stay private."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.audit.models import AuditEvent
from cpphub.national.models import Commitment, MnrAssessment, NationalEngagement, NationalPriority
from cpphub.national.tests import national_records as records
from cpphub.national.tests.test_mnr import third_country


def api(world, persona: str) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=world.users[persona])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _priority(**fields):
    return {
        "country": "TH",
        "title": "Every child knows where to get help",
        "importance": 4,
        "mnr_capability": 11,
        "risks": ["contact"],
        "target_groups": ["children"],
        "outcome": "connect",
        **fields,
    }


def test_a_focal_point_records_a_priority_and_members_read_it(world):
    meeting = records.thai_engagement(world)
    created = api(world, "national_focal_point").post(
        reverse("api:national-priority-list"), _priority(engagement=meeting.pk), format="json"
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["country"] == "TH" and body["engagement"] == meeting.pk and body["status"] == "open"
    assert AuditEvent.objects.filter(object_type="national.nationalpriority", object_id=str(body["id"])).exists()
    read = api(world, "steering_member").get(reverse("api:national-priority-list"), {"risk": "contact"})
    assert read.status_code == 200 and [p["id"] for p in read.json()["results"]] == [body["id"]]


def test_a_focal_point_recording_for_another_country_gets_403_and_nothing_is_stored(world):
    client = api(world, "national_focal_point")
    for name, body in [
        ("api:national-priority-list", _priority(country="BR")),
        ("api:national-engagement-list", {"country": "BR", "kind": "bilateral", "date": "2009-03-01", "title": "X"}),
        ("api:commitment-list", {"country": "BR", "title": "Y", "due_date": "2009-09-01"}),
        ("api:mnr-assessment-list", {"country": "BR", "title": "Z", "assessed_on": "2009-05-01"}),
    ]:
        response = client.post(reverse(name), body, format="json")
        assert response.status_code == 403, (name, response.json())
        assert "Brazil" in response.json()["detail"]
    assert not NationalPriority.objects.exists() and not NationalEngagement.objects.exists()
    assert not Commitment.objects.exists() and not MnrAssessment.objects.exists()


def test_a_focal_point_cannot_change_a_brazilian_record(world):
    priority = records.brazil_priority(world)
    response = api(world, "national_focal_point").patch(
        reverse("api:national-priority-detail", args=[priority.pk]), {"title": "Mine now"}, format="json"
    )
    assert response.status_code == 403
    priority.refresh_from_db()
    assert priority.title == "Faster takedown of abuse material"
    changed = api(world, "coordinator").patch(
        reverse("api:national-priority-detail", args=[priority.pk]), {"status": "addressed"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["status"] == "addressed"


def test_bad_input_is_a_400_naming_the_field(world):
    brazilian_meeting = records.brazil_engagement(world)
    client = api(world, "coordinator")
    cases = [
        (_priority(engagement=brazilian_meeting.pk), "engagement"),
        (_priority(risks=["violence"]), "risks"),
        (_priority(mnr_capability=22), "mnr_capability"),
        (_priority(organisation=world.orgs["safernet"].pk), "organisation"),
        (_priority(country="XX"), "country"),
    ]
    for body, field in cases:
        response = client.post(reverse("api:national-priority-list"), body, format="json")
        assert response.status_code == 400 and field in response.json(), (field, response.json())
    assert not NationalPriority.objects.exists()


def test_a_record_stays_in_its_country(world):
    strength = records.thai_strength(world)
    response = api(world, "coordinator").patch(
        reverse("api:national-strength-detail", args=[strength.pk]), {"country": "BR"}, format="json"
    )
    assert response.status_code == 400 and "country" in response.json()


def test_commitments_say_when_they_are_overdue_and_filter_by_status(world):
    records.thai_commitment(world)
    records.thai_commitment(world, title="Done one", done_at="2009-05-01")
    client = api(world, "steering_member")
    overdue = client.get(reverse("api:commitment-list"), {"status": "overdue"}).json()
    assert [(c["title"], c["overdue"]) for c in overdue["results"]] == [("Draft a teacher training curriculum", True)]
    assert overdue["count"] == 1


def test_meetings_list_filters_and_counts_outcomes(world):
    meeting = records.thai_engagement(world)
    records.thai_priority(world, meeting)
    records.brazil_engagement(world)
    body = api(world, "hotline_analyst").get(reverse("api:national-engagement-list"), {"country": "TH"}).json()
    assert [(m["title"], m["priority_count"]) for m in body["results"]] == [
        ("Roundtable on online child sexual exploitation", 1)
    ]


def test_expectations_are_read_by_members_and_written_by_the_countrys_own(world):
    meeting = records.thai_engagement(world)
    created = api(world, "national_focal_point").post(
        reverse("api:expectation-list"), {"country": "TH", "engagement": meeting.pk, "text": "Quarterly updates"}
    )
    assert created.status_code == 201
    assert api(world, "facilitator").get(reverse("api:expectation-list")).json()["count"] == 1
    denied = api(world, "facilitator").post(reverse("api:expectation-list"), {"country": "TH", "text": "No"})
    assert denied.status_code == 403


# MNR ------------------------------------------------------------------------------------------


def test_the_assessment_list_holds_only_what_the_caller_may_see(world):
    thai = records.thai_assessment(world)
    brazil = records.brazil_assessment(world)
    focal = api(world, "national_focal_point").get(reverse("api:mnr-assessment-list")).json()
    assert [a["id"] for a in focal["results"]] == [thai.pk]
    assert len(focal["results"][0]["ratings"]) == 21 and focal["results"][0]["gap_count"] == 8
    assert api(world, "steering_member").get(reverse("api:mnr-assessment-list")).json()["count"] == 0
    assert api(world, "coordinator").get(reverse("api:mnr-assessment-list"), {"country": "BR"}).json()["count"] == 1
    assert (
        api(world, "national_focal_point").get(reverse("api:mnr-assessment-detail", args=[brazil.pk])).status_code
        == 404
    )
    assert api(world, "steering_member").get(reverse("api:mnr-assessment-detail", args=[thai.pk])).status_code == 404


def test_an_assessment_is_made_and_rated_through_the_api(world):
    client = api(world, "national_focal_point")
    created = client.post(
        reverse("api:mnr-assessment-list"),
        {
            "country": "TH",
            "title": "Thailand MNR 2010",
            "assessed_on": "2010-05-01",
            "phase_labels": ["Start", "Grow", "Strong", "Leading"],
            "ratings": [
                {"capability": 12, "phase": 3, "evidence": "Hotline runs", "partners": [world.orgs["face"].pk]}
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    rated = {r["capability"]: r for r in body["ratings"]}
    assert len(rated) == 21 and rated[12]["phase"] == 3 and rated[12]["partners"] == [world.orgs["face"].pk]
    assert rated[1]["phase"] is None and rated[1]["is_gap"] is True
    patched = client.patch(
        reverse("api:mnr-assessment-detail", args=[body["id"]]),
        {"status": "final", "ratings": [{"capability": 1, "phase": 2}]},
        format="json",
    )
    assert patched.status_code == 200
    rated = {r["capability"]: r for r in patched.json()["ratings"]}
    assert rated[1]["phase"] == 2 and rated[12]["evidence"] == "Hotline runs"


def test_bad_assessments_are_a_400_and_nothing_is_stored(world):
    client = api(world, "coordinator")
    base = {"country": "TH", "title": "Bad", "assessed_on": "2010-05-01"}
    for extra, field in [
        ({"ratings": [{"capability": 3, "phase": 5}]}, "ratings"),
        ({"ratings": [{"capability": 22, "phase": 1}]}, "ratings"),
        ({"phase_labels": ["One", "Two", "Three"]}, "phase_labels"),
        ({"framework_version": "1999"}, "framework_version"),
    ]:
        response = client.post(reverse("api:mnr-assessment-list"), {**base, **extra}, format="json")
        assert response.status_code == 400 and field in response.json(), (extra, response.json())
    assert not MnrAssessment.objects.exists()


def test_the_aggregate_endpoint_withholds_it_the_same_way(world):
    records.thai_assessment(world)
    records.brazil_assessment(world)
    url = reverse("api:mnr-aggregate")
    steering = api(world, "steering_member").get(url).json()
    assert steering["shown"] is True and len(steering["groups"]) == 6
    assert [c["country"] for c in steering["countries"]] == ["BR", "TH"]
    assert sum(g["total"] for g in steering["groups"]) == 42
    focal = api(world, "national_focal_point").get(url).json()
    assert focal["shown"] is False and focal["groups"] == [] and "withheld" in focal["reason"]
    third_country(world)
    assert api(world, "national_focal_point").get(url).json()["shown"] is True
    assert api(world, "outsider").get(url).status_code == 403
