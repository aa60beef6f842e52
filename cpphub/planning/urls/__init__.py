"""Page URLs of Engage, Plan and Create (namespace ``planning``), one module per area."""

from cpphub.planning.urls import create, cycle, engage, plan

app_name = "planning"
urlpatterns = [*engage.urlpatterns, *plan.urlpatterns, *create.urlpatterns, *cycle.urlpatterns]
