"""Two people editing the same record: the later save is refused, never silently overwrites."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import sign_in
from cpphub.accounts.models import Membership, User
from cpphub.partnership import registers, services
from cpphub.partnership.models import Contact, Organisation, Phase
from cpphub.partnership.tests.conftest import audit_events, registry_events, role, sector
from cpphub.partnership.versions import EditConflict, record_version

VERSION = re.compile(r'name="version" value="([0-9a-f]{16})"')


@pytest.fixture
def bea(world) -> User:
    """A second coordinator of the partnership."""
    user = User.objects.create(email="bea@example.org", full_name="Bea Second")
    Membership.objects.create(user=user, organisation=world.orgs["iicrd"], role="coordinator", scope="partnership")
    return user


def _version_on(html: str) -> str:
    [version] = VERSION.findall(html)
    return version


def _face_form(face: Organisation, version: str, **overrides) -> dict:
    """The edit form of FACE as its page fills it in, with ``overrides`` typed over it."""
    data = {
        "name": face.name,
        "acronym": face.acronym,
        "sectors": [sector("ngo").pk],
        "partnership_roles": [role("implementing_partner").pk],
        "country": face.country_id,
        "level": face.level,
        "website": face.website,
        "description": face.description,
        "version": version,
    }
    data.update(overrides)
    return data


# The pages ----------------------------------------------------------------------


def test_the_edit_page_carries_the_version_of_the_record_as_loaded(world, client_for):
    face = world.orgs["face"]

    html = client_for("coordinator").get(reverse("partnership:organisation_edit", args=[face.pk])).content.decode()

    assert _version_on(html) == record_version(face)


def test_the_later_of_two_saves_is_refused_naming_who_changed_what_and_nothing_is_saved(world, client_for, bea):
    face = world.orgs["face"]
    url = reverse("partnership:organisation_edit", args=[face.pk])
    first, second = client_for("coordinator"), sign_in(Client(), bea)
    first_version = _version_on(first.get(url).content.decode())
    second_version = _version_on(second.get(url).content.decode())

    saved = first.post(url, _face_form(face, first_version, acronym="FACE-TH"))
    refused = second.post(url, _face_form(face, second_version, description="Runs the Chiang Rai pilot."))

    assert saved.status_code == 302
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this record while you were editing it." in html
    assert "Coordinator (coordinator@example.org) changed this record on" in html
    assert "Changed: Acronym." in html
    assert "Nothing was saved. Your entries are kept below" in html
    assert "Runs the Chiang Rai pilot.</textarea>" in html  # Bea's entry, kept for her to apply again
    face.refresh_from_db()
    assert (face.acronym, face.description) == ("FACE-TH", "")
    assert _version_on(html) == record_version(face) != second_version
    [event] = audit_events(face)
    assert event.actor_email == "coordinator@example.org"


def test_the_refused_form_saved_again_applies_its_entries_deliberately(world, client_for, bea):
    face = world.orgs["face"]
    url = reverse("partnership:organisation_edit", args=[face.pk])
    first, second = client_for("coordinator"), sign_in(Client(), bea)
    loaded = _version_on(second.get(url).content.decode())
    first.post(url, _face_form(face, loaded, acronym="FACE-TH"))
    entries = _face_form(face, loaded, acronym="FACE-TH", description="Runs the Chiang Rai pilot.")
    refused = second.post(url, entries)

    again = second.post(url, {**entries, "version": _version_on(refused.content.decode())})

    assert again.status_code == 302
    face.refresh_from_db()
    assert (face.acronym, face.description) == ("FACE-TH", "Runs the Chiang Rai pilot.")
    assert [(e.actor_email, e.changes) for e in audit_events(face)] == [
        ("coordinator@example.org", {"acronym": ["FACE", "FACE-TH"]}),
        ("bea@example.org", {"description": ["", "Runs the Chiang Rai pilot."]}),
    ]


def test_a_form_posted_without_a_version_saves_as_before(world, client_for):
    face = world.orgs["face"]

    response = client_for("coordinator").post(
        reverse("partnership:organisation_edit", args=[face.pk]), _face_form(face, "", acronym="FACE-TH")
    )

    assert response.status_code == 302
    face.refresh_from_db()
    assert face.acronym == "FACE-TH"


# The service ----------------------------------------------------------------------


def test_the_conflict_lists_every_field_changed_since_the_version_even_over_several_saves(world, bea):
    face, coordinator = world.orgs["face"], world.user("coordinator")
    loaded = record_version(face)
    services.organisation_update(organisation=face, data={"acronym": "FACE-TH"}, acting_user=coordinator)
    services.organisation_set_active(organisation=face, active=False, acting_user=bea)

    with pytest.raises(EditConflict) as refused:
        services.organisation_update(
            organisation=face, data={"description": "Late"}, acting_user=coordinator, version=loaded
        )

    conflict = refused.value
    assert conflict.fields == ["acronym", "is_active"]
    assert conflict.field_labels == ["Acronym", "Active"]
    assert conflict.changed_by == "Bea Second (bea@example.org)"
    assert conflict.version == record_version(Organisation.objects.get(pk=face.pk))
    assert Organisation.objects.get(pk=face.pk).description == ""
    assert len(audit_events(face)) == 2


def test_a_version_the_audit_trail_does_not_know_still_says_who_changed_the_record_last(world):
    face, coordinator = world.orgs["face"], world.user("coordinator")
    services.organisation_update(organisation=face, data={"acronym": "FACE-TH"}, acting_user=coordinator)

    with pytest.raises(EditConflict) as refused:
        services.organisation_update(
            organisation=face, data={"description": "Late"}, acting_user=coordinator, version="0123456789abcdef"
        )

    assert refused.value.fields == []
    assert refused.value.message.startswith(
        "This record was changed after you opened it; the latest recorded change was made by Coordinator"
    )


def test_a_change_that_changes_nothing_keeps_the_version(world):
    face = world.orgs["face"]
    before = record_version(face)

    services.organisation_update(organisation=face, data={"acronym": "FACE"}, acting_user=world.user("coordinator"))

    assert record_version(Organisation.objects.get(pk=face.pk)) == before


# The API --------------------------------------------------------------------------


@pytest.fixture
def api(world) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.user('coordinator')).key}")
    return client


def _changed_meanwhile(world, face: Organisation, bea: User) -> None:
    services.organisation_update(organisation=face, data={"acronym": "FACE-TH"}, acting_user=bea)


def test_a_record_is_read_with_its_version_as_etag_and_in_the_body(world, api):
    face = world.orgs["face"]

    response = api.get(f"/api/v1/organisations/{face.pk}/")

    assert response.status_code == 200
    assert response["ETag"] == f'"{record_version(face)}"'
    assert response.json()["version"] == record_version(face)


@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_change_with_a_stale_if_match_is_a_412_and_changes_nothing(world, api, bea, method):
    face = world.orgs["face"]
    read = api.get(f"/api/v1/organisations/{face.pk}/")
    _changed_meanwhile(world, face, bea)
    before = registry_events()

    body = {**read.json(), "description": "Late"} if method == "put" else {"description": "Late"}
    response = getattr(api, method)(
        f"/api/v1/organisations/{face.pk}/", body, format="json", HTTP_IF_MATCH=read["ETag"]
    )

    assert response.status_code == 412
    assert "Bea Second (bea@example.org) changed this record on" in response.json()["detail"]
    assert response.json()["changed_fields"] == ["acronym"]
    stored = Organisation.objects.get(pk=face.pk)
    assert response["ETag"] == f'"{record_version(stored)}"' == f'"{response.json()["version"]}"'
    assert stored.description == ""
    assert registry_events() == before


def test_a_change_with_the_current_if_match_is_saved_and_answers_the_new_etag(world, api):
    face = world.orgs["face"]
    read = api.get(f"/api/v1/organisations/{face.pk}/")

    response = api.patch(
        f"/api/v1/organisations/{face.pk}/", {"description": "Now"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )

    assert response.status_code == 200
    assert Organisation.objects.get(pk=face.pk).description == "Now"
    assert response["ETag"] != read["ETag"]
    assert response["ETag"] == api.get(f"/api/v1/organisations/{face.pk}/")["ETag"]


def test_a_stale_version_in_the_body_is_a_412_like_a_stale_if_match(world, api, bea):
    face = world.orgs["face"]
    read = api.get(f"/api/v1/organisations/{face.pk}/").json()
    _changed_meanwhile(world, face, bea)

    response = api.put(f"/api/v1/organisations/{face.pk}/", {**read, "description": "Late"}, format="json")

    assert response.status_code == 412
    assert Organisation.objects.get(pk=face.pk).description == ""


def test_the_current_version_in_the_body_lets_the_change_through(world, api):
    face = world.orgs["face"]
    read = api.get(f"/api/v1/organisations/{face.pk}/").json()

    response = api.put(f"/api/v1/organisations/{face.pk}/", {**read, "description": "Now"}, format="json")

    assert response.status_code == 200
    assert Organisation.objects.get(pk=face.pk).description == "Now"


def test_a_change_without_if_match_is_applied_to_whatever_is_stored(world, api, bea):
    face = world.orgs["face"]
    _changed_meanwhile(world, face, bea)

    response = api.patch(f"/api/v1/organisations/{face.pk}/", {"description": "Now"}, format="json")

    assert response.status_code == 200
    face.refresh_from_db()
    assert (face.acronym, face.description) == ("FACE-TH", "Now")


@pytest.mark.parametrize(
    ("if_match", "status"),
    [
        ("*", 200),  # any version
        ('W/"{version}"', 412),  # a weak tag never matches
        ("{version}", 200),  # unquoted, as some clients send it
        ('"{version}", "0123456789abcdef"', 400),  # one version only
    ],
)
def test_if_match_forms(world, api, if_match, status):
    face = world.orgs["face"]

    response = api.patch(
        f"/api/v1/organisations/{face.pk}/",
        {"description": "Now"},
        format="json",
        HTTP_IF_MATCH=if_match.format(version=record_version(face)),
    )

    assert response.status_code == status
    assert (Organisation.objects.get(pk=face.pk).description == "Now") is (status == 200)


def test_if_match_and_a_body_version_that_disagree_are_a_412(world, api):
    face = world.orgs["face"]
    read = api.get(f"/api/v1/organisations/{face.pk}/")

    response = api.patch(
        f"/api/v1/organisations/{face.pk}/",
        {"description": "Now", "version": "0123456789abcdef"},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )

    assert response.status_code == 412
    assert Organisation.objects.get(pk=face.pk).description == ""


def _phase(world):
    return Phase.objects.create(name="Inception", kind="inception", start_date="2008-03-01", end_date="2009-03-31")


RECORDS = {
    "organisations": lambda w: w.orgs["face"],
    "countries": lambda w: w.countries["thailand"],
    "locations": lambda w: w.locations["chiang_rai"],
    "phases": _phase,
    "contacts": lambda w: Contact.objects.create(full_name="Ana Example", organisation=w.orgs["face"]),
}
REGISTERS = {
    "organisations": registers.ORGANISATIONS,
    "countries": registers.COUNTRIES,
    "locations": registers.LOCATIONS,
    "phases": registers.PHASES,
    "contacts": registers.CONTACTS,
}


@pytest.mark.parametrize("resource", sorted(RECORDS))
def test_every_register_refuses_a_change_from_a_stale_etag(world, api, bea, resource):
    record = RECORDS[resource](world)
    read = api.get(f"/api/v1/{resource}/{record.pk}/")
    REGISTERS[resource].set_record_active(record, active=False, acting_user=bea)

    response = api.patch(
        f"/api/v1/{resource}/{record.pk}/", {"is_active": True}, format="json", HTTP_IF_MATCH=read["ETag"]
    )

    assert read["ETag"] == f'"{read.json()["version"]}"'
    assert response.status_code == 412
    assert response.json()["changed_fields"] == ["is_active"]
    assert type(record).objects.get(pk=record.pk).is_active is False


def test_a_record_changed_and_changed_back_is_at_its_old_version_again(world, api, bea):
    face = world.orgs["face"]
    read = api.get(f"/api/v1/organisations/{face.pk}/")
    services.organisation_set_active(organisation=face, active=False, acting_user=bea)
    services.organisation_set_active(organisation=face, active=True, acting_user=bea)

    response = api.patch(
        f"/api/v1/organisations/{face.pk}/", {"description": "Now"}, format="json", HTTP_IF_MATCH=read["ETag"]
    )

    # Nothing the reader saw has changed, so nothing of anyone's is lost.
    assert response.status_code == 200
    assert Organisation.objects.get(pk=face.pk).description == "Now"
