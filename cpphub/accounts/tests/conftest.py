"""Fixtures of the accounts tests: real sign-ins through the two-factor wizard."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD

LOGIN_STEP = "login_view-current_step"


def code_for(device: TOTPDevice) -> str:
    """The code the authenticator app would show right now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def post_password(client: Client, email: str, password: str = PASSWORD, **extra: Any) -> Any:
    """The first step of the sign-in wizard: email address and password."""
    return client.post(
        reverse("two_factor:login"),
        {LOGIN_STEP: "auth", "auth-username": email, "auth-password": password},
        **extra,
    )


def post_code(client: Client, code: str) -> Any:
    """The second step: the code from the authenticator app."""
    return client.post(reverse("two_factor:login"), {LOGIN_STEP: "token", "token-otp_token": code})


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+\s*=", re.IGNORECASE)


def assert_no_inline_script(body: str) -> None:
    """The CSP (script-src 'self') would block it: no inline <script> and no on* handler."""
    match = INLINE_SCRIPT.search(body)
    assert match is None, body[max(match.start() - 80, 0) : match.end() + 80] if match else ""


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


@pytest.fixture
def device_of():  # type: ignore[no-untyped-def]
    """``device_of(user)``: a confirmed authenticator-app device for ``user``."""

    def make(user: Any) -> TOTPDevice:
        return TOTPDevice.objects.create(user=user, name="default", confirmed=True)

    return make


@pytest.fixture
def password_client(world):  # type: ignore[no-untyped-def]
    """``password_client(persona)``: signed in with the password only (no second factor yet)."""

    def make(persona: str) -> Client:
        client = Client()
        response = post_password(client, world.user(persona).email)
        assert response.status_code == 302, response.content[:500]
        return client

    return make
