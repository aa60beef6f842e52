from cpphub.audit import services
from cpphub.audit.models import AuditEvent


def test_diff_keeps_changed_fields_as_old_and_new():
    assert services.diff({"name": "A", "level": "local"}, {"name": "B", "level": "local"}) == {"name": ["A", "B"]}


def test_diff_redacts_secrets():
    before = {"password": "old-hash", "api_token": "abc", "secret_answer": "x", "otp_seed": "1", "salt_key": "k"}
    after = {"password": "new-hash", "api_token": "def", "secret_answer": "y", "otp_seed": "2", "salt_key": "l"}

    changes = services.diff(before, after)

    assert set(changes) == set(before)
    assert all(value == [services.REDACTED, services.REDACTED] for value in changes.values())
    assert "new-hash" not in str(changes)


def test_diff_notes_added_and_removed_fields():
    assert services.diff({"a": 1}, {"b": 2}) == {"a": [1, None], "b": [None, 2]}


def test_export_record_writes_an_export_event_without_empty_filters(world):
    event = services.export_record(
        acting_user=world.user("dpo"),
        model=AuditEvent,
        fmt="csv",
        rows=7,
        filters={"who": "alice", "action": "", "date_from": None},
    )

    assert event.action == AuditEvent.Action.EXPORT
    assert event.actor == world.user("dpo")
    assert event.object_type == "audit.auditevent"
    assert event.object_repr == "audit events"
    assert event.changes == {"filters": {"who": "alice"}, "format": "csv", "rows": 7}
