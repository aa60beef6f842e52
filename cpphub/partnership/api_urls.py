from rest_framework.routers import SimpleRouter

from cpphub.partnership import api

router = SimpleRouter()
router.register("organisations", api.OrganisationViewSet, basename="organisation")
router.register("countries", api.CountryViewSet, basename="country")
router.register("locations", api.LocationViewSet, basename="location")
router.register("phases", api.PhaseViewSet, basename="phase")
router.register("contacts", api.ContactViewSet, basename="contact")

urlpatterns = router.urls
