from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Answer, Finding, MapCount, Participant, Submission
from cpphub.mapping.services.submissions import participant_withdraw, submissions_ingest
from cpphub.mapping.submission_files import read_submissions
from cpphub.mapping.tests.child_survey import child_survey, data


@pytest.fixture
def survey(world):
    return child_survey(world.locations["chiang_rai"], world.user("facilitator"))


@pytest.fixture
def imported(world, survey):
    file = read_submissions(file_name="child-survey.json", content=data("child-survey.json"))
    submissions_ingest(
        instrument=survey,
        location=world.locations["chiang_rai"],
        records=file.records(),
        source=file.source,
        acting_user=world.user("facilitator"),
    )
    return survey


def counts():
    rows = MapCount.objects.values_list("perspective", "age_band", "sex", "key", "n")
    return {(perspective, age_band, sex, key): n for perspective, age_band, sex, key, n in rows}


def test_withdrawal_removes_the_answers_decrements_the_counts_and_is_audited(world, imported):
    participant = Participant.objects.get(code="P-003")  # answered yes to the contact question (every third child)
    submission = participant.submissions.get()
    cell = (submission.perspective, submission.age_band, submission.sex)
    before = counts()
    finding = Finding.objects.create(
        location=world.locations["chiang_rai"],
        kind="risk",
        risk_dimension="contact",
        summary="Strangers ask for photos",
        source_type="focus_group",
        perspective="child",
        quote="He kept asking me for photos.",
    )
    finding.participants.add(participant)

    participant_withdraw(
        participant=participant, reason="Asked by her caregiver", acting_user=world.user("facilitator")
    )

    participant.refresh_from_db()
    assert participant.withdrawn_at is not None
    assert not Submission.objects.filter(participant=participant).exists()
    assert not Answer.objects.filter(submission_id=submission.pk).exists()
    assert Submission.objects.count() == 11
    after = counts()
    assert after.get((*cell, "respondents"), 0) == before[(*cell, "respondents")] - 1
    assert after.get((*cell, "risk:contact:sexual"), 0) == before[(*cell, "risk:contact:sexual")] - 1
    assert sum(n for (*_cell, key), n in after.items() if key == "respondents") == 11
    assert all(n > 0 for n in after.values())
    consent = participant.consents.get()
    assert consent.withdrawn_at is not None and consent.withdrawal_reason == "Asked by her caregiver"
    finding.refresh_from_db()
    assert finding.withdrawn_at is not None and finding.quote == ""
    event = AuditEvent.objects.get(object_type="mapping.participant", object_id=str(participant.pk))
    assert event.changes["submissions_removed"] == [None, 1]
    assert event.changes["answers_removed"] == [None, 16]
    assert event.actor == world.user("facilitator")


def test_the_counts_after_withdrawal_equal_a_recount(world, imported):
    from cpphub.mapping.services.submissions import counts_rebuild

    participant_withdraw(participant=Participant.objects.get(code="P-006"), reason="", acting_user=None)
    after = counts()
    counts_rebuild(instrument=imported)
    assert counts() == after


def test_a_withdrawn_participant_cannot_withdraw_twice(world, imported):
    participant = Participant.objects.get(code="P-001")
    participant_withdraw(participant=participant, reason="", acting_user=None)
    with pytest.raises(ValidationError):
        participant_withdraw(participant=participant, reason="", acting_user=None)
