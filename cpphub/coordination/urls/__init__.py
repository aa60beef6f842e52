"""Page URLs of bringing both together (namespace ``coordination``), one module per area."""

from cpphub.coordination.urls import actions, allocation, synergies, three_w

app_name = "coordination"
urlpatterns = [*synergies.urlpatterns, *actions.urlpatterns, *allocation.urlpatterns, *three_w.urlpatterns]
