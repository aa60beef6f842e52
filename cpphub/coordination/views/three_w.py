"""The 3W / 4W page: who does what, where and when, as a matrix, a map and a list; and its export.

Every partnership member reads it. The filters (``filters/three_w.py``) apply
to all three and to the export; the matrix's rows and columns are chosen with
``?rows=partner|sector&columns=location|outcome|risk``, and each cell links to
the list filtered down to it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from django_tables2 import RequestConfig

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.coordination.filters.three_w import PivotForm, ThreeWFilterForm
from cpphub.coordination.selectors import three_w as selectors
from cpphub.coordination.selectors.three_w import ThreeWRow
from cpphub.coordination.tables.three_w import ThreeWTable
from cpphub.lib.tabular import FORMATS, export_response

PAGE_SIZE = 25
LIST_ANCHOR = "three-w-list"


def _filters(request: HttpRequest) -> tuple[ThreeWFilterForm, dict[str, Any]]:
    form = ThreeWFilterForm(request.GET or None)
    return form, form.filters()


def _link(request: HttpRequest, params: tuple[tuple[str, str], ...]) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in params:
        query[name] = value
    return f"{request.path}?{query.urlencode()}#{LIST_ANCHOR}"


def _map_data(request: HttpRequest, places: selectors.Places) -> dict[str, Any]:
    """What js/three-w-map.js draws; its words are translated here."""
    return {
        "locations": [
            {
                "name": point.name,
                "countryCode": point.country,
                "lat": point.latitude,
                "lng": point.longitude,
                "count": point.count,
                "stage": point.stage,
                "label": ngettext("{name}: {count} activity", "{name}: {count} activities", point.count).format(
                    name=point.name, count=point.count
                ),
                "url": _link(request, (("location", point.slug),)),
            }
            for point in places.points
        ],
        "geo": {"world": static("geo/world.geojson"), "pilot": static("geo/pilot-countries.geojson")},
        "labels": {
            "open": _("Show these activities"),
            "attribution": _("Outlines: Natural Earth"),
            "zoomIn": _("Zoom in"),
            "zoomOut": _("Zoom out"),
        },
    }


@require_GET
@login_required
@vary_on_headers("HX-Request", "HX-Target")
def three_w(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    rows = selectors.three_w_rows(viewer=request.user, filters=filters)
    table = ThreeWTable(rows, region_id=LIST_ANCHOR, caption=_("Who does what, where and when"))
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    count = len(rows)
    count_text = ngettext("{count} row", "{count} rows", count).format(count=count)
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == table.region_id:
        return render(
            request,
            "includes/list_region.html",
            {"table": table, "region_id": table.region_id, "count_text": count_text},
        )
    pivot_form = PivotForm(request.GET or None)
    rows_by, columns_by = pivot_form.dimensions()
    matrix = selectors.pivot(rows, rows_by=rows_by, columns_by=columns_by)
    places = selectors.places(rows)
    return render(
        request,
        "coordination/three_w.html",
        {
            "filter_form": form,
            "pivot_form": pivot_form,
            "matrix": matrix,
            "matrix_rows": [
                (head, [(n, _link(request, params)) for n, params in cells]) for head, cells in matrix.rows
            ],
            "activities": len({row.key for row in rows}),
            "places": places,
            "map_data": _map_data(request, places),
            "table": table,
            "region_id": table.region_id,
            "count_text": count_text,
            "matrix_title": _("Activities: {rows} by {columns}").format(
                rows=selectors.ROW_DIMENSIONS[matrix.rows_by], columns=selectors.COLUMN_DIMENSIONS[matrix.columns_by]
            ),
            "list_url": reverse("coordination:three_w"),
        },
    )


EXPORT_COLUMNS: list[tuple[Any, str, Any]] = [
    (gettext_lazy("Partner"), "#org+name", lambda r: r.partner),
    (gettext_lazy("Role"), "#org+role", lambda r: r.role_label),
    (gettext_lazy("Sectors"), "#sector", lambda r: r.sector_labels),
    (gettext_lazy("Activity"), "#activity+name", lambda r: r.activity),
    (gettext_lazy("Kind"), "#activity+type", lambda r: r.kind_label),
    (gettext_lazy("Activity key"), "#activity+code", lambda r: r.key),
    (gettext_lazy("Country"), "#country+code", lambda r: r.country),
    (gettext_lazy("Pilot location"), "#loc+name", lambda r: r.location_name),
    (gettext_lazy("Outcome"), "#activity+outcome", lambda r: r.outcome_label),
    (gettext_lazy("4Cs risks"), "#activity+risk", lambda r: r.risk_labels),
    (gettext_lazy("Start"), "#date+start", lambda r: r.start),
    (gettext_lazy("End"), "#date+end", lambda r: r.end),
    (gettext_lazy("Status"), "#status", lambda r: r.status_label),
    (gettext_lazy("Indicator"), "#indicator+name", lambda r: r.indicator),
]


@require_GET
@login_required
def three_w_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The filtered 3W as XLSX or CSV with an HXL hashtag row; the download is audited."""
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    _form, filters = _filters(request)
    rows: list[ThreeWRow] = selectors.three_w_rows(viewer=request.user, filters=filters)
    audit_record(
        action=AuditEvent.Action.EXPORT,
        acting_user=request.user,
        object_type="coordination.threew",
        object_repr="3W / 4W",
        changes={"filters": {k: str(v)[:200] for k, v in filters.items()}, "format": fmt, "rows": len(rows)},
    )
    return export_response(
        filename="3w",
        headers=[str(header) for header, _hxl, _value in EXPORT_COLUMNS],
        hxl=[hxl for _header, hxl, _value in EXPORT_COLUMNS],
        rows=([value(row) for _header, _hxl, value in EXPORT_COLUMNS] for row in rows),
        fmt=fmt,
        sheet_title="3W",
    )
