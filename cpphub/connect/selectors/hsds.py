"""The directory as Open Referral HSDS 3.0 objects, and the schemas they must meet.

Mapping (our model -> HSDS):

- ``ServiceOrganisation`` -> organization (with its ``phones`` and all its
  ``locations``; the country as an attribute ``link_type="country"``).
- ``ServiceLocation`` -> location (``location_type`` physical/postal/virtual,
  an ``addresses`` entry for physical and postal places; the confidential flag
  as an attribute ``link_type="address_is_confidential"``).
- ``Service`` -> service (public ``phones``; the opening hours as a
  ``schedules`` entry's description; ``languages``; the categories as
  ``attributes`` whose ``taxonomy_term`` has our category code; pilot
  locations served and how to refer as attributes with a ``value``).
- ``ServiceAtLocation`` -> service_at_location (with the nested location).

Without ``include_confidential`` (the default, and always for the public
API and downloads) an object never holds a direct line, nor the street
address, postal code or position of a location whose address is confidential.
Ids are ours (UUIDs); the ids of nested objects are derived from them, so an
export is the same every time.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet

from cpphub.connect.models import Service, ServiceAtLocation, ServiceCategory, ServiceLocation, ServiceOrganisation

VERSION = "3.0"
PROFILE = "https://openreferral.org/imports/hsds-3.0/"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://cpphub.org/hsds/")
TAXONOMY = "cpphub-child-protection-services"
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy:" + TAXONOMY)
# The three files of an export, and the schema each object of a file meets.
FILES = {
    "organizations.json": "organization.json",
    "services.json": "service.json",
    "service_at_locations.json": "service_at_location.json",
}
LINK_COUNTRY = "country"
LINK_CONFIDENTIAL = "address_is_confidential"
LINK_PILOT_LOCATION = "pilot_location"
LINK_HOW_TO_REFER = "how_to_refer"
LINK_CATEGORY = "service_category"
LINK_PARTNER = "cpphub_partner"
LINK_INACTIVE = "inactive"


def derived_id(owner: Any, what: str) -> str:
    """A stable id for a nested object of ``owner`` (e.g. its phone)."""
    return str(uuid.uuid5(uuid.UUID(str(owner)), what))


def taxonomy_term_id(code: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "service-category:" + code))


def category_codes_by_term_id() -> dict[str, str]:
    return {taxonomy_term_id(code): code for code in ServiceCategory.Code.values}


# Schemas ----------------------------------------------------------------------------------------


def schema_dirs() -> list[Path]:
    """Where the compiled HSDS 3.0 schemas are looked for, in order."""
    here = Path(__file__).resolve().parents[1]
    candidates = [
        getattr(settings, "HSDS_SCHEMA_DIR", None),
        here / "standards" / "hsds-3.0",  # the published schemas, shipped with CPP Hub
    ]
    return [Path(c) for c in candidates if c]


@cache
def schema(name: str) -> dict[str, Any]:
    """The compiled HSDS schema ``name`` (``service.json``...)."""
    for directory in schema_dirs():
        path = directory / name
        if path.is_file():
            loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return loaded
    raise FileNotFoundError(f"HSDS 3.0 schema {name} not found in {', '.join(map(str, schema_dirs()))}")


def validator(name: str) -> Any:
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for

    loaded = schema(name)
    cls = validator_for(loaded, default=_draft())
    return cls(loaded, format_checker=FormatChecker())


def _draft() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator


# Objects ---------------------------------------------------------------------------------------


def _put(target: dict[str, Any], name: str, value: Any) -> None:
    """Set ``name`` unless empty: HSDS checks formats (email, uri), and an empty string is not one."""
    if value not in (None, "", []):
        target[name] = value


def _number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _attribute(owner: Any, link_type: str, entity: str, value: str, key: str = "") -> dict[str, Any]:
    return {
        "id": derived_id(owner, f"attribute:{link_type}:{key or value}"),
        "link_id": str(owner),
        "link_type": link_type,
        "link_entity": entity,
        "value": value,
    }


def taxonomy_term(category: ServiceCategory) -> dict[str, Any]:
    return {
        "id": taxonomy_term_id(category.code),
        "code": category.code,
        "name": str(ServiceCategory.Code(category.code).label),
        "description": str(ServiceCategory.Code(category.code).label),
        "taxonomy": TAXONOMY,
        "taxonomy_id": str(TAXONOMY_ID),
        "language": "en",
    }


def location_object(location: ServiceLocation, *, include_confidential: bool = False) -> dict[str, Any]:
    hidden = location.address_is_confidential and not include_confidential
    made: dict[str, Any] = {
        "id": str(location.pk),
        "location_type": location.kind,
        "organization_id": str(location.organisation_id),
        "name": location.name,
    }
    _put(made, "description", location.description)
    _put(made, "url", location.url)
    if not hidden:
        _put(made, "latitude", _number(location.latitude))
        _put(made, "longitude", _number(location.longitude))
    if location.kind != ServiceLocation.Kind.VIRTUAL:
        made["addresses"] = [
            {
                "id": derived_id(location.pk, "address"),
                "location_id": str(location.pk),
                "address_1": "" if hidden else location.address,
                "city": location.city,
                "state_province": location.region,
                "postal_code": "" if hidden else location.postal_code,
                "country": location.country_code,
                "address_type": location.kind,
            }
        ]
    if location.address_is_confidential:
        made["attributes"] = [_attribute(location.pk, LINK_CONFIDENTIAL, "location", "true")]
    return made


def organization_object(organisation: ServiceOrganisation, *, include_confidential: bool = False) -> dict[str, Any]:
    made: dict[str, Any] = {
        "id": str(organisation.pk),
        "name": organisation.name,
        "description": organisation.description,
    }
    _put(made, "alternate_name", organisation.alternate_name)
    _put(made, "email", organisation.email)
    _put(made, "website", organisation.website)
    if organisation.phone:
        made["phones"] = [
            {
                "id": derived_id(organisation.pk, "phone"),
                "organization_id": str(organisation.pk),
                "number": organisation.phone,
                "type": "voice",
            }
        ]
    locations = [
        location_object(place, include_confidential=include_confidential) for place in organisation.locations.all()
    ]
    if locations:
        made["locations"] = locations
    attributes = []
    if organisation.country is not None:
        attributes.append(_attribute(organisation.pk, LINK_COUNTRY, "organization", organisation.country.code))
    if organisation.partner_id is not None:
        # The partner whose caseworkers receive the referrals (its CPP Hub id), so a backup restores it.
        attributes.append(_attribute(organisation.pk, LINK_PARTNER, "organization", str(organisation.partner_id)))
    if not organisation.is_active:
        attributes.append(_attribute(organisation.pk, LINK_INACTIVE, "organization", "true"))
    _put(made, "attributes", attributes)
    return made


def service_object(service: Service, *, include_confidential: bool = False) -> dict[str, Any]:
    made: dict[str, Any] = {
        "id": str(service.pk),
        "organization_id": str(service.organisation_id),
        "name": service.name,
        "status": service.status,
    }
    for name in (
        "alternate_name",
        "description",
        "url",
        "email",
        "application_process",
        "fees_description",
        "eligibility_description",
    ):
        _put(made, name, getattr(service, name))
    _put(made, "minimum_age", service.minimum_age)
    _put(made, "maximum_age", service.maximum_age)
    made["last_modified"] = service.updated_at.isoformat()
    phones = []
    if service.phone:
        phones.append(
            {
                "id": derived_id(service.pk, "phone"),
                "service_id": str(service.pk),
                "number": service.phone,
                "type": "voice",
            }
        )
    if include_confidential and service.direct_line:
        phones.append(
            {
                "id": derived_id(service.pk, "direct_line"),
                "service_id": str(service.pk),
                "number": service.direct_line,
                "type": "voice",
                "description": "Direct line for professionals (confidential)",
            }
        )
    _put(made, "phones", phones)
    if service.hours:
        made["schedules"] = [
            {"id": derived_id(service.pk, "hours"), "service_id": str(service.pk), "description": service.hours}
        ]
    made["languages"] = [
        {"id": derived_id(service.pk, f"language:{code}"), "service_id": str(service.pk), "code": code}
        for code in service.languages or []
    ]
    attributes = [
        {
            **_attribute(service.pk, LINK_CATEGORY, "service", category.code),
            "taxonomy_term_id": taxonomy_term_id(category.code),
            "taxonomy_term": taxonomy_term(category),
        }
        for category in service.categories.all()
    ]
    attributes += [
        _attribute(service.pk, LINK_PILOT_LOCATION, "service", place.slug) for place in service.pilot_locations.all()
    ]
    if service.how_to_refer:
        attributes.append(_attribute(service.pk, LINK_HOW_TO_REFER, "service", service.how_to_refer, key="text"))
    made["attributes"] = attributes
    made["service_at_locations"] = [
        {"id": str(link.pk), "service_id": str(service.pk), "location_id": str(link.location_id)}
        for link in service.service_at_locations.all()
    ]
    return made


def service_at_location_object(link: ServiceAtLocation, *, include_confidential: bool = False) -> dict[str, Any]:
    made: dict[str, Any] = {
        "id": str(link.pk),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location_object(link.location, include_confidential=include_confidential),
    }
    _put(made, "description", link.description)
    return made


# Queries ---------------------------------------------------------------------------------------


def organizations() -> QuerySet[ServiceOrganisation]:
    return ServiceOrganisation.objects.select_related("country").prefetch_related("locations").order_by("name", "id")


def services() -> QuerySet[Service]:
    return Service.objects.prefetch_related("categories", "pilot_locations", "service_at_locations").order_by(
        "name", "id"
    )


def service_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.select_related("location", "service").order_by("service__name", "id")


def search_services(
    queryset: QuerySet[Service], *, search: str = "", taxonomy_term_id: str = "", organization_id: str = ""
) -> QuerySet[Service]:
    """The HSDS API's filters on services."""
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search) | Q(description__icontains=search) | Q(organisation__name__icontains=search)
        )
    if taxonomy_term_id:
        code = category_codes_by_term_id().get(taxonomy_term_id, taxonomy_term_id)
        queryset = queryset.filter(categories__code=code).distinct()
    if organization_id:
        queryset = queryset.filter(**{"organisation_id": organization_id})
    return queryset


def export_objects(*, include_confidential: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The three files of an HSDS export, by file name."""
    return {
        "organizations.json": [
            organization_object(o, include_confidential=include_confidential) for o in organizations()
        ],
        "services.json": [service_object(s, include_confidential=include_confidential) for s in services()],
        "service_at_locations.json": [
            service_at_location_object(link, include_confidential=include_confidential)
            for link in service_at_locations()
        ],
    }


def schema_errors(file_name: str, objects: Any) -> list[str]:
    """Every way ``objects`` (a file's parsed content) breaks HSDS: file, item index and JSON path."""
    if not isinstance(objects, list):
        return [f"{file_name}: the file must hold a JSON array of objects."]
    check = validator(FILES[file_name])
    problems = []
    for index, item in enumerate(objects):
        for error in sorted(check.iter_errors(item), key=lambda e: list(e.absolute_path)):
            problems.append(f"{file_name}: item {index}, at {error.json_path}: {error.message}")
    return problems
