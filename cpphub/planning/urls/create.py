"""Page URLs of the Create stage: action plans, actions, progress, exports."""

from django.urls import URLPattern, path, re_path

from cpphub.planning.views import create as views

urlpatterns: list[URLPattern] = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/timeline/", views.plan_timeline, name="plan_timeline"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    re_path(r"^plans/(?P<pk>[0-9]+)/export\.(?P<fmt>csv|xlsx)$", views.plan_export, name="plan_export"),
    path("plans/<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("plans/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
    path("actions/<int:pk>/progress/new/", views.progress_create, name="progress_create"),
]
