"""Mapping sessions and their participant groups: services, pages, HTMX groups, sizes hidden, API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import MappingSession, ParticipantGroup
from cpphub.mapping.services.people import group_create, session_create
from cpphub.mapping.tests.records_world import session, yala_facilitator


def _data(world, **fields):
    return {
        "location": world.locations["chiang_rai"],
        "kind": "focus_group",
        "title": "Girls 13-15",
        "date": dt.date(2009, 5, 4),
        "round": 1,
        **fields,
    }


def test_it_creates_a_session_with_its_facilitators_and_audits_it(world):
    created = session_create(
        data=_data(world, facilitators=[world.users["facilitator"]]), acting_user=world.users["facilitator"]
    )
    assert list(created.facilitators.all()) == [world.users["facilitator"]]
    assert AuditEvent.objects.filter(action="create", object_type="mapping.mappingsession").exists()


def test_it_refuses_a_facilitator_of_another_location_and_saves_nothing(world):
    with pytest.raises(ValidationError) as caught:
        session_create(data=_data(world, facilitators=[world.users["other_facilitator"]]), acting_user=None)
    assert "facilitators" in caught.value.message_dict
    assert not MappingSession.objects.exists()


def test_it_refuses_a_session_without_a_title_naming_the_field(world):
    with pytest.raises(ValidationError) as caught:
        session_create(data=_data(world, title=""), acting_user=None)
    assert "title" in caught.value.message_dict


def test_a_child_group_needs_an_age_band(world):
    with pytest.raises(ValidationError) as caught:
        group_create(
            session=session(world), data={"perspective": "child", "sex": "female", "size": 6}, acting_user=None
        )
    assert "age_band" in caught.value.message_dict
    assert not ParticipantGroup.objects.exists()


def test_a_facilitator_creates_a_session_on_the_page(client_for, world):
    response = client_for("facilitator").post(
        reverse("mapping:session_create"),
        {
            "location": world.locations["chiang_rai"].pk,
            "kind": "survey",
            "title": "School survey",
            "date": "2009-06-01",
            "round": 1,
            "facilitators": [world.users["facilitator"].pk],
        },
    )
    created = MappingSession.objects.get()
    assert response.status_code == 302
    assert created.title == "School survey"


def test_the_facilitator_choices_are_limited_to_facilitators_there(client_for, world):
    page = client_for("facilitator").get(reverse("mapping:session_create")).content.decode()
    assert "Facilitator" in page  # the Chiang Rai facilitator's name
    assert "Other Facilitator" not in page


def test_a_member_who_facilitates_nothing_cannot_create_a_session(client_for):
    assert client_for("coordinator").get(reverse("mapping:session_create")).status_code == 403


def test_groups_are_added_edited_and_removed_in_place(client_for, world):
    held = session(world)
    client = client_for("facilitator")
    added = client.post(
        reverse("mapping:group_create", args=[held.pk]),
        {"new-perspective": "child", "new-age_band": "13_15", "new-sex": "female", "new-size": 8},
        HTTP_HX_REQUEST="true",
    )
    group = ParticipantGroup.objects.get()
    assert added.status_code == 200 and f'id="session-{held.pk}-groups"' in added.content.decode()
    edited = client.post(
        reverse("mapping:group_edit", args=[group.pk]),
        {"edit-perspective": "child", "edit-age_band": "13_15", "edit-sex": "female", "edit-size": 9},
        HTTP_HX_REQUEST="true",
    )
    group.refresh_from_db()
    assert edited.status_code == 200 and group.size == 9
    client.post(reverse("mapping:group_delete", args=[group.pk]), HTTP_HX_REQUEST="true")
    assert not ParticipantGroup.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="mapping.participantgroup").exists()


def test_a_bad_group_comes_back_with_the_error(client_for, world):
    held = session(world)
    response = client_for("facilitator").post(
        reverse("mapping:group_create", args=[held.pk]),
        {"new-perspective": "key_informant", "new-age_band": "13_15", "new-size": 3},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not ParticipantGroup.objects.exists()


def test_group_sizes_are_shown_only_to_facilitators_of_the_location(client_for, world):
    held = session(world)
    ParticipantGroup.objects.create(session=held, perspective="child", age_band="6_9", sex="male", size=3)
    url = reverse("mapping:session_detail", args=[held.pk])
    facilitator = client_for("facilitator").get(url).content.decode()
    coordinator = client_for("coordinator").get(url).content.decode()
    assert "<td>3</td>" in facilitator
    assert "6-9 years" in coordinator and "<td>3</td>" not in coordinator
    assert "Number" not in coordinator


@pytest.mark.parametrize("persona", ["other_facilitator", "coordinator"])
def test_others_cannot_change_a_session_or_its_groups(client_for, world, persona):
    held = session(world)
    client = client_for(persona)
    edit = client.post(reverse("mapping:session_edit", args=[held.pk]), {"title": "Changed"})
    add = client.post(reverse("mapping:group_create", args=[held.pk]), {"new-perspective": "child", "new-size": 3})
    held.refresh_from_db()
    assert edit.status_code == add.status_code == 403
    assert held.title != "Changed" and not ParticipantGroup.objects.exists()


def test_a_yala_facilitator_cannot_change_chiang_rai_sessions(client_for, world):
    held = session(world)
    from django.test import Client

    from conftest import sign_in

    client = sign_in(Client(), yala_facilitator(world))
    assert client.post(reverse("mapping:session_edit", args=[held.pk]), {"title": "x"}).status_code == 403


def test_the_list_filters_and_makes_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    for n in range(15):
        session(world, title=f"Visit {n}", kind="community_visit", round=1 + n % 2)
    session(world, location="santo_andre", title="Santo André survey", kind="survey")
    client = client_for("steering_member")
    filtered = client.get(reverse("mapping:session_list"), {"location": "santo-andre"}).content.decode()
    assert "Santo André survey" in filtered and "Visit 1" not in filtered
    by_kind = client.get(reverse("mapping:session_list"), {"kind": "community_visit", "round": 2}).content.decode()
    assert "Visit 1" in by_kind and "Visit 2<" not in by_kind
    with django_assert_max_num_queries(10):
        assert client.get(reverse("mapping:session_list")).status_code == 200


def _api(world, persona):
    client = APIClient()
    client.force_authenticate(world.users[persona])
    return client


def test_the_api_hides_group_sizes_from_non_facilitators(world):
    held = session(world)
    ParticipantGroup.objects.create(session=held, perspective="child", age_band="6_9", sex="male", size=3)
    mine = _api(world, "facilitator").get(f"/api/v1/mapping-sessions/{held.pk}/").json()
    theirs = _api(world, "steering_member").get(f"/api/v1/mapping-sessions/{held.pk}/").json()
    groups = _api(world, "steering_member").get("/api/v1/participant-groups/").json()
    assert mine["groups"][0]["size"] == 3
    assert theirs["groups"][0]["size"] is None
    assert groups["results"][0]["size"] is None


def test_the_api_creates_a_session_for_facilitators_of_the_location_only(world):
    body = {"location": "chiang-rai", "kind": "survey", "title": "Survey", "date": "2009-06-01"}
    assert _api(world, "other_facilitator").post("/api/v1/mapping-sessions/", body, format="json").status_code == 403
    assert _api(world, "coordinator").post("/api/v1/mapping-sessions/", body, format="json").status_code == 403
    created = _api(world, "facilitator").post("/api/v1/mapping-sessions/", body, format="json")
    assert created.status_code == 201, created.content
    bad = _api(world, "facilitator").post("/api/v1/mapping-sessions/", {**body, "kind": "party"}, format="json")
    assert bad.status_code == 400 and "kind" in bad.json()
    assert MappingSession.objects.count() == 1


def test_the_api_adds_a_group_and_refuses_another_location_s(world):
    held = session(world)
    body = {"session": held.pk, "perspective": "key_informant", "informant_role": "teacher", "size": 4}
    assert _api(world, "other_facilitator").post("/api/v1/participant-groups/", body, format="json").status_code == 403
    response = _api(world, "facilitator").post("/api/v1/participant-groups/", body, format="json")
    assert response.status_code == 201, response.content
    assert ParticipantGroup.objects.get().size == 4
