"""``cpphub import hsds DIR``: load Open Referral HSDS 3.0 files into the service directory.

Every object is checked against the HSDS schemas and every reference before
anything is written; then all records are upserted by id in one transaction.
Bad input exits non-zero with a one-line reason and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpphub.connect.services import hsds


class Command(BaseCommand):
    help = (
        "Import HSDS 3.0 files (a directory or zip with organizations.json, services.json, service_at_locations.json)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["hsds"], help="What to import: hsds (the service directory).")
        parser.add_argument("path", help="A directory (or zip) holding the three HSDS files.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = hsds.import_files(hsds.read_directory(options["path"]))
        except hsds.HsdsImportError as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"Cannot read {options['path']}: {exc.strerror or exc}") from exc
        self.stdout.write(f"Imported {counts}.")
