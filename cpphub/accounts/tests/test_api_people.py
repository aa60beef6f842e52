"""/api/v1/users/ and /api/v1/memberships/: coordinators only, field errors on bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import PERSONAS
from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AuditEvent

DENIED = ["steering_member", "facilitator", "national_focal_point", "caseworker", "hotline_analyst", "dpo", "outsider"]


@pytest.mark.parametrize("persona", DENIED)
def test_only_coordinators_may_read_or_write(client_for, world, persona):
    client = client_for(persona)
    before = (User.objects.count(), Membership.objects.count())

    reads = [
        client.get(reverse("api:user-list")),
        client.get(reverse("api:user-detail", args=[world.user("facilitator").pk])),
        client.get(reverse("api:membership-list")),
    ]
    writes = [
        client.post(reverse("api:user-list"), {"email": "new@example.org", "full_name": "New"}, "application/json"),
        client.patch(
            reverse("api:user-detail", args=[world.user("facilitator").pk]), {"full_name": "X"}, "application/json"
        ),
        client.post(
            reverse("api:membership-list"),
            {
                "user": world.user("outsider").pk,
                "organisation": world.orgs["face"].pk,
                "role": "facilitator",
                "scope": "organisation",
            },
            "application/json",
        ),
    ]

    assert [r.status_code for r in reads + writes] == [403] * 6
    assert (User.objects.count(), Membership.objects.count()) == before
    assert world.user("facilitator").full_name == User.objects.get(pk=world.user("facilitator").pk).full_name


def test_the_user_list_is_paginated_and_filterable(client_for):
    client = client_for("coordinator")

    everyone = client.get(reverse("api:user-list")).json()
    facilitators = client.get(reverse("api:user-list"), {"role": "facilitator"}).json()
    searched = client.get(reverse("api:user-list"), {"search": "dpo"}).json()

    assert everyone["count"] == len(PERSONAS) + 1  # and the outsider
    assert {"next", "previous", "results"} <= set(everyone)
    assert {u["email"] for u in facilitators["results"]} == {"facilitator@example.org", "other_facilitator@example.org"}
    assert [u["email"] for u in searched["results"]] == ["dpo@example.org"]


def test_creating_a_user_answers_201_and_audits(client_for, world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("coordinator").post(
            reverse("api:user-list"), {"email": "Luis@Example.org", "full_name": "Luís"}, "application/json"
        )

    assert response.status_code == 201
    assert response.json()["email"] == "luis@example.org"
    assert response.json()["memberships"] == []
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CREATE, object_type="accounts.user").exists()
    assert len(mailoutbox) == 1


def test_a_taken_or_bad_email_is_a_400_naming_the_field(client_for):
    client = client_for("coordinator")

    taken = client.post(reverse("api:user-list"), {"email": "DPO@example.org", "full_name": "D"}, "application/json")
    bad = client.post(reverse("api:user-list"), {"email": "not-an-email", "full_name": "D"}, "application/json")

    assert taken.status_code == 400
    assert list(taken.json()) == ["email"]
    assert bad.status_code == 400
    assert "email" in bad.json()


def test_deactivating_yourself_through_the_api_is_a_400(client_for, world):
    coordinator = world.user("coordinator")

    response = client_for("coordinator").patch(
        reverse("api:user-detail", args=[coordinator.pk]), {"is_active": False}, "application/json"
    )

    assert response.status_code == 400
    assert "You cannot deactivate your own account." in response.json()["non_field_errors"]
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_updating_a_user_audits_the_difference(client_for, world):
    facilitator = world.user("facilitator")

    response = client_for("coordinator").patch(
        reverse("api:user-detail", args=[facilitator.pk]), {"full_name": "Nok"}, "application/json"
    )

    assert response.status_code == 200
    assert response.json()["full_name"] == "Nok"
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(facilitator.pk))
    assert event.changes == {"full_name": ["Facilitator", "Nok"]}


def _membership(world, **fields):  # type: ignore[no-untyped-def]
    return {
        "user": world.user("outsider").pk,
        "organisation": world.orgs["plan_brasil"].pk,
        "role": "facilitator",
        **fields,
    }


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"scope": "country"}, "country"),
        ({"scope": "location"}, "location"),
        ({"scope": "partnership", "country": "brazil"}, "country"),
        ({"scope": "galaxy"}, "scope"),
        ({"scope": "organisation", "role": "king"}, "role"),
    ],
)
def test_a_bad_membership_is_a_400_naming_the_field(client_for, world, fields, field):
    if "country" in fields:
        fields = {**fields, "country": world.countries[fields["country"]].pk}

    response = client_for("coordinator").post(
        reverse("api:membership-list"), _membership(world, **fields), "application/json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Membership.objects.filter(user=world.user("outsider")).exists()


def test_a_duplicate_membership_is_a_400(client_for, world):
    data = {
        "user": world.user("facilitator").pk,
        "organisation": world.orgs["face"].pk,
        "role": "facilitator",
        "scope": "location",
        "location": world.locations["chiang_rai"].pk,
    }

    response = client_for("coordinator").post(reverse("api:membership-list"), data, "application/json")

    assert response.status_code == 400
    assert "already has this membership" in str(response.json())


def test_creating_and_ending_a_membership(client_for, world):
    client = client_for("coordinator")
    brazil = world.countries["brazil"].pk

    created = client.post(
        reverse("api:membership-list"), _membership(world, scope="country", country=brazil), "application/json"
    )
    pk = created.json()["id"]
    ended = client.patch(reverse("api:membership-detail", args=[pk]), {"is_active": False}, "application/json")

    assert created.status_code == 201
    assert created.json()["scope_label"] == "Brazil"
    assert ended.status_code == 200
    assert ended.json()["is_active"] is False
    actions = list(AuditEvent.objects.filter(object_type="accounts.membership").values_list("action", flat=True))
    assert sorted(actions) == ["create", "deactivate"]


def test_a_membership_cannot_move_to_another_person(client_for, world):
    membership = world.user("facilitator").memberships.get()

    response = client_for("coordinator").patch(
        reverse("api:membership-detail", args=[membership.pk]), {"user": world.user("outsider").pk}, "application/json"
    )

    assert response.status_code == 400
    assert "user" in response.json()


def test_memberships_are_filterable(client_for, world):
    response = client_for("coordinator").get(reverse("api:membership-list"), {"scope": "country"})

    assert {m["user"] for m in response.json()["results"]} == {
        world.user("national_focal_point").pk,
        world.user("hotline_analyst").pk,
    }
