from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from cpphub.planning.api import create, cycle, engage, plan

router = SimpleRouter()
for _module in (engage, plan, create, cycle):
    for _prefix, _viewset, _basename in _module.ROUTES:
        router.register(_prefix, _viewset, basename=_basename)

urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    *engage.urlpatterns,
    *plan.urlpatterns,
    *create.urlpatterns,
    *cycle.urlpatterns,
]
