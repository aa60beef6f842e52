"""The demo sign-ins as a table on the console (``cpphub demo`` and ``cpphub serve``)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence

from django.core.management.base import OutputWrapper
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cpphub.demo.selectors import DemoSignIn


def sign_ins_table(sign_ins: Sequence[DemoSignIn]) -> Table:
    table = Table()
    table.add_column("Email", no_wrap=True)
    table.add_column("Role")
    table.add_column("Scope")
    table.add_column("Two-factor", justify="center")
    for row in sign_ins:
        table.add_row(*(escape(cell) for cell in (row.email, row.role, row.scope)), "yes" if row.two_factor else "no")
    return table


def print_sign_ins(out: OutputWrapper, sign_ins: Sequence[DemoSignIn], password: str) -> None:
    """Print the table, the shared password and what two-factor means at first sign-in."""
    buffer = io.StringIO()
    terminal = out.isatty()
    # A pipe or a log file gets a width that fits the table rather than rich's 80 columns.
    width = shutil.get_terminal_size().columns if terminal else 120
    console = Console(file=buffer, width=width, force_terminal=terminal, highlight=False)
    if sign_ins:
        console.print("Demo sign-ins")
        console.print(sign_ins_table(sign_ins))
        console.print(f"Password for every demo sign-in: [bold]{escape(password)}[/bold]")
        console.print(
            "The demo's mapping data is synthetic. A facilitator sees the submissions of their own pilot "
            "location; everyone else sees the risk map's suppressed counts."
        )
    if any(row.two_factor for row in sign_ins):
        console.print(
            "Sign-ins marked 'yes' under Two-factor enrol an authenticator app (TOTP) at their first sign-in."
        )
    out.write(buffer.getvalue(), ending="")
