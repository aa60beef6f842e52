"""HSDS 3.0 files in and out of the directory.

Export: :func:`write_export` writes ``organizations.json``, ``services.json``
and ``service_at_locations.json`` (each a JSON array of HSDS objects) to a
directory, :func:`export_zip` the same as a zip. Without
``include_confidential`` nothing confidential is written.

Import: :func:`import_files` reads the three files, checks every object
against the HSDS schemas, then every reference (a service's organization, a
category code, a pilot location, a service_at_location's service and
location), and only then upserts by id in one transaction, auditing each
record. Any problem raises :class:`HsdsImportError` listing every problem
(file, item index, JSON path) and changes nothing.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, audited_write, diff, snapshot
from cpphub.connect.models import Service, ServiceAtLocation, ServiceCategory, ServiceLocation, ServiceOrganisation
from cpphub.connect.selectors import hsds as selectors
from cpphub.connect.selectors.hsds import (
    FILES,
    LINK_CATEGORY,
    LINK_CONFIDENTIAL,
    LINK_COUNTRY,
    LINK_HOW_TO_REFER,
    LINK_INACTIVE,
    LINK_PARTNER,
    LINK_PILOT_LOCATION,
)
from cpphub.partnership.models import Country, Organisation, PilotLocation

MAX_PROBLEMS = 50


class HsdsImportError(Exception):
    """Why an HSDS import was refused; nothing was changed."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems[:MAX_PROBLEMS]
        more = len(problems) - len(self.problems)
        text = "; ".join(self.problems) + (f"; and {more} more" if more > 0 else "")
        super().__init__(text)


@dataclass(frozen=True)
class ImportCounts:
    organizations: int
    locations: int
    services: int
    service_at_locations: int

    def __str__(self) -> str:
        return (
            f"{self.organizations} organizations, {self.locations} locations, {self.services} services, "
            f"{self.service_at_locations} services at locations"
        )


# Export ----------------------------------------------------------------------------------------


def export_texts(*, include_confidential: bool = False) -> dict[str, str]:
    return {
        name: json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
        for name, objects in selectors.export_objects(include_confidential=include_confidential).items()
    }


def write_export(directory: Path | str, *, include_confidential: bool = False) -> dict[str, int]:
    """Write the three files to ``directory`` (made if missing); the number of objects in each."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    objects = selectors.export_objects(include_confidential=include_confidential)
    for name, items in objects.items():
        (target / name).write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {name: len(items) for name, items in objects.items()}


def export_zip(*, include_confidential: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in export_texts(include_confidential=include_confidential).items():
            archive.writestr(name, text)
    return buffer.getvalue()


# Reading ---------------------------------------------------------------------------------------


def read_directory(directory: Path | str) -> dict[str, bytes]:
    """The three files of ``directory`` (or of a zip file at that path)."""
    path = Path(directory)
    if path.is_file() and zipfile.is_zipfile(path):
        return read_zip(path.read_bytes())
    if not path.is_dir():
        raise HsdsImportError([f"{path}: not a directory of HSDS files."])
    return {name: (path / name).read_bytes() for name in FILES if (path / name).is_file()}


def read_zip(content: bytes) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            found: dict[str, bytes] = {}
            for info in archive.infolist():
                name = Path(info.filename).name
                if name in FILES and not info.is_dir():
                    found[name] = archive.read(info)
            return found
    except zipfile.BadZipFile as exc:
        raise HsdsImportError(["The upload is not a zip file."]) from exc


def parse(files: Mapping[str, bytes | str]) -> dict[str, Any]:
    """Each file's JSON; a file that is missing or not JSON is a problem naming the line and column."""
    problems: list[str] = []
    parsed: dict[str, Any] = {}
    for name in FILES:
        if name not in files:
            problems.append(f"{name}: missing.")
            continue
        raw = files[name]
        try:
            text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
            parsed[name] = json.loads(text)
        except UnicodeDecodeError:
            problems.append(f"{name}: not UTF-8 text.")
        except json.JSONDecodeError as exc:
            problems.append(f"{name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.")
    if problems:
        raise HsdsImportError(problems)
    return parsed


