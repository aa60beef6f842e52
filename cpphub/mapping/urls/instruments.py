"""Page URLs of the Map stage: instruments."""

from django.urls import URLPattern, path  # noqa: F401

urlpatterns: list[URLPattern] = []
