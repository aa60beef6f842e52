"""Page URLs of coordinated actions: the list and its exports, one action, its contributions and milestones."""

from django.urls import URLPattern, path, re_path

from cpphub.coordination.views import actions as views

urlpatterns: list[URLPattern] = [
    path("actions/", views.action_list, name="action_list"),
    re_path(r"^actions/export\.(?P<fmt>csv|xlsx)$", views.action_export, name="action_export"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("actions/<int:pk>/contributions/new/", views.contribution_add, name="action_contribution_add"),
    path(
        "actions/<int:pk>/contributions/<int:contribution>/edit/",
        views.contribution_edit,
        name="action_contribution_edit",
    ),
    path(
        "actions/<int:pk>/contributions/<int:contribution>/delete/",
        views.contribution_delete,
        name="action_contribution_delete",
    ),
    path("actions/<int:pk>/milestones/new/", views.milestone_add, name="action_milestone_add"),
    path("actions/<int:pk>/milestones/<int:milestone>/done/", views.milestone_done, name="action_milestone_done"),
]
