"""My account: who I am, my memberships, my language, links to security settings."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from cpphub.accounts.tests.conftest import assert_no_inline_script
from cpphub.audit.models import AuditEvent


def test_it_shows_name_email_memberships_and_security_links(client_for):
    response = client_for("facilitator").get(reverse("accounts:profile"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "facilitator@example.org" in body
    assert "Facilitator" in body and "Chiang Rai" in body and "Foundation for Child Development" in body
    for name in ("two_factor:profile", "accounts:token", "accounts:password_change"):
        assert reverse(name) in body
    assert_no_inline_script(body)


def test_someone_without_membership_is_told_whom_to_ask(client_for):
    body = client_for("outsider").get(reverse("accounts:profile")).content.decode()

    assert "You hold no membership yet" in body


def test_saving_the_preferred_language_switches_to_it_and_is_audited(client_for, world):
    client = client_for("facilitator")

    response = client.post(reverse("accounts:profile"), {"full_name": "Nok Facilitator", "preferred_language": "th"})

    facilitator = world.user("facilitator")
    facilitator.refresh_from_db()
    assert response.status_code == 302
    assert facilitator.preferred_language == "th"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "th"
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, actor=facilitator)
    assert event.changes["preferred_language"] == ["", "th"]


def test_a_blank_name_is_refused_with_a_field_error(client_for):
    response = client_for("facilitator").post(reverse("accounts:profile"), {"full_name": "", "preferred_language": ""})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))
