"""Five failed sign-ins lock the account (and the address) for thirty minutes."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from cpphub.accounts.tests.conftest import post_password, signed_in_user_id
from cpphub.audit.models import AuditEvent

WRONG = "not-my-password"


def fail(email: str, times: int, *, address: str = "127.0.0.1") -> None:
    for _ in range(times):
        response = post_password(Client(), email, WRONG, REMOTE_ADDR=address)
        assert response.status_code in {200, 429}


def test_four_failures_still_let_the_right_password_in(world):
    fail("facilitator@example.org", 4)
    client = Client()

    response = post_password(client, "facilitator@example.org")

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(world.user("facilitator").pk)


def test_the_fifth_failure_shows_the_locked_page(world):
    fail("facilitator@example.org", 4)

    response = post_password(Client(), "facilitator@example.org", WRONG)

    body = response.content.decode()
    assert response.status_code == 429
    assert "Try again in 30 minutes" in body
    assert reverse("accounts:password_reset") in body


def test_a_locked_account_cannot_sign_in_even_with_the_right_password_from_elsewhere(world):
    # Each failure from another address: only the lock on the account itself can stop the last try.
    for number in range(5):
        fail("Facilitator@Example.org", 1, address=f"10.0.0.{number + 1}")
    client = Client()

    response = post_password(client, "facilitator@example.org", REMOTE_ADDR="192.0.2.50")

    assert response.status_code == 429
    assert signed_in_user_id(client) is None
    # the attempts are kept under the account, lower-cased (not under an empty username)
    assert AccessAttempt.objects.filter(username="facilitator@example.org").count() >= 5


def test_an_address_that_keeps_failing_is_locked_for_every_account(world):
    for persona in ("facilitator", "caseworker", "dpo", "steering_member", "outsider"):
        fail(world.user(persona).email, 1, address="198.51.100.7")
    client = Client()

    response = post_password(client, world.user("coordinator").email, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 429
    assert signed_in_user_id(client) is None


def test_the_failed_attempts_never_keep_the_password(world):
    fail("facilitator@example.org", 2)

    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert WRONG not in stored
    assert stored  # the attempts are recorded, with the password masked


def test_the_lockout_is_audited(world):
    fail("facilitator@example.org", 5)

    events = AuditEvent.objects.filter(action=AuditEvent.Action.SIGN_IN_FAILED, object_repr="facilitator@example.org")
    assert events.count() == 5
    assert events.filter(changes__locked_out=[False, True]).exists()
