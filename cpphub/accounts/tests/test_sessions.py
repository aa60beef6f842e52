"""A session ends after 30 idle minutes; every request starts the 30 minutes again."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone


def _session(client) -> Session:  # type: ignore[no-untyped-def]
    return Session.objects.get(session_key=client.session.session_key)


def test_the_idle_timeout_is_thirty_minutes_renewed_by_every_request():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_idle_session_past_thirty_minutes_is_signed_out(client_for):
    client = client_for("facilitator")
    assert client.get(reverse("accounts:profile")).status_code == 200
    # As if the last request had been 31 minutes ago.
    Session.objects.filter(pk=_session(client).pk).update(expire_date=timezone.now() - timedelta(minutes=1))

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:login"))


def test_an_active_session_is_renewed_for_another_thirty_minutes(client_for):
    client = client_for("facilitator")
    client.get(reverse("accounts:profile"))
    # 29 idle minutes: one minute left.
    Session.objects.filter(pk=_session(client).pk).update(expire_date=timezone.now() + timedelta(minutes=1))

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    remaining = _session(client).expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)
