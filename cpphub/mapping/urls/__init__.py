"""Page URLs of the Map stage (namespace ``mapping``), one module per area."""

from cpphub.mapping.urls import imports, instruments, records, riskmap

app_name = "mapping"
urlpatterns = [*instruments.urlpatterns, *records.urlpatterns, *imports.urlpatterns, *riskmap.urlpatterns]
