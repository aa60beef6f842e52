"""Page URLs of Engage, Plan, Create: create."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
