"""Tables out of CPP Hub: every list exports to CSV and XLSX the same way.

``export_response`` takes headers and rows (already scoped to the viewer by a
selector) and answers a download. Cells that a spreadsheet would run as a
formula are neutralised (OWASP CSV injection); an optional HXL hashtag row
follows the header row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

FORMATS = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class UnknownFormat(ValueError):
    pass


def cell(value: Any) -> Any:
    """A value as it should appear in a spreadsheet cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, list | tuple | set):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def _csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], hxl: Sequence[str] | None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(h) for h in headers])
    if hxl:
        writer.writerow(hxl)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    # A byte-order mark so that Excel opens Portuguese and Thai text correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], hxl: Sequence[str] | None, sheet_title: str
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31] or "Sheet1"
    sheet.append([str(h) for h in headers])
    for c in sheet[1]:
        c.font = Font(bold=True)
    if hxl:
        sheet.append(list(hxl))
    for row in rows:
        sheet.append([cell(v) for v in row])
    sheet.freeze_panes = "A3" if hxl else "A2"
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = min(max(len(str(header)) + 4, 12), 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(
    *,
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: str,
    hxl: Sequence[str] | None = None,
    sheet_title: str = "",
) -> HttpResponse:
    """A download of the table as ``fmt`` ("csv" or "xlsx"), named ``filename``.<fmt>."""
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(_csv_bytes(headers, rows, hxl), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            _xlsx_bytes(headers, rows, hxl, sheet_title or filename), content_type=XLSX_CONTENT_TYPE
        )
    else:
        raise UnknownFormat(fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response
