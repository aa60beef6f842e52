"""Page URLs of the national work: the overview, meetings, priorities, strengths, expectations, commitments."""

from django.urls import URLPattern, path, re_path

from cpphub.national.views import engagements as views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("meetings/", views.engagement_list, name="engagement_list"),
    re_path(r"^meetings/export\.(?P<fmt>csv|xlsx)$", views.engagement_export, name="engagement_export"),
    path("meetings/new/", views.engagement_create, name="engagement_create"),
    path("meetings/<int:pk>/", views.engagement_detail, name="engagement_detail"),
    path("meetings/<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
    path("priorities/", views.priority_list, name="priority_list"),
    re_path(r"^priorities/export\.(?P<fmt>csv|xlsx)$", views.priority_export, name="priority_export"),
    path("priorities/new/", views.priority_create, name="priority_create"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("strengths/", views.strength_list, name="strength_list"),
    re_path(r"^strengths/export\.(?P<fmt>csv|xlsx)$", views.strength_export, name="strength_export"),
    path("strengths/new/", views.strength_create, name="strength_create"),
    path("strengths/<int:pk>/edit/", views.strength_edit, name="strength_edit"),
    path("expectations/new/", views.expectation_create, name="expectation_create"),
    path("expectations/<int:pk>/edit/", views.expectation_edit, name="expectation_edit"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    re_path(r"^commitments/export\.(?P<fmt>csv|xlsx)$", views.commitment_export, name="commitment_export"),
    path("commitments/new/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/edit/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/done/", views.commitment_done, name="commitment_done"),
]
