"""The public reset form sends a few emails an hour per client address and per email address, no more.

The root conftest empties the cache before and after every test (``empty_cache``),
so no count leaks from one test into the next.
"""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cpphub.accounts import throttle

KNOWN = "facilitator@example.org"
UNKNOWN = "nobody@example.org"
DONE = reverse("accounts:password_reset_done")


def ask(email: str, address: str = "192.0.2.1") -> Any:
    return Client().post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


def answer(response: Any) -> tuple[int, str | None, bool]:
    """What a visitor can tell from one response: status, where it leads, whether it says to wait."""
    return response.status_code, response.get("Location"), "Retry-After" in response


def test_under_the_limits_every_request_sends_its_email(world, mailoutbox):
    responses = [ask(KNOWN) for _ in range(throttle.PER_EMAIL)]

    assert [answer(r) for r in responses] == [(302, DONE, False)] * throttle.PER_EMAIL
    assert [message.to for message in mailoutbox] == [[KNOWN]] * throttle.PER_EMAIL


def test_the_sixth_request_from_one_address_is_refused_and_sends_nothing(world, mailoutbox):
    emails = [KNOWN, UNKNOWN, "caseworker@example.org", "someone@example.org", "coordinator@example.org"]
    for email in emails:
        assert answer(ask(email)) == (302, DONE, False)
    sent = len(mailoutbox)

    refused = ask("dpo@example.org")

    assert sent == 3
    assert refused.status_code == 429
    assert len(mailoutbox) == sent
    assert 0 < int(refused["Retry-After"]) <= throttle.WINDOW
    body = refused.content.decode()
    assert "Too many requests for a reset link" in body
    assert "Try again in 60 minutes." in body
    assert 'id="main"' in body  # in the site layout
    assert answer(ask("dpo@example.org", address="192.0.2.2")) == (302, DONE, False)  # another address may


@pytest.mark.parametrize("email", [KNOWN, UNKNOWN])
def test_the_fourth_request_for_one_email_is_refused_from_any_address(world, mailoutbox, email):
    for n in range(throttle.PER_EMAIL):
        assert answer(ask(email, address=f"198.51.100.{n}")) == (302, DONE, False)
    sent = len(mailoutbox)

    refused = ask(email.upper(), address="203.0.113.9")

    assert refused.status_code == 429
    assert len(mailoutbox) == sent
    assert sent == (throttle.PER_EMAIL if email == KNOWN else 0)


def test_known_and_unknown_addresses_get_the_same_answers(world, mailoutbox):
    answers = {
        email: [answer(ask(email, address=f"198.51.100.{n}")) for n in range(throttle.PER_EMAIL + 1)]
        for email in (KNOWN, UNKNOWN)
    }

    assert answers[KNOWN] == answers[UNKNOWN]
    assert answers[KNOWN][-1][0] == 429
    assert len(mailoutbox) == throttle.PER_EMAIL  # sent to the account only


def test_an_hour_after_the_first_request_it_works_again_and_refusals_did_not_count(world, mailoutbox, monkeypatch):
    clock = SimpleNamespace(now=time.time())
    monkeypatch.setattr(throttle, "time", SimpleNamespace(time=lambda: clock.now))
    for _ in range(throttle.PER_EMAIL):
        ask(KNOWN)
    clock.now += throttle.WINDOW / 2
    assert ask(KNOWN).status_code == 429
    assert ask(KNOWN).status_code == 429

    clock.now += throttle.WINDOW / 2 + 1
    response = ask(KNOWN)

    assert answer(response) == (302, DONE, False)
    assert len(mailoutbox) == throttle.PER_EMAIL + 1


def test_a_form_with_errors_is_not_counted(world, mailoutbox):
    for _ in range(throttle.PER_ADDRESS + 1):
        assert ask("not-an-email").status_code == 200

    assert answer(ask(KNOWN)) == (302, DONE, False)
    assert len(mailoutbox) == 1
