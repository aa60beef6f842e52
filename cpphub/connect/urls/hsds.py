"""Page URLs of the hsds area of Connect."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
