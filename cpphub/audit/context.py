"""The request being served, so that write services can record the address.

Services take ``acting_user`` explicitly; the client address is ambient
context that the middleware sets per request (and that is empty in the CLI).
"""

from __future__ import annotations

from contextvars import ContextVar

_client_ip: ContextVar[str | None] = ContextVar("cpphub_client_ip", default=None)


def set_client_ip(ip: str | None) -> object:
    return _client_ip.set(ip)


def reset_client_ip(token: object) -> None:
    _client_ip.reset(token)  # type: ignore[arg-type]


def client_ip() -> str | None:
    return _client_ip.get()
