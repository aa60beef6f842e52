"""Pages of the allocation: capacities and needs, the optimiser's runs, pins and forbids, accepted versions.

Thin views: one access check (the selectors raise 403 or 404), one service
call, one response. Members read everything; coordinators keep resources,
capacities, needs and settings, run the optimiser, pin, forbid, re-solve and
accept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cpphub.audit.services import export_record
from cpphub.coordination.forms.allocation import (
    AllocationSettingsForm,
    CapacityForm,
    NeedProfileForm,
    ResolveForm,
    ResourceTypeForm,
    RunForm,
)
from cpphub.coordination.models import AllocationRun, PartnerCapacity
from cpphub.coordination.selectors import allocation as selectors
from cpphub.coordination.selectors.access import can_coordinate
from cpphub.coordination.services import allocation as services
from cpphub.coordination.tables.allocation import AllocationRunTable, run_name
from cpphub.lib.forms import saved
from cpphub.lib.listing import list_page
from cpphub.lib.tabular import FORMATS, export_response


def _error_text(exc: ValidationError) -> str:
    return " ".join(str(message) for messages_ in exc.update_error_dict({}).values() for message in messages_)


# Capacities and needs ----------------------------------------------------------------------------


@require_GET
@login_required
def resource_overview(request: HttpRequest) -> HttpResponse:
    """Capacity against need per resource, partners' capacities, open actions' needs."""
    overview = selectors.resource_overview(viewer=request.user)
    return render(
        request,
        "coordination/resource_overview.html",
        {"overview": overview, "settings": selectors.allocation_settings()},
    )


def _resource_page(request: HttpRequest, form: Any, resource: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=resource.name) if resource else _("New resource")
    return render(request, "coordination/resource_form.html", {"form": form, "resource": resource, "title": title})


@require_http_methods(["GET", "POST"])
@login_required
def resource_create(request: HttpRequest) -> HttpResponse:
    selectors.access_allocation(request.user, write=True)
    form = ResourceTypeForm(request.POST or None)
    if request.method == "POST":
        resource = saved(form, lambda data: services.resource_type_create(data=data, acting_user=request.user))
        if resource is not None:
            messages.success(request, _("{name} was added.").format(name=resource.name))
            return redirect("coordination:resource_overview")
    return _resource_page(request, form)


@require_http_methods(["GET", "POST"])
@login_required
def resource_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resource = selectors.access_resource(request.user, pk, write=True)
    form = ResourceTypeForm(request.POST or None, instance=resource)
    if request.method == "POST":
        updated = saved(
            form, lambda data: services.resource_type_update(resource=resource, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("{name} was saved.").format(name=updated.name))
            return redirect("coordination:resource_overview")
    return _resource_page(request, form, resource)


@require_http_methods(["GET", "POST"])
@login_required
def capacity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """All of a partner's capacities on one form."""
    organisation = selectors.access_partner(request.user, pk, write=True)
    resources = list(selectors.resource_types(active_only=True))
    capacities = {c.resource_id: c for c in PartnerCapacity.objects.filter(organisation=organisation)}
    form = CapacityForm(request.POST or None, resources=resources, capacities=capacities)
    if request.method == "POST":
        done = saved(
            form,
            lambda data: services.capacities_save(
                organisation=organisation, rows=form.rows(), acting_user=request.user
            ),
        )
        if done is not None:
            messages.success(request, _("The capacities of {name} were saved.").format(name=organisation))
            return redirect("coordination:resource_overview")
    regions = selectors.partner_regions(
        organisation, selectors.partner_locations([organisation]).get(organisation.pk, [])
    )
    return render(
        request,
        "coordination/capacity_form.html",
        {"form": form, "organisation": organisation, "regions": regions, "resources": resources},
    )


