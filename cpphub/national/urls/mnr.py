"""Page URLs of the MNR self-assessment: the aggregate, and an assessment's details for its country's own."""

from django.urls import URLPattern, path, re_path

from cpphub.national.views import mnr as views

urlpatterns: list[URLPattern] = [
    path("mnr/", views.mnr_overview, name="mnr_overview"),
    path("mnr/new/", views.mnr_create, name="mnr_create"),
    path("mnr/<int:pk>/", views.mnr_detail, name="mnr_detail"),
    path("mnr/<int:pk>/edit/", views.mnr_edit, name="mnr_edit"),
    re_path(r"^mnr/(?P<pk>[0-9]+)/export\.(?P<fmt>csv|xlsx)$", views.mnr_export, name="mnr_export"),
]
