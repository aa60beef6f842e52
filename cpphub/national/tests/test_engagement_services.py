"""The write services of national meetings and their outcomes: validated, saved and audited, or nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.national.models import Commitment, NationalEngagement, NationalPriority
from cpphub.national.services import engagements as services
from cpphub.national.tests.national_records import brazil_engagement, thai_commitment, thai_engagement


def _priority(world, **fields):
    return {
        "title": "Train investigators on live-streamed abuse",
        "importance": 4,
        "mnr_capability": 4,
        "risks": ["contact", "contract"],
        "ict_tags": ["live_streamed"],
        "target_groups": ["police"],
        "outcome": "equip",
        **fields,
    }


def test_a_meeting_is_recorded_with_its_organisations_and_audited(world):
    meeting = services.engagement_create(
        country=world.countries["thailand"],
        data={
            "kind": "bilateral",
            "date": dt.date(2009, 2, 1),
            "title": "Bilateral with TICAC",
            "organisations": [world.orgs["plan_thailand"], world.orgs["unicef"]],
        },
        acting_user=world.users["national_focal_point"],
    )
    assert {o.name for o in meeting.organisations.all()} == {"Plan Thailand", "United Nations Children's Fund"}
    event = AuditEvent.objects.get(object_type="national.nationalengagement", object_id=str(meeting.pk))
    assert event.action == AuditEvent.Action.CREATE and event.actor == world.users["national_focal_point"]


def test_a_meeting_cannot_list_an_organisation_of_another_country(world):
    with pytest.raises(ValidationError) as error:
        services.engagement_create(
            country=world.countries["thailand"],
            data={
                "kind": "roundtable",
                "date": dt.date(2009, 2, 1),
                "title": "Roundtable",
                "organisations": [world.orgs["safernet"]],
            },
            acting_user=world.users["coordinator"],
        )
    assert "Safernet Brasil" in str(error.value.message_dict["organisations"])
    assert not NationalEngagement.objects.exists()


def test_a_priority_from_a_meeting_of_another_country_is_refused_on_the_meeting(world):
    brazilian_meeting = brazil_engagement(world)
    with pytest.raises(ValidationError) as error:
        services.priority_create(
            country=world.countries["thailand"],
            data=_priority(world, engagement=brazilian_meeting),
            acting_user=world.users["coordinator"],
        )
    assert error.value.message_dict["engagement"] == ["The meeting was held in another country."]
    assert not NationalPriority.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"risks": ["violence"]}, "risks"),
        ({"ict_tags": ["phishing"]}, "ict_tags"),
        ({"target_groups": ["aliens"]}, "target_groups"),
        ({"mnr_capability": 22}, "mnr_capability"),
        ({"importance": 6}, "importance"),
    ],
)
def test_bad_codes_are_refused_on_their_field(world, fields, field):
    with pytest.raises(ValidationError) as error:
        services.priority_create(
            country=world.countries["thailand"], data=_priority(world, **fields), acting_user=world.users["coordinator"]
        )
    assert field in error.value.message_dict
    assert not NationalPriority.objects.exists()


def test_a_partner_must_be_of_the_country_or_international(world):
    with pytest.raises(ValidationError) as error:
        services.priority_create(
            country=world.countries["thailand"],
            data=_priority(world, organisation=world.orgs["plan_brasil"]),
            acting_user=world.users["coordinator"],
        )
    assert error.value.message_dict["organisation"] == ["Plan Brasil is not a partner in Thailand."]
    international = services.priority_create(
        country=world.countries["thailand"],
        data=_priority(world, organisation=world.orgs["iicrd"], risks=["contact", "contact"]),
        acting_user=world.users["coordinator"],
    )
    assert international.organisation == world.orgs["iicrd"] and international.risks == ["contact"]


def test_a_priority_keeps_its_meeting_and_its_changes_are_audited(world):
    meeting = thai_engagement(world)
    priority = services.priority_create(
        country=world.countries["thailand"],
        data=_priority(world, engagement=meeting),
        acting_user=world.users["national_focal_point"],
    )
    services.priority_update(
        priority=priority, data={"status": "addressed", "country": None}, acting_user=world.users["coordinator"]
    )
    priority.refresh_from_db()
    assert priority.status == "addressed" and priority.engagement == meeting
    assert priority.country == world.countries["thailand"]  # a record stays in its country
    update = AuditEvent.objects.get(object_type="national.nationalpriority", action=AuditEvent.Action.UPDATE)
    assert update.changes == {"status": ["open", "addressed"]}


def test_a_commitment_is_marked_done_and_opened_again(world):
    commitment = thai_commitment(world)
    assert commitment.is_overdue()  # due in 2009
    services.commitment_set_done(
        commitment=commitment, done=True, on=dt.date(2009, 7, 2), acting_user=world.users["national_focal_point"]
    )
    commitment = Commitment.objects.get(pk=commitment.pk)
    assert commitment.done_at == dt.date(2009, 7, 2) and not commitment.is_overdue()
    services.commitment_set_done(commitment=commitment, done=False, acting_user=world.users["national_focal_point"])
    assert Commitment.objects.get(pk=commitment.pk).done_at is None
    assert AuditEvent.objects.filter(object_type="national.commitment", action=AuditEvent.Action.UPDATE).count() == 2
