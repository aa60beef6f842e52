"""Every accounts page renders in the site layout, translated, without inline scripts."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cpphub.accounts.tests.conftest import assert_no_inline_script

SIGNED_IN = [
    "accounts:profile",
    "accounts:token",
    "accounts:password_change",
    "accounts:password_change_done",
    "accounts:user_list",
    "accounts:user_create",
    "two_factor:profile",
    "two_factor:setup_complete",
    "two_factor:backup_tokens",
    "two_factor:disable",
]
ANONYMOUS = [
    "two_factor:login",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
]


@pytest.mark.parametrize("name", SIGNED_IN)
def test_a_signed_in_page_renders(client_for, name):
    response = client_for("coordinator").get(reverse(name))

    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in body
    assert_no_inline_script(body)


@pytest.mark.parametrize("name", ANONYMOUS)
def test_a_public_page_renders(db, name):
    response = Client().get(reverse(name))

    assert response.status_code == 200
    assert_no_inline_script(response.content.decode())


def test_a_page_that_needs_the_second_factor_sends_an_unverified_session_to_sign_in(password_client):
    response = password_client("facilitator").get(reverse("two_factor:backup_tokens"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


def test_the_second_factor_needed_page_offers_enrolment(rf, world):
    request = rf.get("/")
    request.user = world.user("facilitator")

    body = render_to_string("two_factor/core/otp_required.html", request=request)

    assert reverse("two_factor:setup") in body
    assert_no_inline_script(body)


def test_the_pages_follow_the_language_of_the_visitor(client_for):
    client = client_for("facilitator")
    client.cookies["django_language"] = "pt-br"

    with translation.override("en"):  # the request switches the thread's language; switch it back after
        response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert 'lang="pt-br"' in response.content.decode()


def test_the_membership_form_preselects_no_role(client_for, world):
    body = client_for("coordinator").get(reverse("accounts:membership_create", args=[world.user("outsider").pk]))

    assert b'<option value="" selected>' in body.content
