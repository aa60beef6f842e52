"""Page URLs of the Map stage: sessions and groups, participants and consent, findings, settings."""

from django.urls import URLPattern, path, re_path

from cpphub.mapping.views import records as views

urlpatterns: list[URLPattern] = [
    path("", views.mapping_home, name="home"),
    path("sessions/", views.session_list, name="session_list"),
    path("sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:pk>/groups/", views.group_create, name="group_create"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
    path("participants/", views.participant_list, name="participant_list"),
    path("participants/new/", views.participant_create, name="participant_create"),
    path("participants/<int:pk>/", views.participant_detail, name="participant_detail"),
    path("participants/<int:pk>/consents/new/", views.consent_create, name="consent_create"),
    path("participants/<int:pk>/withdraw/", views.participant_withdraw_page, name="participant_withdraw"),
    path("consent-rules/<int:pk>/", views.consent_rules, name="consent_rules"),
    path("findings/", views.finding_list, name="finding_list"),
    re_path(r"^findings/export\.(?P<fmt>csv|xlsx)$", views.finding_export, name="finding_export"),
    path("findings/new/", views.finding_create, name="finding_create"),
    path("findings/<int:pk>/", views.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/edit/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/carry-forward/", views.finding_carry_forward, name="finding_carry_forward"),
    path("settings/", views.mapping_settings, name="settings"),
]
