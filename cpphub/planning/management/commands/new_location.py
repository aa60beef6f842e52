"""``cpphub new-location --from SLUG --name NAME --country CODE``: start a pilot location from an existing one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.translation import gettext as _

from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.services.scale_out import location_from_template


class Command(BaseCommand):
    help = (
        "Start a new pilot location at the Map stage from an existing one: its instruments, scoring weights, "
        "stage checklist and action templates are copied; never data about people or children."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from", dest="template", metavar="SLUG", required=True, help="Short name of the template location."
        )
        parser.add_argument("--name", required=True, help="Name of the new location.")
        parser.add_argument(
            "--country", required=True, help="Its country: ISO code (e.g. BR) or name, already in the registry."
        )
        parser.add_argument(
            "--slug", default="", help="Short name of the new location; made from the name if left out."
        )
        parser.add_argument("--admin-area", default="", help="Administrative area (state, province).")

    def handle(
        self,
        *args: Any,
        template: str,
        name: str,
        country: str,
        slug: str = "",
        admin_area: str = "",
        **options: Any,
    ) -> None:
        source = PilotLocation.objects.filter(slug=template).first()
        if source is None:
            raise CommandError(_("No pilot location has the short name {slug}.").format(slug=template))
        wanted = country.strip()
        found = Country.objects.filter(Q(code__iexact=wanted) | Q(name__iexact=wanted)).first()
        if found is None:
            raise CommandError(
                _("No country {country} in the registry: add it (with its languages) first.").format(country=wanted)
            )
        try:
            result = location_from_template(
                template=source, name=name, slug=slug, country=found, admin_area=admin_area, acting_user=None
            )
        except ValidationError as exc:
            raise CommandError(" ".join(" ".join(message.split()) for message in exc.messages)) from exc
        self.stdout.write(result.summary())
