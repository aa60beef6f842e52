"""Page URLs of the policies area of Connect."""

from django.urls import URLPattern, path

from cpphub.connect.views import policies as views

urlpatterns: list[URLPattern] = [
    path("policies/", views.policy_list, name="policy_list"),
    path("policies/<int:country_pk>/", views.policy_edit, name="policy_edit"),
]
