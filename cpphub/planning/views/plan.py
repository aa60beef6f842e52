"""Pages of the Plan stage: planning workshops, who took part, priorities, scoring, ranking, weights.

Thin views: one access check (the selectors raise 403 or 404), one service
call, one response. The participation and the score of a priority are edited
in place with HTMX; without JavaScript each form is an ordinary page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails
from django_tables2 import RequestConfig

from cpphub.lib.forms import saved
from cpphub.planning.filters.plan import NOT_FILTERS, WorkshopFilter
from cpphub.planning.forms.plan import (
    CRITERION_LABELS,
    BringFindingsForm,
    ParticipationForm,
    PriorityForm,
    RankForm,
    ScoreForm,
    WeightsForm,
)
from cpphub.planning.forms.plan import WorkshopForm as WorkshopRecordForm
from cpphub.planning.models import CRITERIA, Priority, Workshop
from cpphub.planning.selectors import plan as selectors
from cpphub.planning.selectors.access import facilitated_location_ids, facilitates
from cpphub.planning.services import plan as services
from cpphub.planning.tables.plan import WorkshopTable

PAGE_SIZE = 25


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# Workshops ---------------------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def workshop_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}
    records = selectors.workshop_list(viewer=request.user, filters=filters)
    table = WorkshopTable(records, region_id="workshop-list", caption=_("Planning workshops"))
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    partial = bool(request.htmx) and request.htmx.target == table.region_id
    count = table.paginator.count
    return render(
        request,
        "includes/list_region.html" if partial else "planning/workshop_list.html",
        {
            "table": table,
            "filter_form": WorkshopFilter(request.GET or None).form,
            "list_url": request.path,
            "region_id": table.region_id,
            "count_text": ngettext("{count} workshop", "{count} workshops", count).format(count=count),
            "can_create": bool(facilitated_location_ids(request.user)),
        },
    )


def _workshop_form_page(request: HttpRequest, form: Any, workshop: Workshop | None = None) -> HttpResponse:
    title = _("Edit {name}").format(name=workshop.title) if workshop else _("New planning workshop")
    return render(request, "planning/workshop_form.html", {"form": form, "workshop": workshop, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def workshop_create(request: HttpRequest) -> HttpResponse:
    if not facilitated_location_ids(request.user):
        raise PermissionDenied
    form = WorkshopRecordForm(request.POST or None, viewer=request.user, initial=request.GET.dict())
    if request.method == "POST":
        workshop = saved(form, lambda data: services.workshop_create(data=data, acting_user=request.user))
        if workshop is not None:
            messages.success(request, _("{name} was added.").format(name=workshop.title))
            return redirect("planning:workshop_detail", pk=workshop.pk)
    return _workshop_form_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def workshop_edit(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.access_workshop(request.user, pk, write=True)
    form = WorkshopRecordForm(request.POST or None, instance=workshop, viewer=request.user)
    if request.method == "POST":
        updated = saved(
            form, lambda data: services.workshop_update(workshop=workshop, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated.title))
            return redirect("planning:workshop_detail", pk=workshop.pk)
    return _workshop_form_page(request, form, workshop)


def _participation_context(request: HttpRequest, workshop: Workshop, form: Any = None) -> dict[str, Any]:
    can_write = facilitates(request.user, workshop.location_id)
    rows = selectors.workshop_participation(workshop)
    return {
        "workshop": workshop,
        "can_write": can_write,
        "participation": rows,
        "totals": selectors.participation_totals(rows),
        "participation_form": form if form is not None else (ParticipationForm(prefix="part") if can_write else None),
    }


def _priority_rows(priorities: list[Priority], weights: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"priority": p, "score_now": p.weighted_score(weights)} for p in priorities]


def _workshop_context(request: HttpRequest, workshop: Workshop, **forms: Any) -> dict[str, Any]:
    context = _participation_context(request, workshop, forms.get("participation_form"))
    priorities = selectors.workshop_priorities(workshop)
    weights = selectors.location_weights(workshop.location_id)
    ranked = selectors.is_ranked(workshop, priorities)
    context.update(
        {
            "priorities": priorities,
            "priority_rows": _priority_rows(priorities, weights),
            "ranked": ranked,
            "ranking": [p for p in priorities if p.rank is not None] if ranked else [],
            "weights": [(CRITERION_LABELS[name], weights[name]) for name in CRITERIA],
            "ranked_weights": [(CRITERION_LABELS[name], workshop.weights.get(name, 0)) for name in CRITERIA],
            "can_set_weights": selectors.can_set_weights(request.user, workshop.location_id),
        }
    )
    if context["can_write"]:
        context["candidates"] = selectors.candidate_findings(workshop)
        context["bring_form"] = forms.get("bring_form")
        context["rank_form"] = forms.get("rank_form") or RankForm(initial={"reasoning": workshop.reasoning})
    return context


@require_GET
@login_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.access_workshop(request.user, pk)
    return render(request, "planning/workshop_detail.html", _workshop_context(request, workshop))


# Who took part -------------------------------------------------------------------------------


def _participation_answer(request: HtmxHttpRequest, workshop: Workshop, form: Any = None) -> HttpResponse:
    if request.htmx:
        return render(request, "planning/workshop_participation.html", _participation_context(request, workshop, form))
    if form is not None and form.errors:
        return render(
            request, "planning/workshop_detail.html", _workshop_context(request, workshop, participation_form=form)
        )
    return redirect("planning:workshop_detail", pk=workshop.pk)


@require_POST
@login_required
def participation_create(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.access_workshop(request.user, pk, write=True)
    form = ParticipationForm(request.POST, prefix="part")
    added = saved(form, lambda data: services.participation_add(workshop=workshop, data=data, acting_user=request.user))
    return _participation_answer(request, workshop, None if added is not None else form)


@require_POST
@login_required
def participation_delete(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    participation = selectors.access_participation(request.user, pk, write=True)
    workshop = selectors.access_workshop(request.user, participation.workshop_id, write=True)
    services.participation_remove(participation=participation, acting_user=request.user)
    return _participation_answer(request, workshop)


# Priorities ----------------------------------------------------------------------------------


@require_POST
@login_required
def workshop_bring_findings(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.access_workshop(request.user, pk, write=True)
    form = BringFindingsForm(request.POST, workshop=workshop)
    result = saved(
        form,
        lambda data: services.workshop_bring_findings(
            workshop=workshop, findings=data["findings"], acting_user=request.user
        ),
    )
    if result is None:
        context = _workshop_context(request, workshop, bring_form=form)
        return render(request, "planning/workshop_detail.html", context)
    created, skipped = result
    messages.success(
        request,
        ngettext(
            "{count} priority was brought in from the mapping.",
            "{count} priorities were brought in from the mapping.",
            len(created),
        ).format(count=len(created)),
    )
    if skipped:
        messages.info(
            request,
            _("Not brought in (withdrawn, already held or of another location): {names}.").format(
                names="; ".join(finding.summary for finding in skipped if finding.kind == "risk")
                or _("{count} findings").format(count=len(skipped))
            ),
        )
    return redirect("planning:workshop_detail", pk=workshop.pk)


def _priority_form_page(request: HttpRequest, form: Any, workshop: Workshop, priority: Any = None) -> HttpResponse:
    title = _("Edit priority") if priority else _("New priority")
    return render(
        request,
        "planning/priority_form.html",
        {"form": form, "workshop": workshop, "priority": priority, "title": title},
    )


@require_http_methods(["GET", "POST"])
@login_required
def priority_create(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.access_workshop(request.user, pk, write=True)
    form = PriorityForm(request.POST or None, workshop=workshop)
    if request.method == "POST":
        priority = saved(
            form, lambda data: services.priority_create(workshop=workshop, data=data, acting_user=request.user)
        )
        if priority is not None:
            messages.success(request, _("{name} was added.").format(name=priority.title))
            return redirect("planning:workshop_detail", pk=workshop.pk)
    return _priority_form_page(request, form, workshop)


@require_http_methods(["GET", "POST"])
@login_required
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = selectors.access_priority(request.user, pk, write=True)
    workshop = priority.workshop
    form = PriorityForm(request.POST or None, instance=priority, workshop=workshop)
    if request.method == "POST":
        updated = saved(
            form, lambda data: services.priority_update(priority=priority, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated.title))
            return redirect("planning:workshop_detail", pk=workshop.pk)
    return _priority_form_page(request, form, workshop, priority)


@require_POST
@login_required
def priority_delete(request: HttpRequest, pk: int) -> HttpResponse:
    priority = selectors.access_priority(request.user, pk, write=True)
    services.priority_delete(priority=priority, acting_user=request.user)
    messages.success(request, _("{name} was removed.").format(name=priority.title))
    return redirect("planning:workshop_detail", pk=priority.workshop_id)


def _score_answer(request: HtmxHttpRequest, priority: Priority, form: Any = None) -> HttpResponse:
    weights = selectors.location_weights(priority.workshop.location_id)
    context = {
        "row": {"priority": priority, "score_now": priority.weighted_score(weights)},
        "workshop": priority.workshop,
        "can_write": True,
        "score_form": form,
    }
    if request.htmx:
        return render(request, "planning/priority_row.html", context)
    return render(request, "planning/priority_score.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def priority_score(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The group's scores of a priority, edited in its row of the workshop page."""
    priority = selectors.access_priority(request.user, pk, write=True)
    if request.method == "GET":
        editing = request.GET.get("cancel") is None
        return _score_answer(request, priority, ScoreForm.for_priority(priority) if editing else None)
    form = ScoreForm.for_priority(priority, request.POST)
    scored = saved(form, lambda data: services.priority_score(priority=priority, scores=data, acting_user=request.user))
    if scored is None:
        return _score_answer(request, priority, form)
    if request.htmx:
        return _score_answer(request, scored)
    messages.success(request, _("The scores of {name} were saved.").format(name=scored.title))
    return redirect("planning:workshop_detail", pk=scored.workshop_id)


