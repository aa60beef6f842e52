import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.audit.tests.factories import build_trail


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def xlsx_rows(response) -> list[list]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_dpo_exports_the_events_found_by_actor_and_object(world, client_for, fmt):
    client = client_for("dpo")
    trail = build_trail(world)
    face = world.orgs["face"]
    search = {"who": "coordinator@example.org", "object_type": "partnership.organisation", "object_id": str(face.pk)}

    response = client.get(reverse("audit:event_export", args=[fmt]), search)

    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Id", "When", "Who (email)", "Action"]
    assert len(body) == 1
    row = dict(zip(header, body[0], strict=True))
    assert str(row["Id"]) == str(trail.renamed.pk)
    assert row["Who (email)"] == "coordinator@example.org"
    assert row["Action"] == "Updated"
    assert row["Object id"] == str(face.pk)
    assert "name: Foundation for Child Development → FACE Foundation" in row["Changes"]
    assert row["Address"] == "10.0.0.7"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_dpo_exports_the_access_log_found(world, client_for, fmt):
    client = client_for("dpo")
    trail = build_trail(world)

    response = client.get(reverse("audit:access_export", args=[fmt]), {"q": "referral"})

    rows = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert str(row["Id"]) == str(trail.viewed.pk)
    assert row["Reason"] == "Follow-up of a referral"
    assert row["Object"] == "Case R-2026-001"


def test_an_export_is_itself_recorded_in_the_audit_trail(world, client_for):
    client = client_for("dpo")
    build_trail(world)

    client.get(reverse("audit:event_export", args=["xlsx"]), {"action": "update", "page": "3", "junk": "x"})

    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert export.actor == world.user("dpo")
    assert export.actor_email == "dpo@example.org"
    assert export.object_type == "audit.auditevent"
    assert export.ip_address == "127.0.0.1"
    assert export.changes == {"filters": {"action": "update"}, "format": "xlsx", "rows": 1}


def test_an_access_log_export_is_recorded_too(world, client_for):
    client = client_for("dpo")
    build_trail(world)

    client.get(reverse("audit:access_export", args=["csv"]))

    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert export.object_type == "audit.accesslogentry"
    assert export.changes == {"filters": {}, "format": "csv", "rows": 2}


def test_an_unknown_format_is_not_found(world, client_for):
    response = client_for("dpo").get("/audit/events/export.pdf")

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
