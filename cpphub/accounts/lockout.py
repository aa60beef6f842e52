"""Lockout after repeated failed sign-ins (django-axes), fitted to the two-factor sign-in.

The sign-in form is the first step of django-two-factor-auth's wizard, so its
fields arrive as ``auth-username`` and ``auth-password``, while Django's
``authenticate()`` and its ``user_login_failed`` signal speak of ``username``.
Axes reads the attempted account through :func:`attempted_email`, which
understands both, so that an account is locked by its email address whatever
the form calls the field, and however the email is capitalised.
"""

from __future__ import annotations

import math
from typing import Any

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

# The names the attempted email can travel under, most specific first.
_USERNAME_KEYS = ("auth-username", "username", "email")


def attempted_email(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str | None:
    """The email address a sign-in attempt was for, lower-cased; None when there is none."""
    sources: list[Any] = []
    if credentials:
        sources.append(credentials)
    if request is not None:
        sources.append(getattr(request, "data", None) or request.POST)
    for source in sources:
        for key in _USERNAME_KEYS:
            value = source.get(key)
            if value:
                return str(value).strip().lower()
    return None


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page shown instead of the sign-in form while an account or address is locked."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": minutes,
        "retry_at": timezone.now() + cool_off if cool_off else None,
    }
    return render(
        request, "accounts/locked_out.html", context, status=getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    )
