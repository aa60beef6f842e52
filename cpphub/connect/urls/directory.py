"""Page URLs of the directory area of Connect: the public directory, a service's page, keeping the directory."""

from django.urls import URLPattern, path, re_path

from cpphub.connect.views import directory as views

urlpatterns: list[URLPattern] = [
    path("directory/", views.directory, name="directory"),
    re_path(r"^directory/export\.(?P<fmt>csv|xlsx)$", views.directory_export, name="directory_export"),
    path("services/<uuid:pk>/", views.service_detail, name="service_detail"),
    path("services/<uuid:pk>/edit/", views.service_edit, name="service_edit"),
    path("providers/", views.provider_list, name="provider_list"),
    re_path(r"^providers/export\.(?P<fmt>csv|xlsx)$", views.provider_export, name="provider_export"),
    path("providers/new/", views.provider_new, name="provider_new"),
    path("providers/<uuid:pk>/", views.provider_detail, name="provider_detail"),
    path("providers/<uuid:pk>/edit/", views.provider_edit, name="provider_edit"),
    path("providers/<uuid:pk>/services/new/", views.service_new, name="service_new"),
    path("providers/<uuid:pk>/locations/new/", views.location_new, name="location_new"),
    path("locations/<uuid:pk>/edit/", views.location_edit, name="location_edit"),
]
