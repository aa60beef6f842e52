"""Keeping the directory: coordinators (and a partner's caseworkers for their own entries) add and change it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import sign_in
from cpphub.audit.models import AuditEvent
from cpphub.connect.models import Service, ServiceAtLocation, ServiceLocation
from cpphub.connect.tests import records


def _service_form(**fields):
    return {"name": "Child helpline", "status": "active", "languages": "th, en", "categories": [], **fields}


def test_a_coordinator_adds_a_service_given_at_a_location(world):
    provider = records.provider(world, "")
    place = ServiceLocation.objects.create(organisation=provider, name="Clinic", city="Chiang Rai")
    client = sign_in(Client(), world.users["coordinator"])
    response = client.post(
        reverse("connect:service_new", args=[provider.pk]),
        _service_form(minimum_age=3, maximum_age=17, locations=[str(place.pk)]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    service = Service.objects.get(name="Child helpline")
    assert service.languages == ["th", "en"]
    assert ServiceAtLocation.objects.filter(service=service, location=place).exists()
    assert AuditEvent.objects.filter(object_id=str(service.pk), action="create").exists()


def test_a_minimum_age_above_the_maximum_is_a_field_error(world):
    provider = records.provider(world, "")
    client = sign_in(Client(), world.users["coordinator"])
    response = client.post(
        reverse("connect:service_new", args=[provider.pk]), _service_form(minimum_age=15, maximum_age=5)
    )
    assert response.status_code == 200
    assert "The minimum age must not be above the maximum age." in response.content.decode()
    assert not Service.objects.filter(name="Child helpline").exists()


def test_location_rules_are_field_errors(world):
    provider = records.provider(world, "")
    client = sign_in(Client(), world.users["coordinator"])
    url = reverse("connect:location_new", args=[provider.pk])
    virtual = client.post(url, {"kind": "virtual", "name": "Chat", "address": "1 Road"})
    assert "A virtual location has no street address" in virtual.content.decode()
    half = client.post(url, {"kind": "physical", "name": "Office", "latitude": "19.9"})
    assert "Give both the latitude and the longitude" in half.content.decode()
    assert not ServiceLocation.objects.filter(organisation=provider).exists()


def test_a_partners_caseworker_keeps_their_own_entries_only(world):
    face = records.service(world)  # FACE's own service
    other = records.service(world, records.provider(world, ""), name="Hospital crisis centre")
    client = sign_in(Client(), world.users["receiving_caseworker"])
    ok = client.post(reverse("connect:service_edit", args=[face.pk]), _service_form(name="Legal aid (renamed)"))
    assert ok.status_code == 302
    refused = client.post(reverse("connect:service_edit", args=[other.pk]), _service_form(name="Hijacked"))
    assert refused.status_code == 403
    other.refresh_from_db()
    assert other.name == "Hospital crisis centre"


def test_a_non_editor_changes_nothing(world):
    service = records.service(world, records.provider(world, ""))
    for persona in ("steering_member", "caseworker", "facilitator"):
        client = sign_in(Client(), world.users[persona])
        response = client.post(reverse("connect:service_edit", args=[service.pk]), _service_form(name="Changed"))
        assert response.status_code == 403
    assert Client().post(reverse("connect:service_edit", args=[service.pk]), _service_form()).status_code == 302
    service.refresh_from_db()
    assert service.name == "Legal aid for children"