# Checking references ---------------------------------------------------------------------------


def _attributes(item: dict[str, Any], link_type: str) -> list[tuple[int, dict[str, Any]]]:
    return [
        (index, attribute)
        for index, attribute in enumerate(item.get("attributes") or [])
        if attribute.get("link_type") == link_type
    ]


def _category_code(attribute: dict[str, Any]) -> str | None:
    term = attribute.get("taxonomy_term") or {}
    code = term.get("code")
    if code:
        return str(code)
    term_id = attribute.get("taxonomy_term_id") or term.get("id")
    if term_id:
        return selectors.category_codes_by_term_id().get(str(term_id), f"id {term_id}")
    return str(attribute.get("value") or "") or None


def _check_references(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    organisations = {str(o["id"]) for o in data["organizations.json"]}
    existing_orgs = {str(pk) for pk in ServiceOrganisation.objects.values_list("pk", flat=True)}
    locations: set[str] = set()
    countries = set(Country.objects.values_list("code", flat=True))
    partners = {str(pk) for pk in Organisation.objects.values_list("pk", flat=True)}
    for index, organisation in enumerate(data["organizations.json"]):
        for a_index, attribute in _attributes(organisation, LINK_COUNTRY):
            if attribute.get("value") not in countries:
                problems.append(
                    f"organizations.json: item {index}, at $.attributes[{a_index}].value: "
                    f"unknown country code {attribute.get('value')!r}."
                )
        for a_index, attribute in _attributes(organisation, LINK_PARTNER):
            if str(attribute.get("value")) not in partners:
                problems.append(
                    f"organizations.json: item {index}, at $.attributes[{a_index}].value: "
                    f"no partner organisation with id {attribute.get('value')!r} on CPP Hub."
                )
        for l_index, location in enumerate(organisation.get("locations") or []):
            locations.add(str(location["id"]))
            owner = location.get("organization_id")
            if owner and str(owner) != str(organisation["id"]):
                problems.append(
                    f"organizations.json: item {index}, at $.locations[{l_index}].organization_id: "
                    f"the location belongs to another organization ({owner})."
                )
    existing_locations = {str(pk) for pk in ServiceLocation.objects.values_list("pk", flat=True)}
    codes = set(ServiceCategory.Code.values)
    slugs = set(PilotLocation.objects.values_list("slug", flat=True))
    services: set[str] = set()
    for index, service in enumerate(data["services.json"]):
        services.add(str(service["id"]))
        owner = service.get("organization_id")
        if not owner:
            problems.append(f"services.json: item {index}, at $.organization_id: a service needs its organization.")
        elif str(owner) not in organisations and str(owner) not in existing_orgs:
            problems.append(
                f"services.json: item {index}, at $.organization_id: no organization with id {owner} "
                "in organizations.json or the directory."
            )
        for a_index, attribute in _attributes(service, LINK_CATEGORY):
            code = _category_code(attribute)
            if code not in codes:
                problems.append(
                    f"services.json: item {index}, at $.attributes[{a_index}].taxonomy_term: "
                    f"unknown taxonomy code {code!r} (known: {', '.join(sorted(codes))})."
                )
        for a_index, attribute in _attributes(service, LINK_PILOT_LOCATION):
            if attribute.get("value") not in slugs:
                problems.append(
                    f"services.json: item {index}, at $.attributes[{a_index}].value: "
                    f"unknown pilot location {attribute.get('value')!r}."
                )
    existing_services = {str(pk) for pk in Service.objects.values_list("pk", flat=True)}
    for index, link in enumerate(data["service_at_locations.json"]):
        service_id, location_id = link.get("service_id"), link.get("location_id")
        if not service_id or (str(service_id) not in services and str(service_id) not in existing_services):
            problems.append(
                f"service_at_locations.json: item {index}, at $.service_id: no service with id {service_id}."
            )
        if not location_id or (str(location_id) not in locations and str(location_id) not in existing_locations):
            problems.append(
                f"service_at_locations.json: item {index}, at $.location_id: no location with id {location_id} "
                "among the organizations' locations or the directory."
            )
    return problems


def check(files: Mapping[str, bytes | str]) -> dict[str, Any]:
    """The parsed files, or :class:`HsdsImportError` with every problem found."""
    data = parse(files)
    problems: list[str] = []
    for name, objects in data.items():
        problems += selectors.schema_errors(name, objects)
    if problems:
        raise HsdsImportError(problems)
    problems = _check_references(data)
    if problems:
        raise HsdsImportError(problems)
    return data


# Writing ---------------------------------------------------------------------------------------


def _upsert(model: type[models.Model], pk: str, data: dict[str, Any], acting_user: Any) -> Any:
    """Create (with the file's id) or change the record ``pk``; validated and audited either way."""
    existing = model._default_manager.filter(pk=pk).first()
    if existing is not None:
        return audited_write(existing, data, acting_user=acting_user)
    instance = model(pk=pk)
    many = {name: value for name, value in data.items() if model._meta.get_field(name).many_to_many}
    for name, value in data.items():
        if name not in many:
            setattr(instance, name, value)
    instance.full_clean(validate_unique=True)
    instance.save(force_insert=True)
    for name, values in many.items():
        getattr(instance, name).set(values)
    audit_record(
        action=AuditEvent.Action.CREATE, acting_user=acting_user, obj=instance, changes=diff({}, snapshot(instance))
    )
    return instance


def _text(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    return "" if value is None else str(value)


def _organisation_data(item: dict[str, Any]) -> dict[str, Any]:
    phones = item.get("phones") or []
    countries = [a.get("value") for _i, a in _attributes(item, LINK_COUNTRY)]
    partners = [a.get("value") for _i, a in _attributes(item, LINK_PARTNER)]
    inactive = any(str(a.get("value")).lower() == "true" for _i, a in _attributes(item, LINK_INACTIVE))
    return {
        "partner": Organisation.objects.filter(pk=int(str(partners[0]))).first() if partners else None,
        "is_active": not inactive,
        "name": _text(item, "name"),
        "alternate_name": _text(item, "alternate_name"),
        "description": _text(item, "description"),
        "email": _text(item, "email"),
        "website": _text(item, "website"),
        "phone": _text(phones[0], "number") if phones else "",
        "country": Country.objects.filter(code=countries[0]).first() if countries else None,
    }


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def _location_data(item: dict[str, Any], organisation: ServiceOrganisation) -> dict[str, Any]:
    addresses = item.get("addresses") or []
    address = addresses[0] if addresses else {}
    confidential = any(str(a.get("value")).lower() == "true" for _i, a in _attributes(item, LINK_CONFIDENTIAL))
    return {
        "organisation": organisation,
        "kind": item.get("location_type") or ServiceLocation.Kind.PHYSICAL,
        "name": _text(item, "name") or _text(address, "city") or "—",
        "description": _text(item, "description"),
        "url": _text(item, "url"),
        "address": _text(address, "address_1"),
        "city": _text(address, "city"),
        "region": _text(address, "state_province") or _text(address, "region"),
        "postal_code": _text(address, "postal_code"),
        "country_code": _text(address, "country")[:2].upper(),
        "latitude": _decimal(item.get("latitude")),
        "longitude": _decimal(item.get("longitude")),
        "address_is_confidential": confidential,
    }


def _keep_confidential(pk: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A public file has no confidential address: keep the one on record rather than erase it."""
    if not fields["address_is_confidential"]:
        return fields
    current = ServiceLocation.objects.filter(pk=pk).first()
    if current is None:
        return fields
    for name in ("address", "postal_code", "latitude", "longitude"):
        if fields[name] in (None, ""):
            fields[name] = getattr(current, name)
    return fields


def _service_data(item: dict[str, Any], *, keep_direct_line: str) -> dict[str, Any]:
    service_id = str(item["id"])
    direct_line_id = selectors.derived_id(service_id, "direct_line")
    public_phones = [p for p in item.get("phones") or [] if str(p.get("id")) != direct_line_id]
    direct = [p for p in item.get("phones") or [] if str(p.get("id")) == direct_line_id]
    schedules = item.get("schedules") or []
    codes = [_category_code(a) for _i, a in _attributes(item, LINK_CATEGORY)]
    slugs = [a.get("value") for _i, a in _attributes(item, LINK_PILOT_LOCATION)]
    refer = [a.get("value") for _i, a in _attributes(item, LINK_HOW_TO_REFER)]
    return {
        "organisation": ServiceOrganisation.objects.get(pk=item["organization_id"]),
        "name": _text(item, "name"),
        "alternate_name": _text(item, "alternate_name"),
        "description": _text(item, "description"),
        "status": item.get("status") or Service.Status.ACTIVE,
        "url": _text(item, "url"),
        "email": _text(item, "email"),
        "application_process": _text(item, "application_process"),
        "fees_description": _text(item, "fees_description"),
        "eligibility_description": _text(item, "eligibility_description"),
        "minimum_age": None if item.get("minimum_age") is None else int(item["minimum_age"]),
        "maximum_age": None if item.get("maximum_age") is None else int(item["maximum_age"]),
        "phone": _text(public_phones[0], "number") if public_phones else "",
        # A public file has no direct line: keep the one on record rather than erase it.
        "direct_line": _text(direct[0], "number") if direct else keep_direct_line,
        "hours": "\n".join(_text(s, "description") for s in schedules if s.get("description")),
        "languages": [str(lang.get("code")) for lang in item.get("languages") or [] if lang.get("code")],
        "how_to_refer": str(refer[0] or "") if refer else "",
        "categories": list(ServiceCategory.objects.filter(code__in=[c for c in codes if c])),
        "pilot_locations": list(PilotLocation.objects.filter(slug__in=slugs)),
    }


def _as_problem(where: str, exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        parts = [f"$.{field}: {' '.join(str(m) for m in messages)}" for field, messages in exc.message_dict.items()]
        return f"{where}: " + "; ".join(parts)
    return f"{where}: {' '.join(exc.messages)}"


@transaction.atomic
def _write(data: dict[str, Any], acting_user: Any) -> ImportCounts:
    locations = 0
    for index, item in enumerate(data["organizations.json"]):
        where = f"organizations.json: item {index}"
        try:
            organisation = _upsert(ServiceOrganisation, str(item["id"]), _organisation_data(item), acting_user)
            for l_index, place in enumerate(item.get("locations") or []):
                where = f"organizations.json: item {index}, location {l_index}"
                fields = _keep_confidential(str(place["id"]), _location_data(place, organisation))
                _upsert(ServiceLocation, str(place["id"]), fields, acting_user)
                locations += 1
        except ValidationError as exc:
            raise HsdsImportError([_as_problem(where, exc)]) from exc
    for index, item in enumerate(data["services.json"]):
        try:
            current = Service.objects.filter(pk=item["id"]).values_list("direct_line", flat=True).first() or ""
            _upsert(Service, str(item["id"]), _service_data(item, keep_direct_line=current), acting_user)
        except ValidationError as exc:
            raise HsdsImportError([_as_problem(f"services.json: item {index}", exc)]) from exc
    for index, item in enumerate(data["service_at_locations.json"]):
        fields = {
            "service": Service.objects.get(pk=item["service_id"]),
            "location": ServiceLocation.objects.get(pk=item["location_id"]),
            "description": _text(item, "description"),
        }
        try:
            _upsert(ServiceAtLocation, str(item["id"]), fields, acting_user)
        except ValidationError as exc:
            raise HsdsImportError([_as_problem(f"service_at_locations.json: item {index}", exc)]) from exc
    return ImportCounts(
        organizations=len(data["organizations.json"]),
        locations=locations,
        services=len(data["services.json"]),
        service_at_locations=len(data["service_at_locations.json"]),
    )


def import_files(files: Mapping[str, bytes | str], *, acting_user: Any = None) -> ImportCounts:
    """Check, then upsert the three files' objects in one transaction; :class:`HsdsImportError` changes nothing."""
    data = check(files)
    return _write(data, acting_user)
