"""Audit rows are history: nobody changes or removes them, not even with SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from cpphub.audit.models import AccessLogEntry, AppendOnlyError, AuditEvent
from cpphub.audit.tests.factories import build_trail


def test_the_model_refuses_to_change_an_event(world):
    event = build_trail(world).renamed
    event.object_repr = "Something else"

    with pytest.raises(AppendOnlyError):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).object_repr != "Something else"


def test_the_model_refuses_a_bulk_update(world):
    trail = build_trail(world)

    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=trail.renamed.pk).update(actor_email="someone@else.org")
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.update(reason="")

    assert AuditEvent.objects.get(pk=trail.renamed.pk).actor_email == "coordinator@example.org"


@pytest.mark.parametrize(
    ("model", "table"), [(AuditEvent, "audit_auditevent"), (AccessLogEntry, "audit_accesslogentry")]
)
def test_the_database_refuses_a_raw_update(world, model, table):
    build_trail(world)
    before = list(model.objects.values_list("pk", "object_repr"))

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET object_repr = 'rewritten'")  # noqa: S608

    assert list(model.objects.values_list("pk", "object_repr")) == before


def test_the_model_refuses_to_delete_an_event_or_an_access(world):
    trail = build_trail(world)

    with pytest.raises(AppendOnlyError):
        trail.renamed.delete()
    with pytest.raises(AppendOnlyError):
        trail.viewed.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=trail.viewed.pk).delete()

    assert AuditEvent.objects.filter(pk=trail.renamed.pk).exists()
    assert AccessLogEntry.objects.filter(pk=trail.viewed.pk).exists()


def test_only_the_retention_job_removes_expired_rows(world):
    from cpphub.audit.tests.factories import an_old_event

    old = an_old_event(world, days=4000)
    trail = build_trail(world)

    deleted = AuditEvent.objects.filter(pk=old.pk).delete_for_retention()

    assert deleted == 1
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=trail.renamed.pk).exists()
