"""Permission rows of Connect's numbers (suppressed aggregates, every member) and the DPO's "who saw this record"."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import AUDIT, MEMBER, Row


def _fmt(w: World) -> dict[str, Any]:
    return {"fmt": "xlsx"}


ROWS: dict[str, Row] = {
    "connect:numbers": Row(MEMBER),
    "connect:numbers_export": Row(MEMBER, kwargs=_fmt),
    "api:referral_numbers": Row(MEMBER),
    "connect:who_saw": Row(AUDIT),
    "connect:who_saw_export": Row(AUDIT, kwargs=_fmt),
}
