from django.urls import path, re_path

from cpphub.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    re_path(r"^events/export\.(?P<fmt>csv|xlsx)$", views.event_export, name="event_export"),
    path("access/", views.access_list, name="access_list"),
    re_path(r"^access/export\.(?P<fmt>csv|xlsx)$", views.access_export, name="access_export"),
]
