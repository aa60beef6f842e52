"""The risk and strength map page and its downloads: suppressed aggregates only."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cpphub.audit.services import export_record
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.mapping.models import Perspective, RiskDimension
from cpphub.mapping.selectors import riskmap as selectors
from cpphub.mapping.selectors.access import access_mapping
from cpphub.mapping.selectors.riskmap_tables import TABLES, riskmap_table, table_titles
from cpphub.partnership.models import PilotLocation


def _query(params: selectors.Params, **extra: str) -> str:
    values = {
        "location": params.location.slug if params.location else "",
        "round": str(params.round or ""),
        "perspective": params.perspective,
        "by": ",".join(params.by),
        **extra,
    }
    return urlencode({name: value for name, value in values.items() if value})


@require_GET
@login_required
def riskmap_page(request: HttpRequest) -> HttpResponse:
    access_mapping(request.user)
    query = request.GET.copy()
    if "by" not in query:
        query["by"] = "age_band,sex"
    try:
        params = selectors.riskmap_params(query)
    except selectors.BadParams as exc:
        return render(request, "mapping/riskmap_error.html", {"reason": str(exc)}, status=400)
    riskmap = selectors.riskmap(
        viewer=request.user,
        location=params.location,
        round=params.round,
        perspective=params.perspective,
        by=params.by,
    )
    context: dict[str, Any] = {
        "params": params,
        "map": riskmap,
        "locations": PilotLocation.objects.filter(is_active=True).order_by("name"),
        "perspectives": Perspective.choices,
        "comparison": selectors.riskmap_locations(
            viewer=request.user, round=params.round, perspective=params.perspective
        ),
        "items": selectors.riskmap_items(viewer=request.user, riskmap=riskmap, language_code=get_language() or ""),
        "findings": [
            (finding, selectors.finding_codes(finding))
            for finding in selectors.riskmap_findings(viewer=request.user, location=params.location)[:200]
        ],
        "downloads": _downloads(params),
        "chart_data": _chart_data(riskmap),
        "heatmap": _heatmap(riskmap),
        "breakdowns": [(measure, _breakdown(riskmap, measure.table)) for measure in riskmap.measures],
        "dimensions": [str(label) for label in RiskDimension.labels],
    }
    return render(request, "mapping/riskmap.html", context)


def _heatmap(riskmap: selectors.RiskMap) -> list[tuple[str, list[tuple[selectors.Measure, str]]]]:
    """The heat map's rows with each cell's colour class: by published value, withheld cells apart."""
    values = [m.count.value or 0 for row in riskmap.heatmap for m in row.cells if not m.count.suppressed]
    top = max(values, default=0)

    def level(measure: selectors.Measure) -> str:
        if measure.count.suppressed:
            return "heat-hidden"
        value = measure.count.value or 0
        return f"heat-{0 if not value else 1 + min(4, int(4 * value / max(top, 1)))}"

    return [(row.label, [(m, level(m)) for m in row.cells]) for row in riskmap.heatmap]


def _breakdown(riskmap: selectors.RiskMap, table: selectors.Table) -> dict[str, Any]:
    """One key's table as the page shows it: the breakdown asked for, from the one protected table."""
    by, total = riskmap.by, _("Total")
    columns = [selectors.column_label(c) for c in table.columns] if "sex" in by else []
    if "age_band" in by:
        rows = [
            (
                selectors.row_label(riskmap.perspective, r),
                [*(table.cell(r, c) for c in table.columns if "sex" in by), table.row_total(r)],
            )
            for r in table.rows
        ]
    else:
        rows = []
    rows.append((total, [*(table.column_total(c) for c in table.columns if "sex" in by), table.total]))
    return {"columns": [*columns, total], "rows": rows}


def _downloads(params: selectors.Params) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each table's title and its download links, for the map as asked."""
    links = []
    for table, title in table_titles().items():
        query = _query(params, table=table)
        links.append(
            (
                title,
                [
                    (fmt.upper(), reverse("mapping:riskmap_export", kwargs={"fmt": fmt}) + "?" + query)
                    for fmt in FORMATS
                ],
            )
        )
    return links


def _chart_data(riskmap: selectors.RiskMap) -> dict[str, Any]:
    """What the bar charts draw: published values only; a withheld one is null, labelled "<k"."""
    hidden = _("fewer than {k} or hidden").format(k=riskmap.k)

    def series(measures: list[selectors.Measure] | tuple[selectors.Measure, ...]) -> dict[str, Any]:
        return {
            "labels": [
                m.label if not m.count.suppressed else _("{label} (hidden)").format(label=m.label) for m in measures
            ],
            "values": [m.count.value for m in measures],
        }

    return {
        "risks": series(riskmap.top_risks),
        "strengths": series(riskmap.top_strengths),
        "ict": series(selectors.ranked(riskmap.ict)),
        "channels": series(selectors.ranked(riskmap.channels)),
        "text": {"submissions": _("Submissions"), "hidden": hidden},
    }


@require_GET
@login_required
def riskmap_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    access_mapping(request.user)
    try:
        params = selectors.riskmap_params(request.GET)
    except selectors.BadParams as exc:
        return HttpResponseBadRequest(str(exc))
    table = request.GET.get("table") or "heatmap"
    if table not in TABLES:
        return HttpResponseBadRequest(_("Unknown table {table}.").format(table=table[:40]))
    export = riskmap_table(viewer=request.user, params=params, table=table, language_code=get_language() or "")
    export_record(acting_user=request.user, model=export.model, fmt=fmt, rows=len(export.rows), filters=request.GET)
    return export_response(
        filename=f"riskmap-{table}",
        headers=export.headers,
        rows=export.rows,
        fmt=fmt,
        hxl=export.hxl,
        sheet_title=export.title,
    )
