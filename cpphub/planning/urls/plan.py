"""Page URLs of Engage, Plan, Create: plan."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
