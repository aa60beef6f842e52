"""Rows of the permission table for the risk and strength map: suppressed aggregates, every member."""

from __future__ import annotations

from tests.permission_policies import MEMBER, Row

ROWS: dict[str, Row] = {
    "mapping:riskmap": Row(MEMBER),
    "mapping:riskmap_export": Row(MEMBER, kwargs=lambda w: {"fmt": "xlsx"}),
    "api:riskmap": Row(MEMBER),
}
