"""API: mnr."""

from typing import Any

from django.urls import URLPattern

# (prefix, viewset, basename) for the router.
ROUTES: list[tuple[str, Any, str]] = []
urlpatterns: list[URLPattern] = []
