"""The synergy API: members read with why; coordinators run the finder and decide; bad input is a 4xx."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.coordination.models import Synergy
from cpphub.coordination.tests.synergy_records import chiang_rai_action, thai_synergy
from cpphub.national.tests.national_records import thai_priority


def api(world, persona: str) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=world.users[persona])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_members_read_synergies_with_both_sides_and_the_reasons_as_sentences(world):
    synergy = thai_synergy(world)
    answer = api(world, "caseworker").get(reverse("api:synergy-list"), {"country": "TH", "min_score": 50})
    assert answer.status_code == 200
    body = answer.json()["results"][0]
    assert body["id"] == synergy.pk and (body["location"], body["country"]) == ("chiang-rai", "TH")
    assert body["local"]["kind"] == "local_priority" and body["national"]["kind"] == "national_priority"
    assert body["why"][0] == "Both address Contact risks and the online harms Grooming."
    assert body["reasons"][1] == {
        "code": "matching_capability",
        "params": {"capability": 13, "via": ["group:teachers"]},
    }
    assert api(world, "caseworker").get(reverse("api:synergy-list"), {"min_score": 80}).json()["count"] == 0


def test_a_coordinator_runs_the_finder_and_accepts(world):
    chiang_rai_action(world)
    thai_priority(world)
    client = api(world, "coordinator")
    found = client.post(reverse("api:synergy-find"), {"country": "th"}, format="json")
    assert found.status_code == 200 and found.json() == {"new": 2, "updated": 0, "unchanged": 0, "withdrawn": 0}
    synergy = Synergy.objects.first()
    assert synergy is not None
    accepted = client.post(reverse("api:synergy-accept", args=[synergy.pk]))
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    again = client.post(reverse("api:synergy-accept", args=[synergy.pk]))
    assert again.status_code == 400 and "status" in again.json()


def test_dismissing_without_a_reason_is_a_400_and_changes_nothing(world):
    synergy = thai_synergy(world)
    client = api(world, "coordinator")
    answer = client.post(reverse("api:synergy-dismiss", args=[synergy.pk]), {}, format="json")
    assert answer.status_code == 400 and "reason" in answer.json()
    synergy.refresh_from_db()
    assert synergy.status == "suggested"
    done = client.post(reverse("api:synergy-dismiss", args=[synergy.pk]), {"reason": "Covered"}, format="json")
    assert done.json()["status"] == "dismissed" and done.json()["dismiss_reason"] == "Covered"
    reopened = client.post(reverse("api:synergy-reopen", args=[synergy.pk]))
    assert reopened.json()["status"] == "suggested"


def test_an_unknown_country_or_synergy_is_a_4xx(world):
    client = api(world, "coordinator")
    assert client.post(reverse("api:synergy-find"), {"country": "XX"}, format="json").status_code == 400
    assert client.post(reverse("api:synergy-accept", args=[999999])).status_code == 404
    assert client.get(reverse("api:synergy-detail", args=[999999])).status_code == 404


def test_only_coordinators_decide(world):
    synergy = thai_synergy(world)
    for persona in ("facilitator", "national_focal_point", "steering_member"):
        client = api(world, persona)
        assert client.post(reverse("api:synergy-accept", args=[synergy.pk])).status_code == 403
        assert client.post(reverse("api:synergy-find"), {}, format="json").status_code == 403
    synergy.refresh_from_db()
    assert synergy.status == "suggested"
    assert APIClient().get(reverse("api:synergy-list")).status_code in (401, 403)
