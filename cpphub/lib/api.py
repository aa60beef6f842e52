"""The API's side of the domain services: their refusals become a 400 that names the fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings

T = TypeVar("T")


def through_service(write: Callable[[], T]) -> T:
    """Run a write service; its validation errors become a 400 naming the fields."""
    try:
        return write()
    except DjangoValidationError as exc:
        detail = serializers.as_serializer_error(exc)
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        raise serializers.ValidationError(detail) from exc
