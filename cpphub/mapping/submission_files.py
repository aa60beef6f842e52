"""Reading a submissions file into records: KoboToolbox/ODK JSON, and CSV or XLSX exports.

Each record is a dict keyed as Kobo keys it (``about/age_band``, ``_uuid``,
``meta/instanceID``...), numbered as the user sees it: a spreadsheet row
counts its header (the first record is row 2), a JSON record counts from 1.
A file that cannot be read raises a ValidationError with a one-line reason.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cpphub.mapping.models import Submission

# The key under which a record carries its row number through the import (see ``SubmissionFile.records``).
ROW_KEY = "__row__"
SUFFIXES = {".json": Submission.Source.KOBO_JSON, ".csv": Submission.Source.CSV, ".xlsx": Submission.Source.XLSX}


@dataclass
class SubmissionFile:
    source: str
    rows: list[tuple[int, dict[str, Any]]]

    def records(self) -> list[dict[str, Any]]:
        """The records, each carrying its row number under ``ROW_KEY`` (as ``submissions_ingest`` reads it)."""
        return [{ROW_KEY: number, **record} for number, record in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def source_of(file_name: str) -> str:
    """The submission source a file name stands for, or a ValidationError for any other kind of file."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(
            _("{name} is not a submissions file: upload Kobo JSON (.json), .csv or .xlsx.").format(name=file_name),
            code="suffix",
        )
    return SUFFIXES[suffix]


def read_submissions(*, file_name: str, content: bytes) -> SubmissionFile:
    """The records of an uploaded file, numbered as the user sees them."""
    source = source_of(file_name)
    if not content.strip():
        raise ValidationError(_("The file {name} is empty.").format(name=file_name), code="empty")
    if source == Submission.Source.KOBO_JSON:
        rows = _json_rows(content)
    elif source == Submission.Source.CSV:
        rows = _csv_rows(content)
    else:
        rows = _xlsx_rows(content)
    if not rows:
        raise ValidationError(_("The file {name} holds no submissions.").format(name=file_name), code="empty")
    return SubmissionFile(source=source, rows=rows)


def _json_rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The JSON file is not UTF-8 text."), code="encoding") from exc
    except json.JSONDecodeError as exc:
        raise ValidationError(
            _("The JSON file is cut short or malformed at line {line}, column {column}: {reason}.").format(
                line=exc.lineno, column=exc.colno, reason=exc.msg
            ),
            code="json",
        ) from exc
    results = data.get("results") if isinstance(data, dict) else data
    if not isinstance(results, list):
        raise ValidationError(
            _("The JSON file is not Kobo's data: expected a list of submissions or an object with results."),
            code="json",
        )
    rows = []
    for number, record in enumerate(results, start=1):
        if not isinstance(record, dict):
            raise ValidationError(
                _("Record {row} of the JSON file is not a submission (an object).").format(row=number), code="json"
            )
        rows.append((number, record))
    return rows


def _text(value: Any) -> Any:
    """A spreadsheet cell as the text Kobo would have sent: 12.0 -> "12", dates in ISO format."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _table(rows: Iterator[tuple[Any, ...]]) -> list[tuple[int, dict[str, Any]]]:
    """Records from a header row and data rows; blank rows are left out but keep their numbers."""
    header = next(rows, None)
    if header is None:
        return []
    columns = [_text(cell) or "" for cell in header]
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            raise ValidationError(
                _("Column {column} appears twice in the header row.").format(column=column), code="header"
            )
        seen.add(column)
    records = []
    for number, row in enumerate(rows, start=2):
        record = {}
        for position, cell in enumerate(row):
            value = _text(cell)
            if value in (None, ""):
                continue
            if position >= len(columns) or not columns[position]:
                raise ValidationError(
                    _("Row {row} has a value in a column without a name (column {position}).").format(
                        row=number, position=position + 1
                    ),
                    code="header",
                )
            record[columns[position]] = value
        if record:
            records.append((number, record))
    return records


def _csv_rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The CSV file is not UTF-8 text: export it again as UTF-8."), code="encoding") from exc
    first_line = text.split("\n", 1)[0]
    # Kobo's CSV exports separate with ";" by default; others use ",". The header row says which.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        return _table(tuple(row) for row in reader)
    except csv.Error as exc:
        raise ValidationError(_("The CSV file cannot be read: {reason}.").format(reason=exc), code="csv") from exc


def _xlsx_rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(
            _("The file is not a readable XLSX spreadsheet: export it again from Kobo as .xlsx."), code="unreadable"
        ) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            return []
        return _table(sheet.iter_rows(values_only=True))
    except ValidationError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(
            _("The file is not a readable XLSX spreadsheet: export it again from Kobo as .xlsx."), code="unreadable"
        ) from exc
    finally:
        book.close()
