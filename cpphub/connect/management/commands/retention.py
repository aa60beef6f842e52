"""``cpphub retention [--dry-run]``: anonymise or delete closed cases past their country's retention period."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cpphub.connect.services.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise (or delete, per the country's referral policy) the closed cases whose retention period "
        "has passed, and report per country what was done. Open cases are never touched."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report what would be done; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        report = apply_retention(dry_run=dry_run)
        verbs = {
            "anonymise": ("would anonymise" if dry_run else "anonymised"),
            "delete": ("would delete" if dry_run else "deleted"),
        }
        for entry in report.countries:
            verb = verbs.get(entry.action, entry.action)
            line = (
                f"{entry.country.name} ({entry.country.code}): keep closed cases {entry.days} days; "
                f"{verb} {entry.count} case(s) closed before {entry.cutoff:%Y-%m-%d}"
            )
            if entry.references:
                line += ": " + ", ".join(entry.references)
            self.stdout.write(line)
        summary = f"{'Dry run: ' if dry_run else ''}{report.total} case(s) {'due' if dry_run else 'handled'} in total."
        self.stdout.write(self.style.SUCCESS(summary))
