"""Pages of the MNR self-assessment: the aggregate for everyone, details for the country's own.

An assessment's details (its 21 ratings, evidence, partners) are seen and
changed by its country's focal points and coordinators; for anyone else the
detail, edit and export pages do not exist (404). Everyone else sees the
aggregate across countries, withheld when it would single a country out.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from cpphub.audit.services import export_record
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.national.forms.mnr import AssessmentForm, RatingFormSet
from cpphub.national.mnr import CAPABILITIES, GROUPS
from cpphub.national.models import MnrRating
from cpphub.national.selectors import mnr as selectors
from cpphub.national.selectors.access import access_national_write, can_write_any_national
from cpphub.national.services import mnr as services
from cpphub.national.services.mnr import previous_assessment

RATINGS_PREFIX = "ratings"


@require_GET
@login_required
def mnr_overview(request: HttpRequest) -> HttpResponse:
    aggregate = selectors.aggregate(viewer=request.user)
    return render(
        request,
        "national/mnr_overview.html",
        {
            "aggregate": aggregate,
            "chart": selectors.chart_data(aggregate.groups, aggregate.phase_names) if aggregate.shown else None,
            "assessments": selectors.assessment_list(viewer=request.user),
            "can_create": can_write_any_national(request.user),
            "min_other": selectors.MIN_OTHER_COUNTRIES,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def mnr_create(request: HttpRequest) -> HttpResponse:
    if not can_write_any_national(request.user):
        raise PermissionDenied
    form = AssessmentForm(
        request.POST or None, viewer=request.user, initial={"assessed_on": timezone.localdate(), "copy_previous": True}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        access_national_write(request.user, data["country"])
        try:
            assessment = services.assessment_create(
                country=data["country"], data=data, copy_previous=data["copy_previous"], acting_user=request.user
            )
        except ValidationError as exc:
            for name, errors in exc.update_error_dict({}).items():
                form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)
        else:
            messages.success(request, _("The assessment was made. Rate its capabilities below."))
            return redirect("national:mnr_edit", pk=assessment.pk)
    return render(request, "national/mnr_form.html", {"form": form, "title": _("New MNR self-assessment")})


@require_GET
@login_required
def mnr_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.access_assessment(request.user, pk)
    groups, previous = selectors.assessment_groups(assessment)
    names = selectors.phase_names(assessment)
    return render(
        request,
        "national/mnr_detail.html",
        {
            "assessment": assessment,
            "groups": groups,
            "previous": previous,
            "phase_names": names,
            "gap_count": sum(g.gap_count for g in groups),
            "chart": selectors.chart_data(groups, names),
            "change_labels": selectors.CHANGE_LABELS,
            "export_formats": FORMATS,
        },
    )


def _ratings_data(formset: Any) -> list[dict[str, Any]]:
    """What each rating form says, for the service: the capability comes from the rating, never from the form."""
    ratings = []
    for form in formset.forms:
        if form.instance.pk is None:
            continue
        ratings.append(
            {
                "capability": form.instance.capability,
                "phase": form.cleaned_data.get("phase"),
                "evidence": form.cleaned_data.get("evidence", ""),
                "partners": list(form.cleaned_data.get("partners") or []),
            }
        )
    return ratings


@require_http_methods(["GET", "POST"])
@login_required
def mnr_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessment and all 21 ratings on one page."""
    assessment = selectors.access_assessment(request.user, pk, write=True)
    form = AssessmentForm(request.POST or None, instance=assessment, viewer=request.user)
    formset = RatingFormSet(request.POST or None, assessment=assessment, prefix=RATINGS_PREFIX)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.assessment_update(
                assessment=assessment, data=form.cleaned_data, ratings=_ratings_data(formset), acting_user=request.user
            )
        except ValidationError as exc:
            for name, errors in exc.update_error_dict({}).items():
                form.add_error(name if name in form.fields else NON_FIELD_ERRORS, errors)
        else:
            messages.success(request, _("The assessment was saved."))
            return redirect("national:mnr_detail", pk=assessment.pk)
    capabilities = {c.number: c for c in CAPABILITIES}
    rows = [(capabilities[f.instance.capability], f) for f in formset.forms]
    groups = [(name, [(c, f) for c, f in rows if c.group == key]) for key, name in GROUPS.items()]
    return render(
        request,
        "national/mnr_edit.html",
        {
            "assessment": assessment,
            "form": form,
            "formset": formset,
            "groups": groups,
            "previous": previous_assessment(assessment.country_id, before=assessment),
            "title": _("Rate {name}").format(name=assessment),
        },
    )


EXPORT_COLUMNS: list[tuple[Any, str]] = [
    (gettext_lazy("Country"), "#country+name"),
    (gettext_lazy("Assessed on"), "#date+assessed"),
    (gettext_lazy("Framework version"), "#meta+framework"),
    (gettext_lazy("Capability group"), "#sector+group"),
    (gettext_lazy("Capability"), "#indicator+code"),
    (gettext_lazy("Capability name"), "#indicator+name"),
    (gettext_lazy("Phase"), "#indicator+phase"),
    (gettext_lazy("Phase name"), "#indicator+phase+name"),
    (gettext_lazy("Gap"), "#status+gap"),
    (gettext_lazy("Change since the previous assessment"), "#status+change"),
    (gettext_lazy("Evidence"), "#description+evidence"),
    (gettext_lazy("Partners holding it"), "#org+name"),
]


@require_GET
@login_required
def mnr_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    assessment = selectors.access_assessment(request.user, pk)
    rows = selectors.assessment_export_rows(assessment)
    export_record(acting_user=request.user, model=MnrRating, fmt=fmt, rows=len(rows), filters={"assessment": pk})
    return export_response(
        filename=slugify(assessment.title) or "mnr-assessment",
        headers=[str(header) for header, _hxl in EXPORT_COLUMNS],
        hxl=[hxl for _header, hxl in EXPORT_COLUMNS],
        rows=rows,
        fmt=fmt,
        sheet_title=_("MNR ratings"),
    )
