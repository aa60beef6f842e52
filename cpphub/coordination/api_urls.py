from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from cpphub.coordination.api import actions, allocation, synergies, three_w

router = SimpleRouter()
for _module in (synergies, actions, allocation, three_w):
    for _prefix, _viewset, _basename in _module.ROUTES:
        router.register(_prefix, _viewset, basename=_basename)

urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    *synergies.urlpatterns,
    *actions.urlpatterns,
    *allocation.urlpatterns,
    *three_w.urlpatterns,
]
