"""The people-and-access table as it is exported to CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from cpphub.accounts.models import User


def people_headers() -> list[str]:
    return [
        _("Email address"),
        _("Full name"),
        _("Active"),
        _("Two-factor sign-in"),
        _("Memberships"),
        _("Last sign-in"),
        _("Joined"),
    ]


def people_rows(users: Iterable[User]) -> list[list[Any]]:
    """One row per person; memberships as "role · organisation · scope" separated by semicolons."""
    rows = []
    for user in users:
        memberships = [
            f"{m.get_role_display()} · {m.organisation} · {m.scope_label}"
            for m in getattr(user, "active_memberships", [])
        ]
        rows.append(
            [
                user.email,
                user.full_name,
                user.is_active,
                bool(getattr(user, "has_two_factor", False)),
                memberships,
                user.last_login,
                user.date_joined,
            ]
        )
    return rows
