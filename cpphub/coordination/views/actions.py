"""Pages of coordinated actions: the list (with exports), making one (from a synergy), its page, its changes.

Thin views: one access check (the selectors raise 403 or 404), one service
call, one response. Members read; coordinators make actions; coordinators and
those who take part change them, their contributions, milestones and status.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails

from cpphub.audit.services import export_record
from cpphub.coordination.filters.actions import CoordinatedActionFilter
from cpphub.coordination.forms.actions import ContributionForm, CoordinatedActionForm, MilestoneForm, StatusForm
from cpphub.coordination.models import CoordinatedAction
from cpphub.coordination.selectors import actions as selectors
from cpphub.coordination.selectors.access import access_coordinate, can_coordinate, can_edit_action
from cpphub.coordination.services import actions as services
from cpphub.coordination.tables.actions import CoordinatedActionTable
from cpphub.lib.choices import choice_labels
from cpphub.lib.forms import saved
from cpphub.lib.listing import list_page
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.mapping.models import RiskDimension
from cpphub.planning.models import TargetGroup


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# The list and its exports ----------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def action_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = {k: v for k, v in request.GET.items() if k not in {"page", "sort"}}
    records = selectors.action_list(viewer=request.user, filters=filters)
    return list_page(
        request,
        table=CoordinatedActionTable(records, region_id="coordinated-action-list", caption=_("Coordinated actions")),
        filter_form=CoordinatedActionFilter(request.GET or None).form,
        template="coordination/action_list.html",
        count_text=lambda n: ngettext("{count} coordinated action", "{count} coordinated actions", n).format(count=n),
        export_url_name="coordination:action_export",
        can_create=can_coordinate(request.user),
    )


def _partners(action: CoordinatedAction) -> list[str]:
    return sorted({str(c.organisation) for c in action.contributions.all()} | {str(action.lead)})


EXPORT_COLUMNS: list[tuple[Any, str, Callable[[CoordinatedAction], Any]]] = [
    (gettext_lazy("ID"), "#meta+id", lambda a: a.pk),
    (gettext_lazy("Coordinated action"), "#activity+name", lambda a: a.title),
    (gettext_lazy("Description"), "#activity+description", lambda a: a.description),
    (gettext_lazy("Countries"), "#country+name", lambda a: [c.name for c in a.countries.all()]),
    (gettext_lazy("Pilot locations"), "#adm2+name", lambda a: [loc.name for loc in a.locations.all()]),
    (gettext_lazy("Lead partner"), "#org+lead", lambda a: a.lead.name),
    (gettext_lazy("Partners"), "#org+partner", _partners),
    (gettext_lazy("Outcome"), "#sector", lambda a: a.get_outcome_display()),
    (gettext_lazy("4Cs risks"), "#impact+type", lambda a: choice_labels(a.risks, RiskDimension.choices)),
    (gettext_lazy("Target groups"), "#population+type", lambda a: choice_labels(a.target_groups, TargetGroup.choices)),
    (gettext_lazy("Children to reach"), "#affected+children", lambda a: a.children_to_reach),
    (gettext_lazy("Start"), "#date+start", lambda a: a.start),
    (gettext_lazy("End"), "#date+end", lambda a: a.end),
    (gettext_lazy("Status"), "#status", lambda a: a.get_status_display()),
    (gettext_lazy("Reason"), "#status+reason", lambda a: a.status_reason),
    (gettext_lazy("Synergy"), "#meta+synergy", lambda a: a.synergy_id),
]


@require_GET
@login_required
def action_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    filters = {k: v for k, v in request.GET.items() if k not in {"page", "sort"}}
    actions = list(selectors.action_list(viewer=request.user, filters=filters))
    export_record(acting_user=request.user, model=CoordinatedAction, fmt=fmt, rows=len(actions), filters=filters)
    return export_response(
        filename="coordinated-actions",
        headers=[str(header) for header, _hxl, _value in EXPORT_COLUMNS],
        hxl=[hxl for _header, hxl, _value in EXPORT_COLUMNS],
        rows=([value(action) for _header, _hxl, value in EXPORT_COLUMNS] for action in actions),
        fmt=fmt,
        sheet_title=_("Coordinated actions"),
    )


# Making and changing an action -----------------------------------------------------------------


def _synergy_from(request: HttpRequest, value: Any) -> Any:
    """The synergy named by ``?synergy=`` (or the form), 404 when it is not a number or not there."""
    if value in (None, ""):
        return None
    if not str(value).isdigit():
        raise Http404("no such synergy")
    return selectors.access_synergy_for_action(request.user, int(value))


def _form_page(request: HttpRequest, form: Any, action: Any = None, synergy: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=action) if action else _("New coordinated action")
    context = {"form": form, "action": action, "synergy": synergy, "title": title}
    return render(request, "coordination/action_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def action_create(request: HttpRequest) -> HttpResponse:
    access_coordinate(request.user)
    synergy = _synergy_from(
        request, request.POST.get("synergy") if request.method == "POST" else request.GET.get("synergy")
    )
    initial = selectors.initial_from_synergy(synergy) if synergy is not None else {}
    form = CoordinatedActionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        data_without_synergy = lambda data: {k: v for k, v in data.items() if k != "synergy"}  # noqa: E731
        action = saved(
            form,
            lambda data: services.create_coordinated_action(
                acting_user=request.user, synergy=synergy, **data_without_synergy(data)
            ),
            rename={"synergy": NON_FIELD_ERRORS},  # a hidden field: its error shows above the form
        )
        if action is not None:
            messages.success(request, _("{name} was added.").format(name=action))
            return redirect("coordination:action_detail", pk=action.pk)
    return _form_page(request, form, synergy=synergy)


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    form = CoordinatedActionForm(request.POST or None, instance=action)
    if request.method == "POST":
        updated = saved(form, lambda data: services.update_coordinated_action(action, acting_user=request.user, **data))
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated))
            return redirect("coordination:action_detail", pk=action.pk)
    return _form_page(request, form, action)


def _status_context(action: Any, form: Any = None, can_write: bool = True, focus: bool = False) -> dict[str, Any]:
    return {
        "action": action,
        "can_write": can_write,
        "status_form": form or StatusForm(initial={"status": action.status, "reason": action.status_reason}),
        "focus": focus,
    }


@require_GET
@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk)
    can_write = can_edit_action(request.user, action)
    context = _status_context(action, can_write=can_write)
    context.update(
        {
            "partners": selectors.partners_of(action),
            "totals": selectors.totals_of(action),
            "milestones": selectors.milestone_rows(action),
            "links": selectors.children_of(action),
            "synergy": selectors.visible_synergy(request.user, action),
            "risks": choice_labels(action.risks, RiskDimension.choices),
            "target_groups": choice_labels(action.target_groups, TargetGroup.choices),
            "can_coordinate": can_coordinate(request.user),
        }
    )
    return render(request, "coordination/action_detail.html", context)


@require_POST
@login_required
def action_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change an action's status in place (HTMX), or by an ordinary form post."""
    action = selectors.access_action(request.user, pk, write=True)
    form = StatusForm(request.POST)
    changed = saved(
        form,
        lambda data: services.set_action_status(
            action, acting_user=request.user, status=data["status"], reason=data["reason"]
        ),
        rename={"status_reason": "reason"},
    )
    if changed is not None:
        action = selectors.access_action(request.user, pk)
    if request.htmx:
        context = _status_context(action, None if changed else form, focus=True)
        return render(request, "coordination/_action_status.html", context)
    if changed is None:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("coordination:action_detail", pk=action.pk)


