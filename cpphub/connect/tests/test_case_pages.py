"""Registering a child, consent and notes: the reference, the age rules, the way to the referral form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import sign_in
from cpphub.audit.models import AccessLogEntry
from cpphub.connect.models import Case, CaseNote, Consent
from cpphub.connect.tests import records
from cpphub.connect.tests.records import CHILD_NAME

pytestmark = pytest.mark.django_db


def _case_data(world, **fields):
    data = {
        "name": CHILD_NAME,
        "sex": "male",
        "age": "9",
        "age_band": "",
        "location": world.locations["chiang_rai"].pk,
        "guardian_contact": "Aunt, +66 1",
        "situation": "Shared images",
        "need": "self_generated_images",
        "risk_level": "medium",
        "identified_on": timezone.localdate().isoformat(),
    }
    data.update(fields)
    return data


@pytest.fixture
def caseworker(world):
    return sign_in(Client(), world.users["caseworker"])


def test_registering_generates_a_reference_and_the_age_band(world, caseworker):
    response = caseworker.post(reverse("connect:case_new"), _case_data(world))
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.reference == f"TH-CHR-{timezone.localdate().year}-0001"
    assert case.age_band == "6_9" and case.organisation == world.orgs["plan_thailand"]
    assert CHILD_NAME not in case.reference
    caseworker.post(reverse("connect:case_new"), _case_data(world, age="", age_band="16_17"))
    assert Case.objects.filter(reference__endswith="-0002", age=None, age_band="16_17").exists()


@pytest.mark.parametrize("age", ["18", "-1"])
def test_an_age_outside_0_17_is_refused(world, caseworker, age):
    response = caseworker.post(reverse("connect:case_new"), _case_data(world, age=age))
    assert response.status_code == 200
    assert f"An age of {age} is outside 0-17" in response.content.decode()
    assert not Case.objects.exists()
    api = caseworker.post(reverse("api:case-list"), {**_case_data(world, age=int(age)), "location": "chiang-rai"})
    assert api.status_code == 400 and "outside 0-17" in api.json()["age"][0]
    assert not Case.objects.exists()


def test_the_list_shows_no_names(world, caseworker):
    made = records.case(world)
    page = caseworker.get(reverse("connect:case_list")).content.decode()
    assert made.reference in page and CHILD_NAME not in page
    assert CHILD_NAME in caseworker.get(reverse("connect:case_detail", args=[made.pk])).content.decode()


def test_a_service_chosen_in_the_directory_is_carried_to_the_referral_form(world, caseworker):
    service = records.service(world)
    response = caseworker.post(f"{reverse('connect:case_new')}?service={service.pk}", _case_data(world))
    case = Case.objects.get()
    assert response["Location"] == f"{reverse('connect:consent_new', args=[case.pk])}?service={service.pk}"
    form = caseworker.get(response["Location"]).content.decode()
    assert str(service.organisation.pk) in form
    response = caseworker.post(
        response["Location"],
        {
            "kind": "consent",
            "given_by": "parent",
            "given_by_name": "Somchai",
            "given_on": timezone.localdate().isoformat(),
            "organisations": [service.organisation.pk],
            "information": ["identity", "situation"],
        },
    )
    assert response["Location"] == f"{reverse('connect:referral_new', args=[case.pk])}?service={service.pk}"
    consent = Consent.objects.get()
    assert consent.information == ["identity", "situation"] and list(consent.organisations.all()) == [
        service.organisation
    ]
    form = caseworker.get(response["Location"]).content.decode()
    assert f'value="{service.pk}" selected' in form


def test_consent_needs_a_provider_and_information(world, caseworker):
    made = records.case(world)
    response = caseworker.post(
        reverse("connect:consent_new", args=[made.pk]),
        {"kind": "consent", "given_by": "parent", "given_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200 and not Consent.objects.exists()


def test_withdrawn_consent_covers_no_new_referral(world, caseworker):
    service, made = records.service(world), records.case(world)
    consent = records.consent(world, made, service.organisation)
    caseworker.post(reverse("connect:consent_withdraw", args=[made.pk, consent.pk]))
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    page = caseworker.post(
        reverse("connect:referral_new", args=[made.pk]), {"service": service.pk, "shared_information": ["identity"]}
    ).content.decode()
    assert "No consent or assent is recorded" in page


def test_the_receiver_writes_notes_on_the_referral_only(world):
    referral = records.referral(world)
    receiver = sign_in(Client(), world.users["receiving_caseworker"])
    url = reverse("connect:note_new", args=[referral.case_id])
    receiver.post(url, {"text": "Called the mother"})
    assert not CaseNote.objects.exists()  # a receiver's note belongs to a referral
    response = receiver.post(url, {"text": "Called the mother", "referral": referral.pk})
    note = CaseNote.objects.get()
    assert response.status_code == 302 and note.referral == referral
    assert note.author_organisation == world.orgs["face"]
    sender = sign_in(Client(), world.users["caseworker"])
    assert "Called the mother" in sender.get(reverse("connect:referral_detail", args=[referral.pk])).content.decode()
    api = receiver.get(reverse("api:referral-notes", args=[referral.pk])).json()
    assert api[0]["text"] == "Called the mother"
    assert AccessLogEntry.objects.filter(user=world.users["receiving_caseworker"], action="change").exists()


def test_the_api_registers_and_lists_cases(world, caseworker):
    response = caseworker.post(
        reverse("api:case-list"),
        {**_case_data(world, age=5), "location": "chiang-rai"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["age_band"] == "0_5"
    listed = caseworker.get(reverse("api:case-list")).json()
    assert listed["count"] == 1
    other = sign_in(Client(), world.users["other_caseworker"]).get(reverse("api:case-list")).json()
    assert other["count"] == 0
