"""HSDS 3.0 files: the export meets the official schemas and keeps confidential values out;
an import round-trips, and a bad file changes nothing and says where it is wrong."""

from __future__ import annotations

import hashlib
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from jsonschema import Draft202012Validator, FormatChecker

from cpphub.connect.models import Service, ServiceAtLocation, ServiceLocation, ServiceOrganisation
from cpphub.connect.services import hsds
from cpphub.connect.tests import records

# The official HSDS 3.0 compiled schemas, as published, shipped with CPP Hub (and checked against the originals).
STANDARDS = Path(__file__).resolve().parents[1] / "standards" / "hsds-3.0"
SCHEMAS = {
    "organizations.json": "organization.json",
    "services.json": "service.json",
    "service_at_locations.json": "service_at_location.json",
}


def directory(world):
    """A FACE service with a public office and a helpline, and a shelter whose address is confidential."""
    legal = records.service(world, hours="Mon-Fri 8:30-16:30", how_to_refer="Call the direct line first.")
    office = ServiceLocation.objects.create(
        organisation=legal.organisation,
        name="FACE office",
        address="12 Public Road",
        city="Chiang Rai",
        postal_code="57000",
        country_code="TH",
        latitude="19.900000",
        longitude="99.830000",
    )
    line = ServiceLocation.objects.create(
        organisation=legal.organisation, name="Helpline", kind="virtual", url="https://example.org/help"
    )
    ServiceAtLocation.objects.create(service=legal, location=office)
    ServiceAtLocation.objects.create(service=legal, location=line)
    return legal, records.shelter(world)


TIMES = ("created_at", "updated_at")


def _rows(queryset):
    return sorted(repr({k: v for k, v in row.items() if k not in TIMES}) for row in queryset.values())


def snapshot():
    return {
        "organisations": _rows(ServiceOrganisation.objects.all()),
        "services": sorted(
            repr((s, sorted(Service.objects.get(pk=s["id"]).categories.values_list("code", flat=True))))
            for s in Service.objects.values()
        ),
        "pilot": sorted(
            map(repr, Service.pilot_locations.through.objects.values_list("service_id", "pilotlocation_id"))
        ),
        "locations": _rows(ServiceLocation.objects.all()),
        "links": sorted(map(repr, ServiceAtLocation.objects.values("id", "service_id", "location_id", "description"))),
    }


def test_the_export_meets_the_official_hsds_schemas(world, tmp_path):
    directory(world)
    hsds.write_export(tmp_path, include_confidential=True)
    for name, schema_name in SCHEMAS.items():
        schema = json.loads((STANDARDS / schema_name).read_text())
        validator = Draft202012Validator(schema, format_checker=FormatChecker())
        objects = json.loads((tmp_path / name).read_text())
        assert objects, name
        for item in objects:
            errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(item)]
            assert not errors, (name, errors)
    services = json.loads((tmp_path / "services.json").read_text())
    legal = next(s for s in services if s["name"] == "Legal aid for children")
    assert legal["schedules"][0]["description"] == "Mon-Fri 8:30-16:30"
    assert {lang["code"] for lang in legal["languages"]} == {"th", "en"}
    assert [a["taxonomy_term"]["code"] for a in legal["attributes"] if "taxonomy_term" in a] == ["legal_aid"]


def test_the_public_export_never_holds_confidential_values(world, tmp_path):
    directory(world)
    out = StringIO()
    call_command("export_data", "hsds", "--out", str(tmp_path), stdout=out)
    assert "services.json" in out.getvalue()
    text = "".join((tmp_path / name).read_text() for name in SCHEMAS)
    assert records.DIRECT_LINE not in text
    assert records.SHELTER_ADDRESS not in text
    assert "19.91" not in text  # the shelter's position
    assert "12 Public Road" in text and "Chiang Rai" in text
    call_command("export_data", "hsds", "--out", str(tmp_path / "backup"), "--include-confidential", stdout=out)
    backup = "".join((tmp_path / "backup" / name).read_text() for name in SCHEMAS)
    assert records.DIRECT_LINE in backup and records.SHELTER_ADDRESS in backup


def test_export_wipe_import_gives_the_same_directory(world, tmp_path):
    directory(world)
    before = snapshot()
    hsds.write_export(tmp_path, include_confidential=True)
    ServiceAtLocation.objects.all().delete()
    Service.objects.all().delete()
    ServiceLocation.objects.all().delete()
    ServiceOrganisation.objects.all().delete()
    out = StringIO()
    call_command("import_data", "hsds", str(tmp_path), stdout=out)
    assert "2 organizations" in out.getvalue()
    after = snapshot()
    for key in ("organisations", "locations", "pilot", "links"):
        assert after[key] == before[key], key
    assert len(after["services"]) == len(before["services"])
    legal = Service.objects.get(name="Legal aid for children")
    assert legal.direct_line == records.DIRECT_LINE
    assert legal.hours == "Mon-Fri 8:30-16:30"
    assert legal.how_to_refer == "Call the direct line first."
    assert list(legal.categories.values_list("code", flat=True)) == ["legal_aid"]
    assert legal.languages == ["th", "en"]
    shelter = ServiceLocation.objects.get(name="Safe house")
    assert shelter.address_is_confidential and shelter.address == records.SHELTER_ADDRESS


