"""Who may open and change people and access: coordinators only.

Allowed and denied as a table; a denied change must leave everything as it was.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AuditEvent

PERSONAS = [
    ("coordinator", True),
    ("steering_member", False),
    ("facilitator", False),
    ("other_facilitator", False),
    ("national_focal_point", False),
    ("caseworker", False),
    ("hotline_analyst", False),
    ("dpo", False),
    ("outsider", False),
]


def pages(world) -> dict[str, str]:  # type: ignore[no-untyped-def]
    facilitator = world.user("facilitator")
    return {
        "list": reverse("accounts:user_list"),
        "export": reverse("accounts:user_export", args=["csv"]),
        "detail": reverse("accounts:user_detail", args=[facilitator.pk]),
        "create": reverse("accounts:user_create"),
        "edit": reverse("accounts:user_edit", args=[facilitator.pk]),
        "membership_create": reverse("accounts:membership_create", args=[facilitator.pk]),
    }


def state() -> tuple:  # type: ignore[type-arg]
    return (
        sorted(User.objects.values_list("email", "full_name", "is_active")),
        sorted(Membership.objects.values_list("user_id", "role", "is_active")),
        AuditEvent.objects.exclude(action=AuditEvent.Action.SIGN_IN).count(),
    )


@pytest.mark.parametrize(("persona", "allowed"), PERSONAS)
def test_opening_the_pages(client_for, world, persona, allowed):
    client = client_for(persona)

    for name, url in pages(world).items():
        response = client.get(url)
        assert response.status_code == (200 if allowed else 403), name


@pytest.mark.parametrize(("persona", "allowed"), PERSONAS)
def test_changing_people_and_memberships(client_for, world, persona, allowed):
    client = client_for(persona)
    facilitator = world.user("facilitator")
    membership = facilitator.memberships.get()
    before = state()
    posts = {
        "create": (reverse("accounts:user_create"), {"email": "new@example.org", "full_name": "New Person"}),
        "edit": (reverse("accounts:user_edit", args=[facilitator.pk]), {"email": facilitator.email, "full_name": "X"}),
        "set_active": (reverse("accounts:user_set_active", args=[facilitator.pk]), {"active": "false"}),
        "membership_create": (
            reverse("accounts:membership_create", args=[facilitator.pk]),
            {"organisation": world.orgs["face"].pk, "role": "caseworker", "scope": "organisation"},
        ),
        "membership_set_active": (
            reverse("accounts:membership_set_active", args=[membership.pk]),
            {"active": "false"},
        ),
    }

    for name, (url, data) in posts.items():
        response = client.post(url, data)
        assert response.status_code == (302 if allowed else 403), name

    if allowed:
        assert state() != before
    else:
        assert state() == before


@pytest.mark.parametrize("name", ["list", "export", "detail", "create", "edit", "membership_create"])
def test_anonymous_people_are_sent_to_sign_in(client, world, name):
    response = client.get(pages(world)[name])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


def test_a_coordinator_cannot_change_a_superuser(client_for, world):
    root = User.objects.create(email="root@example.org", is_superuser=True, is_staff=True)
    client = client_for("coordinator")
    before = state()

    assert client.get(reverse("accounts:user_detail", args=[root.pk])).status_code == 200
    assert client.post(reverse("accounts:user_set_active", args=[root.pk]), {"active": "false"}).status_code == 403
    assert client.get(reverse("accounts:user_edit", args=[root.pk])).status_code == 403
    assert state() == before


def test_an_unknown_person_is_not_found(client_for):
    assert client_for("coordinator").get(reverse("accounts:user_detail", args=[999999])).status_code == 404
