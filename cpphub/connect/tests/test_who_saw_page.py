"""The data protection officer asks "who saw this record" by case number, and gets the access log, never the child."""

from __future__ import annotations

import csv
import io

import pytest

from cpphub.audit.models import AccessLogEntry, AuditEvent
from cpphub.audit.services import access_record
from cpphub.connect.tests import records

pytestmark = pytest.mark.django_db


def test_the_dpo_sees_every_access_to_a_case_and_its_referrals_newest_first(world, client_for) -> None:
    made = records.referral(world)
    other = records.referral(world)
    reference = made.case.reference
    access_record(user=world.users["caseworker"], obj=made.case, label=reference, reason="registered")
    access_record(user=world.users["receiving_caseworker"], obj=made, label=f"{reference} → FACE", reason="accept")
    access_record(user=world.users["other_caseworker"], obj=made, action=AccessLogEntry.Action.DENIED, label=reference)
    access_record(user=world.users["caseworker"], obj=other.case, label=other.case.reference)

    page = client_for("dpo").get("/connect/who-saw/", {"reference": reference.lower()})
    assert page.status_code == 200
    text = page.content.decode()
    for persona in ("caseworker", "receiving_caseworker", "other_caseworker"):
        assert world.users[persona].email in text
    assert "Refused" in text and "accept" in text and "3 accesses" in text
    assert other.case.reference not in text
    # Newest first: the refused attempt was the last.
    assert text.index(world.users["other_caseworker"].email) < text.index("registered")
    for secret in (records.CHILD_NAME, records.GUARDIAN_CONTACT, records.SITUATION, records.MESSAGE):
        assert secret not in text


def test_an_unknown_case_number_gets_a_clear_message(world, client_for) -> None:
    page = client_for("dpo").get("/connect/who-saw/", {"reference": "TH-9999"})
    assert page.status_code == 200
    assert "There is no case TH-9999" in page.content.decode()


def test_the_export_lists_the_entries_and_is_audited(world, client_for) -> None:
    made = records.referral(world)
    access_record(user=world.users["caseworker"], obj=made.case, label=made.case.reference, reason="follow-up")
    response = client_for("dpo").get("/connect/who-saw/export.csv", {"reference": made.case.reference})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[2][1] == world.users["caseworker"].email and rows[2][5] == "follow-up"
    assert records.CHILD_NAME not in response.content.decode()
    event = AuditEvent.objects.get(action="export", object_type="audit.accesslogentry")
    assert event.changes["filters"] == {"reference": made.case.reference} and event.changes["rows"] == 1


def test_only_the_dpo_asks(world, client_for) -> None:
    made = records.referral(world)
    for persona in ("caseworker", "coordinator", "receiving_caseworker"):
        response = client_for(persona).get("/connect/who-saw/", {"reference": made.case.reference})
        assert response.status_code == 403, persona
