"""Page URLs: engagements."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
