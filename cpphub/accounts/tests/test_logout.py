"""Signing out: a POST only, audited."""

from __future__ import annotations

from django.urls import reverse

from cpphub.accounts.tests.conftest import signed_in_user_id
from cpphub.audit.models import AuditEvent


def test_signing_out_ends_the_session_and_is_audited(client_for, world):
    client = client_for("facilitator")

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response["Location"] == reverse("two_factor:login")
    assert signed_in_user_id(client) is None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_OUT, actor=world.user("facilitator")).exists()


def test_signing_out_by_get_is_refused(client_for):
    client = client_for("facilitator")

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert signed_in_user_id(client) is not None


def test_the_sign_out_button_is_on_every_page(client_for):
    body = client_for("facilitator").get(reverse("accounts:profile")).content.decode()

    assert f'action="{reverse("accounts:logout")}" method="post"' in body
