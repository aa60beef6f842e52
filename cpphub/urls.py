from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cpphub.adminsite import restrict_admin_to_superusers

restrict_admin_to_superusers(admin.site)

api_v1: list[URLPattern | URLResolver] = [
    path("", include("cpphub.accounts.api_urls")),
    path("", include("cpphub.partnership.api_urls")),
    path("", include("cpphub.audit.api_urls")),
    path("", include("cpphub.mapping.api_urls")),
    path("", include("cpphub.planning.api_urls")),
    path("", include("cpphub.national.api_urls")),
    path("", include("cpphub.coordination.api_urls")),
    path("", include("cpphub.connect.api_urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("", include("cpphub.shell.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("cpphub.accounts.two_factor_urls")),  # namespace "two_factor"
    path("", include("cpphub.accounts.urls")),  # namespace "accounts"
    path("partnership/", include("cpphub.partnership.urls")),
    path("audit/", include("cpphub.audit.urls")),
    path("mapping/", include("cpphub.mapping.urls")),
    path("planning/", include("cpphub.planning.urls")),
    path("national/", include("cpphub.national.urls")),
    path("coordination/", include("cpphub.coordination.urls")),
    path("connect/", include("cpphub.connect.urls")),
    path("api/v1/", include((api_v1, "api"))),
    path("admin/", admin.site.urls),
]
