"""The registry's endpoints are fully described in the OpenAPI schema, without warnings."""

from __future__ import annotations

from django.urls import include, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from cpphub.partnership import api_urls

RESOURCES = ["organisations", "countries", "locations", "phases", "contacts"]


def test_the_registry_schema_validates_and_generates_without_warnings():
    GENERATOR_STATS.reset()
    patterns = [path("api/v1/", include((api_urls.urlpatterns, "api")))]

    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)

    validate_schema(schema)
    assert not GENERATOR_STATS, "drf-spectacular warned while describing the registry"
    for resource in RESOURCES:
        assert set(schema["paths"][f"/api/v1/{resource}/"]) == {"get", "post"}
        assert set(schema["paths"][f"/api/v1/{resource}/{{id}}/"]) == {"get", "put", "patch"}  # no delete
    organisation = schema["components"]["schemas"]["Organisation"]["properties"]
    assert organisation["sectors"]["items"] == {"$ref": "#/components/schemas/SectorEnum"}
    assert set(schema["components"]["schemas"]["SectorEnum"]["enum"]) >= {"ngo", "law_enforcement", "childrens_group"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/organisations/"]["get"]["parameters"]}
    assert parameters >= {"search", "sector", "country", "level", "role", "is_active", "ordering", "page"}