@require_http_methods(["GET", "POST"])
@login_required
def need_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """An action's need profile (made on first save) and the amount of each resource it needs."""
    action = selectors.access_need_action(request.user, kind, pk, write=True)
    profile = selectors.need_profile_of(action)
    resources = list(selectors.resource_types(active_only=True))
    form = NeedProfileForm(request.POST or None, resources=resources, profile=profile)
    if request.method == "POST":
        done = saved(
            form,
            lambda data: services.need_profile_save(
                action=action, data=form.profile_data(), needs=form.needs(), acting_user=request.user
            ),
        )
        if done is not None:
            messages.success(request, _("The needs of {name} were saved.").format(name=action))
            return redirect("coordination:resource_overview")
    settings = selectors.allocation_settings()
    benefit = services.benefit_of(profile, settings) if profile is not None else None
    return render(
        request,
        "coordination/need_form.html",
        {
            "form": form,
            "action": action,
            "kind": kind,
            "action_url": selectors.action_url(kind, action.pk),
            "region": selectors.action_region(action),
            "benefit": benefit,
            "settings": settings,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def allocation_settings(request: HttpRequest) -> HttpResponse:
    """How benefit is weighed, and how long a solve may take."""
    selectors.access_allocation(request.user, write=True)
    settings = selectors.allocation_settings()
    form = AllocationSettingsForm(request.POST or None, settings=settings)
    if request.method == "POST":
        done = saved(
            form,
            lambda data: services.allocation_settings_update(data=form.settings_data(), acting_user=request.user),
        )
        if done is not None:
            messages.success(request, _("The allocation settings were saved."))
            return redirect("coordination:resource_overview")
    return render(request, "coordination/allocation_settings.html", {"form": form, "settings": settings})


# Runs --------------------------------------------------------------------------------------------


@require_GET
@login_required
def allocation_list(request: HttpRequest) -> HttpResponse:
    """The current accepted version on top, then every proposal and older version."""
    runs = selectors.run_list(viewer=request.user)
    table = AllocationRunTable(runs, region_id="allocation-list", caption=_("Runs of the optimiser"))
    current = selectors.current_version()
    return list_page(
        request,
        table=table,
        filter_form=None,
        template="coordination/allocation_list.html",
        count_text=lambda n: ngettext("{count} run", "{count} runs", n).format(count=n),
        current=selectors.run_view(current) if current else None,
        can_run=can_coordinate(request.user),
        run_form=RunForm(),
    )


@require_POST
@login_required
def allocation_run(request: HttpRequest) -> HttpResponse:
    """Run the optimiser on the current capacities and needs."""
    selectors.access_allocation(request.user, write=True)
    form = RunForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    try:
        run = services.run_allocation(acting_user=request.user, title=title)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("coordination:allocation_list")
    _say_how_it_went(request, run)
    return redirect("coordination:allocation_detail", pk=run.pk)


def _say_how_it_went(request: HttpRequest, run: AllocationRun) -> None:
    if run.status == AllocationRun.Status.INFEASIBLE:
        messages.error(request, _("The pins cannot all hold: see why below, change them and re-solve."))
    else:
        messages.success(request, _("The optimiser proposed an allocation. Review it, pin or forbid, and accept it."))


@require_GET
@login_required
def allocation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.access_run(request.user, pk)
    return render(
        request,
        "coordination/allocation_detail.html",
        {
            "proposal": selectors.run_view(run),
            "run": run,
            "name": run_name(run),
            "can_write": can_coordinate(request.user),
            "export_formats": FORMATS,
            "resolve_form": ResolveForm(),
        },
    )


@require_POST
@login_required
def allocation_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Solve again with the pins and forbids ticked on the run's page; the new run remembers its parent."""
    run = selectors.access_run(request.user, pk, write=True)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("coordination:allocation_detail", pk=run.pk)
    try:
        new = services.run_allocation(
            acting_user=request.user,
            pins=form.cleaned_data["pins"],
            forbids=form.cleaned_data["forbids"],
            parent=run,
            title=form.cleaned_data["title"],
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("coordination:allocation_detail", pk=run.pk)
    _say_how_it_went(request, new)
    return redirect("coordination:allocation_detail", pk=new.pk)


@require_POST
@login_required
def allocation_accept(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.access_run(request.user, pk, write=True)
    try:
        accepted = services.accept_allocation(run, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("coordination:allocation_detail", pk=run.pk)
    messages.success(
        request,
        _("The allocation was accepted as version {version}.").format(version=accepted.version),
    )
    return redirect("coordination:allocation_detail", pk=accepted.pk)


EXPORT_COLUMNS: list[tuple[Any, str]] = [
    (gettext_lazy("Action"), "#activity+name"),
    (gettext_lazy("Action key"), "#activity+code"),
    (gettext_lazy("Region"), "#loc+code"),
    (gettext_lazy("Funded"), "#status+funded"),
    (gettext_lazy("Expected benefit"), "#value+benefit"),
    (gettext_lazy("Partner"), "#org+name"),
    (gettext_lazy("Partner key"), "#org+code"),
    (gettext_lazy("Resource"), "#item+name"),
    (gettext_lazy("Amount"), "#value"),
    (gettext_lazy("Unit"), "#item+unit"),
    (gettext_lazy("Why"), "#description+reason"),
]


@require_GET
@login_required
def allocation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every assignment of the run (one row each) and every unfunded action (one row, with why)."""
    from cpphub.coordination.templatetags.allocation_reasons import reason_sentence

    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    run = selectors.access_run(request.user, pk)
    view = selectors.run_view(run)
    names = view.names
    rows: list[list[Any]] = []
    for item in view.funded:
        why = " ".join(reason_sentence(reason, names) for reason in item.reasons)
        for row in item.assignments:
            rows.append(
                [
                    item.title,
                    item.key,
                    item.region,
                    True,
                    item.benefit,
                    row.partner_name,
                    row.partner,
                    row.resource_name,
                    round(row.amount, 2),
                    names.unit(row.resource),
                    why,
                ]
            )
    for item in view.unfunded:
        why = " ".join(reason_sentence(reason, names) for reason in item.reasons)
        rows.append([item.title, item.key, item.region, False, item.benefit, "", "", "", None, "", why])
    export_record(acting_user=request.user, model=AllocationRun, fmt=fmt, rows=len(rows), filters={"run": run.pk})
    return export_response(
        filename=slugify(f"allocation-{run_name(run)}") or "allocation",
        headers=[str(header) for header, _hxl in EXPORT_COLUMNS],
        hxl=[hxl for _header, hxl in EXPORT_COLUMNS],
        rows=rows,
        fmt=fmt,
        sheet_title=_("Allocation"),
    )
