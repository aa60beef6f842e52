"""Page URLs of the 3W / 4W: who does what, where and when."""

from django.urls import URLPattern, path, re_path

from cpphub.coordination.views import three_w as views

urlpatterns: list[URLPattern] = [
    path("3w/", views.three_w, name="three_w"),
    re_path(r"^3w/export\.(?P<fmt>csv|xlsx)$", views.three_w_export, name="three_w_export"),
]
