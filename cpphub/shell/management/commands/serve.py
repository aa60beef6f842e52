"""``cpphub serve``: migrate, load the demo into an empty database, and serve CPP Hub."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cpphub.demo.console import print_sign_ins
from cpphub.demo.selectors import demo_sign_ins
from cpphub.demo.services import demo_partnership_load
from cpphub.partnership.models import Organisation


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise CommandError(f"--port must be a number from 1 to 65535, not {value!r}")
    return port


def _host(value: str) -> str:
    if value == "localhost":
        return value
    try:
        return str(ipaddress.ip_address(value))
    except ValueError as exc:
        raise CommandError(f"--host must be an IP address or localhost, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Start CPP Hub on this machine: apply database migrations, load the demo partnership when the database "
        "has no organisations, print the demo sign-ins and run the development web server, with the worker "
        "that runs background jobs (large imports) beside it."
    )
    # runserver runs the system checks itself.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
        parser.add_argument("--port", default="8000", help="Port to listen on (default 8000).")
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo into an empty database.")
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start the worker that runs background jobs."
        )
        parser.add_argument(
            "--reload", action="store_true", help="Restart the server when the code changes (for development)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "cpphub serve is the development server; in production run gunicorn cpphub.wsgi behind TLS"
            )
        host, port = _host(options["host"]), _port(options["port"])
        worker = None
        # With --reload Django runs this command again in a child process: prepare (and start the worker) once.
        if os.environ.get("RUN_MAIN") != "true":
            self._prepare(load_demo=not options["no_demo"], verbosity=options["verbosity"])
            worker = None if options["no_worker"] else self._start_worker()
            address = f"[{host}]" if ":" in host else host
            self.stdout.write(f"CPP Hub is running on http://{address}:{port}")
            self.stdout.write("Press Ctrl-C to stop it.")
        try:
            call_command(
                "runserver",
                f"{host}:{port}",
                use_reloader=options["reload"],
                use_ipv6=":" in host,
                verbosity=options["verbosity"],
            )
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()

    @staticmethod
    def _start_worker() -> subprocess.Popen[bytes]:
        """The background job worker (django-tasks' db_worker), in its own process; it ends with the server."""
        return subprocess.Popen([sys.executable, "-m", "cpphub.cli", "db_worker"])

    def _prepare(self, *, load_demo: bool, verbosity: int) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        if load_demo and not Organisation.objects.exists():
            result = demo_partnership_load(acting_user=None)
            if verbosity > 0:
                self.stdout.write(f"Demo partnership loaded: {result.summary()}.")
        if verbosity > 0:
            sign_ins = demo_sign_ins()
            if sign_ins:
                print_sign_ins(self.stdout, sign_ins, settings.DEMO_PASSWORD)
