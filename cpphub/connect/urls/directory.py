"""Page URLs of the directory area of Connect."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
