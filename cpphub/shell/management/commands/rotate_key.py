"""``cpphub rotate-key``: re-encrypt every identifying value with the first key of CPPHUB_FIELD_KEYS.

To rotate: ``cpphub rotate-key --generate`` prints a new key; put it first in
CPPHUB_FIELD_KEYS with the old key after it, restart, run ``cpphub rotate-key``,
check with ``cpphub rotate-key --check``, then drop the old key.
"""

from __future__ import annotations

from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cpphub.lib.encryption import DecryptionError, encrypted_fields, fernet, generate_key, rotate


def _unreadable(keys: list[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Per model: values the first key alone cannot read, and values no key reads (raw, not decrypted)."""
    first = Fernet(keys[0].encode())
    every: MultiFernet = fernet()
    old_only: dict[str, int] = {}
    lost: dict[str, int] = {}
    for model, names in encrypted_fields():
        fields = [f for f in model._meta.concrete_fields if f.name in names]
        columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in fields)
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608 - names from the models, not input
            rows = cursor.fetchall()
        label = model._meta.label
        for row in rows:
            for value in row:
                if not value:
                    continue
                token = str(value).encode()
                try:
                    first.decrypt(token)
                    continue
                except InvalidToken:
                    old_only[label] = old_only.get(label, 0) + 1
                try:
                    every.decrypt(token)
                except InvalidToken:
                    lost[label] = lost.get(label, 0) + 1
    return old_only, lost


class Command(BaseCommand):
    help = (
        "Re-encrypt every identifying value with the first key of CPPHUB_FIELD_KEYS. "
        "--generate prints a new key and the steps of a rotation; --check counts the values "
        "the first key alone cannot read yet."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--generate", action="store_true", help="Print a new key and how to rotate to it.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Count the values the first key alone cannot read (exits non-zero if there are any).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            self._generate()
            return
        keys = list(settings.FIELD_ENCRYPTION_KEYS)
        if not keys:
            raise CommandError("No field encryption key: set CPPHUB_FIELD_KEYS.")
        if options["check"]:
            self._check(keys)
            return
        try:
            rewritten = rotate()
        except DecryptionError as exc:
            raise CommandError(
                "A stored value cannot be read with any key of CPPHUB_FIELD_KEYS: put back the key it was "
                "written with (after the new one) and run rotate-key again. Nothing was changed for that model."
            ) from exc
        for label, count in sorted(rewritten.items()):
            self.stdout.write(f"{label}: {count} rows re-encrypted")
        self.stdout.write(
            self.style.SUCCESS(
                "Every encrypted value now uses the first key. Check with `cpphub rotate-key --check`, "
                "then remove the old keys from CPPHUB_FIELD_KEYS."
            )
        )

    def _generate(self) -> None:
        key = generate_key()
        self.stdout.write(key)
        self.stdout.write(
            "\nTo rotate to this key:\n"
            "  1. Put it first in CPPHUB_FIELD_KEYS and keep the current key after it:\n"
            f"     CPPHUB_FIELD_KEYS={key},<current key>\n"
            "  2. Restart CPP Hub, then run: cpphub rotate-key\n"
            "  3. Check: cpphub rotate-key --check  (0 values left on old keys)\n"
            "  4. Remove the old key from CPPHUB_FIELD_KEYS and restart.\n"
            "Keep the key secret and backed up: without it the identifying data cannot be read."
        )

    def _check(self, keys: list[str]) -> None:
        try:
            old_only, lost = _unreadable(keys)
        except ValueError as exc:
            raise CommandError("CPPHUB_FIELD_KEYS holds a key that is not a Fernet key.") from exc
        for label in sorted(old_only):
            self.stdout.write(f"{label}: {old_only[label]} values not readable by the first key")
        if lost:
            total = sum(lost.values())
            raise CommandError(
                f"{total} values cannot be read with any key of CPPHUB_FIELD_KEYS "
                f"({', '.join(sorted(lost))}): put back the key they were written with."
            )
        total = sum(old_only.values())
        if total:
            raise CommandError(f"{total} values still need the old keys: run `cpphub rotate-key`.")
        self.stdout.write(self.style.SUCCESS("0 values need an old key: every value is readable by the first key."))
