"""The directory API and the HSDS API."""

from __future__ import annotations

from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.connect.models import Service
from cpphub.connect.selectors.hsds import taxonomy_term_id
from cpphub.connect.tests import records


def api(world, persona: str | None = None) -> APIClient:
    client = APIClient()
    if persona:
        token, _ = Token.objects.get_or_create(user=world.users[persona])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_anyone_lists_services_without_confidential_fields(world):
    link = records.shelter(world)
    response = api(world).get(reverse("api:service-list"), {"category": "shelter"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Emergency shelter for girls" in text
    assert records.DIRECT_LINE not in text and records.SHELTER_ADDRESS not in text
    detail = api(world, "caseworker").get(reverse("api:service-detail", args=[link.service_id])).json()
    assert detail["direct_line"] == records.DIRECT_LINE
    assert detail["places"][0]["address"] == records.SHELTER_ADDRESS


def test_filters_by_age_and_bad_filters_are_400(world):
    records.service(world, name="Teens", minimum_age=13, maximum_age=17)
    names = [s["name"] for s in api(world).get(reverse("api:service-list"), {"age": 8}).json()["results"]]
    assert "Teens" not in names
    assert api(world).get(reverse("api:service-list"), {"category": "nope"}).status_code == 400


def test_writes_are_for_those_who_keep_the_entries(world):
    provider = records.provider(world, "")
    body = {"organisation": str(provider.pk), "name": "Night shelter", "minimum_age": 10, "maximum_age": 5}
    assert api(world, "steering_member").post(reverse("api:service-list"), body, format="json").status_code == 403
    assert api(world).post(reverse("api:service-list"), body, format="json").status_code in (401, 403)
    bad = api(world, "coordinator").post(reverse("api:service-list"), body, format="json")
    assert bad.status_code == 400 and "minimum_age" in bad.json()
    assert not Service.objects.filter(name="Night shelter").exists()
    body["maximum_age"] = 17
    made = api(world, "coordinator").post(reverse("api:service-list"), body, format="json")
    assert made.status_code == 201, made.json()


def test_the_hsds_api_is_public_paginated_and_never_confidential(world):
    link = records.shelter(world)
    records.service(world)
    client = api(world)
    meta = client.get("/api/v1/hsds/").json()
    assert meta["version"] == "3.0"
    page = client.get("/api/v1/hsds/services", {"per_page": 1}).json()
    assert page["total_items"] == 2 and page["total_pages"] == 2 and page["size"] == 1
    assert page["first_page"] and not page["last_page"] and len(page["contents"]) == 1
    shelters = client.get("/api/v1/hsds/services", {"taxonomy_term_id": taxonomy_term_id("shelter")}).json()
    assert [s["name"] for s in shelters["contents"]] == ["Emergency shelter for girls"]
    texts = [
        client.get(url).content.decode()
        for url in (
            "/api/v1/hsds/services",
            f"/api/v1/hsds/services/{link.service_id}",
            "/api/v1/hsds/organizations",
            f"/api/v1/hsds/organizations/{link.service.organisation_id}",
            "/api/v1/hsds/service_at_locations",
            f"/api/v1/hsds/service_at_locations/{link.pk}",
        )
    ]
    for text in texts:
        assert records.DIRECT_LINE not in text and records.SHELTER_ADDRESS not in text
    assert "Safe house" in texts[-1]
    assert client.get("/api/v1/hsds/services", {"page": "x"}).status_code == 400
