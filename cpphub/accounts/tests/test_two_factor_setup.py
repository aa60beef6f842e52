"""Enrolling an authenticator app, backup codes, and turning two-factor sign-in off."""

from __future__ import annotations

from base64 import b32decode

from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpphub.accounts.tests.conftest import assert_no_inline_script
from cpphub.audit.models import AuditEvent

SETUP_STEP = "setup_view-current_step"
SECRET_SESSION_KEY = "django_two_factor-qr_secret_key"


def enrol(client) -> object:  # type: ignore[no-untyped-def]
    setup = reverse("two_factor:setup")
    generator = client.post(setup, {SETUP_STEP: "welcome"})
    assert generator.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = f"{totp(b32decode(secret)):06d}"
    return client.post(setup, {SETUP_STEP: "generator", "generator-token": code})


def test_the_generator_step_shows_a_qr_code_from_this_site_and_the_key(password_client):
    client = password_client("coordinator")
    client.get(reverse("two_factor:setup"))

    response = client.post(reverse("two_factor:setup"), {SETUP_STEP: "welcome"})

    body = response.content.decode()
    assert f'src="{reverse("two_factor:qr")}"' in body
    assert "issuer=CPP+Hub" in body or "issuer=CPP%20Hub" in body
    assert_no_inline_script(body)
    assert "img-src 'self' data:" in response["Content-Security-Policy"]


def test_the_qr_code_is_an_svg_image_served_by_this_site(password_client):
    client = password_client("coordinator")
    client.post(reverse("two_factor:setup"), {SETUP_STEP: "welcome"})

    response = client.get(reverse("two_factor:qr"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in response.content
    assert b"<script" not in response.content


def test_enrolling_turns_two_factor_on_verifies_the_session_and_is_audited(password_client, world):
    client = password_client("coordinator")

    done = enrol(client)

    coordinator = world.user("coordinator")
    assert done.status_code == 302
    assert done["Location"] == reverse("two_factor:setup_complete")
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert client.get(reverse("accounts:profile")).status_code == 200  # no longer sent to enrol
    event = AuditEvent.objects.get(action=AuditEvent.Action.TWO_FACTOR_ENROLLED, actor=coordinator)
    assert "secret" not in str(event.changes).lower()


def test_a_facilitator_can_enrol_of_their_own_accord(password_client, world):
    client = password_client("facilitator")

    enrol(client)

    assert TOTPDevice.objects.filter(user=world.user("facilitator"), confirmed=True).exists()


def test_a_wrong_code_does_not_enrol(password_client):
    client = password_client("facilitator")
    client.post(reverse("two_factor:setup"), {SETUP_STEP: "welcome"})

    response = client.post(reverse("two_factor:setup"), {SETUP_STEP: "generator", "generator-token": "12"})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not TOTPDevice.objects.exists()


def test_backup_codes_are_made_and_listed(client_for):
    client = client_for("coordinator")

    response = client.post(reverse("two_factor:backup_tokens"), follow=True)

    assert response.status_code == 200
    assert response.content.decode().count("<li>") >= 10


def test_turning_two_factor_off_removes_the_devices_and_is_audited(client_for, world):
    client = client_for("facilitator")

    response = client.post(reverse("two_factor:disable"), {"understand": "on"})

    facilitator = world.user("facilitator")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=facilitator).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR_DISABLED, actor=facilitator).exists()


def test_a_coordinator_who_turns_it_off_must_enrol_again(client_for):
    client = client_for("coordinator")
    client.post(reverse("two_factor:disable"), {"understand": "on"})

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:setup")
