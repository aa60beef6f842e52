"""Organisations through the pages: add, edit, deactivate and reactivate, and what their page shows."""

from __future__ import annotations

import re

from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.partnership.models import Contact, Organisation, PilotLocation
from cpphub.partnership.tests.conftest import audit_events, registry_events, role, sector


def _form(**overrides):
    data = {
        "name": "Childhood Brasil",
        "acronym": "CB",
        "sectors": [sector("ngo").pk, sector("civil_society").pk],
        "partnership_roles": [role("implementing_partner").pk],
        "level": "national",
        "website": "childhood.org.br",
        "description": "",
    }
    data.update(overrides)
    return data


def test_a_coordinator_adds_an_organisation_and_the_audit_trail_says_who_and_what(world, coordinator):
    brazil = world.countries["brazil"]

    response = coordinator.post(reverse("partnership:organisation_create"), _form(country=brazil.pk))

    organisation = Organisation.objects.get(name="Childhood Brasil")
    assert response.status_code == 302
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.website == "https://childhood.org.br"
    assert {s.code for s in organisation.sectors.all()} == {"ngo", "civil_society"}
    [event] = audit_events(organisation)
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor_email == "coordinator@example.org"
    assert event.changes["country"] == [None, "Brazil"]
    assert event.changes["sectors"] == [None, ["Civil society", "NGO"]]


def test_an_organisation_without_a_name_gets_a_field_error_and_nothing_is_saved(world, coordinator):
    before = Organisation.objects.count()

    response = coordinator.post(reverse("partnership:organisation_create"), _form(name=""))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_name_error"' in html
    assert "This field is required." in html
    assert 'aria-invalid="true" aria-describedby="id_name_error"' in html
    assert Organisation.objects.count() == before
    assert registry_events() == []


