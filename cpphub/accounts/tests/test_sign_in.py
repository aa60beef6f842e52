"""Signing in by email and password, then the code of the authenticator app."""

from __future__ import annotations

from django.urls import reverse

from cpphub.accounts.tests.conftest import (
    assert_no_inline_script,
    code_for,
    post_code,
    post_password,
    signed_in_user_id,
)
from cpphub.audit.models import AuditEvent


def test_the_sign_in_page_asks_for_an_email_address_and_a_password(client, db):
    response = client.get(reverse("two_factor:login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'type="email"' in body
    assert 'name="auth-password"' in body
    assert reverse("accounts:password_reset") in body
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert_no_inline_script(body)


def test_it_signs_in_with_password_and_the_code_from_the_authenticator_app(client, world, device_of):
    coordinator = world.user("coordinator")
    device = device_of(coordinator)

    first = post_password(client, coordinator.email)
    assert first.status_code == 200
    assert 'name="token-otp_token"' in first.content.decode()
    assert signed_in_user_id(client) is None

    second = post_code(client, code_for(device))
    assert second.status_code == 302
    assert second["Location"] == reverse("shell:home")
    assert signed_in_user_id(client) == str(coordinator.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_code_does_not_sign_in(client, world, device_of):
    coordinator = world.user("coordinator")
    device_of(coordinator)
    post_password(client, coordinator.email)

    response = post_code(client, "000000" if code_for(coordinator.totpdevice_set.get()) != "000000" else "111111")

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert signed_in_user_id(client) is None


def test_a_person_without_a_device_signs_in_with_the_password_alone(client, world):
    facilitator = world.user("facilitator")

    response = post_password(client, facilitator.email)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(facilitator.pk)


def test_the_email_address_is_not_case_sensitive(client, world):
    response = post_password(client, "Facilitator@Example.ORG")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.user("facilitator").pk)


def test_a_wrong_password_shows_an_error_linked_to_the_form(client, world):
    response = post_password(client, world.user("facilitator").email, "not-the-password")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in body
    assert "The email address or the password is not right" in body
    assert signed_in_user_id(client) is None


def test_a_deactivated_person_cannot_sign_in(client, world):
    facilitator = world.user("facilitator")
    facilitator.is_active = False
    facilitator.save(update_fields=["is_active"])

    post_password(client, facilitator.email)

    assert signed_in_user_id(client) is None


def test_signing_in_is_audited(client, world, device_of):
    coordinator = world.user("coordinator")
    device = device_of(coordinator)
    post_password(client, coordinator.email)
    post_code(client, code_for(device))

    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN, actor=coordinator)
    assert event.object_id == str(coordinator.pk)
    assert event.ip_address == "127.0.0.1"


def test_a_failed_sign_in_is_audited_with_the_email_tried_but_never_the_password(client, world):
    post_password(client, "Caseworker@example.org", "guess-number-one")

    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert event.actor is None
    assert event.object_repr == "caseworker@example.org"
    assert event.object_id == str(world.user("caseworker").pk)
    assert "guess-number-one" not in str(event.changes)
    assert "guess-number-one" not in event.object_repr


def test_a_failed_sign_in_for_an_unknown_address_is_audited_too(client, db):
    post_password(client, "nobody@example.org", "whatever-it-is")

    event = AuditEvent.objects.get(action=AuditEvent.Action.SIGN_IN_FAILED)
    assert event.object_repr == "nobody@example.org"
    assert event.object_id == ""
