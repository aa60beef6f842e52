"""The ``changes`` of an audit event as rows a person can read.

A write stores ``{field: [old, new]}`` (see :func:`cpphub.audit.services.diff`);
other events (an export) store plain values such as ``{"rows": 12}``. Both are
shown the same way on the pages and in the exports.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ChangeRow:
    field: str
    old: str
    new: str
    is_change: bool  # old → new; otherwise ``new`` is a plain value


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    return str(value)


def change_rows(changes: Any) -> list[ChangeRow]:
    if not isinstance(changes, dict):
        return [ChangeRow(field="", old="", new=as_text(changes), is_change=False)] if changes else []
    rows = []
    for field, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            rows.append(ChangeRow(field=str(field), old=as_text(value[0]), new=as_text(value[1]), is_change=True))
        else:
            rows.append(ChangeRow(field=str(field), old="", new=as_text(value), is_change=False))
    return rows


def changes_text(changes: Any) -> str:
    """One line per field, ``field: old → new``, for a spreadsheet cell."""
    lines = []
    for row in change_rows(changes):
        value = f"{row.old} → {row.new}" if row.is_change else row.new
        lines.append(f"{row.field}: {value}" if row.field else value)
    return "\n".join(lines)
