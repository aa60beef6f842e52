"""``cpphub import-submissions FILE --instrument ID``: import Kobo/ODK submissions (JSON, CSV, XLSX) into the map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from cpphub.mapping.models import Instrument, MappingSession
from cpphub.mapping.services.submissions import submissions_ingest
from cpphub.mapping.submission_files import read_submissions
from cpphub.partnership.models import PilotLocation


def _one_line(error: ValidationError) -> str:
    return " ".join(" ".join(message.split()) for message in error.messages)


class Command(BaseCommand):
    help = (
        "Import the submissions of an instrument from KoboToolbox/ODK: the JSON of Kobo's data API, or a CSV or "
        "XLSX export. Atomic: a bad file changes nothing and the error names the row and the column. A "
        "submission already imported (same uuid) is skipped. A column that looks like it holds names, phone "
        "numbers or emails is refused unless it is dropped (--drop) or pseudonymised (--pseudonymise)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The submissions file (.json, .csv or .xlsx).")
        parser.add_argument("--instrument", required=True, type=int, metavar="ID", help="Id of the instrument.")
        parser.add_argument(
            "--location", metavar="SLUG", help="Short name of the pilot location (for a partnership template)."
        )
        parser.add_argument("--session", type=int, metavar="ID", help="Id of the mapping session (sets the round).")
        parser.add_argument("--round", type=int, help="Mapping round when there is no session (default 1).")
        parser.add_argument(
            "--drop", action="append", default=[], metavar="COLUMN", help="Leave out an identifying column."
        )
        parser.add_argument(
            "--pseudonymise",
            action="append",
            default=[],
            metavar="COLUMN",
            help="Replace the values of an identifying column by stable pseudonyms.",
        )

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("Cannot read {file}: {reason}").format(file=file, reason=exc.strerror)) from exc
        instrument = Instrument.objects.filter(pk=options["instrument"]).select_related("location").first()
        if instrument is None:
            raise CommandError(_("No instrument has the id {id}.").format(id=options["instrument"]))
        location = self._location(instrument, options.get("location"))
        session = None
        if options.get("session"):
            session = MappingSession.objects.filter(pk=options["session"], location=location).first()
            if session is None:
                raise CommandError(
                    _("No mapping session {id} in {location}.").format(id=options["session"], location=location)
                )
        actions = dict.fromkeys(options["drop"], "drop")
        actions.update(dict.fromkeys(options["pseudonymise"], "pseudonymise"))
        console = Console(stderr=True)
        try:
            data = read_submissions(file_name=path.name, content=content)
            with Progress(
                TextColumn(_("Importing")),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            ) as bar:
                task = bar.add_task("import", total=len(data))
                result = submissions_ingest(
                    instrument=instrument,
                    location=location,
                    records=data.records(),
                    source=data.source,
                    acting_user=None,
                    session=session,
                    round=options.get("round"),
                    column_actions=actions,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
        except ValidationError as exc:
            raise CommandError(_one_line(exc)) from exc
        self.stdout.write(
            _("Imported {created} submissions ({skipped} already there, {declined} without consent).").format(
                created=result.created, skipped=result.skipped, declined=result.declined
            )
        )

    @staticmethod
    def _location(instrument: Instrument, slug: str | None) -> PilotLocation:
        if instrument.location is not None:
            if slug and slug != instrument.location.slug:
                raise CommandError(
                    _("Instrument {id} belongs to {location}.").format(id=instrument.pk, location=instrument.location)
                )
            return instrument.location
        if not slug:
            raise CommandError(
                _("Instrument {id} is a partnership template: say which location with --location.").format(
                    id=instrument.pk
                )
            )
        location = PilotLocation.objects.filter(slug=slug).first()
        if location is None:
            raise CommandError(_("No pilot location has the short name {slug}.").format(slug=slug))
        return location
