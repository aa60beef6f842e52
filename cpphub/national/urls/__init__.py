"""Page URLs of the top-down work (namespace ``national``), one module per area."""

from cpphub.national.urls import engagements, mnr

app_name = "national"
urlpatterns = [*engagements.urlpatterns, *mnr.urlpatterns]
