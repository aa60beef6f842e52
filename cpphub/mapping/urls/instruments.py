"""Page URLs of the Map stage: instruments."""

from django.urls import URLPattern, path

from cpphub.mapping.views import instruments as views

urlpatterns: list[URLPattern] = [
    path("instruments/", views.instrument_list, name="instrument_list"),
    path("instruments/import/", views.instrument_import, name="instrument_import"),
    path("instruments/<int:pk>/", views.instrument_detail, name="instrument_detail"),
    path("instruments/<int:pk>/active/", views.instrument_set_active, name="instrument_set_active"),
    path("questions/<int:pk>/tags/", views.question_tag, name="question_tag"),
    path("choices/<int:pk>/tags/", views.choice_tag, name="choice_tag"),
]
