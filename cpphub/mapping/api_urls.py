from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from cpphub.mapping.api import imports, instruments, records, riskmap

router = SimpleRouter()
for _module in (instruments, records, imports, riskmap):
    for _prefix, _viewset, _basename in _module.ROUTES:
        router.register(_prefix, _viewset, basename=_basename)

urlpatterns: list[URLPattern | URLResolver] = [
    *router.urls,
    *instruments.urlpatterns,
    *records.urlpatterns,
    *imports.urlpatterns,
    *riskmap.urlpatterns,
]
