"""Page URLs of the pathways area of Connect."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
