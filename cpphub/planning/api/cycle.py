"""API of Engage, Plan, Create: cycle."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern

# (prefix, viewset, basename) for the router, and any plain paths.
ROUTES: list[tuple[str, Any, str]] = []
urlpatterns: list[URLPattern] = []
