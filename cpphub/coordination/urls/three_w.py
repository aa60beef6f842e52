"""Page URLs: three_w."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