def test_importing_the_same_files_twice_changes_nothing(world, tmp_path):
    directory(world)
    hsds.write_export(tmp_path, include_confidential=True)
    hsds.import_files(hsds.read_directory(tmp_path))
    assert ServiceOrganisation.objects.count() == 2
    assert ServiceAtLocation.objects.count() == 3


def _counts():
    return [model.objects.count() for model in (ServiceOrganisation, Service, ServiceLocation, ServiceAtLocation)]


def _exported(world, tmp_path):
    directory(world)
    hsds.write_export(tmp_path)
    return {name: json.loads((tmp_path / name).read_text()) for name in SCHEMAS}


def _save(tmp_path, data):
    for name, objects in data.items():
        (tmp_path / name).write_text(json.dumps(objects))


def _import_fails(tmp_path) -> str:
    before = _counts()
    names = sorted(map(repr, Service.objects.values_list("name", flat=True)))
    with pytest.raises(CommandError) as caught:
        call_command("import_data", "hsds", str(tmp_path), stdout=StringIO())
    assert _counts() == before
    assert sorted(map(repr, Service.objects.values_list("name", flat=True))) == names
    return str(caught.value)


def test_bad_json_names_the_file_line_and_column(world, tmp_path):
    _exported(world, tmp_path)
    (tmp_path / "services.json").write_text('[\n  {"id": "x",\n  "name" "oops"}\n]')
    message = _import_fails(tmp_path)
    assert "services.json" in message and "line 3" in message and "column" in message


def test_a_schema_violation_names_the_file_item_and_path(world, tmp_path):
    data = _exported(world, tmp_path)
    data["services.json"][1]["status"] = "open for business"
    data["services.json"][0]["name"] = "Renamed but must not be saved"
    _save(tmp_path, data)
    message = _import_fails(tmp_path)
    assert "services.json: item 1, at $.status" in message
    assert not Service.objects.filter(name="Renamed but must not be saved").exists()


def test_an_unknown_taxonomy_code_is_refused(world, tmp_path):
    data = _exported(world, tmp_path)
    attribute = next(a for a in data["services.json"][0]["attributes"] if "taxonomy_term" in a)
    attribute["taxonomy_term"]["code"] = "astrology"
    _save(tmp_path, data)
    message = _import_fails(tmp_path)
    assert "unknown taxonomy code 'astrology'" in message and "services.json: item 0" in message


def test_a_service_of_an_unknown_organization_is_refused(world, tmp_path):
    data = _exported(world, tmp_path)
    data["services.json"][0]["organization_id"] = "00000000-0000-4000-8000-000000000000"
    data["services.json"][0]["name"] = "Must not appear"
    _save(tmp_path, data)
    message = _import_fails(tmp_path)
    assert "services.json: item 0, at $.organization_id" in message
    assert not Service.objects.filter(name="Must not appear").exists()


def test_a_model_rule_broken_in_the_file_changes_nothing(world, tmp_path):
    data = _exported(world, tmp_path)
    data["services.json"][0]["name"] = "Renamed first"
    data["services.json"][-1]["minimum_age"] = 18
    data["services.json"][-1]["maximum_age"] = 5
    _save(tmp_path, data)
    message = _import_fails(tmp_path)
    assert "minimum age" in message.lower()
    assert not Service.objects.filter(name="Renamed first").exists()


def test_a_missing_directory_is_a_one_line_reason(world, tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        call_command("import_data", "hsds", str(tmp_path / "nowhere"), stdout=StringIO())
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_importing_a_public_file_keeps_the_confidential_values_on_record(world, tmp_path):
    directory(world)
    hsds.write_export(tmp_path)  # public: no direct line, no shelter address
    hsds.import_files(hsds.read_directory(tmp_path))
    shelter = ServiceLocation.objects.get(name="Safe house")
    assert shelter.address == records.SHELTER_ADDRESS and shelter.latitude is not None
    assert Service.objects.get(name="Emergency shelter for girls").direct_line == records.DIRECT_LINE


# SHA-256 of the compiled schemas of HSDS 3.0 as Open Referral publishes them.
PUBLISHED = {
    "organization.json": "e429ffe3b585da12da10b75cf30dfc0a67ef96b34f5e1b21141a2b627ca28119",
    "service.json": "5cd7c2ecb5776947e437a4d5b9656f9a80db56bef3ad49f5bb142d49dbe66156",
    "service_at_location.json": "2327ab495f61e4f8a25f8f13bc65427788849afb7b8be6ee455f799b412d2ffe",
}


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_the_shipped_schemas_are_the_published_ones(name):
    assert hashlib.sha256((STANDARDS / name).read_bytes()).hexdigest() == PUBLISHED[name]
