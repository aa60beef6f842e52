from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cpphub.audit.context import reset_client_ip, set_client_ip


def request_ip(request: HttpRequest) -> str | None:
    """The client address. Behind a proxy, REMOTE_ADDR is set by the proxy config."""
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_client_ip(request_ip(request))
        try:
            return self.get_response(request)
        finally:
            reset_client_ip(token)
