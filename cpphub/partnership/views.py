"""The pages of the partnership registry.

Each view serves any of the five registers; ``urls.py`` says which, through
the ``register`` keyword of the route. A list page answers its filter form,
column sorting and page links with just the table region when HTMX asks for
it, and with the whole page otherwise, so every link also works without
JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.middleware import HtmxDetails
from django_tables2 import RequestConfig

from cpphub.audit.services import export_record
from cpphub.lib.tabular import export_response
from cpphub.partnership import exports, selectors
from cpphub.partnership.filters import NOT_FILTERS
from cpphub.partnership.forms import ActiveForm
from cpphub.partnership.models import PilotLocation
from cpphub.partnership.registers import Register
from cpphub.partnership.versions import EditConflict

PAGE_SIZE = 25


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def register_list(request: HtmxHttpRequest, register: Register) -> HttpResponse:
    records = register.list(viewer=request.user, filters=_filters(request))
    table = register.table(records, region_id=register.region_id, caption=register.title)
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    partial = bool(request.htmx) and request.htmx.target == register.region_id
    return render(
        request,
        "includes/list_region.html" if partial else "partnership/list.html",
        {
            "register": register,
            "table": table,
            "filter_form": register.filterset(request.GET or None).form,
            "list_url": request.path,
            "region_id": register.region_id,
            "count_text": register.count_text(table.paginator.count),
            "export_url_name": register.url_names["export"],
            "can_write": selectors.can_write(request.user),
        },
    )


@require_GET
@login_required
def register_export(request: HttpRequest, register: Register, fmt: str) -> HttpResponse:
    """The rows of the list page as filtered and sorted, all pages, as CSV or XLSX."""
    filters = _filters(request)
    records = register.list(viewer=request.user, filters=filters)
    rows = list(exports.rows(register.columns, register.in_table_order(records, request.GET.get("sort"))))
    export_record(acting_user=request.user, model=register.model, fmt=fmt, rows=len(rows), filters=filters)
    return export_response(
        filename=register.filename,
        headers=exports.headers(register.columns),
        hxl=exports.hxl_row(register.columns),
        rows=rows,
        fmt=fmt,
        sheet_title=str(register.title),
    )


@require_GET
@login_required
def register_detail(request: HttpRequest, register: Register, pk: int) -> HttpResponse:
    record = register.access(request.user, pk)
    context = {"register": register, "record": record, "can_write": selectors.can_write(request.user)}
    if isinstance(record, PilotLocation) and record.latitude is not None and record.longitude is not None:
        context["map_data"] = _location_map_data(record)
    return render(request, f"partnership/{register.name}_detail.html", context)


def _location_map_data(location: PilotLocation) -> dict[str, Any]:
    """What location-map.js draws: a pin in the location's country; its words are translated here."""
    return {
        "location": {
            "name": location.name,
            "lat": float(location.latitude),  # type: ignore[arg-type]
            "lng": float(location.longitude),  # type: ignore[arg-type]
            "countryCode": location.country.code,
            "stage": location.stage,
        },
        "geo": {"world": static("geo/world.geojson"), "pilot": static("geo/pilot-countries.geojson")},
        "labels": {"attribution": _("Outlines: Natural Earth"), "zoomIn": _("Zoom in"), "zoomOut": _("Zoom out")},
    }


def _form_page(request: HttpRequest, register: Register, form: Any, record: Any = None) -> HttpResponse:
    title = _("Edit {name}").format(name=record) if record else str(register.create_title)
    cancel = record.get_absolute_url() if record else None
    return render(
        request,
        "partnership/form.html",
        {"register": register, "form": form, "record": record, "title": title, "cancel_url": cancel},
    )


def _saved(form: Any, write: Callable[[dict[str, Any]], Any]) -> Any:
    """``write`` the form's data; on invalid data or an edit conflict, the form says so and the answer is None."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except EditConflict as conflict:
        form.show_conflict(conflict)
        return None
    except ValidationError as exc:
        for field, errors in exc.update_error_dict({}).items():
            form.add_error(field if field in form.fields else NON_FIELD_ERRORS, errors)
        return None


class RegisterCreate(LoginRequiredMixin, View):
    """A form for a new record. Fields can be filled in from the address: ``?organisation=3``."""

    def get(self, request: HttpRequest, register: Register) -> HttpResponse:
        selectors.access_registry(request.user, write=True)
        return _form_page(request, register, register.form(initial=request.GET.dict()))

    def post(self, request: HttpRequest, register: Register) -> HttpResponse:
        selectors.access_registry(request.user, write=True)
        form = register.form(request.POST)
        record = _saved(form, lambda data: register.create(data=data, acting_user=request.user))
        if record is None:
            return _form_page(request, register, form)
        messages.success(request, _("{name} was added.").format(name=record))
        return redirect(record)


class RegisterEdit(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, register: Register, pk: int) -> HttpResponse:
        record = register.access(request.user, pk, write=True)
        return _form_page(request, register, register.form(instance=record), record)

    def post(self, request: HttpRequest, register: Register, pk: int) -> HttpResponse:
        record = register.access(request.user, pk, write=True)
        form = register.form(request.POST, instance=record)
        saved = _saved(
            form,
            lambda data: register.update_record(
                record, data=data, version=form.loaded_version, acting_user=request.user
            ),
        )
        if saved is None:
            return _form_page(request, register, form, record)
        messages.success(request, _("{name} was saved.").format(name=saved))
        return redirect(saved)


def _next_url(request: HttpRequest) -> str | None:
    url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return url if url and safe else None


@require_POST
@login_required
def register_set_active(request: HtmxHttpRequest, register: Register, pk: int) -> HttpResponse:
    """Deactivate (``active=false``) or reactivate (``active=true``) a record; HTMX gets its new status."""
    record = register.access(request.user, pk, write=True)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        raise BadRequest("active must be true or false")
    active = form.cleaned_data["active"]
    record = register.set_record_active(record, active=active, acting_user=request.user)
    if request.htmx:
        context = {"register": register, "record": record, "can_write": True, "next_url": _next_url(request)}
        return render(request, "partnership/_status.html", {**context, "focus": True})
    messages.success(
        request,
        (_("{name} is active again.") if active else _("{name} was deactivated.")).format(name=record),
    )
    return redirect(_next_url(request) or record.get_absolute_url())
