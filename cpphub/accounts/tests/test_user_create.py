"""A coordinator adds a person, who gets an email to choose a password."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from cpphub.accounts.models import User
from cpphub.audit.models import AuditEvent

LINK = re.compile(r"https?://testserver(/account/password/reset/[^/\s]+/[^/\s]+/)")


def test_it_creates_the_person_without_a_password_and_emails_a_link(
    client_for, world, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for("coordinator")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user_create"),
            {"email": " Ana.Souza@Example.org ", "full_name": "Ana Souza", "preferred_language": "pt-br"},
        )

    person = User.objects.get(email="ana.souza@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:user_detail", args=[person.pk])
    assert not person.has_usable_password()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["ana.souza@example.org"]
    assert LINK.search(mailoutbox[0].body)
    event = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_id=str(person.pk))
    assert event.actor == world.user("coordinator")
    assert event.changes["email"] == [None, "ana.souza@example.org"]


def test_the_new_person_chooses_a_password_with_the_link(client_for, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for("coordinator").post(
            reverse("accounts:user_create"), {"email": "ana@example.org", "full_name": "Ana"}
        )
    path = LINK.search(mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    client = Client()
    form = client.get(path, follow=True)

    client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-long-new-passphrase", "new_password2": "a-long-new-passphrase"}
    )

    assert User.objects.get(email="ana@example.org").check_password("a-long-new-passphrase")


def test_someone_who_never_set_a_password_can_still_ask_for_a_link(client_for, mailoutbox):
    User.objects.create(email="invited@example.org", password="!unusable")

    Client().post(reverse("accounts:password_reset"), {"email": "invited@example.org"})

    assert len(mailoutbox) == 1


def test_an_email_address_already_in_use_is_a_field_error(client_for):
    response = client_for("coordinator").post(
        reverse("accounts:user_create"), {"email": "FACILITATOR@example.org", "full_name": "Again"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "A person with this email address already exists." in body
    assert re.search(r'name="email"[^>]*aria-invalid="true"', body)
    assert User.objects.filter(email__iexact="facilitator@example.org").count() == 1
