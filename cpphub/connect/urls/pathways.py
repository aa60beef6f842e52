"""Page URLs of the pathways area of Connect."""

from django.urls import URLPattern, path, re_path

from cpphub.connect.views import pathways as views

urlpatterns: list[URLPattern] = [
    path("pathways/", views.pathway_list, name="pathway_list"),
    path("pathways/new/", views.pathway_create, name="pathway_new"),
    path("pathways/<int:pk>/", views.pathway_detail, name="pathway_detail"),
    path("pathways/<int:pk>/edit/", views.pathway_edit, name="pathway_edit"),
    re_path(r"^pathways/(?P<pk>\d+)/poster-(?P<lang>en|pt-br|th)\.pdf$", views.pathway_poster, name="pathway_poster"),
]
