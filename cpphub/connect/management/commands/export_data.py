"""``cpphub export hsds --out DIR [--include-confidential]``: the directory as Open Referral HSDS 3.0 files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpphub.connect.services import hsds


class Command(BaseCommand):
    help = (
        "Export the service directory as HSDS 3.0 files (organizations.json, services.json, "
        "service_at_locations.json). Public by default; --include-confidential for operators' backups."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["hsds"], help="What to export: hsds (the service directory).")
        parser.add_argument("--out", required=True, help="The directory to write the files to (made if missing).")
        parser.add_argument(
            "--include-confidential",
            action="store_true",
            help="Also write direct lines and confidential addresses (for backups; keep the files safe).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = hsds.write_export(options["out"], include_confidential=options["include_confidential"])
        except OSError as exc:
            raise CommandError(f"Cannot write to {options['out']}: {exc.strerror or exc}") from exc
        summary = ", ".join(f"{count} in {name}" for name, count in counts.items())
        note = " (with confidential fields)" if options["include_confidential"] else ""
        self.stdout.write(f"Exported HSDS 3.0 to {options['out']}{note}: {summary}.")
