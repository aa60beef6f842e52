"""``cpphub bench``: run the benchmarks of a source checkout (benchmarks/run.py)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Run the benchmarks in benchmarks/ on a throw-away database and print each result "
        "as a ratio against a reference measured in the same run."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("areas", nargs="*", help="Only these benchmarks: registry, ingest, riskmap.")

    def handle(self, *args: Any, **options: Any) -> None:
        script = settings.PROJECT_DIR / "benchmarks" / "run.py"
        if not script.exists():
            raise CommandError("No benchmarks here: they are part of the source checkout (benchmarks/run.py).")
        result = subprocess.run([sys.executable, str(script), *options["areas"]], check=False)  # noqa: S603 - our own script
        if result.returncode:
            raise CommandError(f"The benchmarks failed (exit status {result.returncode}).")
