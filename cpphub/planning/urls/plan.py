"""Page URLs of Engage, Plan, Create: plan (planning workshops, priorities, scoring, ranking, weights)."""

from django.urls import URLPattern, path

from cpphub.planning.views import plan as views

urlpatterns: list[URLPattern] = [
    path("workshops/", views.workshop_list, name="workshop_list"),
    path("workshops/new/", views.workshop_create, name="workshop_create"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/edit/", views.workshop_edit, name="workshop_edit"),
    path("workshops/<int:pk>/participation/", views.participation_create, name="participation_create"),
    path("workshop-participation/<int:pk>/remove/", views.participation_delete, name="participation_delete"),
    path("workshops/<int:pk>/bring-findings/", views.workshop_bring_findings, name="workshop_bring_findings"),
    path("workshops/<int:pk>/priorities/new/", views.priority_create, name="priority_create"),
    path("workshops/<int:pk>/rank/", views.workshop_rank, name="workshop_rank"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/score/", views.priority_score, name="priority_score"),
    path("priorities/<int:pk>/remove/", views.priority_delete, name="priority_delete"),
    path("locations/<int:pk>/weights/", views.planning_weights, name="planning_weights"),
]