# Contributions and milestones ------------------------------------------------------------------


def _part_page(request: HttpRequest, form: Any, action: Any, title: str, part: Any = None) -> HttpResponse:
    context = {"form": form, "action": action, "title": title, "part": part}
    return render(request, "coordination/action_part_form.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def contribution_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    form = ContributionForm(request.POST or None)
    if request.method == "POST":
        added = saved(form, lambda data: services.add_contribution(action, acting_user=request.user, **data))
        if added is not None:
            messages.success(request, _("The contribution of {partner} was added.").format(partner=added.organisation))
            return redirect("coordination:action_detail", pk=action.pk)
    return _part_page(request, form, action, _("New contribution"))


@require_http_methods(["GET", "POST"])
@login_required
def contribution_edit(request: HttpRequest, pk: int, contribution: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    record = selectors.access_contribution(request.user, contribution, action=action, write=True)
    form = ContributionForm(request.POST or None, instance=record)
    if request.method == "POST":
        updated = saved(form, lambda data: services.update_contribution(record, acting_user=request.user, **data))
        if updated is not None:
            messages.success(
                request, _("The contribution of {partner} was saved.").format(partner=updated.organisation)
            )
            return redirect("coordination:action_detail", pk=action.pk)
    return _part_page(
        request, form, action, _("Edit the contribution of {partner}").format(partner=record.organisation), record
    )


@require_POST
@login_required
def contribution_delete(request: HttpRequest, pk: int, contribution: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    record = selectors.access_contribution(request.user, contribution, action=action, write=True)
    services.remove_contribution(record, acting_user=request.user)
    messages.success(request, _("The contribution of {partner} was removed.").format(partner=record.organisation))
    return redirect("coordination:action_detail", pk=action.pk)


@require_http_methods(["GET", "POST"])
@login_required
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST":
        added = saved(form, lambda data: services.add_milestone(action, acting_user=request.user, **data))
        if added is not None:
            messages.success(request, _("{name} was added.").format(name=added))
            return redirect("coordination:action_detail", pk=action.pk)
    return _part_page(request, form, action, _("New milestone"))


@require_POST
@login_required
def milestone_done(request: HttpRequest, pk: int, milestone: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    record = selectors.access_milestone(request.user, milestone, action=action, write=True)
    services.mark_milestone_done(record, acting_user=request.user)
    messages.success(request, _("{name} is done.").format(name=record))
    return redirect("coordination:action_detail", pk=action.pk)
