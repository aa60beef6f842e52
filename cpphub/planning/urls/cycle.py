"""Page URLs of Engage, Plan, Create: cycle."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
