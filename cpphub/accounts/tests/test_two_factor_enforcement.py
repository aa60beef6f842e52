"""Holders of sensitive roles must sign in with a second factor; others may choose to."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from cpphub.accounts.tests.conftest import signed_in_user_id

SETUP = reverse("two_factor:setup")


@pytest.mark.parametrize("persona", ["coordinator", "caseworker", "hotline_analyst", "dpo"])
def test_a_sensitive_role_without_a_device_is_sent_to_enrol(password_client, persona):
    client = password_client(persona)

    for page in (reverse("shell:home"), reverse("accounts:profile"), reverse("accounts:user_list")):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == SETUP, page


@pytest.mark.parametrize("persona", ["facilitator", "steering_member", "national_focal_point", "outsider"])
def test_other_roles_may_enrol_but_are_not_made_to(password_client, persona):
    client = password_client(persona)

    assert client.get(reverse("accounts:profile")).status_code == 200
    profile = client.get(reverse("two_factor:profile"))
    assert profile.status_code == 200
    assert SETUP in profile.content.decode()


def test_the_enrolment_flow_and_the_exits_stay_open(password_client):
    client = password_client("coordinator")

    assert client.get(SETUP).status_code == 200
    assert client.get(reverse("two_factor:profile")).status_code == 200
    assert client.get(reverse("shell:healthz")).status_code == 200
    language = client.post(reverse("set_language"), {"language": "pt-br", "next": SETUP})
    assert language.status_code == 302
    assert language["Location"] == SETUP
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert signed_in_user_id(client) is None


def test_a_device_but_a_session_without_it_is_sent_to_sign_in_again(password_client, world, device_of):
    client = password_client("coordinator")  # signed in before the device existed
    device_of(world.user("coordinator"))

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login") + "?next=")


def test_an_htmx_request_is_redirected_by_htmx(password_client):
    client = password_client("coordinator")

    response = client.get(reverse("accounts:profile"), HTTP_HX_REQUEST="true")

    assert response["HX-Redirect"] == SETUP


def test_an_api_call_on_the_session_is_refused_with_json(password_client):
    client = password_client("coordinator")

    response = client.get(reverse("api:me"))

    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_an_api_call_with_a_token_is_left_to_the_api(password_client, world):
    key = Token.objects.create(user=world.user("coordinator")).key
    client = password_client("coordinator")

    response = client.get(reverse("api:me"), HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 200
    assert response.json()["email"] == "coordinator@example.org"


def test_another_authorization_header_does_not_skip_the_second_factor(password_client):
    client = password_client("coordinator")

    api = client.get(reverse("api:me"), HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==")
    page = client.get(reverse("accounts:profile"), HTTP_AUTHORIZATION="Token anything")

    assert api.status_code == 403
    assert page.status_code == 302


def test_a_verified_session_goes_everywhere(client_for):
    client = client_for("coordinator")

    assert client.get(reverse("accounts:profile")).status_code == 200
    assert client.get(reverse("accounts:user_list")).status_code == 200
