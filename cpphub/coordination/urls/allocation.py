"""Page URLs of the allocation: capacities and needs, settings, the optimiser's runs and their versions."""

from django.urls import URLPattern, path, re_path

from cpphub.coordination.views import allocation as views

urlpatterns: list[URLPattern] = [
    path("resources/", views.resource_overview, name="resource_overview"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("partners/<int:pk>/capacities/", views.capacity_edit, name="capacity_edit"),
    re_path(r"^needs/(?P<kind>local|commitment|coordinated)/(?P<pk>[0-9]+)/$", views.need_edit, name="need_edit"),
    path("allocations/settings/", views.allocation_settings, name="allocation_settings"),
    path("allocations/", views.allocation_list, name="allocation_list"),
    path("allocations/run/", views.allocation_run, name="allocation_run"),
    path("allocations/<int:pk>/", views.allocation_detail, name="allocation_detail"),
    path("allocations/<int:pk>/resolve/", views.allocation_resolve, name="allocation_resolve"),
    path("allocations/<int:pk>/accept/", views.allocation_accept, name="allocation_accept"),
    re_path(
        r"^allocations/(?P<pk>[0-9]+)/export\.(?P<fmt>csv|xlsx)$", views.allocation_export, name="allocation_export"
    ),
]
