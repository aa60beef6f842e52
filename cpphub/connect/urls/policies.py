"""Page URLs of the policies area of Connect."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
