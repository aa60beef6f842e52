"""Pages of the service directory: the public directory and a service's page, and keeping the directory.

The directory and a service's page are public, in the page's language; the
confidential values (a direct line, a shelter's address) appear on a service's
page only for those ``access.can_see_confidential`` allows, marked as such,
and never on the directory page, its map or its export. Coordinators keep the
whole directory; a partner's caseworkers keep their own organisation's entries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods

from cpphub.audit.services import export_record
from cpphub.connect.filters.directory import NOT_FILTERS, ProviderFilter, ServiceFilter
from cpphub.connect.forms.directory import LocationForm, ProviderForm, ServiceForm
from cpphub.connect.models import Service, ServiceOrganisation
from cpphub.connect.selectors import access
from cpphub.connect.selectors import directory as selectors
from cpphub.connect.services import directory as services
from cpphub.connect.tables.directory import ProviderTable
from cpphub.lib.forms import saved
from cpphub.lib.listing import list_page
from cpphub.lib.tabular import FORMATS, export_response

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {key: value for key, value in request.GET.items() if key not in NOT_FILTERS}


# The public directory ---------------------------------------------------------------------------


def _map_data(points: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "points": points,
        "geo": {"world": static("geo/world.geojson"), "pilot": static("geo/pilot-countries.geojson")},
        "labels": {
            "attribution": _("Outlines: Natural Earth"),
            "zoomIn": _("Zoom in"),
            "zoomOut": _("Zoom out"),
        },
    }


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    services_found = selectors.service_list(filters=filters)
    page = Paginator(services_found, PAGE_SIZE).get_page(request.GET.get("page"))
    cards = selectors.public_service_views(page.object_list)
    # The map shows every match (not only this page), never a confidential place.
    points = selectors.map_points(selectors.public_service_views(services_found))
    count = page.paginator.count
    return render(
        request,
        "connect/directory_list.html",
        {
            "filter_form": ServiceFilter(request.GET or None).form,
            "cards": cards,
            "page_obj": page,
            "count_text": ngettext("{count} service", "{count} services", count).format(count=count),
            "map_data": _map_data(points) if points else None,
            "can_refer": access.can_open_cases(request.user),
            "can_keep": access.can_edit_directory(request.user),
            "can_import": access.can_import_directory(request.user),
        },
    )


@require_GET
def service_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    service = selectors.access_service(request.user, pk)
    view = selectors.service_view(service, request.user)
    refer_url = reverse("connect:case_list") + f"?service={service.pk}" if access.can_open_cases(request.user) else ""
    return render(
        request,
        "connect/directory_service.html",
        {
            "view": view,
            "service": service,
            "refer_url": refer_url,
            "can_edit": access.can_edit_directory(request.user, service.organisation),
        },
    )


Column = tuple[Any, str, Callable[[Service], Any]]

# The public export: never a confidential field (no direct line; a confidential location only by its city).
DIRECTORY_COLUMNS: list[Column] = [
    (gettext_lazy("ID"), "#meta+id", lambda s: str(s.pk)),
    (gettext_lazy("Service"), "#service+name", lambda s: s.name),
    (gettext_lazy("Provider"), "#org+name", lambda s: s.organisation.name),
    (gettext_lazy("Status"), "#status", lambda s: s.get_status_display()),
    (gettext_lazy("Categories"), "#sector+name", lambda s: [str(c) for c in s.categories.all()]),
    (gettext_lazy("Pilot locations"), "#adm2+name", lambda s: [p.name for p in s.pilot_locations.all()]),
    (gettext_lazy("Who is eligible"), "#population+eligible", lambda s: s.eligibility_description),
    (gettext_lazy("Minimum age"), "#indicator+age_min", lambda s: s.minimum_age),
    (gettext_lazy("Maximum age"), "#indicator+age_max", lambda s: s.maximum_age),
    (gettext_lazy("Languages"), "#meta+languages", lambda s: list(s.languages or [])),
    (gettext_lazy("Fees"), "#value+fees", lambda s: s.fees_description or _("Free")),
    (gettext_lazy("Opening hours"), "#meta+hours", lambda s: s.hours),
    (gettext_lazy("Public phone"), "#contact+phone", lambda s: s.phone),
    (gettext_lazy("Email"), "#contact+email", lambda s: s.email),
    (gettext_lazy("Web page"), "#contact+url", lambda s: s.url),
    (gettext_lazy("How to refer a child"), "#meta+referral", lambda s: s.how_to_refer),
    (
        gettext_lazy("Locations"),
        "#loc+name",
        lambda s: [
            _("by phone / online") if p.is_virtual else ", ".join(x for x in (p.name, p.city) if x)
            for p in selectors.service_view(s).places
        ],
    ),
]


@require_GET
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    records = list(selectors.service_list(filters=_filters(request)))
    export_record(acting_user=request.user, model=Service, fmt=fmt, rows=len(records), filters=_filters(request))
    return export_response(
        filename="service-directory",
        headers=[str(header) for header, _hxl, _value in DIRECTORY_COLUMNS],
        hxl=[hxl for _header, hxl, _value in DIRECTORY_COLUMNS],
        rows=([value(record) for _header, _hxl, value in DIRECTORY_COLUMNS] for record in records),
        fmt=fmt,
        sheet_title=str(_("Service directory")),
    )


# Keeping the directory ----------------------------------------------------------------------------


PROVIDER_COLUMNS: list[tuple[Any, str, Callable[[ServiceOrganisation], Any]]] = [
    (gettext_lazy("ID"), "#meta+id", lambda p: str(p.pk)),
    (gettext_lazy("Provider"), "#org+name", lambda p: p.name),
    (gettext_lazy("Other name"), "#org+name+alt", lambda p: p.alternate_name),
    (gettext_lazy("Country"), "#country+code", lambda p: p.country.code if p.country else ""),
    (gettext_lazy("Partner on CPP Hub"), "#org+partner", lambda p: p.partner.name if p.partner else ""),
    (gettext_lazy("Email"), "#contact+email", lambda p: p.email),
    (gettext_lazy("Website"), "#contact+url", lambda p: p.website),
    (gettext_lazy("Phone"), "#contact+phone", lambda p: p.phone),
    (gettext_lazy("Active"), "#status+active", lambda p: p.is_active),
]


@require_GET
@login_required
def provider_list(request: HttpRequest) -> HttpResponse:
    records = selectors.provider_list(viewer=request.user, filters=_filters(request))
    return list_page(
        request,
        table=ProviderTable(records, region_id="provider-list", caption=_("Service providers")),
        filter_form=ProviderFilter(request.GET or None).form,
        template="connect/provider_list.html",
        count_text=lambda n: ngettext("{count} provider", "{count} providers", n).format(count=n),
        export_url_name="connect:provider_export",
        can_create=access.can_edit_directory(request.user),
        can_import=access.can_import_directory(request.user),
    )


@require_GET
@login_required
def provider_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    records = list(selectors.provider_list(viewer=request.user, filters=_filters(request)))
    export_record(
        acting_user=request.user, model=ServiceOrganisation, fmt=fmt, rows=len(records), filters=_filters(request)
    )
    return export_response(
        filename="service-providers",
        headers=[str(header) for header, _hxl, _value in PROVIDER_COLUMNS],
        hxl=[hxl for _header, hxl, _value in PROVIDER_COLUMNS],
        rows=([value(record) for _header, _hxl, value in PROVIDER_COLUMNS] for record in records),
        fmt=fmt,
        sheet_title=str(_("Service providers")),
    )


def _form_page(request: HttpRequest, form: Any, *, title: str, cancel_url: str, **context: Any) -> HttpResponse:
    return render(
        request, "connect/provider_form.html", {"form": form, "title": title, "cancel_url": cancel_url, **context}
    )


@require_http_methods(["GET", "POST"])
@login_required
def provider_new(request: HttpRequest) -> HttpResponse:
    if not access.can_edit_directory(request.user):
        raise PermissionDenied
    form = ProviderForm(request.POST or None)
    if request.method == "POST":
        provider = saved(form, lambda data: services.provider_create(data=data, acting_user=request.user))
        if provider is not None:
            messages.success(request, _("The provider was added. Add its locations and services."))
            return redirect("connect:provider_detail", pk=provider.pk)
    return _form_page(request, form, title=_("New service provider"), cancel_url=reverse("connect:provider_list"))


@require_GET
@login_required
def provider_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    provider = selectors.access_provider(request.user, pk)
    return render(
        request,
        "connect/provider_detail.html",
        {
            "provider": provider,
            "services": selectors.provider_services(provider),
            "places": [selectors.place_view(p, confidential=True) for p in selectors.provider_locations(provider)],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def provider_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    provider = selectors.access_provider(request.user, pk)
    form = ProviderForm(request.POST or None, instance=provider)
    if request.method == "POST":
        updated = saved(
            form, lambda data: services.provider_update(provider=provider, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("The provider was saved."))
            return redirect("connect:provider_detail", pk=updated.pk)
    return _form_page(
        request,
        form,
        title=_("Edit {name}").format(name=provider.name),
        cancel_url=reverse("connect:provider_detail", args=[provider.pk]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def service_new(request: HttpRequest, pk: Any) -> HttpResponse:
    provider = selectors.access_provider(request.user, pk)
    form = ServiceForm(request.POST or None, provider=provider)
    if request.method == "POST":
        service = saved(
            form, lambda data: services.service_create(provider=provider, data=data, acting_user=request.user)
        )
        if service is not None:
            messages.success(request, _("The service was added to the directory."))
            return redirect("connect:service_detail", pk=service.pk)
    return _form_page(
        request,
        form,
        title=_("New service of {name}").format(name=provider.name),
        cancel_url=reverse("connect:provider_detail", args=[provider.pk]),
        provider=provider,
    )


@require_http_methods(["GET", "POST"])
@login_required
def service_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    service = selectors.access_service(request.user, pk, write=True)
    form = ServiceForm(request.POST or None, instance=service, provider=service.organisation)
    if request.method == "POST":
        updated = saved(
            form, lambda data: services.service_update(service=service, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("The service was saved."))
            return redirect("connect:service_detail", pk=updated.pk)
    return _form_page(
        request,
        form,
        title=_("Edit {name}").format(name=service.name),
        cancel_url=reverse("connect:service_detail", args=[service.pk]),
        provider=service.organisation,
    )


@require_http_methods(["GET", "POST"])
@login_required
def location_new(request: HttpRequest, pk: Any) -> HttpResponse:
    provider = selectors.access_provider(request.user, pk)
    form = LocationForm(request.POST or None)
    if request.method == "POST":
        location = saved(
            form, lambda data: services.location_create(provider=provider, data=data, acting_user=request.user)
        )
        if location is not None:
            messages.success(request, _("The location was added."))
            return redirect("connect:provider_detail", pk=provider.pk)
    return _form_page(
        request,
        form,
        title=_("New location of {name}").format(name=provider.name),
        cancel_url=reverse("connect:provider_detail", args=[provider.pk]),
        provider=provider,
    )


@require_http_methods(["GET", "POST"])
@login_required
def location_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    location = selectors.access_location(request.user, pk)
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST":
        updated = saved(
            form, lambda data: services.location_update(location=location, data=data, acting_user=request.user)
        )
        if updated is not None:
            messages.success(request, _("The location was saved."))
            return redirect("connect:provider_detail", pk=location.organisation_id)
    return _form_page(
        request,
        form,
        title=_("Edit {name}").format(name=location.name),
        cancel_url=reverse("connect:provider_detail", args=[location.organisation_id]),
        provider=location.organisation,
    )
