"""Page URLs of the Map stage: imports of submissions, paper-form entry and the row-level submissions."""

from django.urls import URLPattern, path

from cpphub.mapping.views import imports as views

urlpatterns: list[URLPattern] = [
    path("instruments/<int:pk>/import/", views.ImportCreate.as_view(), name="import_create"),
    path("instruments/<int:pk>/enter/", views.SubmissionEnter.as_view(), name="submission_enter"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("submissions/", views.submission_list, name="submission_list"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
]
