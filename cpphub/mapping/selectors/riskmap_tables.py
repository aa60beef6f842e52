"""The risk map's tables as rows for XLSX and CSV, with HXL hashtags.

Each table comes from the same selectors as the page and the API, so it holds
only published numbers: a withheld count is an empty cell, flagged in the
"suppressed" column with its reason, never a number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from cpphub.mapping.models import Finding, MapCount, Perspective
from cpphub.mapping.selectors.riskmap import (
    Comparison,
    Measure,
    Params,
    RiskMap,
    column_label,
    finding_codes,
    key_label,
    riskmap,
    riskmap_findings,
    riskmap_items,
    riskmap_locations,
    row_label,
)
from cpphub.mapping.suppression import PublishedCount

TABLES = ("heatmap", "strengths", "ict", "channels", "by_group", "locations", "rounds", "items", "findings")

HXL_COUNT = ["#affected+num", "#meta+suppressed", "#meta+reason"]
HXL_KEY = ["#indicator+code", "#indicator+name"]


@dataclass(frozen=True)
class ExportTable:
    title: str
    model: type[models.Model]
    headers: list[str]
    hxl: list[str]
    rows: list[list[Any]]


def table_titles() -> dict[str, str]:
    return {
        "heatmap": _("4Cs heat map"),
        "strengths": _("Strengths"),
        "ict": _("ICT tags"),
        "channels": _("Channels"),
        "by_group": _("By age band and sex"),
        "locations": _("Comparison between locations"),
        "rounds": _("Comparison between rounds"),
        "items": _("Answers per question"),
        "findings": _("Findings"),
    }


def _count_headers() -> list[str]:
    return [_("Submissions"), _("Suppressed"), _("Reason")]


def _count(count: PublishedCount) -> list[Any]:
    """A withheld count is an empty cell with its flag, never a number."""
    if count.suppressed:
        return [None, _("yes"), str(count.reason or "")]
    return [count.value, _("no"), ""]


def _scope(map_: RiskMap) -> list[Any]:
    location = map_.location.name if map_.location else _("All locations")
    round_text = map_.round if map_.round is not None else _("All rounds")
    return [location, round_text, str(Perspective(map_.perspective).label)]


def _scope_headers() -> tuple[list[str], list[str]]:
    return [_("Location"), _("Round"), _("Perspective")], ["#adm2+name", "#meta+round", "#meta+perspective"]


def _measures(map_: RiskMap, measures: tuple[Measure, ...], title: str) -> ExportTable:
    scope, scope_hxl = _scope_headers()
    return ExportTable(
        title=title,
        model=MapCount,
        headers=[*scope, _("Code"), _("Label"), *_count_headers()],
        hxl=[*scope_hxl, *HXL_KEY, *HXL_COUNT],
        rows=[[*_scope(map_), m.key, m.label, *_count(m.count)] for m in measures],
    )


def _heatmap(map_: RiskMap) -> ExportTable:
    scope, scope_hxl = _scope_headers()
    rows = []
    for heat_row in map_.heatmap:
        for measure in heat_row.cells:
            dimension = measure.key.split(":")[1]
            rows.append([*_scope(map_), dimension, heat_row.row, measure.key, measure.label, *_count(measure.count)])
    return ExportTable(
        title=table_titles()["heatmap"],
        model=MapCount,
        headers=[*scope, _("Dimension"), _("Risk row"), _("Code"), _("Label"), *_count_headers()],
        hxl=[*scope_hxl, "#indicator+dimension", "#indicator+row", *HXL_KEY, *HXL_COUNT],
        rows=rows,
    )


def _by_group(map_: RiskMap) -> ExportTable:
    scope, scope_hxl = _scope_headers()
    rows = []
    for measure in map_.measures:
        for group in measure.table.view(map_.by):
            age = row_label(map_.perspective, group.age_band) if group.age_band is not None else _("All")
            sex = column_label(group.sex) if group.sex is not None else _("All")
            rows.append([*_scope(map_), measure.key, measure.label, age, sex, *_count(group.count)])
    return ExportTable(
        title=table_titles()["by_group"],
        model=MapCount,
        headers=[*scope, _("Code"), _("Label"), _("Age band"), _("Sex"), *_count_headers()],
        hxl=[*scope_hxl, *HXL_KEY, "#affected+children+age_band", "#affected+children+sex", *HXL_COUNT],
        rows=rows,
    )


def _comparison(
    comparison: Comparison, column_name: Callable[[Any], str], header: str, hxl: str, title: str
) -> ExportTable:
    rows = []
    for key in comparison.keys:
        for column, count in zip(comparison.columns, comparison.values[key], strict=True):
            rows.append([column_name(column), key, key_label(key), *_count(count)])
    return ExportTable(
        title=title,
        model=MapCount,
        headers=[header, _("Code"), _("Label"), *_count_headers()],
        hxl=[hxl, *HXL_KEY, *HXL_COUNT],
        rows=rows,
    )


def _items(viewer: Any, map_: RiskMap, language_code: str) -> ExportTable:
    scope, scope_hxl = _scope_headers()
    rows = []
    for item in riskmap_items(viewer=viewer, riskmap=map_, language_code=language_code):
        for label, count in item.choices:
            rows.append([*_scope(map_), item.question_id, item.label, label, *_count(count)])
        rows.append([*_scope(map_), item.question_id, item.label, _("All answers"), *_count(item.total)])
    return ExportTable(
        title=table_titles()["items"],
        model=MapCount,
        headers=[*scope, _("Question id"), _("Question"), _("Choice"), *_count_headers()],
        hxl=[*scope_hxl, "#indicator+question+code", "#indicator+question+name", "#indicator+choice", *HXL_COUNT],
        rows=rows,
    )


def _findings(viewer: Any, params: Params) -> ExportTable:
    findings = riskmap_findings(viewer=viewer, location=params.location)
    return ExportTable(
        title=table_titles()["findings"],
        model=Finding,
        headers=[
            _("Location"),
            _("Risk or strength"),
            _("Finding"),
            _("Codes"),
            _("Severity"),
            _("Source"),
            _("Whose view"),
            _("Quote (identifiers removed)"),
        ],
        hxl=[
            "#adm2+name",
            "#indicator+type",
            "#description",
            "#indicator+code",
            "#severity",
            "#meta+source",
            "#meta+perspective",
            "#description+quote",
        ],
        rows=[
            [
                f.location.name,
                f.get_kind_display(),
                f.summary,
                "; ".join(finding_codes(f)),
                f.get_severity_display() if f.severity else "",
                f.get_source_type_display(),
                f.get_perspective_display(),
                f.quote,
            ]
            for f in findings
        ],
    )


def riskmap_table(*, viewer: Any, params: Params, table: str, language_code: str) -> ExportTable:
    """One of ``TABLES`` for the map that ``params`` asks for."""
    if table == "findings":
        return _findings(viewer, params)
    if table == "locations":
        comparison = riskmap_locations(viewer=viewer, round=params.round, perspective=params.perspective)
        return _comparison(
            comparison,
            lambda location: location.name if location else _("All locations"),
            _("Location"),
            "#adm2+name",
            table_titles()["locations"],
        )
    map_ = riskmap(
        viewer=viewer, location=params.location, round=params.round, perspective=params.perspective, by=params.by
    )
    if table == "rounds":
        return _comparison(map_.by_round, str, _("Round"), "#meta+round", table_titles()["rounds"])
    if table == "heatmap":
        return _heatmap(map_)
    if table == "by_group":
        return _by_group(map_)
    if table == "items":
        return _items(viewer, map_, language_code)
    measures = {"strengths": map_.strengths, "ict": map_.ict, "channels": map_.channels}[table]
    return _measures(map_, measures, table_titles()[table])