def test_an_unknown_sector_gets_a_field_error_and_nothing_is_saved(world, coordinator):
    response = coordinator.post(reverse("partnership:organisation_create"), _form(sectors=["999"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_sectors_error"' in html
    assert "Select a valid choice. 999 is not one of the available choices." in html
    assert '<fieldset class="field" aria-describedby="id_sectors_error">' in html
    assert not Organisation.objects.filter(name="Childhood Brasil").exists()
    assert registry_events() == []


def test_an_organisation_without_a_sector_gets_a_field_error(world, coordinator):
    response = coordinator.post(reverse("partnership:organisation_create"), _form(sectors=[]))

    assert response.status_code == 200
    assert 'id="id_sectors_error"' in response.content.decode()
    assert not Organisation.objects.filter(name="Childhood Brasil").exists()


def test_the_form_offers_sectors_and_roles_as_labelled_check_box_groups(world, coordinator):
    html = coordinator.get(reverse("partnership:organisation_create")).content.decode()

    assert "<legend>Sectors" in html
    assert "<legend>Partnership roles" in html
    assert 'type="checkbox" name="sectors"' in html
    assert "UN / multilateral" in html


def test_editing_records_which_fields_changed_old_and_new(world, coordinator):
    face = world.orgs["face"]
    data = _form(
        name=face.name,
        acronym="FACE",
        country=face.country.pk,
        sectors=[sector("ngo").pk, sector("justice").pk],
        partnership_roles=[role("implementing_partner").pk],
        website="",
    )

    response = coordinator.post(reverse("partnership:organisation_edit", args=[face.pk]), data)

    assert response.status_code == 302
    [event] = audit_events(face)
    assert event.action == AuditEvent.Action.UPDATE
    assert event.actor_email == "coordinator@example.org"
    assert event.changes == {"sectors": [["NGO"], ["Justice", "NGO"]]}


def test_the_edit_form_shows_the_current_values(world, coordinator):
    face = world.orgs["face"]

    html = coordinator.get(reverse("partnership:organisation_edit", args=[face.pk])).content.decode()

    assert 'value="Foundation for Child Development"' in html
    checked = set(re.findall(r'name="sectors" value="(\d+)"[^>]*checked', html))
    assert checked == {str(sector("ngo").pk)}


def test_deactivating_with_htmx_swaps_the_status_in_place_and_is_audited(world, coordinator):
    face = world.orgs["face"]

    response = coordinator.post(
        reverse("partnership:organisation_set_active", args=[face.pk]),
        {"active": "false", "next": "/partnership/organisations/"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET=f"organisation-{face.pk}-status",
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<div id="organisation-{face.pk}-status"')
    assert "Inactive" in html and "Reactivate" in html and "autofocus" in html
    assert "<html" not in html
    face.refresh_from_db()
    assert face.is_active is False
    [event] = audit_events(face)
    assert event.action == AuditEvent.Action.DEACTIVATE
    assert event.changes == {"is_active": [True, False]}


def test_deactivating_without_javascript_returns_to_the_page_it_came_from(world, coordinator):
    face = world.orgs["face"]

    response = coordinator.post(
        reverse("partnership:organisation_set_active", args=[face.pk]),
        {"active": "false", "next": "/partnership/organisations/?sector=ngo"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/partnership/organisations/?sector=ngo"
    face.refresh_from_db()
    assert face.is_active is False


def test_set_active_never_redirects_to_another_site(world, coordinator):
    face = world.orgs["face"]

    response = coordinator.post(
        reverse("partnership:organisation_set_active", args=[face.pk]),
        {"active": "false", "next": "https://evil.example.com/"},
    )

    assert response["Location"] == face.get_absolute_url()


def test_reactivating_brings_the_organisation_back(world, coordinator):
    face = world.orgs["face"]
    face.is_active = False
    face.save()

    coordinator.post(reverse("partnership:organisation_set_active", args=[face.pk]), {"active": "true"})

    face.refresh_from_db()
    assert face.is_active is True
    assert audit_events(face)[-1].action == AuditEvent.Action.REACTIVATE


def test_set_active_needs_to_be_told_which_way(world, coordinator):
    face = world.orgs["face"]

    response = coordinator.post(reverse("partnership:organisation_set_active", args=[face.pk]), {"active": "maybe"})

    assert response.status_code == 400
    face.refresh_from_db()
    assert face.is_active is True


def test_set_active_answers_only_post(world, coordinator):
    face = world.orgs["face"]

    response = coordinator.get(reverse("partnership:organisation_set_active", args=[face.pk]))

    assert response.status_code == 405


def test_the_organisation_page_lists_contacts_locations_roles_and_sectors(world, coordinator):
    face = world.orgs["face"]
    Contact.objects.create(full_name="Somchai Jaidee", organisation=face, email="somchai@example.org")
    yala = PilotLocation.objects.create(name="Yala", slug="yala", country=world.countries["thailand"])
    yala.implementing_partners.add(face)

    response = coordinator.get(face.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Somchai Jaidee" in html and "mailto:somchai@example.org" in html
    assert "Chiang Rai" in html and "Lead partner" in html
    assert "Yala" in html and "Implementing partner" in html
    assert "NGO" in html
    assert f'id="organisation-{face.pk}-status"' in html
    assert reverse("partnership:organisation_edit", args=[face.pk]) in html


def test_a_reader_sees_the_page_without_edit_or_deactivate(world, client_for):
    face = world.orgs["face"]

    html = client_for("caseworker").get(face.get_absolute_url()).content.decode()

    assert "Foundation for Child Development" in html
    assert reverse("partnership:organisation_edit", args=[face.pk]) not in html
    assert "Deactivate" not in html


def test_a_deactivated_country_is_offered_only_to_organisations_already_in_it(world, coordinator):
    brazil = world.countries["brazil"]
    brazil.is_active = False
    brazil.save()

    new_form = coordinator.get(reverse("partnership:organisation_create")).content.decode()
    existing = coordinator.get(
        reverse("partnership:organisation_edit", args=[world.orgs["safernet"].pk])
    ).content.decode()

    assert ">Brazil</option>" not in new_form
    assert ">Brazil</option>" in existing


def test_an_unknown_organisation_is_not_found(world, coordinator):
    assert coordinator.get(reverse("partnership:organisation_detail", args=[99999])).status_code == 404
    assert coordinator.get(reverse("partnership:organisation_edit", args=[99999])).status_code == 404
