"""The OpenAPI schema of the accounts endpoints generates without warnings."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator


def test_the_accounts_api_schema_has_no_warnings_or_errors():
    patterns = [path("api/v1/", include(("cpphub.accounts.api_urls", "api")))]
    GENERATOR_STATS.reset()

    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)

    assert not GENERATOR_STATS, dict(GENERATOR_STATS._warn_cache) | dict(GENERATOR_STATS._error_cache)
    assert {"/api/v1/me/", "/api/v1/users/", "/api/v1/users/{id}/", "/api/v1/memberships/"} <= set(schema["paths"])
