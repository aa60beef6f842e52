"""Page URLs of the hsds area of Connect: the public HSDS download and the coordinators' import."""

from django.urls import URLPattern, path

from cpphub.connect.views import hsds as views

urlpatterns: list[URLPattern] = [
    path("directory/hsds.zip", views.hsds_export, name="hsds_export"),
    path("directory/import/", views.hsds_import, name="hsds_import"),
]
