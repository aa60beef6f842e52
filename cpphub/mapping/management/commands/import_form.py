"""``cpphub import-form FILE --location SLUG``: import an XLSForm as an instrument of the Map stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cpphub.mapping.models import Choice, Question
from cpphub.mapping.services.instruments import instrument_import
from cpphub.partnership.models import PilotLocation


class Command(BaseCommand):
    help = (
        "Import an XLSForm (.xlsx, .xls or .csv) as an instrument of the Map stage, with its questions, "
        "choices and translations. Without --location it is a template for the whole partnership."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The XLSForm file.")
        parser.add_argument("--location", metavar="SLUG", help="Short name of the pilot location it belongs to.")

    def handle(self, *args: Any, file: str, location: str | None = None, **options: Any) -> None:
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(_("Cannot read {file}: {reason}").format(file=file, reason=exc.strerror)) from exc
        pilot_location = None
        if location:
            pilot_location = PilotLocation.objects.filter(slug=location).first()
            if pilot_location is None:
                raise CommandError(_("No pilot location has the short name {slug}.").format(slug=location))
        try:
            instrument = instrument_import(
                file_name=path.name, content=content, location=pilot_location, acting_user=None
            )
        except ValidationError as exc:
            raise CommandError(" ".join(" ".join(message.split()) for message in exc.messages)) from exc
        questions = instrument.questions.filter(kind=Question.Kind.QUESTION).count()
        choices = Choice.objects.filter(question__instrument=instrument).count()
        self.stdout.write(
            _("Imported instrument {title}: {questions} questions, {choices} choices, languages {languages}").format(
                title=instrument.title,
                questions=questions,
                choices=choices,
                languages=", ".join(instrument.languages),
            )
        )
