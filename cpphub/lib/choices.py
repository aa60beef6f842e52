"""Codes stored in JSON lists (risks, target groups, ...) shown by their translated names."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def choice_labels(codes: Iterable[Any] | None, choices: Any) -> list[str]:
    """The names of ``codes`` in ``choices`` (a TextChoices' ``.choices``); an unknown code stays as it is."""
    names = dict(choices)
    return [str(names.get(code, code)) for code in codes or []]
