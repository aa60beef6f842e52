from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cpphub.accounts.permissions import is_member
from cpphub.shell import selectors


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The partnership at a glance; a signed-in person without a membership learns whom to ask."""
    if not is_member(request.user):
        people = selectors.coordinators_to_ask(viewer=request.user)
        return render(request, "shell/no_membership.html", {"coordinators": people})
    dashboard = selectors.dashboard_summary(viewer=request.user)
    return render(
        request,
        "shell/home.html",
        {"dashboard": dashboard, "map_data": _map_data(dashboard), "chart_data": _chart_data(dashboard)},
    )


def _map_data(dashboard: selectors.Dashboard) -> dict[str, Any]:
    """What home.js draws on the map; its words are translated here, never in the script."""
    return {
        "locations": [
            {
                "name": location.name,
                "country": location.country,
                "countryCode": location.country_code,
                "stage": location.stage,
                "stageLabel": location.stage_label,
                "leadPartner": location.lead_partner,
                "lat": location.latitude,
                "lng": location.longitude,
                "url": location.url,
            }
            for location in dashboard.mapped_locations
        ],
        "geo": {
            "world": static("geo/world.geojson"),
            "pilot": static("geo/pilot-countries.geojson"),
        },
        "labels": {
            "country": _("Country"),
            "stage": _("Triple A stage"),
            "leadPartner": _("Lead partner"),
            "noLeadPartner": _("not set"),
            "open": _("Open the location page"),
            "attribution": _("Outlines: Natural Earth"),
            "zoomIn": _("Zoom in"),
            "zoomOut": _("Zoom out"),
        },
    }


def _chart_data(dashboard: selectors.Dashboard) -> dict[str, Any]:
    return {
        "label": _("Active organisations"),
        "sector": {
            "labels": [row.label for row in dashboard.by_sector],
            "values": [row.count for row in dashboard.by_sector],
        },
        "country": {
            "labels": [row.label for row in dashboard.by_country],
            "values": [row.count for row in dashboard.by_country],
        },
    }
