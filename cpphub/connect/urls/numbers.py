"""Page URLs of the numbers area of Connect, and the data protection officer's "who saw this record"."""

from django.urls import URLPattern, path, re_path

from cpphub.connect.views import numbers, who_saw

urlpatterns: list[URLPattern] = [
    path("numbers/", numbers.numbers_page, name="numbers"),
    re_path(r"^numbers/export\.(?P<fmt>csv|xlsx)$", numbers.numbers_export, name="numbers_export"),
    path("who-saw/", who_saw.who_saw_page, name="who_saw"),
    re_path(r"^who-saw/export\.(?P<fmt>csv|xlsx)$", who_saw.who_saw_export, name="who_saw_export"),
]
