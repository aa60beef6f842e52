"""Every write of the service directory: providers, their services and locations, and where services are given.

Each function validates (the model's ``full_clean`` plus the rules below),
saves and audits in one transaction; a ValidationError names the field and
leaves the database as it was. Who may write is the caller's check
(``selectors/access.py can_edit_directory``): these functions trust their caller.

- A service's minimum age is not above its maximum age.
- A service is given only at its own provider's locations.
- A virtual location has no street address or map position; a position has both coordinates.
- Languages are a list of short codes (``th``, ``pt-BR``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, audited_write
from cpphub.connect.models import Service, ServiceAtLocation, ServiceLocation, ServiceOrganisation

Data = Mapping[str, Any]

PROVIDER_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "country",
    "partner",
    "email",
    "website",
    "phone",
    "is_active",
)
SERVICE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "categories",
    "pilot_locations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "languages",
    "fees_description",
    "hours",
    "application_process",
    "how_to_refer",
    "url",
    "email",
    "phone",
    "direct_line",
)
LOCATION_FIELDS = (
    "kind",
    "name",
    "description",
    "url",
    "address",
    "city",
    "region",
    "postal_code",
    "country_code",
    "latitude",
    "longitude",
    "address_is_confidential",
)
LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _only(data: Data, fields: Iterable[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


# Providers --------------------------------------------------------------------------------------


@transaction.atomic
def provider_create(*, data: Data, acting_user: Any) -> ServiceOrganisation:
    return audited_write(ServiceOrganisation(), _only(data, PROVIDER_FIELDS), acting_user=acting_user)


@transaction.atomic
def provider_update(*, provider: ServiceOrganisation, data: Data, acting_user: Any) -> ServiceOrganisation:
    return audited_write(provider, _only(data, PROVIDER_FIELDS), acting_user=acting_user)


# Services ---------------------------------------------------------------------------------------


def clean_languages(value: Any) -> tuple[list[str], str | None]:
    """A list of language codes from a list or a comma-separated text; the error, if any."""
    if value is None or value == "":
        return [], None
    if isinstance(value, str):
        value = [part for part in re.split(r"[,\s;]+", value) if part]
    if not isinstance(value, list | tuple):
        return [], _("Give a list of language codes.")
    codes = [str(code).strip() for code in value if str(code).strip()]
    wrong = [code for code in codes if not LANGUAGE_CODE.match(code)]
    if wrong:
        return [], _("Not a language code: {codes}. Use codes such as th, pt-BR, en.").format(codes=", ".join(wrong))
    return list(dict.fromkeys(codes)), None


def _service_errors(data: dict[str, Any], service: Service) -> dict[str, str]:
    errors: dict[str, str] = {}
    if "languages" in data:
        data["languages"], problem = clean_languages(data["languages"])
        if problem:
            errors["languages"] = problem
    low = data.get("minimum_age", service.minimum_age)
    high = data.get("maximum_age", service.maximum_age)
    if low is not None and high is not None and low > high:
        errors["minimum_age"] = _("The minimum age must not be above the maximum age.")
    return errors


def _locations_errors(locations: Iterable[ServiceLocation] | None, provider: ServiceOrganisation) -> dict[str, str]:
    strangers = [str(place) for place in locations or [] if place.organisation_id != provider.pk]
    if strangers:
        return {
            "locations": _("Not a location of {provider}: {names}.").format(
                provider=provider, names=", ".join(strangers)
            )
        }
    return {}


def _set_locations(service: Service, locations: Iterable[ServiceLocation], acting_user: Any) -> None:
    """Link ``service`` to exactly ``locations`` (ServiceAtLocation rows), audited."""
    wanted = {place.pk: place for place in locations}
    for link in list(service.service_at_locations.select_related("location")):
        if link.location_id in wanted:
            wanted.pop(link.location_id)
            continue
        audit_record(action=AuditEvent.Action.DELETE, acting_user=acting_user, obj=link)
        link.delete()
    for place in wanted.values():
        audited_write(ServiceAtLocation(service=service, location=place), {}, acting_user=acting_user)


def _write_service(service: Service, data: Data, acting_user: Any) -> Service:
    provider = service.organisation
    locations = data.get("locations")
    fields = _only(data, SERVICE_FIELDS)
    errors = {**_service_errors(fields, service), **_locations_errors(locations, provider)}
    if "locations" in errors:
        raise ValidationError(errors)
    written = audited_write(service, fields, acting_user=acting_user, errors=errors)
    if locations is not None:
        _set_locations(written, locations, acting_user)
    return written


@transaction.atomic
def service_create(*, provider: ServiceOrganisation, data: Data, acting_user: Any) -> Service:
    """A service of ``provider``; ``data["locations"]`` (optional) are the provider's locations it is given at."""
    return _write_service(Service(organisation=provider), data, acting_user)


@transaction.atomic
def service_update(*, service: Service, data: Data, acting_user: Any) -> Service:
    return _write_service(service, data, acting_user)


# Locations --------------------------------------------------------------------------------------


def _location_errors(data: Data, location: ServiceLocation) -> dict[str, str]:
    kind = data.get("kind", location.kind)
    errors: dict[str, str] = {}
    if kind == ServiceLocation.Kind.VIRTUAL:
        for name in ("address", "postal_code", "latitude", "longitude"):
            if data.get(name) not in (None, ""):
                errors[name] = _("A virtual location has no street address, postal code or map position.")
    else:
        has_lat = data.get("latitude", location.latitude) is not None
        has_lng = data.get("longitude", location.longitude) is not None
        if has_lat != has_lng:
            errors["longitude" if has_lat else "latitude"] = _("Give both the latitude and the longitude, or neither.")
    return errors


def _write_location(location: ServiceLocation, data: Data, acting_user: Any) -> ServiceLocation:
    fields = _only(data, LOCATION_FIELDS)
    if fields.get("country_code"):
        fields["country_code"] = str(fields["country_code"]).upper()
    return audited_write(location, fields, acting_user=acting_user, errors=_location_errors(fields, location))


@transaction.atomic
def location_create(*, provider: ServiceOrganisation, data: Data, acting_user: Any) -> ServiceLocation:
    return _write_location(ServiceLocation(organisation=provider), data, acting_user)


@transaction.atomic
def location_update(*, location: ServiceLocation, data: Data, acting_user: Any) -> ServiceLocation:
    return _write_location(location, data, acting_user)
