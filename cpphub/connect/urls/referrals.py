"""Page URLs of the referrals area of Connect."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
