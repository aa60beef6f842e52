"""Retention: closed cases past the country's period are anonymised or deleted; nothing else is touched."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from cpphub.audit.models import AuditEvent
from cpphub.connect.models import Case, CaseNote, Consent, Referral, ReferralPolicy
from cpphub.connect.services.retention import apply_retention
from cpphub.connect.tests import records

pytestmark = pytest.mark.django_db

NOTE = "Spoke with the aunt in Mae Sai"


def closed_referral(world, days_ago: int) -> Referral:
    made = records.referral(world, status="done", outcome_note="Court accompaniment done")
    Case.objects.filter(pk=made.case_id).update(
        status=Case.Status.CLOSED, closed_at=timezone.now() - dt.timedelta(days=days_ago), closure_note="Safe now"
    )
    CaseNote.objects.create(case=made.case, referral=made, text=NOTE, author_organisation=world.orgs["face"])
    return made


def test_a_dry_run_reports_and_changes_nothing(world) -> None:
    made = closed_referral(world, 800)
    out = io.StringIO()
    call_command("retention", "--dry-run", stdout=out)
    case = Case.objects.get(pk=made.case_id)
    assert case.name == records.CHILD_NAME and case.anonymised_at is None
    assert "would anonymise 1 case(s)" in out.getvalue() and case.reference in out.getvalue()
    assert not AuditEvent.objects.filter(object_type="connect.case").exists()


def test_anonymise_blanks_every_identifying_value_and_keeps_the_numbers(world) -> None:
    made = closed_referral(world, 800)
    report = apply_retention(dry_run=False)
    assert report.total == 1
    case = Case.objects.get(pk=made.case_id)
    assert (case.name, case.guardian_contact, case.situation, case.closure_note) == ("", "", "", "")
    assert case.anonymised_at is not None and case.age is None
    # The clear fields the numbers count stay.
    assert (case.sex, case.age_band, case.need, case.location_id) == (
        "female",
        "13_15",
        "online_grooming",
        world.locations["chiang_rai"].pk,
    )
    referral = Referral.objects.get(pk=made.pk)
    assert referral.message == "" and referral.outcome_note == ""
    assert referral.status == "done" and referral.sent_at == made.sent_at
    assert Consent.objects.get(case=case).given_by_name == ""
    assert CaseNote.objects.get(case=case).text == ""
    event = AuditEvent.objects.get(object_type="connect.case", object_id=str(case.pk))
    assert event.object_repr == case.reference and "anonymise" in json.dumps(event.changes)
    assert records.CHILD_NAME not in json.dumps(event.changes)
    # Twice is the same as once.
    assert apply_retention(dry_run=False).total == 0


def test_delete_removes_the_case_its_consents_referrals_and_notes(world) -> None:
    ReferralPolicy.objects.create(country=world.countries["thailand"], retention_days=365, retention_action="delete")
    made = closed_referral(world, 400)
    reference = made.case.reference
    out = io.StringIO()
    call_command("retention", stdout=out)
    assert not Case.objects.filter(pk=made.case_id).exists()
    assert not Referral.objects.exists() and not Consent.objects.exists() and not CaseNote.objects.exists()
    assert "deleted 1 case(s)" in out.getvalue() and reference in out.getvalue()
    assert AuditEvent.objects.filter(action="delete", object_repr=reference).count() == 1


def test_open_cases_and_cases_closed_recently_are_kept(world) -> None:
    old_open = records.referral(world)
    Case.objects.filter(pk=old_open.case_id).update(created_at=timezone.now() - dt.timedelta(days=3000))
    yesterday = closed_referral(world, 1)
    ReferralPolicy.objects.create(country=world.countries["thailand"], retention_days=30, retention_action="delete")
    report = apply_retention(dry_run=False)
    assert report.total == 0
    assert Case.objects.get(pk=old_open.case_id).name == records.CHILD_NAME
    assert Case.objects.get(pk=yesterday.case_id).name == records.CHILD_NAME
