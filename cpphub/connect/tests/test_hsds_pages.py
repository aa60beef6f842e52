"""The coordinators' HSDS import page: a good zip is imported, a bad file is explained and changes nothing."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import sign_in
from cpphub.connect.models import Service, ServiceOrganisation
from cpphub.connect.services import hsds
from cpphub.connect.tests import records


def test_a_coordinator_imports_a_zip_of_hsds_files(world):
    records.shelter(world)
    content = hsds.export_zip(include_confidential=True)
    Service.objects.all().delete()
    client = sign_in(Client(), world.users["coordinator"])
    response = client.post(
        reverse("connect:hsds_import"), {"upload": SimpleUploadedFile("directory.zip", content)}, follow=True
    )
    assert response.status_code == 200
    assert Service.objects.filter(name="Emergency shelter for girls", direct_line=records.DIRECT_LINE).exists()


def test_a_bad_file_is_explained_and_changes_nothing(world):
    records.shelter(world)
    texts = hsds.export_texts()
    texts["services.json"] = texts["services.json"].replace('"status": "active"', '"status": "maybe"', 1)
    before = (ServiceOrganisation.objects.count(), Service.objects.count())
    client = sign_in(Client(), world.users["coordinator"])
    uploads = [SimpleUploadedFile(name, text.encode()) for name, text in texts.items()]
    response = client.post(reverse("connect:hsds_import"), {"upload": uploads})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported" in html and "services.json: item 0, at $.status" in html
    assert (ServiceOrganisation.objects.count(), Service.objects.count()) == before


def test_only_coordinators_import(world):
    client = sign_in(Client(), world.users["caseworker"])
    assert client.get(reverse("connect:hsds_import")).status_code == 403
