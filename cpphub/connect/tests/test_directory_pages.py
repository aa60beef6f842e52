"""The public directory and a service's page: what anyone finds, and what only professionals see."""

from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import sign_in
from cpphub.connect.models import Service, ServiceCategory, ServiceLocation
from cpphub.connect.tests import records


def _page(client, **params):
    return client.get(reverse("connect:directory"), params).content.decode()


def test_anyone_finds_services_without_signing_in_and_never_a_confidential_value(world):
    records.service(world)
    records.shelter(world)
    for client in (Client(), sign_in(Client(), world.users["caseworker"])):
        html = _page(client)
        assert "Legal aid for children" in html and "Emergency shelter for girls" in html
        assert records.DIRECT_LINE not in html
        assert records.SHELTER_ADDRESS not in html
        assert "19.91" not in html  # the shelter's position is not given to the map


def test_the_map_shows_public_places_only(world):
    legal = records.service(world)
    office = ServiceLocation.objects.create(
        organisation=legal.organisation, name="FACE office", city="Chiang Rai", latitude="19.9", longitude="99.83"
    )
    legal.service_at_locations.create(location=office)
    records.shelter(world)
    html = _page(Client())
    assert "directory-map-data" in html and "99.83" in html
    assert "99.84" not in html  # the shelter


def test_filters_find_by_category_location_age_and_text(world):
    records.service(world)
    teen = records.service(world, name="Teen counselling", minimum_age=13, maximum_age=17, languages=["pt-BR"])
    teen.categories.set([ServiceCategory.objects.get(code="psychosocial")])
    teen.pilot_locations.set([world.locations["santo_andre"]] if "santo_andre" in world.locations else [])
    client = Client()
    assert "Teen counselling" in _page(client, category="psychosocial")
    assert "Legal aid for children" not in _page(client, category="psychosocial")
    assert "Teen counselling" not in _page(client, age=8)
    assert "Legal aid for children" in _page(client, age=8)
    assert "Teen counselling" in _page(client, age=15)
    assert "Teen counselling" in _page(client, language="pt-BR")
    assert "Legal aid for children" not in _page(client, language="pt-BR")
    assert "Teen counselling" in _page(client, q="counsel")
    chiang_rai = world.locations["chiang_rai"].slug
    html = _page(client, location=chiang_rai)
    assert "Legal aid for children" in html
    if teen.pilot_locations.exists():
        assert "Teen counselling" not in html


def test_only_active_services_unless_asked(world):
    records.service(world, name="Closed clinic", status=Service.Status.DEFUNCT)
    assert "Closed clinic" not in _page(Client())
    assert "Closed clinic" in _page(Client(), status="all")


def test_a_service_page_shows_confidential_values_to_caseworkers_only(world):
    link = records.shelter(world)
    url = reverse("connect:service_detail", args=[link.service_id])
    for persona in (None, "steering_member"):
        client = sign_in(Client(), world.users[persona]) if persona else Client()
        html = client.get(url).content.decode()
        assert "Emergency shelter for girls" in html
        assert records.DIRECT_LINE not in html and records.SHELTER_ADDRESS not in html
        assert "Refer a child" not in html
    html = sign_in(Client(), world.users["caseworker"]).get(url).content.decode()
    assert records.DIRECT_LINE in html and records.SHELTER_ADDRESS in html and "confidential" in html
    assert reverse("connect:case_list") + f"?service={link.service_id}" in html


def test_the_public_export_never_holds_confidential_values(world):
    records.service(world)
    records.shelter(world)
    csv = Client().get(reverse("connect:directory_export", args=["csv"]))
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert "Emergency shelter for girls" in text
    assert records.DIRECT_LINE not in text and records.SHELTER_ADDRESS not in text
    xlsx = sign_in(Client(), world.users["coordinator"]).get(reverse("connect:directory_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
    assert "Legal aid for children" in cells
    assert records.DIRECT_LINE not in cells and records.SHELTER_ADDRESS not in cells


def test_the_hsds_download_is_public_and_never_confidential(world):
    import zipfile

    records.shelter(world)
    response = Client().get(reverse("connect:hsds_export"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        text = "".join(archive.read(name).decode() for name in archive.namelist())
    assert "Emergency shelter for girls" in text
    assert records.DIRECT_LINE not in text and records.SHELTER_ADDRESS not in text
