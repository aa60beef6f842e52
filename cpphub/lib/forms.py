"""Forms that write through a domain service: the service's refusals go back onto the form."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def saved(
    form: Any,
    write: Callable[[dict[str, Any]], Any],
    *,
    rename: Mapping[str, str] | None = None,
    field: str | None = None,
) -> Any:
    """``write`` the form's data and return what it returns; on invalid data the form says why and None.

    A service's ValidationError goes onto the form's fields: ``rename`` maps a
    service's field name to the form's where they differ, and ``field`` takes
    the errors that name no field of the form (else they show above the form).
    """
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as exc:
        for name, errors in exc.update_error_dict({}).items():
            name = (rename or {}).get(name, name)
            form.add_error(name if name in form.fields else (field or NON_FIELD_ERRORS), errors)
        return None
