"""The API token page: make a token (its key shown once), make a new one, revoke it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from cpphub.audit.models import AuditEvent


def _audit_text() -> str:
    return " ".join(f"{e.object_type} {e.object_id} {e.object_repr} {e.changes}" for e in AuditEvent.objects.all())


def test_the_page_says_there_is_no_token_yet(client_for):
    response = client_for("facilitator").get(reverse("accounts:token"))

    assert response.status_code == 200
    assert "You have no API token." in response.content.decode()


def test_making_a_token_shows_its_key_once_and_audits_without_the_key(client_for, world):
    client = client_for("facilitator")

    made = client.post(reverse("accounts:token_create"))

    token = Token.objects.get(user=world.user("facilitator"))
    assert made.status_code == 200
    assert token.key in made.content.decode()
    assert "no-store" in made["Cache-Control"] or "no-cache" in made["Cache-Control"]
    assert token.key not in client.get(reverse("accounts:token")).content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.TOKEN_CREATED)
    assert event.actor == world.user("facilitator")
    assert token.key not in _audit_text()


def test_the_token_works_for_the_api(client_for, world):
    client_for("facilitator").post(reverse("accounts:token_create"))
    key = Token.objects.get(user=world.user("facilitator")).key

    response = Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 200
    assert response.json()["email"] == "facilitator@example.org"


def test_a_new_token_replaces_the_old_one(client_for, world):
    client = client_for("facilitator")
    client.post(reverse("accounts:token_create"))
    old = Token.objects.get(user=world.user("facilitator")).key

    client.post(reverse("accounts:token_create"))

    new = Token.objects.get(user=world.user("facilitator")).key
    assert new != old
    assert Client().get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {old}").status_code == 401
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_CREATED).count() == 2


def test_revoking_deletes_the_token_and_is_audited_without_the_key(client_for, world):
    client = client_for("facilitator")
    client.post(reverse("accounts:token_create"))
    key = Token.objects.get(user=world.user("facilitator")).key

    response = client.post(reverse("accounts:token_revoke"))

    assert response.status_code == 302
    assert not Token.objects.filter(user=world.user("facilitator")).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED).count() == 1
    assert key not in _audit_text()


def test_revoking_without_a_token_records_nothing(client_for):
    client_for("facilitator").post(reverse("accounts:token_revoke"))

    assert not AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED).exists()


def test_token_changes_are_posts_only(client_for):
    client = client_for("facilitator")

    assert client.get(reverse("accounts:token_create")).status_code == 405
    assert client.get(reverse("accounts:token_revoke")).status_code == 405
    assert not Token.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(db):
    response = Client().post(reverse("accounts:token_create"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
    assert not Token.objects.exists()
