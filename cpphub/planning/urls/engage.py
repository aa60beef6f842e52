"""Page URLs of Engage, Plan, Create: engage."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
