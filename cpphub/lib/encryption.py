"""Encryption at rest of identifying (class A) fields.

A field declared as :class:`EncryptedTextField` is stored as a Fernet token
(AES-128-CBC with an HMAC-SHA256, random IV): the database, its backups and its
files never hold the clear value. The keys come from the environment
(``CPPHUB_FIELD_KEYS``, comma-separated, newest first; see ``settings.py``):
new values are encrypted with the first key, and any of the keys decrypts, so a
key is rotated by putting a new one first, running ``cpphub rotate-key`` (which
re-encrypts every value with it) and then removing the old one.

Encrypted values cannot be searched or ordered in the database; look records
up by their non-identifying reference instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction

# Every token starts with the Fernet version byte, base64-encoded.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - not a secret: the public version marker of Fernet tokens


class DecryptionError(ImproperlyConfigured):
    """A stored value no configured key decrypts: a key was removed before ``cpphub rotate-key`` ran."""


def generate_key() -> str:
    return Fernet.generate_key().decode()


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("No field encryption key: set CPPHUB_FIELD_KEYS.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "CPPHUB_FIELD_KEYS holds a key that is not a Fernet key (32 url-safe base64 bytes)."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError(
            "An encrypted value cannot be read with the configured keys (CPPHUB_FIELD_KEYS); "
            "put back the key it was written with."
        ) from exc


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Free text stored encrypted. The empty string stays empty, so "not given" needs no key."""

    encrypted = True
    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_lookup(self, lookup_name: str) -> Any:
        # A token is different every time: only "is it given" can be asked of the database.
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)


def encrypted_fields() -> Iterator[tuple[type[models.Model], list[str]]]:
    """Every model that holds encrypted fields, with the names of those fields."""
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]
        if names:
            yield model, names


def rotate(*, batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt every encrypted value with the first key; returns the rows rewritten per model.

    Each model is rewritten in one transaction, so a failure leaves it as it was.
    """
    rewritten: dict[str, int] = {}
    for model, names in encrypted_fields():
        manager = model._base_manager
        with transaction.atomic():
            # Read, decrypted with whichever key wrote it; written back, encrypted with the first key.
            rows = list(manager.select_for_update().only("pk", *names))
            for start in range(0, len(rows), batch_size):
                manager.bulk_update(rows[start : start + batch_size], names)
        rewritten[model._meta.label] = len(rows)
    return rewritten
