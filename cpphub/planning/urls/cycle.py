"""Page URLs of Engage, Plan, Create: the cycle of each location, the partnership board, scaling out."""

from django.urls import URLPattern, path

from cpphub.planning.views import cycle as views

urlpatterns: list[URLPattern] = [
    path("board/", views.board, name="board"),
    path("locations/<int:pk>/cycle/", views.cycle, name="cycle"),
    path("locations/<int:pk>/stage-move/", views.stage_move, name="stage_move"),
    path("locations/<int:pk>/checklist/", views.checklist_edit, name="checklist_edit"),
    path("locations/new/", views.location_new_from, name="location_new_from"),
]
