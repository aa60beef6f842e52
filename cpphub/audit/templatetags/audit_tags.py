from __future__ import annotations

from typing import Any

from django import template

from cpphub.audit.changes import ChangeRow
from cpphub.audit.changes import change_rows as _change_rows

register = template.Library()


@register.filter
def change_rows(changes: Any) -> list[ChangeRow]:
    """``{% for row in event.changes|change_rows %}``: field, old, new, is_change."""
    return _change_rows(changes)
