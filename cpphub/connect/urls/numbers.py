"""Page URLs of the numbers area of Connect."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
