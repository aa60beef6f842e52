from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from cpphub.connect.api import directory, hsds, numbers, pathways, policies, referrals

router = SimpleRouter()
for _module in (directory, hsds, pathways, policies, referrals, numbers):
    for _prefix, _viewset, _basename in _module.ROUTES:
        router.register(_prefix, _viewset, basename=_basename)

urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    *directory.urlpatterns,
    *hsds.urlpatterns,
    *pathways.urlpatterns,
    *policies.urlpatterns,
    *referrals.urlpatterns,
    *numbers.urlpatterns,
]
