"""The write services: validated, saved and audited together, for every register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cpphub.audit.models import AuditEvent
from cpphub.partnership import services
from cpphub.partnership.models import Contact, Country, Organisation, Phase, PilotLocation
from cpphub.partnership.tests.conftest import audit_events, registry_events, role, sector


def test_creating_an_organisation_audits_every_value_including_sectors_and_roles(world):
    coordinator = world.user("coordinator")

    organisation = services.organisation_create(
        data={
            "name": "Childhood Brasil",
            "acronym": "CB",
            "sectors": [sector("ngo"), sector("civil_society")],
            "partnership_roles": [role("implementing_partner")],
            "country": world.countries["brazil"],
            "level": "national",
        },
        acting_user=coordinator,
    )

    [event] = audit_events(organisation)
    assert event.action == AuditEvent.Action.CREATE
    assert event.actor == coordinator
    assert event.actor_email == "coordinator@example.org"
    assert event.changes["name"] == [None, "Childhood Brasil"]
    assert event.changes["sectors"] == [None, ["Civil society", "NGO"]]
    assert event.changes["partnership_roles"] == [None, ["Implementing partner"]]
    assert event.changes["country"] == [None, "Brazil"]


def test_an_update_records_only_the_fields_that_changed_old_and_new(world):
    face = world.orgs["face"]

    services.organisation_update(
        organisation=face,
        data={"acronym": "FACE-TH", "sectors": [sector("ngo"), sector("justice")]},
        acting_user=world.user("coordinator"),
    )

    [event] = audit_events(face)
    assert event.action == AuditEvent.Action.UPDATE
    assert event.changes == {"acronym": ["FACE", "FACE-TH"], "sectors": [["NGO"], ["Justice", "NGO"]]}


def test_an_update_compares_with_the_stored_row_not_with_an_instance_already_changed(world):
    face = world.orgs["face"]
    face.name = "Changed by a form before the service ran"

    services.organisation_update(
        organisation=face, data={"name": "FACE Foundation"}, acting_user=world.user("coordinator")
    )

    [event] = audit_events(face)
    assert event.changes == {"name": ["Foundation for Child Development", "FACE Foundation"]}


def test_an_update_that_changes_nothing_writes_no_audit_row(world):
    face = world.orgs["face"]

    services.organisation_update(organisation=face, data={"acronym": "FACE"}, acting_user=world.user("coordinator"))

    assert audit_events(face) == []


def test_the_audit_trail_keeps_labels_in_the_site_language_whatever_the_reader_speaks(world):
    face = world.orgs["face"]

    with translation.override("pt-br"):
        services.organisation_update(
            organisation=face, data={"sectors": [sector("government")]}, acting_user=world.user("coordinator")
        )

    assert audit_events(face)[0].changes["sectors"] == [["NGO"], ["Government"]]


def test_an_organisation_needs_at_least_one_sector_and_nothing_is_saved_without(world):
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(data={"name": "No sector", "sectors": []}, acting_user=world.user("coordinator"))

    assert "sectors" in caught.value.message_dict
    assert not Organisation.objects.filter(name="No sector").exists()


def test_validation_errors_of_the_model_and_of_the_service_come_together(world):
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(data={"name": "", "sectors": []}, acting_user=world.user("coordinator"))

    assert set(caught.value.message_dict) >= {"name", "sectors"}
    assert registry_events() == []


def test_a_field_the_register_does_not_have_is_a_programming_error(world):
    with pytest.raises(TypeError):
        services.country_update(
            country=world.countries["brazil"], data={"population": 1}, acting_user=world.user("coordinator")
        )


@pytest.mark.parametrize(
    ("active", "action"),
    [(False, AuditEvent.Action.DEACTIVATE), (True, AuditEvent.Action.REACTIVATE)],
)
def test_set_active_records_a_deactivation_or_reactivation(world, active, action):
    location = world.locations["chiang_rai"]
    location.is_active = not active
    location.save()

    updated = services.location_set_active(location=location, active=active, acting_user=world.user("coordinator"))

    assert updated.is_active is active
    [event] = audit_events(location)
    assert event.action == action
    assert event.changes == {"is_active": [not active, active]}


def test_deactivating_what_is_already_inactive_writes_nothing(world):
    brazil = world.countries["brazil"]
    services.country_set_active(country=brazil, active=False, acting_user=world.user("coordinator"))

    services.country_set_active(country=brazil, active=False, acting_user=world.user("coordinator"))

    assert [e.action for e in audit_events(brazil)] == [AuditEvent.Action.DEACTIVATE]


def test_every_register_creates_and_audits_through_the_same_path(world):
    coordinator = world.user("coordinator")
    country = services.country_create(data={"code": "ca", "name": "Canada"}, acting_user=coordinator)
    location = services.location_create(
        data={"name": "Yala", "slug": "yala", "country": world.countries["thailand"], "stage": "engage"},
        acting_user=coordinator,
    )
    phase = services.phase_create(
        data={
            "name": "Inception",
            "kind": "inception",
            "start_date": dt.date(2008, 4, 1),
            "end_date": dt.date(2009, 3, 31),
        },
        acting_user=coordinator,
    )
    contact = services.contact_create(
        data={"full_name": "Ana Souza", "organisation": world.orgs["safernet"]}, acting_user=coordinator
    )

    assert Country.objects.get(pk=country.pk).code == "CA"  # the model's clean() upper-cases
    for record in (country, location, phase, contact):
        [event] = audit_events(record)
        assert event.action == AuditEvent.Action.CREATE
        assert event.actor_email == "coordinator@example.org"
    assert PilotLocation.objects.get(slug="yala").stage == "engage"
    assert Phase.objects.filter(name="Inception").exists()
    assert Contact.objects.filter(full_name="Ana Souza").exists()


def test_a_phase_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError) as caught:
        services.phase_create(
            data={
                "name": "Backwards",
                "kind": "scaling",
                "start_date": dt.date(2011, 1, 1),
                "end_date": dt.date(2010, 1, 1),
            },
            acting_user=world.user("coordinator"),
        )

    assert "end_date" in caught.value.message_dict
    assert not Phase.objects.exists()


def test_a_location_needs_both_coordinates_or_neither(world):
    with pytest.raises(ValidationError):
        services.location_update(
            location=world.locations["chiang_rai"], data={"latitude": 19.9}, acting_user=world.user("coordinator")
        )

    assert PilotLocation.objects.get(pk=world.locations["chiang_rai"].pk).latitude is None
