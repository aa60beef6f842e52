"""A list page: a django-tables2 table with its filters, paginated, re-rendered in place by HTMX."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails
from django_tables2 import RequestConfig

PAGE_SIZE = 25


def list_page(
    request: Any,
    *,
    table: Any,
    filter_form: Any,
    template: str,
    count_text: Callable[[int], str],
    **context: Any,
) -> HttpResponse:
    """``template`` with the table, or only the table's region when HTMX asks for that region."""
    RequestConfig(request, paginate={"per_page": PAGE_SIZE}).configure(table)
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    partial = bool(htmx) and htmx is not None and htmx.target == table.region_id
    return render(
        request,
        "includes/list_region.html" if partial else template,
        {
            "table": table,
            "filter_form": filter_form,
            "list_url": request.path,
            "region_id": table.region_id,
            "count_text": count_text(table.paginator.count),
            **context,
        },
    )
