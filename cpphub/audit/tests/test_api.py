from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.audit.tests.factories import build_trail


def test_the_dpo_lists_audit_events_filtered_by_actor_and_object(world, client_for):
    client = client_for("dpo")
    trail = build_trail(world)
    face = world.orgs["face"]

    response = client.get(
        reverse("api:audit-event-list"),
        {"who": "coordinator", "object_type": "partnership.organisation", "object_id": face.pk},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    event = body["results"][0]
    assert event["id"] == trail.renamed.pk
    assert event["actor"] == world.user("coordinator").pk
    assert event["action"] == "update"
    assert event["changes"]["name"] == ["Foundation for Child Development", "FACE Foundation"]


def test_the_audit_event_list_is_paginated_newest_first(world, client_for):
    client = client_for("dpo")
    for n in range(55):
        AuditEvent.objects.create(action=AuditEvent.Action.TOKEN_CREATED, actor_email=f"user{n}@example.org")

    body = client.get(reverse("api:audit-event-list"), {"action": "token_created"}).json()

    assert body["count"] == 55
    assert len(body["results"]) == 50
    assert body["next"]
    assert body["results"][0]["actor_email"] == "user54@example.org"


def test_a_bad_filter_value_is_a_400(world, client_for):
    response = client_for("dpo").get(reverse("api:audit-event-list"), {"date_from": "yesterday"})

    assert response.status_code == 400
    assert "date_from" in response.json()


def test_the_dpo_reads_the_access_log(world, client_for):
    client = client_for("dpo")
    trail = build_trail(world)

    body = client.get(reverse("api:access-log-list"), {"action": "list"}).json()

    assert [row["id"] for row in body["results"]] == [trail.listed.pk]
    assert body["results"][0]["user"] == world.user("coordinator").pk
    assert body["results"][0]["object_repr"] == "Case R-2026-002"


def test_the_api_is_read_only(world, client_for):
    client = client_for("dpo")
    trail = build_trail(world)

    assert client.post(reverse("api:audit-event-list"), {}).status_code == 405
    assert client.delete(reverse("api:audit-event-detail", args=[trail.renamed.pk])).status_code == 405
    assert AuditEvent.objects.filter(pk=trail.renamed.pk).exists()


def test_the_endpoints_are_in_the_openapi_schema(world, client_for):
    schema = client_for("dpo").get(reverse("api:schema"), {"format": "json"}).json()

    assert "/api/v1/audit-events/" in schema["paths"]
    assert "/api/v1/access-log/" in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/v1/audit-events/"]["get"]["parameters"]}
    assert {"who", "action", "object_type", "object_id", "date_from", "date_to", "q", "page"} <= names
