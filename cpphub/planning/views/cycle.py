"""Pages of the cycle: a location's four stages, moving it on, its checklist, the partnership board, scaling out."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpphub.planning.forms.cycle import BoardFilterForm, ChecklistForm, LocationFromTemplateForm, StageMoveForm
from cpphub.planning.selectors import cycle as selectors
from cpphub.planning.selectors.access import can_configure, facilitates
from cpphub.planning.services.cycle import location_checklist_update, location_stage_move
from cpphub.planning.services.scale_out import location_from_template


def _errors_onto(form: Any, exc: ValidationError) -> None:
    for name, errors in exc.update_error_dict({}).items():
        form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)


@require_GET
@login_required
def cycle(request: HttpRequest, pk: int) -> HttpResponse:
    location = selectors.access_location(request.user, pk)
    return render(
        request,
        "planning/cycle_detail.html",
        {
            "location": location,
            "cycle": selectors.location_cycle(viewer=request.user, location=location),
            "can_move": facilitates(request.user, location),
            "can_configure": can_configure(request.user),
        },
    )


@require_POST
@login_required
def stage_move(request: HttpRequest, pk: int) -> HttpResponse:
    location = selectors.access_location(request.user, pk, write=True)
    form = StageMoveForm(request.POST)
    if form.is_valid():
        try:
            move = location_stage_move(
                location=location,
                to_stage=form.cleaned_data["to_stage"],
                note=form.cleaned_data["note"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            _errors_onto(form, exc)
        else:
            messages.success(
                request,
                _("{location} moved to {stage}.").format(location=location, stage=selectors.stage_label(move.to_stage)),
            )
            return redirect("planning:cycle", pk=location.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("planning:cycle", pk=location.pk)


@require_http_methods(["GET", "POST"])
@login_required
def checklist_edit(request: HttpRequest, pk: int) -> HttpResponse:
    location = selectors.access_location(request.user, pk, configure=True)
    form = ChecklistForm(request.POST or None, checklist=selectors.location_checklist(location))
    if request.method == "POST" and form.is_valid():
        try:
            location_checklist_update(location=location, checklist=form.checklist(), acting_user=request.user)
        except ValidationError as exc:
            _errors_onto(form, exc)
        else:
            messages.success(request, _("The stage checklist of {location} was saved.").format(location=location))
            return redirect("planning:cycle", pk=location.pk)
    return render(request, "planning/cycle_checklist_form.html", {"location": location, "form": form})


@require_GET
@login_required
def board(request: HttpRequest) -> HttpResponse:
    data = selectors.board(viewer=request.user, country=request.GET.get("country") or None)
    return render(
        request,
        "planning/board.html",
        {
            "board": data,
            "filter_form": BoardFilterForm(initial={"country": data.country}),
            "can_configure": can_configure(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def location_new_from(request: HttpRequest) -> HttpResponse:
    selectors.access_configure(request.user)
    initial = {}
    if request.GET.get("from"):
        initial["template"] = request.GET["from"]
    form = LocationFromTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = location_from_template(
                template=data["template"],
                name=data["name"],
                slug=data["slug"],
                country=data["country"],
                admin_area=data["admin_area"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            _errors_onto(form, exc)
        else:
            messages.success(request, result.summary())
            return redirect("planning:cycle", pk=result.location.pk)
    return render(request, "planning/cycle_location_new.html", {"form": form})
