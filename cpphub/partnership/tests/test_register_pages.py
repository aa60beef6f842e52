"""Countries, pilot locations, phases and contacts through the pages: add, edit, deactivate, and their pages."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.partnership.models import Contact, Country, Phase, PilotLocation
from cpphub.partnership.tests.conftest import audit_events, registry_events


def _location_form(world, **overrides):
    data = {
        "name": "Klong Toey",
        "slug": "",
        "country": world.countries["thailand"].pk,
        "admin_area": "Bangkok",
        "latitude": "13.7083",
        "longitude": "100.5636",
        "stage": "engage",
        "lead_partner": world.orgs["plan_thailand"].pk,
        "implementing_partners": [world.orgs["face"].pk, world.orgs["unicef"].pk],
        "notes": "Mercy Centre hosts the sessions.",
    }
    data.update(overrides)
    return data


CREATE_CASES = {
    "country": (Country, {"code": "ca", "name": "Canada", "languages": "en, fr"}, {"name": "Canada"}),
    "phase": (
        Phase,
        {"name": "Inception", "kind": "inception", "start_date": "2008-04-01", "end_date": "2009-03-31"},
        {"name": "Inception"},
    ),
    "contact": (
        Contact,
        {"full_name": "Ana Souza", "job_title": "Analyst", "email": "ana@example.org"},
        {"full_name": "Ana Souza"},
    ),
}


@pytest.mark.parametrize("register", list(CREATE_CASES))
def test_a_coordinator_adds_a_record_and_it_is_audited(world, coordinator, register):
    model, data, lookup = CREATE_CASES[register]
    if register == "contact":
        data = {**data, "organisation": world.orgs["safernet"].pk}

    response = coordinator.post(reverse(f"partnership:{register}_create"), data)

    record = model.objects.get(**lookup)
    assert response.status_code == 302
    assert response["Location"] == record.get_absolute_url()
    [event] = audit_events(record)
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor_email == "coordinator@example.org"


def test_a_country_code_is_stored_upper_case(world, coordinator):
    coordinator.post(reverse("partnership:country_create"), {"code": "ca", "name": "Canada"})

    assert Country.objects.get(name="Canada").code == "CA"


def test_a_pilot_location_is_added_with_partners_and_a_short_name_made_from_its_name(world, coordinator):
    response = coordinator.post(reverse("partnership:location_create"), _location_form(world))

    location = PilotLocation.objects.get(name="Klong Toey")
    assert response.status_code == 302
    assert location.slug == "klong-toey"
    assert location.latitude == Decimal("13.708300")
    assert {o.pk for o in location.implementing_partners.all()} == {world.orgs["face"].pk, world.orgs["unicef"].pk}
    [event] = audit_events(location)
    assert event.changes["implementing_partners"] == [
        None,
        ["Foundation for Child Development (FACE)", "United Nations Children's Fund (UNICEF)"],
    ]
    assert event.changes["lead_partner"] == [None, "Plan Thailand"]


def test_a_location_with_a_latitude_but_no_longitude_is_refused_and_nothing_is_saved(world, coordinator):
    response = coordinator.post(reverse("partnership:location_create"), _location_form(world, longitude=""))

    assert response.status_code == 200
    assert "Give both latitude and longitude, or neither." in response.content.decode()
    assert not PilotLocation.objects.filter(name="Klong Toey").exists()


def test_a_location_name_in_thai_script_asks_for_a_short_name(world, coordinator):
    response = coordinator.post(reverse("partnership:location_create"), _location_form(world, name="คลองเตย"))

    assert response.status_code == 200
    assert 'id="id_slug_error"' in response.content.decode()


def test_a_phase_ending_before_it_starts_is_refused_on_the_end_date(world, coordinator):
    response = coordinator.post(
        reverse("partnership:phase_create"),
        {"name": "Backwards", "kind": "scaling", "start_date": "2011-01-01", "end_date": "2010-01-01"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_end_date_error"' in html
    assert "The end date comes before the start date." in html
    assert not Phase.objects.exists()


def test_editing_a_location_records_the_stage_change(world, coordinator):
    location = world.locations["chiang_rai"]
    data = _location_form(
        world,
        name="Chiang Rai",
        slug="chiang-rai",
        lead_partner=world.orgs["face"].pk,
        implementing_partners=[],
        latitude="",
        longitude="",
        admin_area="",
        notes="",
        stage="plan",
    )

    response = coordinator.post(reverse("partnership:location_edit", args=[location.pk]), data)

    assert response.status_code == 302
    [event] = audit_events(location)
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes == {"stage": ["map", "plan"]}


@pytest.mark.parametrize("register", ["country", "location", "phase", "contact"])
def test_deactivating_and_reactivating_any_record_is_audited(world, coordinator, register):
    record = {
        "country": lambda: world.countries["brazil"],
        "location": lambda: world.locations["santo_andre"],
        "phase": lambda: Phase.objects.create(
            name="Implementation", kind="implementation", start_date="2009-04-01", end_date="2011-03-31"
        ),
        "contact": lambda: Contact.objects.create(full_name="Ana Souza", organisation=world.orgs["safernet"]),
    }[register]()
    url = reverse(f"partnership:{register}_set_active", args=[record.pk])

    off = coordinator.post(url, {"active": "false"}, HTTP_HX_REQUEST="true")
    assert "Reactivate" in off.content.decode()
    coordinator.post(url, {"active": "true"}, HTTP_HX_REQUEST="true")

    record.refresh_from_db()
    assert record.is_active is True
    assert [e.action for e in audit_events(record)] == [AuditEvent.Action.DEACTIVATE, AuditEvent.Action.REACTIVATE]


def test_the_location_page_shows_partners_stage_coordinates_and_notes(world, coordinator):
    location = world.locations["chiang_rai"]
    location.latitude, location.longitude, location.stage = Decimal("19.9105"), Decimal("99.8406"), "create"
    location.notes = "Sessions at the district office."
    location.save()
    location.implementing_partners.add(world.orgs["plan_thailand"])

    html = coordinator.get(location.get_absolute_url()).content.decode()

    assert '<span class="badge stage stage-create">Create</span>' in html
    assert "Foundation for Child Development (FACE)" in html
    assert "Plan Thailand" in html
    assert "19.910500" in html and "99.840600" in html
    assert "Sessions at the district office." in html


def test_the_country_page_lists_its_locations_and_organisations(world, coordinator):
    html = coordinator.get(world.countries["brazil"].get_absolute_url()).content.decode()

    assert "Santo André" in html
    assert "Safernet Brasil" in html and "Plan Brasil" in html
    assert "Chiang Rai" not in html


def test_a_new_contact_can_start_from_its_organisation(world, coordinator):
    safernet = world.orgs["safernet"]

    html = coordinator.get(reverse("partnership:contact_create"), {"organisation": safernet.pk}).content.decode()

    assert f'<option value="{safernet.pk}" selected>Safernet Brasil</option>' in html


def test_the_contact_and_phase_pages_show_their_record(world, coordinator):
    contact = Contact.objects.create(
        full_name="Ana Souza", organisation=world.orgs["safernet"], phone="+55 11 5555 0000", is_demo=True
    )
    phase = Phase.objects.create(name="Scaling", kind="scaling", start_date="2011-04-01", end_date="2012-03-31")

    contact_html = coordinator.get(contact.get_absolute_url()).content.decode()
    phase_html = coordinator.get(phase.get_absolute_url()).content.decode()

    assert "Ana Souza" in contact_html and "tel:+55 11 5555 0000" in contact_html and "Demo record" in contact_html
    assert "Scaling Up and Out" in phase_html and 'datetime="2011-04-01"' in phase_html


def test_a_bad_contact_email_is_refused_and_nothing_saved(world, coordinator):
    response = coordinator.post(
        reverse("partnership:contact_create"),
        {"full_name": "Ana", "organisation": world.orgs["safernet"].pk, "email": "not-an-address"},
    )

    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()
    assert registry_events() == []
