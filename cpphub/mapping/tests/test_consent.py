"""Consent and assent: status by the country's rules, the rules page, recording consent, withdrawal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Consent, ConsentRule, Finding
from cpphub.mapping.selectors.records import ConsentState, consent_status, country_rules, requirement_for
from cpphub.mapping.services.people import consent_record, consent_rules_set
from cpphub.mapping.tests.records_world import consent, finding, participant

ASSENT_AND_CAREGIVER = ConsentRule.Requirement.ASSENT_AND_CAREGIVER
CHILD_CONSENT = ConsentRule.Requirement.CHILD_CONSENT
CAREGIVER = ConsentRule.Requirement.CAREGIVER_CONSENT


def _status(person):
    return consent_status(person, person.consents.all(), country_rules(person.location.country)).code


@pytest.mark.parametrize(
    ("age_band", "given", "expected"),
    [
        ("10_12", [], ConsentState.CONSENT_MISSING),
        ("10_12", [("assent", "child")], ConsentState.CAREGIVER_MISSING),
        ("10_12", [("consent", "caregiver")], ConsentState.ASSENT_MISSING),
        ("10_12", [("assent", "child"), ("consent", "caregiver")], ConsentState.COMPLETE),
        ("10_12", [("consent", "both")], ConsentState.COMPLETE),
        ("16_17", [("assent", "child")], ConsentState.CHILD_CONSENT_MISSING),
        ("16_17", [("consent", "child")], ConsentState.COMPLETE),
        # 13-15 spans 6-14 (assent and caregiver) and 15-17 (child consent): the strictest applies.
        ("13_15", [("consent", "child")], ConsentState.CAREGIVER_MISSING),
        ("13_15", [("consent", "child"), ("consent", "caregiver")], ConsentState.COMPLETE),
    ],
)
def test_the_status_follows_the_default_rules(world, age_band, given, expected):
    person = participant(world, age_band=age_band)
    for type_, given_by in given:
        consent(person, type=type_, given_by=given_by)
    assert _status(person) == expected


def test_a_withdrawn_consent_does_not_count(world):
    person = participant(world, age_band="16_17")
    consent(person, type="consent", given_by="child", withdrawn_at=dt.datetime(2009, 6, 1, tzinfo=dt.UTC))
    assert _status(person) == ConsentState.CHILD_CONSENT_MISSING


def test_a_key_informant_needs_their_own_consent(world):
    person = participant(world, perspective="key_informant", age_band="", sex="", informant_role="teacher")
    assert _status(person) == ConsentState.CONSENT_MISSING
    consent(person, type="consent", given_by="informant")
    assert _status(person) == ConsentState.COMPLETE


def test_a_country_s_own_rules_change_the_status(world):
    person = participant(world, age_band="13_15")
    consent(person, type="consent", given_by="child")
    assert _status(person) == ConsentState.CAREGIVER_MISSING
    consent_rules_set(
        country=world.countries["thailand"],
        rules=[(0, 12, ASSENT_AND_CAREGIVER), (13, 17, CHILD_CONSENT)],
        acting_user=world.users["coordinator"],
    )
    assert _status(person) == ConsentState.COMPLETE
    brazil_child = participant(world, "SA-1", location="santo_andre", age_band="13_15")
    consent(brazil_child, type="consent", given_by="child")
    assert _status(brazil_child) == ConsentState.CAREGIVER_MISSING  # Brazil keeps the defaults


def test_an_age_band_outside_every_rule_gets_the_strictest(world):
    assert requirement_for("6_9", [(10, 17, CHILD_CONSENT)]) == ASSENT_AND_CAREGIVER
    assert requirement_for("6_9", [(0, 7, CAREGIVER), (8, 17, CHILD_CONSENT)]) == CAREGIVER


@pytest.mark.parametrize(
    ("rules", "says"),
    [
        ([(0, 10, CAREGIVER), (10, 17, CHILD_CONSENT)], "overlap"),
        ([(0, 10, CAREGIVER), (12, 17, CHILD_CONSENT)], "11"),
        ([(6, 14, ASSENT_AND_CAREGIVER)], "15, 16, 17"),
        ([(6, 17, "whatever")], "Unknown requirement"),
    ],
)
def test_rules_that_overlap_or_leave_an_age_out_are_refused(world, rules, says):
    thailand = world.countries["thailand"]
    consent_rules_set(country=thailand, rules=[(6, 17, CHILD_CONSENT)], acting_user=None)
    with pytest.raises(ValidationError) as caught:
        consent_rules_set(country=thailand, rules=rules, acting_user=None)
    assert says in " ".join(caught.value.messages)
    assert list(thailand.consent_rules.values_list("min_age", "max_age")) == [(6, 17)]


def test_a_coordinator_edits_the_rules_on_the_page(client_for, world):
    url = reverse("mapping:consent_rules", args=[world.countries["thailand"].pk])
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-min_age": "0",
        "form-0-max_age": "12",
        "form-0-requirement": ASSENT_AND_CAREGIVER,
        "form-1-min_age": "13",
        "form-1-max_age": "17",
        "form-1-requirement": CHILD_CONSENT,
    }
    overlapping = client_for("coordinator").post(url, {**data, "form-1-min_age": "12"})
    assert "overlap" in overlapping.content.decode()
    assert not ConsentRule.objects.exists()
    saved = client_for("coordinator").post(url, data)
    assert saved.status_code == 302
    assert list(ConsentRule.objects.values_list("min_age", "max_age")) == [(0, 12), (13, 17)]
    assert AuditEvent.objects.filter(object_type="partnership.country", changes__has_key="consent_rules").exists()


def test_members_read_the_rules_and_may_not_change_them(client_for, world):
    url = reverse("mapping:consent_rules", args=[world.countries["thailand"].pk])
    page = client_for("facilitator").get(url)
    assert page.status_code == 200 and "Child assent and caregiver consent" in page.content.decode()
    assert client_for("facilitator").post(url, {"form-TOTAL_FORMS": "0"}).status_code == 403


def test_a_facilitator_records_assent_and_the_status_changes(client_for, world):
    person = participant(world)
    consent(person, type="consent", given_by="caregiver")
    client = client_for("facilitator")
    response = client.post(
        reverse("mapping:consent_create", args=[person.pk]),
        {"type": "assent", "given_by": "child", "scope": ["answers", "quotes"], "language": "th", "date": "2009-05-04"},
    )
    assert response.status_code == 302
    assert Consent.objects.get(type="assent").scope == ["answers", "quotes"]
    assert "Complete" in client.get(reverse("mapping:participant_detail", args=[person.pk])).content.decode()


def test_consent_without_a_scope_or_by_an_informant_for_a_child_is_refused(world):
    person = participant(world)
    with pytest.raises(ValidationError) as caught:
        consent_record(
            participant=person,
            data={
                "type": "consent",
                "given_by": "informant",
                "scope": [],
                "language": "th",
                "date": dt.date(2009, 5, 4),
            },
            acting_user=None,
        )
    assert {"scope", "given_by"} <= set(caught.value.message_dict)
    assert not Consent.objects.exists()


def test_withdrawing_asks_for_a_reason_then_withdraws_everywhere(client_for, world):
    person = participant(world)
    consent(person)
    quoted = finding(world)
    quoted.participants.add(person)
    url = reverse("mapping:participant_withdraw", args=[person.pk])
    client = client_for("facilitator")
    assert "Withdraw participant CR-001?" in client.get(url).content.decode()
    assert client.post(url, {"reason": ""}).status_code == 200
    person.refresh_from_db()
    assert person.withdrawn_at is None
    assert client.post(url, {"reason": "Changed her mind"}).status_code == 302
    person.refresh_from_db()
    assert person.withdrawn_at is not None
    assert Finding.objects.get(pk=quoted.pk).withdrawn_at is not None
    assert "Withdrawn" in client.get(reverse("mapping:participant_detail", args=[person.pk])).content.decode()
