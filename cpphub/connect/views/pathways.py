"""Pages of the referral pathways: the public list by location, one pathway, its posters, and the editor.

Everyone reads published pathways, members drafts too; a pathway one may not
read is a 404. The location's facilitators and coordinators create and change
pathways (403 for anyone else). Thin views: one access check, one service
call, one response.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cpphub.connect.filters.pathways import NOT_FILTERS, PathwayFilter
from cpphub.connect.forms.pathways import PathwayForm, StepFormSet, step_initial
from cpphub.connect.models import Pathway
from cpphub.connect.selectors import access
from cpphub.connect.selectors import pathways as selectors
from cpphub.connect.services import pathways as services
from cpphub.lib.forms import saved

POSTER_LABELS = (("en", "English"), ("pt-br", "Português"), ("th", "ไทย"))


@require_GET
def pathway_list(request: HttpRequest) -> HttpResponse:
    filters = {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}
    pathways = selectors.pathway_list(viewer=request.user, filters=filters)
    return render(
        request,
        "connect/pathway_list.html",
        {
            "groups": selectors.grouped_by_location(pathways),
            "filter_form": PathwayFilter(request.GET or None).form,
            "can_create": access.can_edit_any_pathway(request.user),
            "filtered": any(filters.values()),
        },
    )


@require_GET
def pathway_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pathway = selectors.access_pathway(request.user, pk)
    context = selectors.pathway_page(request.user, pathway)
    context["posters"] = POSTER_LABELS
    return render(request, "connect/pathway_detail.html", context)


@require_GET
def pathway_poster(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    """The one-page A4 poster of a pathway in ``lang`` (en, pt-br, th)."""
    if lang not in services.POSTER_LANGUAGES:
        raise Http404
    pathway = selectors.access_pathway(request.user, pk)
    pdf = services.poster_document(pathway, lang).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(f"{pathway.location.slug}-{pathway.need}") or "pathway"
    response["Content-Disposition"] = f'inline; filename="pathway-{name}-{lang}.pdf"'
    return response


def _form_page(
    request: HttpRequest, form: Any, formset: Any, pathway: Pathway | None = None, step_errors: Any = None
) -> HttpResponse:
    title = _("Edit {name}").format(name=pathway) if pathway else _("New referral pathway")
    return render(
        request,
        "connect/pathway_form.html",
        {"form": form, "formset": formset, "pathway": pathway, "title": title, "step_errors": step_errors or []},
    )


def _write(form: Any, formset: Any, write: Any) -> tuple[Pathway | None, list[str]]:
    """Run ``write(data, steps)`` when the form and the steps are valid; the service's refusals go on the form."""
    steps_ok = formset.is_valid()
    step_errors: list[str] = []

    def both(data: dict[str, Any]) -> Any:
        if not steps_ok:
            return None
        try:
            return write(data, formset.steps())
        except ValidationError as exc:
            found = exc.update_error_dict({})
            step_errors.extend(str(message) for error in found.pop("steps", []) for message in error)
            if found:
                raise ValidationError(found) from exc
            return None

    return saved(form, both), step_errors


@require_http_methods(["GET", "POST"])
@login_required
def pathway_create(request: HttpRequest) -> HttpResponse:
    if not access.can_edit_any_pathway(request.user):
        raise PermissionDenied
    form = PathwayForm(request.POST or None, viewer=request.user)
    formset = StepFormSet(request.POST or None, prefix="steps")
    if request.method == "POST":

        def write(data: dict[str, Any], steps: list[dict[str, Any]]) -> Pathway:
            if not access.can_edit_pathway(request.user, data["location"]):
                raise PermissionDenied
            return services.pathway_create(data=data, steps=steps, acting_user=request.user)

        pathway, step_errors = _write(form, formset, write)
        if pathway is not None:
            messages.success(request, _("{name} was added.").format(name=pathway))
            return redirect("connect:pathway_detail", pk=pathway.pk)
        return _form_page(request, form, formset, step_errors=step_errors)
    return _form_page(request, form, formset)


@require_http_methods(["GET", "POST"])
@login_required
def pathway_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pathway = selectors.access_pathway(request.user, pk, write=True)
    form = PathwayForm(request.POST or None, instance=pathway, viewer=request.user)
    steps = selectors.steps_of(pathway)
    formset = StepFormSet(
        request.POST or None,
        prefix="steps",
        initial=step_initial(steps),
        form_kwargs={"location_id": pathway.location_id},
    )
    if request.method == "POST":

        def write(data: dict[str, Any], steps: list[dict[str, Any]]) -> Pathway:
            return services.pathway_update(pathway=pathway, data=data, steps=steps, acting_user=request.user)

        updated, step_errors = _write(form, formset, write)
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated))
            return redirect("connect:pathway_detail", pk=pathway.pk)
        return _form_page(request, form, formset, pathway, step_errors)
    return _form_page(request, form, formset, pathway)
