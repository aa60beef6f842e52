"""Forgotten passwords are reset through an emailed link; changes are audited."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from cpphub.audit.models import AuditEvent

NEW_PASSWORD = "a-brand-new-passphrase-42"
LINK = re.compile(r"https?://testserver(/account/password/reset/[^/\s]+/[^/\s]+/)")


def ask_for_a_link(email: str) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")


def test_it_emails_a_link_to_choose_a_new_password(world, mailoutbox):
    ask_for_a_link("Facilitator@example.org")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["facilitator@example.org"]
    assert message.subject == "Choose a new password for CPP Hub"
    assert LINK.search(message.body)


def test_it_sends_nothing_for_an_unknown_address_and_says_the_same(db, mailoutbox):
    ask_for_a_link("nobody@example.org")

    assert mailoutbox == []


def test_the_link_sets_the_new_password_once_and_it_is_audited(world, mailoutbox):
    ask_for_a_link("facilitator@example.org")
    path = LINK.search(mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    client = Client()

    form = client.get(path, follow=True)
    assert form.status_code == 200
    saved = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    facilitator = world.user("facilitator")
    facilitator.refresh_from_db()
    assert saved.status_code == 302
    assert saved["Location"] == reverse("accounts:password_reset_complete")
    assert facilitator.check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.PASSWORD_CHANGED, actor=facilitator).exists()
    used_again = Client().get(path, follow=True)
    assert "does not work any more" in used_again.content.decode()


def test_a_weak_new_password_is_refused_with_field_errors(world, mailoutbox):
    ask_for_a_link("facilitator@example.org")
    path = LINK.search(mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    client = Client()
    form = client.get(path, follow=True)

    response = client.post(form.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"})

    body = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'aria-invalid="true" aria-describedby="[^"]*\bid_new_password2_error\b', body)
    assert 'id="id_new_password2_error"' in body


def test_changing_the_password_when_signed_in_is_audited(client_for, world):
    client = client_for("facilitator")

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "correct-horse-battery-staple", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    event = AuditEvent.objects.get(action=AuditEvent.Action.PASSWORD_CHANGED)
    assert event.actor == world.user("facilitator")
    assert NEW_PASSWORD not in str(event.changes)
    assert client.get(reverse("accounts:profile")).status_code == 200  # still signed in


def test_signing_in_does_not_count_as_a_password_change(client_for):
    client_for("facilitator")

    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PASSWORD_CHANGED).exists()
