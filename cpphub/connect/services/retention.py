"""Retention of closed cases: after the country's period, anonymise them (keep the numbers) or delete them.

``apply_retention`` is what ``cpphub retention`` runs (daily, from cron or the
worker). For each country it takes the policy (``ReferralPolicy``; without
one: 730 days, anonymise) and the CLOSED cases of its locations whose
``closed_at`` is older than the period. Open cases are never touched, however
old. Anonymising blanks every identifying value of the case, its consents, its
referrals and its notes (and the exact age: the age band stays), and keeps the
clear fields the numbers count (location, sex, age band, need, risk level,
dates, statuses). Deleting removes the case with its consents, referrals and
notes. Each case gets one audit event with its reference and the action, never
a name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.connect.models import Case, CaseNote, Consent, Referral, ReferralPolicy
from cpphub.partnership.models import Country

DEFAULT_DAYS = 730
DEFAULT_ACTION = ReferralPolicy.RetentionAction.ANONYMISE

# Every identifying value, blanked by anonymisation (the encrypted fields, and free text that may name someone).
CASE_BLANKS = {"name": "", "guardian_contact": "", "situation": "", "closure_note": ""}
CONSENT_BLANKS = {"given_by_name": ""}
REFERRAL_BLANKS = {"message": "", "decline_reason": "", "outcome_note": "", "revoke_reason": "", "override_reason": ""}
NOTE_BLANKS = {"text": ""}


@dataclass
class CountryRetention:
    """What retention did (or would do) in one country."""

    country: Country
    days: int
    action: str
    cutoff: dt.datetime
    references: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.references)


@dataclass
class RetentionReport:
    dry_run: bool
    now: dt.datetime
    countries: list[CountryRetention] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(entry.count for entry in self.countries)


def due_cases(country: Country, cutoff: dt.datetime) -> list[Case]:
    """Closed cases of ``country`` closed before ``cutoff``, not anonymised yet."""
    return list(
        Case.objects.filter(
            location__country=country,
            status=Case.Status.CLOSED,
            closed_at__isnull=False,
            closed_at__lt=cutoff,
            anonymised_at__isnull=True,
        )
        .only("pk", "reference", "closed_at")
        .order_by("closed_at", "pk")
    )


def _anonymise(case: Case, *, days: int, now: dt.datetime) -> None:
    Case.objects.filter(pk=case.pk).update(**CASE_BLANKS, age=None, anonymised_at=now)
    Consent.objects.filter(case_id=case.pk).update(**CONSENT_BLANKS)
    Referral.objects.filter(case_id=case.pk).update(**REFERRAL_BLANKS)
    CaseNote.objects.filter(case_id=case.pk).update(**NOTE_BLANKS)
    audit_record(
        action=AuditEvent.Action.UPDATE,
        acting_user=None,
        object_type="connect.case",
        object_id=str(case.pk),
        object_repr=case.reference,
        changes={"retention": [None, "anonymise"], "retention_days": [None, days]},
    )


def _delete(case: Case, *, days: int) -> None:
    pk, reference = case.pk, case.reference
    referrals = list(Referral.objects.filter(case_id=pk).values_list("pk", flat=True))
    CaseNote.objects.filter(case_id=pk).delete()
    Referral.objects.filter(case_id=pk).delete()  # before the consents they point to (PROTECT)
    Consent.objects.filter(case_id=pk).delete()
    Case.objects.filter(pk=pk).delete()
    audit_record(
        action=AuditEvent.Action.DELETE,
        acting_user=None,
        object_type="connect.case",
        object_id=str(pk),
        object_repr=reference,
        changes={"retention": [None, "delete"], "retention_days": [None, days], "referrals": len(referrals)},
    )


def apply_retention(*, dry_run: bool, now: dt.datetime | None = None) -> RetentionReport:
    """Anonymise or delete the closed cases past their country's retention period; what was (or would be) done."""
    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run, now=now)
    policies = {policy.country_id: policy for policy in ReferralPolicy.objects.all()}
    for country in Country.objects.order_by("name"):
        policy = policies.get(country.pk)
        days = policy.retention_days if policy else DEFAULT_DAYS
        action = policy.retention_action if policy else DEFAULT_ACTION
        cutoff = now - dt.timedelta(days=days)
        entry = CountryRetention(country=country, days=days, action=str(action), cutoff=cutoff)
        for case in due_cases(country, cutoff):
            entry.references.append(case.reference)
            if dry_run:
                continue
            with transaction.atomic():
                if action == ReferralPolicy.RetentionAction.DELETE:
                    _delete(case, days=days)
                else:
                    _anonymise(case, days=days, now=now)
        report.countries.append(entry)
    return report
