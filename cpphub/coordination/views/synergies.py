"""Pages of the synergy finder: the list (with duplicated effort and gaps), one synergy, and the decisions.

Thin views: one access check, one service call, one response. Members read;
coordinators run the finder and accept, dismiss or reopen a suggestion (in
place with HTMX, or by an ordinary form post).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from cpphub.coordination.filters.synergies import SynergyFilter
from cpphub.coordination.forms.synergies import DismissForm, FindForm
from cpphub.coordination.models import Synergy
from cpphub.coordination.selectors import synergies as selectors
from cpphub.coordination.selectors.access import access_coordinate, can_coordinate
from cpphub.coordination.services import synergies as services

PAGE_SIZE = 20
REGION = "synergy-list"
TABS = ("suggested", "accepted", "dismissed", "all")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _filters(request: HttpRequest) -> tuple[dict[str, Any], str]:
    """The list's filters and the status tab (suggested unless asked otherwise; "all" drops the status)."""
    filters = {k: v for k, v in request.GET.items() if k != "page" and v != ""}
    tab = filters.get("status", "suggested")
    if tab not in TABS:
        tab = "suggested"
    filters["status"] = tab
    if tab == "all":
        del filters["status"]
    return filters, tab


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def synergy_list(request: HtmxHttpRequest) -> HttpResponse:
    filters, tab = _filters(request)
    records = selectors.synergy_list(viewer=request.user, filters=filters)
    without_status = {k: v for k, v in filters.items() if k != "status"}
    place = _place(SynergyFilter(without_status or None))
    context: dict[str, Any] = {
        "page": Paginator(records, PAGE_SIZE).get_page(request.GET.get("page")),
        "tab": tab,
        "tabs": TABS,
        "counts": selectors.status_counts(selectors.synergy_list(viewer=request.user, filters=without_status)),
        "query": urlencode(without_status),
        "region_id": REGION,
        "can_coordinate": can_coordinate(request.user),
        "duplicates": selectors.duplicated_effort(viewer=request.user, **place),
        "gaps": selectors.gaps(viewer=request.user, **place),
    }
    if request.htmx and request.htmx.target == REGION:
        return render(request, "coordination/_synergy_region.html", context)
    filter_form = SynergyFilter(request.GET or None).form
    filter_form.fields["status"].widget = filter_form.fields["status"].hidden_widget()
    filter_form.initial["status"] = tab
    context.update({"filter_form": filter_form, "list_url": request.path, "find_form": FindForm()})
    return render(request, "coordination/synergy_list.html", context)


def _place(filter_set: SynergyFilter) -> dict[str, Any]:
    """The country or location the list is filtered to, for the duplicated effort and gaps panels."""
    form = filter_set.form
    if not filter_set.is_bound or not form.is_valid():
        return {}
    if form.cleaned_data.get("location"):
        return {"location": form.cleaned_data["location"]}
    if form.cleaned_data.get("country"):
        return {"country": form.cleaned_data["country"]}
    return {}


@require_GET
@login_required
def synergy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    synergy = selectors.access_synergy(request.user, pk)
    return render(
        request,
        "coordination/synergy_detail.html",
        {
            "synergy": synergy,
            "can_coordinate": can_coordinate(request.user),
            "dismiss_form": DismissForm(),
            "local_kind": selectors.local_kind(synergy),
            "national_kind": selectors.national_kind(synergy),
            "used_by": getattr(synergy, "coordinated_action", None),
        },
    )


@require_POST
@login_required
def synergy_find(request: HttpRequest) -> HttpResponse:
    access_coordinate(request.user)
    form = FindForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("coordination:synergy_list")
    country = form.cleaned_data.get("country")
    result = services.find_synergies(acting_user=request.user, country=country)
    messages.success(
        request,
        _("The finder ran: {new} new, {updated} updated, {unchanged} unchanged, {withdrawn} withdrawn.").format(
            new=result.new, updated=result.updated, unchanged=result.unchanged, withdrawn=result.withdrawn
        ),
    )
    return redirect("coordination:synergy_list")


def _back(request: HttpRequest, synergy: Synergy) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("coordination:synergy_detail", pk=synergy.pk)


def _answer(
    request: HtmxHttpRequest, synergy: Synergy, *, error: str = "", dismiss_form: DismissForm | None = None
) -> HttpResponse:
    """The synergy's card (HTMX swaps it), or back to where the form was."""
    if request.htmx:
        fresh = selectors.access_synergy(request.user, synergy.pk)
        context = {
            "synergy": fresh,
            "can_coordinate": True,
            "dismiss_form": dismiss_form or DismissForm(),
            "error": error,
            "focus": True,
        }
        return render(request, "coordination/_synergy_card.html", context)
    if error:
        messages.error(request, error)
    return _back(request, synergy)


def _message(exc: ValidationError) -> str:
    return " ".join(str(m) for messages_ in exc.update_error_dict({}).values() for m in messages_)


@require_POST
@login_required
def synergy_accept(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    access_coordinate(request.user)
    synergy = selectors.access_synergy(request.user, pk)
    try:
        services.accept_synergy(synergy, acting_user=request.user)
    except ValidationError as exc:
        return _answer(request, synergy, error=_message(exc))
    if not request.htmx:
        messages.success(request, _("The synergy was accepted."))
    return _answer(request, synergy)


@require_POST
@login_required
def synergy_dismiss(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    access_coordinate(request.user)
    synergy = selectors.access_synergy(request.user, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(e) for e in form.errors.get("reason", []))
        return _answer(request, synergy, error=error, dismiss_form=form)
    try:
        services.dismiss_synergy(synergy, acting_user=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        return _answer(request, synergy, error=_message(exc))
    if not request.htmx:
        messages.success(request, _("The synergy was dismissed."))
    return _answer(request, synergy)


@require_POST
@login_required
def synergy_reopen(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    access_coordinate(request.user)
    synergy = selectors.access_synergy(request.user, pk)
    try:
        services.reopen_synergy(synergy, acting_user=request.user)
    except ValidationError as exc:
        return _answer(request, synergy, error=_message(exc))
    if not request.htmx:
        messages.success(request, _("The synergy is suggested again."))
    return _answer(request, synergy)
