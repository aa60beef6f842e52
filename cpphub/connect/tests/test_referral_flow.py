"""Sending a referral (consent, override, bad input) and its flow: sent -> accepted -> in progress -> done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from cpphub.audit.models import AccessLogEntry, AuditEvent
from cpphub.connect.models import Case, Consent, Referral, ReferralPolicy
from cpphub.connect.tests import records

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (Case.objects.count(), Consent.objects.count(), Referral.objects.count(), AuditEvent.objects.count())


def _refer(client: Client, case: Case, service: Any, **data: Any) -> Any:
    payload = {"service": service.pk, "shared_information": ["identity"], "message": "Please call", **data}
    return client.post(reverse("connect:referral_new", args=[case.pk]), payload)


@pytest.fixture
def sender(world):
    return sign_in(Client(), world.users["caseworker"])


def test_a_referral_without_consent_cannot_be_sent(world, sender):
    service, case = records.service(world), records.case(world)
    before = _counts()
    response = _refer(sender, case, service)
    assert response.status_code == 200
    assert "No consent or assent is recorded for this case" in response.content.decode()
    assert _counts() == before


def test_an_override_sends_without_consent_and_logs_the_reason(world, sender):
    service, case = records.service(world), records.case(world)
    response = _refer(sender, case, service, override="on", override_reason="Child in immediate danger tonight")
    referral = Referral.objects.get()
    assert response.status_code == 302 and referral.status == "sent" and referral.consent is None
    assert referral.override_reason == "Child in immediate danger tonight"
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.OVERRIDE)
    assert entry.reason == "Child in immediate danger tonight" and entry.user == world.users["caseworker"]
    assert entry.object_repr == case.reference
    assert AuditEvent.objects.filter(object_type="connect.referral", object_id=str(referral.pk)).exists()


def test_an_override_needs_a_reason(world, sender):
    service, case = records.service(world), records.case(world)
    before = _counts()
    response = _refer(sender, case, service, override="on", override_reason="  ")
    assert "Say why this is a safeguarding emergency" in response.content.decode()
    assert _counts() == before


def test_a_consent_that_excludes_the_provider_is_refused(world, sender):
    service, case = records.service(world), records.case(world)
    other = records.provider(world, "", name="Another provider")
    records.consent(world, case, other)
    before = _counts()
    page = _refer(sender, case, service).content.decode()
    assert "does not cover" in page and service.organisation.name in page
    assert _counts() == before


def test_sharing_beyond_the_consent_is_refused(world, sender):
    service, case = records.service(world), records.case(world)
    consent = records.consent(world, case, service.organisation)
    consent.information = ["identity"]
    consent.save()
    before = _counts()
    page = _refer(sender, case, service, shared_information=["identity", "contact"]).content.decode()
    assert "does not allow sharing" in page
    assert _counts() == before


@pytest.mark.parametrize("status", ["inactive", "temporarily closed", "defunct"])
def test_a_service_that_is_not_active_is_refused(world, status):
    from cpphub.connect.services.referrals import referral_send

    service, case = records.service(world, status=status), records.case(world)
    records.consent(world, case, service.organisation)
    before = _counts()
    with pytest.raises(Exception) as refused:
        referral_send(case=case, data={"service": service, "shared_information": ["identity"]}, acting_user=None)
    assert "choose another service" in str(refused.value)
    assert _counts() == before


def test_an_inactive_service_is_not_offered_and_is_refused_through_the_api(world, sender):
    service, case = records.service(world, status="temporarily closed"), records.case(world)
    records.consent(world, case, service.organisation)
    before = _counts()
    response = sender.post(
        reverse("api:referral-list"),
        {"case": case.pk, "service": str(service.pk), "shared_information": ["identity"]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "temporarily closed" in response.json()["service"][0]
    assert _counts() == before


def test_a_child_outside_the_service_ages_is_refused(world, sender):
    service, case = records.service(world, minimum_age=0, maximum_age=12), records.case(world)
    records.consent(world, case, service.organisation)
    before = _counts()
    page = _refer(sender, case, service).content.decode()
    assert "this child&#x27;s age is outside it" in page or "this child's age is outside it" in page
    assert _counts() == before


def test_the_deadline_follows_the_country_policy(world, sender):
    ReferralPolicy.objects.create(country=world.countries["thailand"], high_hours=12)
    service, case = records.service(world), records.case(world, risk_level="high")
    records.consent(world, case, service.organisation)
    _refer(sender, case, service)
    referral = Referral.objects.get()
    assert referral.deadline_at - referral.sent_at == dt.timedelta(hours=12)
    assert referral.receiving_organisation == world.orgs["face"] and referral.consent is not None


def test_the_full_flow_with_timestamps(world, sender):
    service, case = records.service(world), records.case(world)
    records.consent(world, case, service.organisation)
    _refer(sender, case, service)
    referral = Referral.objects.get()
    receiver = sign_in(Client(), world.users["receiving_caseworker"])
    for action, status, stamp in [
        ("accept", "accepted", "accepted_at"),
        ("start", "in_progress", "started_at"),
        ("complete", "done", "completed_at"),
    ]:
        response = receiver.post(reverse("connect:referral_respond", args=[referral.pk, action]), {"reason": "ok"})
        assert response.status_code == 302, action
        referral.refresh_from_db()
        assert referral.status == status and getattr(referral, stamp) is not None
        assert referral.responded_by == world.users["receiving_caseworker"]
    assert referral.outcome_note == "ok"
    # The case closes once nothing is open.
    response = sender.post(reverse("connect:case_close", args=[case.pk]), {"outcome": "needs_met"})
    case.refresh_from_db()
    assert response.status_code == 302 and case.status == "closed" and case.closed_at is not None


def test_decline_needs_a_reason(world):
    referral = records.referral(world)
    receiver = sign_in(Client(), world.users["receiving_caseworker"])
    url = reverse("connect:referral_respond", args=[referral.pk, "decline"])
    response = receiver.post(url, {"reason": ""})
    referral.refresh_from_db()
    assert response.status_code == 200 and referral.status == "sent"
    receiver.post(url, {"reason": "No capacity this month"})
    referral.refresh_from_db()
    assert referral.status == "declined" and referral.decline_reason == "No capacity this month"
    assert referral.declined_at is not None


def test_wrong_transitions_are_refused(world):
    referral = records.referral(world)
    receiver = sign_in(Client(), world.users["receiving_caseworker"])
    response = receiver.post(reverse("api:referral-complete", args=[referral.pk]), {"reason": "done"})
    assert response.status_code == 400 and "cannot be" in str(response.json())
    receiver.post(reverse("api:referral-decline", args=[referral.pk]), {"reason": "full"})
    response = receiver.post(reverse("api:referral-accept", args=[referral.pk]), {})
    referral.refresh_from_db()
    assert response.status_code == 400 and referral.status == "declined"
    # The sender may not accept for the receiver.
    other = records.referral(world)
    response = sign_in(Client(), world.users["caseworker"]).post(reverse("api:referral-accept", args=[other.pk]))
    other.refresh_from_db()
    assert response.status_code == 403 and other.status == "sent"


def test_the_sender_revokes_with_a_reason(world, sender):
    referral = records.referral(world, status="accepted")
    url = reverse("connect:referral_respond", args=[referral.pk, "revoke"])
    sender.post(url, {"reason": ""})
    referral.refresh_from_db()
    assert referral.status == "accepted"
    sender.post(url, {"reason": "Family moved to another province"})
    referral.refresh_from_db()
    assert referral.status == "revoked" and referral.revoked_at is not None


def test_a_coordinator_revokes_from_the_register(world):
    referral = records.referral(world, deadline_at=timezone.now() - dt.timedelta(hours=2))
    coordinator = sign_in(Client(), world.users["coordinator"])
    response = coordinator.post(
        reverse("connect:referral_respond", args=[referral.pk, "revoke"]), {"reason": "No answer, re-route"}
    )
    referral.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("connect:overdue_list")
    assert referral.status == "revoked" and referral.responded_by == world.users["coordinator"]
    # Through the API too, without any child's data in the answer.
    other = records.referral(world)
    answer = coordinator.post(reverse("api:referral-revoke", args=[other.pk]), {"reason": "Duplicate"}).json()
    assert answer["status"] == "revoked" and "child" not in answer


def test_overdue_after_the_deadline(world):
    late = records.referral(world, deadline_at=timezone.now() - dt.timedelta(hours=1))
    on_time = records.referral(world)
    client = sign_in(Client(), world.users["caseworker"])
    ids = [r["id"] for r in client.get(reverse("api:referral-list"), {"overdue": "true"}).json()["results"]]
    assert ids == [late.pk] and on_time.pk not in ids
    page = client.get(reverse("connect:overdue_list")).content.decode()
    assert late.case.reference in page and on_time.case.reference not in page
    listing = client.get(reverse("connect:case_list")).content.decode()
    assert "badge overdue" in listing


def test_a_case_with_an_open_referral_cannot_be_closed(world, sender):
    referral = records.referral(world)
    response = sender.post(reverse("connect:case_close", args=[referral.case_id]), {"outcome": "needs_met"})
    referral.case.refresh_from_db()
    assert "still has 1 open referral" in response.content.decode() and referral.case.status == "open"
