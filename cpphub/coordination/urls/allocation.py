"""Page URLs: allocation."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