@require_POST
@login_required
def workshop_rank(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = selectors.access_workshop(request.user, pk, write=True)
    form = RankForm(request.POST)
    ranked = saved(
        form,
        lambda data: services.workshop_rank(workshop=workshop, reasoning=data["reasoning"], acting_user=request.user),
    )
    if ranked is None:
        return render(request, "planning/workshop_detail.html", _workshop_context(request, workshop, rank_form=form))
    messages.success(
        request,
        ngettext("{count} priority was ranked.", "{count} priorities were ranked.", len(ranked)).format(
            count=len(ranked)
        ),
    )
    return redirect("planning:workshop_detail", pk=workshop.pk)


# Weights -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def planning_weights(request: HttpRequest, pk: int) -> HttpResponse:
    """A location's scoring weights: members read them; its facilitators and coordinators change them."""
    location = selectors.access_weights(request.user, pk, write=request.method == "POST")
    weights = selectors.location_weights(location)
    can_write = selectors.can_set_weights(request.user, location)
    form = WeightsForm(request.POST or None, initial=weights) if can_write else None
    if form is not None and request.method == "POST":
        config = saved(
            form,
            lambda data: services.planning_weights_update(location=location, weights=data, acting_user=request.user),
        )
        if config is not None:
            messages.success(request, _("The scoring weights of {location} were saved.").format(location=location))
            back = request.POST.get("workshop")
            if back and back.isdigit():
                return redirect("planning:workshop_detail", pk=int(back))
            return redirect("planning:planning_weights", pk=location.pk)
    return render(
        request,
        "planning/workshop_weights.html",
        {
            "location": location,
            "weights": [(CRITERION_LABELS[name], weights[name]) for name in CRITERIA],
            "form": form,
            "workshop_pk": request.GET.get("workshop") or request.POST.get("workshop") or "",
        },
    )
