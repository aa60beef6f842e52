"""Pages of the Create stage: action plans, their actions (table and timeline), progress, exports.

Thin views: one access check (the selectors raise 403 or 404), one service
call, one response. Members read every plan; the facilitators of the plan's
location change it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails
from django_tables2 import RequestConfig

from cpphub.audit.services import export_record
from cpphub.lib.choices import choice_labels
from cpphub.lib.forms import saved
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.mapping.models import AgeBand, Sex
from cpphub.planning.filters.create import ActionPlanFilter
from cpphub.planning.forms.create import ActionForm, ActionPlanForm, ProgressForm, StatusForm
from cpphub.planning.models import Action, TargetGroup
from cpphub.planning.selectors import create as selectors
from cpphub.planning.selectors.access import facilitates
from cpphub.planning.services import create as services
from cpphub.planning.tables.create import ActionPlanTable, ActionTable

PAGE_SIZE = 25


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


# Plans ---------------------------------------------------------------------------------------


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def plan_list(request: HtmxHttpRequest) -> HttpResponse:
    filters = {k: v for k, v in request.GET.items() if k not in {"page", "sort"}}
    records = selectors.plan_list(viewer=request.user, filters=filters)
    table = ActionPlanTable(records, region_id="plan-list", caption=_("Action plans"))
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    partial = bool(request.htmx) and request.htmx.target == table.region_id
    count = table.paginator.count
    return render(
        request,
        "includes/list_region.html" if partial else "planning/plan_list.html",
        {
            "table": table,
            "filter_form": ActionPlanFilter(request.GET or None).form,
            "list_url": request.path,
            "region_id": table.region_id,
            "count_text": ngettext("{count} action plan", "{count} action plans", count).format(count=count),
            "can_create": selectors.can_create_plans(request.user),
        },
    )


def _plan_form_page(request: HttpRequest, form: Any, plan: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=plan) if plan else _("New action plan")
    return render(request, "planning/plan_form.html", {"form": form, "plan": plan, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    if not selectors.can_create_plans(request.user):
        raise PermissionDenied
    form = ActionPlanForm(request.POST or None, viewer=request.user, initial=request.GET.dict())
    if request.method == "POST":
        plan = saved(
            form,
            lambda data: services.plan_create(location=data["location"], data=data, acting_user=request.user),
        )
        if plan is not None:
            messages.success(request, _("{name} was added.").format(name=plan))
            return redirect("planning:plan_detail", pk=plan.pk)
    return _plan_form_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.access_plan(request.user, pk, write=True)
    form = ActionPlanForm(request.POST or None, instance=plan, viewer=request.user)
    if request.method == "POST":
        updated = saved(form, lambda data: services.plan_update(plan=plan, data=data, acting_user=request.user))
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated))
            return redirect("planning:plan_detail", pk=plan.pk)
    return _plan_form_page(request, form, plan)


def _plan_context(request: HttpRequest, plan: Any, view: str) -> dict[str, Any]:
    return {
        "plan": plan,
        "view": view,
        "can_write": facilitates(request.user, plan.location_id),
        "export_formats": FORMATS,
    }


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def plan_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The plan and its actions as a sortable table."""
    plan = selectors.access_plan(request.user, pk)
    table = ActionTable(selectors.plan_actions(plan), region_id="action-table", caption=_("Actions"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    if request.htmx and request.htmx.target == table.region_id:
        return render(request, "includes/list_region.html", {"table": table, "region_id": table.region_id})
    context = _plan_context(request, plan, "table")
    context.update({"table": table, "region_id": table.region_id})
    return render(request, "planning/plan_detail.html", context)


@require_GET
@login_required
def plan_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's actions as a Gantt-style timeline, drawn in HTML and CSS."""
    plan = selectors.access_plan(request.user, pk)
    context = _plan_context(request, plan, "timeline")
    context.update({"timeline": selectors.plan_timeline(list(selectors.plan_actions(plan))), "statuses": Action.Status})
    return render(request, "planning/plan_timeline.html", context)


EXPORT_COLUMNS: list[tuple[Any, str, Callable[[Action], Any]]] = [
    (gettext_lazy("ID"), "#meta+id", lambda a: a.pk),
    (gettext_lazy("Pilot location"), "#adm2+name", lambda a: a.plan.location.name),
    (gettext_lazy("Action plan"), "#activity+plan", lambda a: a.plan.title),
    (gettext_lazy("Action"), "#activity+name", lambda a: a.title),
    (gettext_lazy("Description"), "#activity+description", lambda a: a.description),
    (gettext_lazy("Priority it answers"), "#activity+priority", lambda a: a.priority.title if a.priority else ""),
    (gettext_lazy("Outcome"), "#sector", lambda a: a.get_outcome_display()),
    (gettext_lazy("Lead partner"), "#org+lead", lambda a: a.lead_partner.name),
    (gettext_lazy("Supporting partners"), "#org+partner", lambda a: [o.name for o in a.supporting_partners.all()]),
    (gettext_lazy("Target groups"), "#population+type", lambda a: choice_labels(a.target_groups, TargetGroup.choices)),
    (
        gettext_lazy("Children's age bands"),
        "#population+age",
        lambda a: choice_labels(a.target_age_bands, AgeBand.choices),
    ),
    (gettext_lazy("Children's sex"), "#population+sex", lambda a: choice_labels(a.target_sexes, Sex.choices)),
    (gettext_lazy("Start"), "#date+start", lambda a: a.start),
    (gettext_lazy("End"), "#date+end", lambda a: a.end),
    (gettext_lazy("Status"), "#status", lambda a: a.get_status_display()),
    (gettext_lazy("Reason"), "#status+reason", lambda a: a.status_reason),
    (gettext_lazy("Overdue"), "#status+overdue", lambda a: bool(getattr(a, "overdue", a.is_overdue()))),
    (gettext_lazy("Budget"), "#value+budget", lambda a: a.budget),
    (gettext_lazy("Currency"), "#currency", lambda a: a.currency),
    (gettext_lazy("In-kind resources"), "#value+inkind", lambda a: a.in_kind),
    (gettext_lazy("Expertise needed"), "#meta+expertise", lambda a: a.expertise_needed),
    (gettext_lazy("Indicator"), "#indicator+name", lambda a: a.indicator),
    (gettext_lazy("Baseline"), "#indicator+baseline", lambda a: a.baseline),
    (gettext_lazy("Target"), "#indicator+target", lambda a: a.target),
    (gettext_lazy("Latest value"), "#indicator+value", lambda a: next((u.value for u in a.updates.all()), None)),
]


@require_GET
@login_required
def plan_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    plan = selectors.access_plan(request.user, pk)
    actions = list(selectors.plan_export_actions(plan))
    export_record(acting_user=request.user, model=Action, fmt=fmt, rows=len(actions), filters={"plan": plan.pk})
    return export_response(
        filename=slugify(plan.title) or "action-plan",
        headers=[str(header) for header, _hxl, _value in EXPORT_COLUMNS],
        hxl=[hxl for _header, hxl, _value in EXPORT_COLUMNS],
        rows=([value(action) for _header, _hxl, value in EXPORT_COLUMNS] for action in actions),
        fmt=fmt,
        sheet_title=_("Actions"),
    )


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    """The print template is self-contained: the PDF renderer fetches nothing (no network, no files)."""
    raise ValueError(f"not fetched: {url[:80]}")


@require_GET
@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan as a printable PDF in the page's language."""
    from weasyprint import HTML

    plan = selectors.access_plan(request.user, pk)
    actions = list(selectors.plan_export_actions(plan))
    html = render_to_string(
        "planning/pdf/plan.html",
        {
            "plan": plan,
            "actions": actions,
            "timeline": selectors.plan_timeline(actions),
            "language": get_language() or "en",
            "printed": timezone.localdate(),
        },
        request=request,
    )
    pdf = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    export_record(acting_user=request.user, model=Action, fmt="pdf", rows=len(actions), filters={"plan": plan.pk})
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.title) or "action-plan"}-{stamp}.pdf"'
    return response


