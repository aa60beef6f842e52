"""Page URLs of Connect (namespace ``connect``), one module per area."""

from cpphub.connect.urls import directory, hsds, numbers, pathways, policies, referrals

app_name = "connect"
urlpatterns = [
    *directory.urlpatterns,
    *hsds.urlpatterns,
    *pathways.urlpatterns,
    *policies.urlpatterns,
    *referrals.urlpatterns,
    *numbers.urlpatterns,
]
