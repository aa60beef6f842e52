from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from cpphub.national.api import engagements, mnr

router = SimpleRouter()
for _module in (engagements, mnr):
    for _prefix, _viewset, _basename in _module.ROUTES:
        router.register(_prefix, _viewset, basename=_basename)

urlpatterns: list[URLPattern | URLResolver] = [*router.urls, *engagements.urlpatterns, *mnr.urlpatterns]
