"""Need-to-know: a third organisation, coordinators and superusers never open a case or referral; all logged."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from cpphub.accounts.models import User
from cpphub.audit.models import AccessLogEntry
from cpphub.connect.models import Case, Consent, Referral
from cpphub.connect.tests import records
from cpphub.connect.tests.records import CHILD_NAME, GUARDIAN_CONTACT, SITUATION

pytestmark = pytest.mark.django_db

PAGES = [
    ("connect:case_detail", "case", ("GET",)),
    ("connect:case_edit", "case", ("GET", "POST")),
    ("connect:case_close", "case", ("GET", "POST")),
    ("connect:consent_new", "case", ("GET", "POST")),
    ("connect:note_new", "case", ("GET", "POST")),
    ("connect:referral_new", "case", ("GET", "POST")),
    ("connect:consent_withdraw", "consent", ("POST",)),
    ("connect:referral_detail", "referral", ("GET",)),
    *[
        ("connect:referral_respond", f"respond:{a}", ("GET", "POST"))
        for a in ("accept", "decline", "start", "complete")
    ],
    ("api:case-detail", "case", ("GET", "PATCH")),
    ("api:case-consents", "case", ("POST",)),
    ("api:case-close", "case", ("POST",)),
    ("api:referral-detail", "referral", ("GET",)),
    ("api:referral-accept", "referral", ("POST",)),
    ("api:referral-decline", "referral", ("POST",)),
    ("api:referral-start", "referral", ("POST",)),
    ("api:referral-complete", "referral", ("POST",)),
    ("api:referral-notes", "referral", ("GET", "POST")),
]


def _kwargs(kind: str, referral: Referral) -> dict[str, Any]:
    if kind == "case":
        return {"pk": referral.case_id}
    if kind == "consent":
        return {"pk": referral.case_id, "consent_pk": referral.consent_id}
    if kind.startswith("respond:"):
        return {"pk": referral.pk, "action": kind.split(":")[1]}
    return {"pk": referral.pk}


def _send(client: Client, method: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    if method == "POST":
        return client.post(url, {"reason": "x", "text": "x", "outcome": "other"})
    return client.generic(method, url, '{"situation": "changed"}', content_type="application/json")


def _state() -> tuple[Any, ...]:
    return (
        sorted(map(repr, Case.objects.values())),
        sorted(map(repr, Referral.objects.values())),
        sorted(map(repr, Consent.objects.values())),
    )


@pytest.mark.parametrize("persona", ["other_caseworker", "coordinator", "superuser"])
def test_outsiders_get_404_everywhere_and_each_attempt_is_logged(world, persona):
    referral = records.referral(world)
    if persona == "superuser":
        user = User.objects.create_superuser("root@example.org", "x-unused-password-x")
    else:
        user = world.users[persona]
    client = sign_in(Client(), user)
    before = _state()
    attempts = 0
    for name, kind, methods in PAGES:
        url = reverse(name, kwargs=_kwargs(kind, referral))
        for method in methods:
            response = _send(client, method, url)
            attempts += 1
            assert response.status_code == 404, f"{persona} {method} {name}: {response.status_code}"
            assert CHILD_NAME.encode() not in response.content
    assert _state() == before
    denied = AccessLogEntry.objects.filter(user=user, action=AccessLogEntry.Action.DENIED)
    assert denied.count() == attempts
    assert not denied.exclude(object_repr="").exists()  # no label: nothing about the record
    assert not AccessLogEntry.objects.filter(user=user).exclude(action=AccessLogEntry.Action.DENIED).exists()


def test_the_third_organisation_lists_see_nothing(world):
    records.referral(world)
    client = sign_in(Client(), world.users["other_caseworker"])
    for name in ("connect:case_list", "connect:referral_list", "connect:overdue_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200 and b"TEST-" not in response.content
    for name in ("api:case-list", "api:referral-list"):
        assert client.get(reverse(name)).json()["count"] == 0


def test_the_receiver_sees_only_the_shared_information(world):
    referral = records.referral(world, shared_information=["identity"])
    client = sign_in(Client(), world.users["receiving_caseworker"])
    page = client.get(reverse("connect:referral_detail", args=[referral.pk])).content.decode()
    assert CHILD_NAME in page and GUARDIAN_CONTACT not in page and SITUATION not in page
    child = client.get(reverse("api:referral-detail", args=[referral.pk])).json()["child"]
    assert child["name"] == CHILD_NAME and "guardian_contact" not in child and "situation" not in child
    # The receiver does not open the case page itself.
    assert client.get(reverse("connect:case_detail", args=[referral.case_id])).status_code == 404
    sender = sign_in(Client(), world.users["caseworker"])
    page = sender.get(reverse("connect:referral_detail", args=[referral.pk])).content.decode()
    assert GUARDIAN_CONTACT in page and SITUATION in page


def test_every_read_and_write_is_in_the_access_log(world):
    referral = records.referral(world)
    sender = sign_in(Client(), world.users["caseworker"])
    receiver = sign_in(Client(), world.users["receiving_caseworker"])
    sender.get(reverse("connect:case_detail", args=[referral.case_id]))
    sender.get(reverse("api:case-detail", args=[referral.case_id]))
    receiver.get(reverse("connect:referral_detail", args=[referral.pk]))
    sender.get(reverse("connect:case_list"))
    receiver.post(reverse("connect:referral_respond", args=[referral.pk, "accept"]), {"reason": ""})
    log = AccessLogEntry.objects
    case_type, referral_type = "connect.case", "connect.referral"
    assert log.filter(user=world.users["caseworker"], action="view", object_type=case_type, reason="case page").exists()
    assert log.filter(user=world.users["caseworker"], action="view", object_type=case_type, reason="API").exists()
    assert log.filter(user=world.users["receiving_caseworker"], action="view", object_type=referral_type).exists()
    assert log.filter(user=world.users["caseworker"], action="list", object_type=case_type).count() == 1
    change = log.get(user=world.users["receiving_caseworker"], action="change", object_type=referral_type)
    assert change.object_repr == referral.case.reference
    assert not log.filter(object_repr__contains=CHILD_NAME).exists()
    assert not log.filter(reason__contains=CHILD_NAME).exists()


def test_a_coordinator_sees_the_overdue_register_without_child_data(world):
    import datetime as dt

    from django.utils import timezone

    late = records.referral(world, deadline_at=timezone.now() - dt.timedelta(hours=5))
    page = sign_in(Client(), world.users["coordinator"]).get(reverse("connect:overdue_list")).content.decode()
    assert late.case.reference in page and late.provider.name in page
    for secret in (CHILD_NAME, GUARDIAN_CONTACT, SITUATION, records.MESSAGE):
        assert secret not in page
