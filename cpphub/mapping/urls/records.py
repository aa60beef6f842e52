"""Page URLs of the Map stage: records."""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
