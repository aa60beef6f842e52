"""Page URLs of the synergy finder: the list, one synergy, running the finder and the decisions."""

from django.urls import URLPattern, path

from cpphub.coordination.views import synergies as views

urlpatterns: list[URLPattern] = [
    path("synergies/", views.synergy_list, name="synergy_list"),
    path("synergies/find/", views.synergy_find, name="synergy_find"),
    path("synergies/<int:pk>/", views.synergy_detail, name="synergy_detail"),
    path("synergies/<int:pk>/accept/", views.synergy_accept, name="synergy_accept"),
    path("synergies/<int:pk>/dismiss/", views.synergy_dismiss, name="synergy_dismiss"),
    path("synergies/<int:pk>/reopen/", views.synergy_reopen, name="synergy_reopen"),
]