# Actions -------------------------------------------------------------------------------------


def _action_form_page(request: HttpRequest, form: Any, plan: Any, action: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=action) if action else _("New action")
    return render(request, "planning/action_form.html", {"form": form, "plan": plan, "action": action, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.access_plan(request.user, pk, write=True)
    form = ActionForm(request.POST or None, plan=plan)
    if request.method == "POST":
        action = saved(form, lambda data: services.action_create(plan=plan, data=data, acting_user=request.user))
        if action is not None:
            messages.success(request, _("{name} was added.").format(name=action))
            return redirect("planning:action_detail", pk=action.pk)
    return _action_form_page(request, form, plan)


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    form = ActionForm(request.POST or None, plan=action.plan, instance=action)
    if request.method == "POST":
        updated = saved(form, lambda data: services.action_update(action=action, data=data, acting_user=request.user))
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated))
            return redirect("planning:action_detail", pk=action.pk)
    return _action_form_page(request, form, action.plan, action)


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
    can_write = facilitates(request.user, action.plan.location_id)
    context = _status_context(action, can_write=can_write)
    context.update(
        {
            "target_groups": choice_labels(action.target_groups, TargetGroup.choices),
            "age_bands": choice_labels(action.target_age_bands, AgeBand.choices),
            "sexes": choice_labels(action.target_sexes, Sex.choices),
            "updates": list(action.updates.all()),
        }
    )
    return render(request, "planning/action_detail.html", context)


@require_POST
@login_required
def action_status(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Change an action's status in place (HTMX), or by an ordinary form post."""
    action = selectors.access_action(request.user, pk, write=True)
    form = StatusForm(request.POST)
    changed = saved(
        form,
        lambda data: services.action_set_status(
            action=action, status=data["status"], reason=data["reason"], acting_user=request.user
        ),
        rename={"status_reason": "reason"},
    )
    if changed is not None:
        action = selectors.access_action(request.user, pk)
    if request.htmx:
        return render(
            request, "planning/action_status.html", _status_context(action, None if changed else form, focus=True)
        )
    if changed is None:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("planning:action_detail", pk=action.pk)


@require_http_methods(["GET", "POST"])
@login_required
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.access_action(request.user, pk, write=True)
    form = ProgressForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        update = saved(form, lambda data: services.progress_create(action=action, data=data, acting_user=request.user))
        if update is not None:
            messages.success(request, _("The progress update was saved."))
            return redirect("planning:action_detail", pk=action.pk)
    return render(request, "planning/action_progress.html", {"form": form, "action": action})
