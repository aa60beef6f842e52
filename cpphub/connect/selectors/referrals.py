"""Reading cases and referrals: scoped by ``selectors/access.py``, every read in the access log.

``access_case`` and ``access_referral`` are the only way a page or endpoint
opens one record: they write a ``view`` entry for who may see it, and a
``denied`` entry (without any label) for a signed-in person who may not, before
the 404. Lists write one ``list`` entry. The receiving organisation sees of the
child only what the referral shares (``child_data``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cpphub.audit.models import AccessLogEntry
from cpphub.audit.services import access_record
from cpphub.connect.models import Case, Consent, Referral, Service, ServiceOrganisation
from cpphub.connect.selectors import access
from cpphub.partnership.models import Organisation


def log_denied(viewer: Any, model: type[Case] | type[Referral], pk: Any, reason: str) -> None:
    if getattr(viewer, "is_authenticated", False):
        stand_in = model()
        stand_in.pk = pk
        access_record(user=viewer, obj=stand_in, action=AccessLogEntry.Action.DENIED, reason=reason, label="")


def log_list(viewer: Any, model: type[Case] | type[Referral], reason: str, count: int) -> None:
    stand_in = model()
    stand_in.pk = ""
    access_record(user=viewer, obj=stand_in, action=AccessLogEntry.Action.LIST, reason=reason, label=f"{count}")


def owned_cases(viewer: Any) -> QuerySet[Case]:
    """Cases the viewer's organisation registered: the case pages and the cases API."""
    if not access.can_open_cases(viewer):
        return Case.objects.none()
    return Case.objects.filter(organisation_id__in=access.caseworker_organisation_ids(viewer))


def access_case(viewer: Any, pk: Any, *, reason: str) -> Case:
    """The case ``pk`` for a caseworker of its organisation (logged ``view``), else a logged 404."""
    case = owned_cases(viewer).select_related("location__country", "organisation").filter(pk=pk).first()
    if case is None or not access.owns_case(viewer, case):
        log_denied(viewer, Case, pk, reason)
        raise Http404
    access_record(user=viewer, obj=case, action=AccessLogEntry.Action.VIEW, reason=reason, label=case.reference)
    return case


def access_referral(viewer: Any, pk: Any, *, reason: str, register: bool = False) -> Referral:
    """The referral ``pk`` for its sending or receiving caseworkers (or, ``register``, a coordinator).

    A coordinator reaches it from the overdue register only, to revoke it; the page then shows no child's data.
    """
    base = Referral.objects.select_related(
        "case__location__country", "case__organisation", "service", "provider", "receiving_organisation"
    )
    referral = base.filter(pk__in=access.referrals_for(viewer).values("pk")).filter(pk=pk).first()
    if referral is None and register and access.can_manage_referrals(viewer):
        referral = base.filter(pk=pk).first()
    if referral is None:
        log_denied(viewer, Referral, pk, reason)
        raise Http404
    access_record(
        user=viewer, obj=referral, action=AccessLogEntry.Action.VIEW, reason=reason, label=referral.case.reference
    )
    return referral


def _overdue(now: Any = None) -> Q:
    return Q(status=Referral.Status.SENT, deadline_at__lt=now or timezone.now())


def case_list(viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Case]:
    filters = filters or {}
    records = owned_cases(viewer).select_related("location")
    for field in ("status", "risk_level", "need", "location"):
        value = filters.get(field)
        if value:
            records = records.filter(**{field: value})
    overdue = Referral.objects.filter(_overdue(), case=OuterRef("pk"))
    return records.annotate(
        open_referrals=Count("referrals", filter=Q(referrals__status__in=Referral.OPEN_STATUSES), distinct=True),
        overdue=Exists(overdue),
    ).order_by("-created_at", "-id")


def referral_list(viewer: Any, filters: Mapping[str, Any] | None = None) -> QuerySet[Referral]:
    """``direction`` incoming (received by the viewer's organisation) or outgoing; ``status``, ``risk``, ``overdue``."""
    filters = filters or {}
    orgs = access.caseworker_organisation_ids(viewer)
    records = access.referrals_for(viewer).select_related("case__location", "service", "provider", "case__organisation")
    direction = filters.get("direction")
    if direction == "incoming":
        records = records.filter(receiving_organisation_id__in=orgs)
    elif direction == "outgoing":
        records = records.filter(case__organisation_id__in=orgs)
    if filters.get("status"):
        records = records.filter(status=filters["status"])
    if filters.get("risk"):
        records = records.filter(case__risk_level=filters["risk"])
    if str(filters.get("overdue", "")).lower() in ("1", "true", "on", "yes"):
        records = records.filter(_overdue())
    return records.order_by("-sent_at", "-id")


def overdue_for(viewer: Any) -> QuerySet[Referral]:
    return referral_list(viewer, {"overdue": "true"}).order_by("deadline_at")


def overdue_register() -> QuerySet[Referral]:
    """Every overdue referral of the partnership, for coordinators: shown without any child's data."""
    return (
        Referral.objects.filter(_overdue())
        .select_related("case__organisation", "case", "provider")
        .only(
            "id",
            "status",
            "sent_at",
            "deadline_at",
            "case__reference",
            "case__risk_level",
            "case__organisation__name",
            "provider__name",
        )
        .order_by("deadline_at")
    )


def hours_overdue(referral: Referral, now: Any = None) -> int:
    return max(0, int(((now or timezone.now()) - referral.deadline_at).total_seconds() // 3600))


def child_data(referral: Referral, viewer: Any) -> dict[str, Any]:
    """What of the child the viewer sees on a referral: all for the sender, the shared information for the receiver."""
    case = referral.case
    full = access.sends(viewer, referral)
    shared = set(referral.shared_information or [])
    data: dict[str, Any] = {
        "reference": case.reference,
        "location": case.location.name,
        "need": case.get_need_display(),
        "risk_level": case.get_risk_level_display(),
        "age_band": case.get_age_band_display(),
    }
    if full or "identity" in shared:
        data.update(name=case.name, sex=case.get_sex_display(), age=case.age)
    if full or "contact" in shared:
        data["guardian_contact"] = case.guardian_contact
    if full or "situation" in shared:
        data["situation"] = case.situation
    return data


def consents_of(case: Case) -> QuerySet[Consent]:
    return case.consents.prefetch_related("organisations")


def active_services() -> QuerySet[Service]:
    return Service.objects.filter(status=Service.Status.ACTIVE).select_related("organisation").order_by("name")


def providers() -> QuerySet[ServiceOrganisation]:
    return ServiceOrganisation.objects.order_by("name")


def acting_organisation(viewer: Any, referral: Referral | None = None, case: Case | None = None) -> Organisation | None:
    """The viewer's caseworker organisation that acts here: the sender's or the receiver's."""
    orgs = access.caseworker_organisation_ids(viewer)
    for candidate in (
        case.organisation_id if case is not None else None,
        referral.case.organisation_id if referral is not None else None,
        referral.receiving_organisation_id if referral is not None else None,
    ):
        if candidate is not None and candidate in orgs:
            return Organisation.objects.get(pk=candidate)
    return Organisation.objects.filter(pk__in=orgs).order_by("pk").first()
