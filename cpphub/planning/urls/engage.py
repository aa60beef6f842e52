"""Page URLs of the Engage stage: the stakeholder register and grid, the engagement log and follow-ups."""

from django.urls import URLPattern, path, re_path

from cpphub.planning.views import engage as views

urlpatterns: list[URLPattern] = [
    path("engage/", views.engage_home, name="engage_home"),
    path("stakeholders/", views.stakeholder_list, name="stakeholder_list"),
    re_path(r"^stakeholders/export\.(?P<fmt>csv|xlsx)$", views.stakeholder_export, name="stakeholder_export"),
    path("stakeholders/new/", views.stakeholder_create, name="stakeholder_create"),
    path("stakeholders/grid/", views.stakeholder_grid, name="stakeholder_grid"),
    path("stakeholders/<int:pk>/", views.stakeholder_detail, name="stakeholder_detail"),
    path("stakeholders/<int:pk>/edit/", views.stakeholder_edit, name="stakeholder_edit"),
    path("stakeholders/<int:pk>/active/", views.stakeholder_set_active, name="stakeholder_set_active"),
    path("stakeholders/<int:pk>/move/", views.stakeholder_move, name="stakeholder_move"),
    path("engagements/", views.engagement_list, name="engagement_list"),
    re_path(r"^engagements/export\.(?P<fmt>csv|xlsx)$", views.engagement_export, name="engagement_export"),
    path("engagements/new/", views.engagement_create, name="engagement_create"),
    path("engagements/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("engagements/<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
    path("engagements/<int:pk>/follow-ups/", views.followup_create, name="followup_create"),
    path("follow-ups/<int:pk>/done/", views.followup_done, name="followup_done"),
]
