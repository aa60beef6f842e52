"""Page URLs of the Map stage: the risk and strength map and its downloads."""

from django.urls import URLPattern, path, re_path

from cpphub.mapping.views import riskmap as views

urlpatterns: list[URLPattern] = [
    path("map/", views.riskmap_page, name="riskmap"),
    re_path(r"^map/export\.(?P<fmt>csv|xlsx)$", views.riskmap_export, name="riskmap_export"),
]
