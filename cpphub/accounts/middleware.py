"""Holders of sensitive roles sign in with a second factor, or go no further.

A signed-in person whose memberships require two-factor sign-in
(:func:`permissions.requires_two_factor`) and whose session is not verified
by a device is sent to enrol (no device yet) or to sign in again with their
device (a device, but this session never used it). Only the two-factor flow
itself, signing out, choosing a language, static files and the health check
stay open to them.

API calls that carry a token (``Authorization: Token ...``, checked by DRF inside
the view, which then ignores the session) are left alone; an API call riding on
such a session is refused with a JSON 403 rather than redirected to a page.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect
from two_factor.utils import default_device

from cpphub.accounts import permissions

OPEN_NAMESPACES = frozenset({"two_factor"})
OPEN_VIEW_NAMES = frozenset({"accounts:logout", "set_language", "javascript-catalog", "shell:healthz"})
API_PREFIX = "/api/"
TOKEN_KEYWORD = "token "  # noqa: S105 - DRF's TokenAuthentication keyword, compared case-insensitively


def is_open_path(path: str) -> bool:
    """Pages an unverified holder of a sensitive role may still open."""
    if settings.STATIC_URL and path.startswith(str(settings.STATIC_URL)):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return True  # a 404 page gives nothing away
    return bool(OPEN_NAMESPACES & set(match.namespaces)) or match.view_name in OPEN_VIEW_NAMES


def carries_api_token(request: HttpRequest) -> bool:
    """An API call authenticated by its token, not by the session cookie."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    return request.path_info.startswith(API_PREFIX) and header.lower().startswith(TOKEN_KEYWORD)


def second_factor_url(user: object, path: str) -> str:
    """Where to get the second factor: enrolment, or a fresh sign-in with the device."""
    # The same test as the sign-in wizard, which asks for a code only from the "default" device.
    if default_device(user) is not None:
        return f"{reverse('two_factor:login')}?{urlencode({'next': path})}"
    return reverse("two_factor:setup")


class TwoFactorEnforcementMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]
            and permissions.requires_two_factor(user)
            and not carries_api_token(request)
            and not is_open_path(request.path_info)
        ):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse(
                {"detail": _("Your role requires two-factor sign-in. Set it up in your account first.")},
                status=403,
            )
        url = second_factor_url(request.user, request.get_full_path())
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
