"""API of the policies area of Connect."""

from typing import Any

from django.urls import URLPattern

ROUTES: list[tuple[str, Any, str]] = []
urlpatterns: list[URLPattern] = []
