"""Pages of cases, consent, follow-up notes and referrals: for caseworkers only.

Every page opens its record through ``selectors/referrals.py`` (``access_case``,
``access_referral``), which logs the read, or logs the attempt and answers 404
to anyone else: coordinators and superusers too. Lists show no names; a child's
name appears on the case page and, when shared, on the referral page only.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpphub.audit.services import access_record
from cpphub.connect.forms.referrals import (
    CaseFilter,
    CaseForm,
    CloseForm,
    ConsentForm,
    NoteForm,
    ReferralFilter,
    ReferralForm,
    RespondForm,
)
from cpphub.connect.models import Case, Consent, Referral, Service
from cpphub.connect.selectors import access
from cpphub.connect.selectors import referrals as selectors
from cpphub.connect.services import referrals as services
from cpphub.lib.choices import choice_labels
from cpphub.lib.forms import saved

PAGE_SIZE = 25


def _caseworker(request: HttpRequest) -> None:
    if not access.can_open_cases(request.user):
        raise PermissionDenied(_("Only caseworkers, signed in with a second factor, work with cases."))


def _carried(request: HttpRequest) -> dict[str, str]:
    """``?service=<uuid>&pathway=<pk>`` from the directory or a pathway, carried until the referral form."""
    carried: dict[str, str] = {}
    service = request.GET.get("service") or request.POST.get("carry_service") or ""
    pathway = request.GET.get("pathway") or request.POST.get("carry_pathway") or ""
    if _is_uuid(service) and Service.objects.filter(pk=service).exists():
        carried["service"] = service
    if pathway.isdigit():
        carried["pathway"] = pathway
    return carried


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _with_query(url: str, query: dict[str, str]) -> str:
    return f"{url}?{urlencode(query)}" if query else url


def _page(request: HttpRequest, records: Any) -> Any:
    return Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))


def _form_page(
    request: HttpRequest, form: Any, *, title: str, case: Case | None = None, **context: Any
) -> HttpResponse:
    return render(
        request,
        "connect/case_form.html",
        {
            "form": form,
            "title": title,
            "case": case,
            "carried": _carried(request),
            "carry_query": urlencode(_carried(request)),
            **context,
        },
    )


# Cases -------------------------------------------------------------------------------------------


@require_GET
@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    _caseworker(request)
    filters = CaseFilter(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    page = _page(request, selectors.case_list(request.user, values))
    selectors.log_list(request.user, Case, "case list page", page.paginator.count)
    return render(
        request,
        "connect/case_list.html",
        {
            "page": page,
            "filter_form": filters,
            "carried": _carried(request),
            "carry_query": urlencode(_carried(request)),
            "query": _query(request),
        },
    )


def _query(request: HttpRequest) -> str:
    return urlencode({k: v for k, v in request.GET.items() if k != "page"})


@require_http_methods(["GET", "POST"])
@login_required
def case_new(request: HttpRequest) -> HttpResponse:
    _caseworker(request)
    organisation = selectors.acting_organisation(request.user)
    assert organisation is not None  # a caseworker
    form = CaseForm(request.POST or None, initial={"identified_on": timezone.localdate()})
    if request.method == "POST":
        case = saved(
            form, lambda data: services.case_create(organisation=organisation, data=data, acting_user=request.user)
        )
        if case is not None:
            messages.success(
                request, _("Case {reference} was registered. Record consent next.").format(reference=case.reference)
            )
            return redirect(_with_query(reverse("connect:consent_new", args=[case.pk]), _carried(request)))
    return _form_page(request, form, title=_("Register a child"))


@require_GET
@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.access_case(request.user, pk, reason="case page")
    referrals = case.referrals.select_related("service", "provider", "receiving_organisation").order_by("-sent_at")
    return render(
        request,
        "connect/case_detail.html",
        {
            "case": case,
            "consents": selectors.consents_of(case),
            "referrals": referrals,
            "notes": case.notes.select_related("referral__service", "author_organisation"),
            "now": timezone.now(),
            "carried": _carried(request),
            "carry_query": urlencode(_carried(request)),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.access_case(request.user, pk, reason="case edit page")
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST":
        updated = saved(form, lambda data: services.case_update(case=case, data=data, acting_user=request.user))
        if updated is not None:
            messages.success(request, _("Case {reference} was saved.").format(reference=updated.reference))
            return redirect("connect:case_detail", pk=case.pk)
    return _form_page(request, form, title=_("Edit case {reference}").format(reference=case.reference), case=case)


@require_http_methods(["GET", "POST"])
@login_required
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.access_case(request.user, pk, reason="case close page")
    form = CloseForm(request.POST or None)
    if request.method == "POST":
        closed = saved(form, lambda data: services.case_close(case=case, data=data, acting_user=request.user))
        if closed is not None:
            messages.success(request, _("Case {reference} was closed.").format(reference=case.reference))
            return redirect("connect:case_detail", pk=case.pk)
    return _form_page(request, form, title=_("Close case {reference}").format(reference=case.reference), case=case)


# Consent and notes -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def consent_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.access_case(request.user, pk, reason="consent page")
    carried = _carried(request)
    initial: dict[str, Any] = {"given_on": timezone.localdate(), "information": ["identity"]}
    if "service" in carried:
        initial["organisations"] = list(
            Service.objects.filter(pk=carried["service"]).values_list("organisation", flat=True)
        )
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST":
        consent = saved(form, lambda data: services.consent_create(case=case, data=data, acting_user=request.user))
        if consent is not None:
            messages.success(request, _("The consent was recorded."))
            if carried:
                return redirect(_with_query(reverse("connect:referral_new", args=[case.pk]), carried))
            return redirect("connect:case_detail", pk=case.pk)
    return _form_page(
        request, form, title=_("Record consent or assent for {reference}").format(reference=case.reference), case=case
    )


@require_POST
@login_required
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    case = selectors.access_case(request.user, pk, reason="consent withdraw")
    consent = case.consents.filter(pk=consent_pk).first()
    if consent is None:
        raise Http404
    try:
        services.consent_withdraw(consent=consent, acting_user=request.user)
    except services.ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The consent was withdrawn. It covers no new referral."))
    return redirect("connect:case_detail", pk=case.pk)


def _note_access(request: HttpRequest, pk: int) -> tuple[Case, Any, bool]:
    """The case for its owners, or for the receivers of one of its referrals (who write on those referrals only)."""
    if selectors.owned_cases(request.user).filter(pk=pk).exists():
        case = selectors.access_case(request.user, pk, reason="note page")
        return case, case.referrals.select_related("service"), False
    received = selectors.referral_list(request.user, {"direction": "incoming"}).filter(case_id=pk)
    if not received.exists():
        selectors.log_denied(request.user, Case, pk, "note page")
        raise Http404
    case = Case.objects.get(pk=pk)
    access_record(user=request.user, obj=case, action="view", reason="note page (receiver)", label=case.reference)
    return case, received.select_related("service"), True


@require_http_methods(["GET", "POST"])
@login_required
def note_new(request: HttpRequest, pk: int) -> HttpResponse:
    case, referrals, receiver = _note_access(request, pk)
    initial = {"referral": request.GET.get("referral")} if (request.GET.get("referral") or "").isdigit() else {}
    form = NoteForm(request.POST or None, referrals=referrals, require_referral=receiver, initial=initial)
    if request.method == "POST":
        organisation = selectors.acting_organisation(
            request.user, referral=None if not receiver else referrals.first(), case=case
        )
        assert organisation is not None  # an owner or a receiver

        def write(data: dict[str, Any]) -> Any:
            return services.note_create(
                case=case,
                text=data["text"],
                organisation=organisation,
                acting_user=request.user,
                referral=data.get("referral"),
            )

        note = saved(form, write)
        if note is not None:
            messages.success(request, _("The note was saved."))
            if note.referral_id:
                return redirect("connect:referral_detail", pk=note.referral_id)
            return redirect("connect:case_detail", pk=case.pk)
    return _form_page(
        request,
        form,
        title=_("Follow-up note on {reference}").format(reference=case.reference),
        case=case,
        receiver=receiver,
    )


# Referrals ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def referral_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.access_case(request.user, pk, reason="referral form page")
    carried = _carried(request)
    initial: dict[str, Any] = {"service": carried.get("service"), "pathway": carried.get("pathway")}
    latest = case.consents.filter(withdrawn_at__isnull=True).first()
    if latest is not None:
        initial["shared_information"] = latest.information
    form = ReferralForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST":
        referral = saved(form, lambda data: services.referral_send(case=case, data=data, acting_user=request.user))
        if referral is not None:
            messages.success(request, _("The referral was sent to {provider}.").format(provider=referral.provider.name))
            return redirect("connect:referral_detail", pk=referral.pk)
    return render(
        request,
        "connect/referral_form.html",
        {"form": form, "case": case, "consents": selectors.consents_of(case).filter(withdrawn_at__isnull=True)},
    )


@require_GET
@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.access_referral(request.user, pk, reason="referral page")
    sender = access.sends(request.user, referral)
    notes = referral.notes.select_related("author_organisation")
    return render(
        request,
        "connect/referral_detail.html",
        {
            "referral": referral,
            "child": selectors.child_data(referral, request.user),
            "sender": sender,
            "answers": access.answers_for(request.user, referral),
            "can_revoke": access.can_revoke(request.user, referral),
            "overdue": referral.is_overdue(),
            "notes": notes,
            "actions": _actions(request.user, referral),
            "shared": choice_labels(referral.shared_information, Consent.Information.choices),
        },
    )


def _actions(viewer: Any, referral: Referral) -> list[str]:
    allowed = []
    for action, step in services.STEPS.items():
        if referral.status not in step.sources:
            continue
        may = access.can_revoke if action == "revoke" else access.answers_for
        if may(viewer, referral):
            allowed.append(action)
    return allowed


ACTION_TITLES = {
    "accept": gettext_lazy("Accept referral {reference}"),
    "decline": gettext_lazy("Decline referral {reference}"),
    "start": gettext_lazy("Start the service for {reference}"),
    "complete": gettext_lazy("Record referral {reference} as done"),
    "revoke": gettext_lazy("Revoke referral {reference}"),
}


@require_http_methods(["GET", "POST"])
@login_required
def referral_respond(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in services.ACTIONS:
        raise Http404
    referral = selectors.access_referral(
        request.user, pk, reason=f"referral {action} page", register=action == "revoke"
    )
    allowed = (
        access.can_revoke(request.user, referral) if action == "revoke" else access.answers_for(request.user, referral)
    )
    if not allowed:
        raise PermissionDenied(_("You may not do this with this referral."))
    party = access.sends(request.user, referral) or access.receives(request.user, referral)
    form = RespondForm(request.POST or None, action=action)
    if request.method == "POST":
        organisation = selectors.acting_organisation(request.user, referral=referral) if party else None

        def write(data: dict[str, Any]) -> Any:
            return services.referral_respond(
                referral=referral,
                action=action,
                text=data.get("reason") or "",
                acting_user=request.user,
                organisation=organisation,
            )

        done = saved(form, write, field="reason")
        if done is not None:
            messages.success(
                request,
                _("Referral {reference}: {status}.").format(
                    reference=referral.case.reference, status=done.get_status_display()
                ),
            )
            if not party:
                return redirect("connect:overdue_list")
            return redirect("connect:referral_detail", pk=referral.pk)
    return render(
        request,
        "connect/referral_respond.html",
        {
            "form": form,
            "referral": referral,
            "action": action,
            "party": party,
            "title": str(ACTION_TITLES[action]).format(reference=referral.case.reference),
        },
    )


@require_GET
@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    _caseworker(request)
    direction = request.GET.get("direction") if request.GET.get("direction") in ("incoming", "outgoing") else "incoming"
    filters = ReferralFilter(request.GET or None)
    values = dict(filters.cleaned_data) if filters.is_valid() else {}
    values["direction"] = direction
    page = _page(request, selectors.referral_list(request.user, values))
    selectors.log_list(request.user, Referral, f"referral list page ({direction})", page.paginator.count)
    return render(
        request,
        "connect/referral_list.html",
        {"page": page, "filter_form": filters, "direction": direction, "now": timezone.now(), "query": _query(request)},
    )


@require_GET
@login_required
def overdue_list(request: HttpRequest) -> HttpResponse:
    caseworker = access.can_open_cases(request.user)
    manager = access.can_manage_referrals(request.user)
    if not (caseworker or manager):
        raise PermissionDenied(_("Only caseworkers and coordinators see overdue referrals."))
    own = list(selectors.overdue_for(request.user)) if caseworker else []
    if caseworker:
        selectors.log_list(request.user, Referral, "overdue list page", len(own))
    register = []
    if manager:
        now = timezone.now()
        register = [(r, selectors.hours_overdue(r, now)) for r in selectors.overdue_register()]
    return render(
        request,
        "connect/referral_overdue.html",
        {"own": own, "register": register, "manager": manager, "caseworker": caseworker, "now": timezone.now()},
    )
