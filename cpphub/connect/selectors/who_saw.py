"""The data protection officer's "who saw this record": the access log of one case and its referrals.

Asked by case reference. The answer holds every access log entry about the
case and each of its referrals (views, lists, exports, changes, overrides and
refused attempts), newest first: when, who, what, why, from where. It shows
nothing of the child: the log's labels are case references by design. A case
deleted by retention is still found by the reference its entries carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from cpphub.audit.models import AccessLogEntry
from cpphub.connect.models import Case, Referral
from cpphub.connect.selectors.access import can_ask_who_saw

CASE_TYPE = "connect.case"
REFERRAL_TYPE = "connect.referral"
MAX_REFERENCE = 32


@dataclass(frozen=True)
class WhoSaw:
    reference: str
    found: bool
    entries: QuerySet[AccessLogEntry]
    referral_count: int = 0


def access_who_saw(viewer: Any) -> None:
    if not can_ask_who_saw(viewer):
        raise PermissionDenied


def who_saw(*, viewer: Any, reference: str) -> WhoSaw:
    """Every access log entry about the case ``reference`` and its referrals, newest first."""
    access_who_saw(viewer)
    reference = reference.strip()[:MAX_REFERENCE]
    case = Case.objects.filter(reference__iexact=reference).only("pk", "reference").first() if reference else None
    if case is not None:
        referral_ids = [str(pk) for pk in Referral.objects.filter(case=case).values_list("pk", flat=True)]
        about = Q(object_type=CASE_TYPE, object_id=str(case.pk)) | Q(
            object_type=REFERRAL_TYPE, object_id__in=referral_ids
        )
        entries = AccessLogEntry.objects.filter(about)
        return WhoSaw(case.reference, True, _ordered(entries), len(referral_ids))
    if not reference:
        return WhoSaw("", False, AccessLogEntry.objects.none())
    # A case gone (deleted by retention): its entries still carry its reference as their label.
    labelled = Q(object_repr__iexact=reference) | Q(object_repr__istartswith=f"{reference} ")
    entries = AccessLogEntry.objects.filter(Q(object_type__in=[CASE_TYPE, REFERRAL_TYPE]) & labelled)
    found = entries.exists()
    return WhoSaw(reference, found, _ordered(entries) if found else entries.none())


def _ordered(entries: QuerySet[AccessLogEntry]) -> QuerySet[AccessLogEntry]:
    return entries.select_related("user").order_by("-at", "-id")
