"""The numbers of referrals (suppressed aggregates) for every partnership member: page and export.

Every number comes from ``selectors/numbers.py`` already protected; a withheld
number is shown as ``<k`` (fewer than k) or ``*`` (hidden so that a small one
cannot be worked out), and is an empty cell in the exports.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cpphub.audit.services import export_record
from cpphub.connect.models import Referral
from cpphub.connect.selectors import numbers as selectors
from cpphub.lib.tabular import FORMATS, export_response
from cpphub.mapping.templatetags.riskmap import published
from cpphub.partnership.models import Country, PilotLocation

HXL = [
    "#meta+breakdown",
    "#meta+group",
    "#indicator+referrals+made",
    "#indicator+referrals+accepted",
    "#indicator+referrals+completed",
    "#indicator+cases+served",
    "#indicator+days+median",
    "#indicator+referrals+due",
    "#indicator+referrals+intime",
    "#indicator+referrals+intime+pct",
]


def _headers() -> list[str]:
    labels = [
        _("Breakdown"),
        _("Group"),
        _("Referrals made"),
        _("Accepted"),
        _("Completed"),
        _("Cases that reached a service"),
        _("Median days from identification to first service"),
        _("Answers due"),
        _("Answered within the deadline"),
        _("Share answered within the deadline"),
    ]
    return labels


def _numbers(request: HttpRequest) -> selectors.Numbers:
    try:
        params = selectors.numbers_params(request.GET)
    except selectors.BadParams as exc:
        raise BadRequest(str(exc)) from exc
    try:
        return selectors.referral_numbers(viewer=request.user, params=params)
    except selectors.NoAccess as exc:
        raise PermissionDenied from exc


def _stat(stat: selectors.Stat, k: int, kind: str) -> SafeString:
    if stat.suppressed:  # "n<10": not the median or share itself, which may be any value, but what it rests on
        text = _("Hidden to protect children: it rests on fewer than {k} referrals.").format(k=k)
        return format_html('<abbr class="count hidden-count" title="{}">n&lt;{}</abbr>', text, k)
    if stat.value is None:
        return mark_safe('<span class="count">–</span>')
    if kind == "share":
        return format_html('<span class="count">{}%</span>', number_format(round(stat.value * 100), 0))
    return format_html('<span class="count">{}</span>', number_format(stat.value, 1 if stat.value % 1 else 0))


def _row(group: selectors.Group, k: int) -> dict[str, Any]:
    return {
        "label": group.label,
        "cells": [
            published(group.made, k),
            published(group.accepted, k),
            published(group.completed, k),
            _stat(group.median_days, k, "days"),
            _stat(group.in_time_share, k, "share"),
        ],
    }


@require_GET
@login_required
def numbers_page(request: HttpRequest) -> HttpResponse:
    try:
        params = selectors.numbers_params(request.GET)
        error = ""
    except selectors.BadParams as exc:
        params, error = selectors.Params(), str(exc)
    try:
        numbers = selectors.referral_numbers(viewer=request.user, params=params)
    except selectors.NoAccess as exc:
        raise PermissionDenied from exc
    k = numbers.k
    query = urlencode({key: value for key, value in params.as_filters().items() if value})
    downloads = [
        (fmt.upper(), reverse("connect:numbers_export", kwargs={"fmt": fmt}) + (f"?{query}" if query else ""))
        for fmt in FORMATS
    ]
    return render(
        request,
        "connect/numbers.html",
        {
            "numbers": numbers,
            "params": params,
            "error": error,
            "k": k,
            "largest": k - 1,
            "by_location": [_row(g, k) for g in numbers.by_location],
            "total": _row(numbers.total, k),
            "by_sex": [_row(g, k) for g in numbers.by_sex],
            "by_age_band": [_row(g, k) for g in numbers.by_age_band],
            "locations": PilotLocation.objects.select_related("country").order_by("name"),
            "countries": Country.objects.order_by("name"),
            "downloads": downloads,
        },
    )


@require_GET
@login_required
def numbers_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise BadRequest("unknown format")
    numbers = _numbers(request)
    rows = selectors.export_rows(numbers)
    export_record(
        acting_user=request.user, model=Referral, fmt=fmt, rows=len(rows), filters=numbers.params.as_filters()
    )
    return export_response(
        filename="referral-numbers",
        headers=_headers(),
        hxl=HXL,
        rows=rows,
        fmt=fmt,
        sheet_title=_("Referral numbers"),
    )
