"""Rows of the permission table, one module per area, each with a ``ROWS: dict[str, Row]``."""

from __future__ import annotations

import importlib
import pkgutil

from tests.permission_policies import Row


def collect_rows() -> dict[str, Row]:
    rows: dict[str, Row] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        overlap = set(rows) & set(module.ROWS)
        assert not overlap, f"{module_info.name} names rows another module names: {overlap}"
        rows.update(module.ROWS)
    return rows
