"""Page URLs of the referrals area of Connect: cases, consent, notes, referrals."""

from django.urls import URLPattern, path

from cpphub.connect.views import referrals as views

urlpatterns: list[URLPattern] = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<int:pk>/", views.case_detail, name="case_detail"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    path("cases/<int:pk>/consent/new/", views.consent_new, name="consent_new"),
    path("cases/<int:pk>/consent/<int:consent_pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("cases/<int:pk>/notes/new/", views.note_new, name="note_new"),
    path("cases/<int:pk>/refer/", views.referral_new, name="referral_new"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/overdue/", views.overdue_list, name="overdue_list"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/<str:action>/", views.referral_respond, name="referral_respond"),
]
