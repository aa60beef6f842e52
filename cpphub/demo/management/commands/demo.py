"""``cpphub demo``: load the demo partnership and print its sign-ins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpphub.demo.console import print_sign_ins
from cpphub.demo.selectors import demo_sign_ins
from cpphub.demo.services import demo_partnership_load


class Command(BaseCommand):
    help = (
        "Load the demo partnership (the 13 CPP organisations, 6 pilot locations, 3 phases, synthetic contacts "
        "and one demo user per role) and print the demo sign-ins. Safe to run again: it updates, never duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even though CPPHUB_PRODUCTION is true (its users share a published password).",
        )

    def handle(self, *args: Any, allow_production: bool = False, **options: Any) -> None:
        if settings.PRODUCTION and not allow_production:
            raise CommandError(
                "refusing to load the demo in production: its users share a published password "
                "(pass --allow-production to load it anyway)"
            )
        password = settings.DEMO_PASSWORD
        try:
            validate_password(password)
        except ValidationError as exc:
            raise CommandError(f"CPPHUB_DEMO_PASSWORD is not acceptable: {' '.join(exc.messages)}") from exc
        result = demo_partnership_load(acting_user=None, password=password)
        if options["verbosity"] > 0:
            state = "loaded" if result.changed else "already up to date"
            self.stdout.write(f"Demo partnership {state}: {result.summary()}.")
            print_sign_ins(self.stdout, demo_sign_ins(), password)
