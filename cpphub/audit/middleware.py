from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from cpphub.audit.context import reset_client_ip, set_client_ip


def request_ip(request: HttpRequest) -> str | None:
    """The client's address, for the audit trail, the sign-in lockout and rate limits.

    Directly exposed, that is REMOTE_ADDR. Behind ``TRUSTED_PROXIES`` reverse
    proxies, it is the address the outermost trusted proxy saw, read from the
    right of X-Forwarded-For (entries further left can be forged by the client).
    """
    address = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    if address is None:
        return None
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_client_ip(request_ip(request))
        try:
            return self.get_response(request)
        finally:
            reset_client_ip(token)
