"""Who may do what in the registry, as a table: members read, coordinators write, outsiders nothing.

A denied write must change nothing: the record and the audit trail are checked after each refusal.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cpphub.accounts.models import User
from cpphub.partnership.models import Organisation
from cpphub.partnership.tests.conftest import registry_events, sector

MEMBERS = [
    "coordinator",
    "steering_member",
    "facilitator",
    "other_facilitator",
    "national_focal_point",
    "caseworker",
    "hotline_analyst",
    "dpo",
]
READERS = {*MEMBERS, "superuser"}
WRITERS = {"coordinator", "superuser"}
EVERYONE = [*MEMBERS, "outsider", "superuser", "anonymous"]
REGISTERS = ["organisation", "country", "location", "phase", "contact"]


@pytest.fixture
def as_persona(world, client_for):
    def make(persona):
        if persona == "superuser":
            world.users["superuser"] = User.objects.create_superuser("root@example.org", "a-long-root-password")
        return client_for(persona)

    return make


def _edit_data(organisation):
    return {
        "name": "Renamed by someone",
        "acronym": organisation.acronym,
        "sectors": [sector("ngo").pk],
        "level": organisation.level,
        "country": organisation.country_id or "",
    }


READ_PAGES = {
    "list": lambda world: reverse("partnership:organisation_list"),
    "detail": lambda world: world.orgs["face"].get_absolute_url(),
    "export": lambda world: reverse("partnership:organisation_export", args=["xlsx"]),
    "create form": lambda world: reverse("partnership:organisation_create"),
    "edit form": lambda world: reverse("partnership:organisation_edit", args=[world.orgs["face"].pk]),
}


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("page", list(READ_PAGES))
def test_who_may_open_each_page(world, as_persona, persona, page):
    allowed = WRITERS if page.endswith("form") else READERS

    response = as_persona(persona).get(READ_PAGES[page](world))

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor:login"))
    elif persona in allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("register", REGISTERS)
def test_every_register_list_is_closed_to_outsiders_and_open_to_members(world, as_persona, persona, register):
    response = as_persona(persona).get(reverse(f"partnership:{register}_list"))

    expected = 302 if persona == "anonymous" else 200 if persona in READERS else 403
    assert response.status_code == expected


WRITES = {
    "create": lambda world: (
        reverse("partnership:organisation_create"),
        {"name": "New partner", "sectors": [sector("ngo").pk], "level": "local"},
    ),
    "edit": lambda world: (
        reverse("partnership:organisation_edit", args=[world.orgs["face"].pk]),
        _edit_data(world.orgs["face"]),
    ),
    "deactivate": lambda world: (
        reverse("partnership:organisation_set_active", args=[world.orgs["face"].pk]),
        {"active": "false"},
    ),
}


def _state():
    return (
        sorted(Organisation.objects.values_list("name", "is_active")),
        sorted(Organisation.objects.get(name="Foundation for Child Development").sectors.values_list("code", flat=True))
        if Organisation.objects.filter(name="Foundation for Child Development").exists()
        else None,
    )


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("action", list(WRITES))
def test_who_may_change_organisations_and_a_refusal_changes_nothing(world, as_persona, persona, action):
    url, data = WRITES[action](world)
    client = as_persona(persona)
    before = _state()

    response = client.post(url, data)

    if persona in WRITERS:
        assert response.status_code == 302
        assert len(registry_events()) == 1
        assert _state() != before
    else:
        assert response.status_code == (302 if persona == "anonymous" else 403)
        assert _state() == before
        assert registry_events() == []


@pytest.fixture
def api_as(world):
    def make(persona):
        client = APIClient()
        if persona == "anonymous":
            return client
        user = (
            User.objects.create_superuser("root@example.org", "a-long-root-password")
            if persona == "superuser"
            else world.user(persona)
        )
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        return client

    return make


@pytest.mark.parametrize("persona", EVERYONE)
def test_who_may_read_the_api(world, api_as, persona):
    client = api_as(persona)
    face = world.orgs["face"]

    listing = client.get("/api/v1/organisations/")
    one = client.get(f"/api/v1/organisations/{face.pk}/")

    expected = 401 if persona == "anonymous" else 200 if persona in READERS else 403
    assert listing.status_code == expected
    assert one.status_code == expected


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("method", ["post", "patch"])
def test_who_may_write_through_the_api_and_a_refusal_changes_nothing(world, api_as, persona, method):
    client = api_as(persona)
    face = world.orgs["face"]
    before = _state()

    if method == "post":
        response = client.post("/api/v1/organisations/", {"name": "New partner", "sectors": ["ngo"]}, format="json")
    else:
        response = client.patch(f"/api/v1/organisations/{face.pk}/", {"is_active": False}, format="json")

    if persona in WRITERS:
        assert response.status_code == (201 if method == "post" else 200)
        assert len(registry_events()) == 1
    else:
        assert response.status_code == (401 if persona == "anonymous" else 403)
        assert _state() == before
        assert registry_events() == []


def test_an_outsider_is_refused_even_for_a_record_that_does_not_exist(world, as_persona):
    response = as_persona("outsider").get(reverse("partnership:organisation_detail", args=[99999]))

    assert response.status_code == 403
