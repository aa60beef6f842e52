"""Permission rows of the service directory and its HSDS files, built on providers that are not partners.

Everyone, signed in or not, reads the directory, a service's page, the exports
and the HSDS API. Coordinators (and superusers) keep the directory: the
providers' register, the forms and the HSDS import. A partner's caseworkers
keep their own organisation's entries, but the providers built here are not
partners, so for these rows only coordinators write.
"""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.permission_policies import MANAGER, PUBLIC, Row

READ = ("GET",)
WRITE = ("GET", "POST")
READ_PATCH = ("GET", "PATCH")


def _fmt(w: World) -> dict[str, Any]:
    return {"fmt": "xlsx"}


def _shelter(w: World) -> Any:
    from cpphub.connect.tests import records

    return records.shelter(w)


def service(w: World) -> dict[str, Any]:
    return {"pk": _shelter(w).service_id}


def provider(w: World) -> dict[str, Any]:
    return {"pk": _shelter(w).service.organisation_id}


def location(w: World) -> dict[str, Any]:
    return {"pk": _shelter(w).location_id}


def link(w: World) -> dict[str, Any]:
    return {"pk": _shelter(w).pk}


ROWS: dict[str, Row] = {
    # The public directory
    "connect:directory": Row(PUBLIC),
    "connect:directory_export": Row(PUBLIC, kwargs=_fmt),
    "connect:service_detail": Row(PUBLIC, kwargs=service),
    "connect:hsds_export": Row(PUBLIC),
    # Keeping the directory
    "connect:service_edit": Row(MANAGER, WRITE, service),
    "connect:provider_list": Row(MANAGER),
    "connect:provider_export": Row(MANAGER, kwargs=_fmt),
    "connect:provider_new": Row(MANAGER, WRITE),
    "connect:provider_detail": Row(MANAGER, kwargs=provider),
    "connect:provider_edit": Row(MANAGER, WRITE, provider),
    "connect:service_new": Row(MANAGER, WRITE, provider),
    "connect:location_new": Row(MANAGER, WRITE, provider),
    "connect:location_edit": Row(MANAGER, WRITE, location),
    "connect:hsds_import": Row(MANAGER, WRITE),
    # API: everyone reads, coordinators write
    "api:service-list": Row(PUBLIC, WRITE, write_policy=MANAGER),
    "api:service-detail": Row(PUBLIC, READ_PATCH, service, write_policy=MANAGER),
    "api:service-provider-list": Row(PUBLIC, WRITE, write_policy=MANAGER),
    "api:service-provider-detail": Row(PUBLIC, READ_PATCH, provider, write_policy=MANAGER),
    # The HSDS API: public, read-only
    "api:hsds-root": Row(PUBLIC),
    "api:hsds-services": Row(PUBLIC),
    "api:hsds-service": Row(PUBLIC, kwargs=service),
    "api:hsds-organizations": Row(PUBLIC),
    "api:hsds-organization": Row(PUBLIC, kwargs=provider),
    "api:hsds-service-at-locations": Row(PUBLIC),
    "api:hsds-service-at-location": Row(PUBLIC, kwargs=link),
}
