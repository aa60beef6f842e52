"""Identifying data at rest: never in the database's bytes, readable by the app, and its key can be rotated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from cpphub.connect.models import Case
from cpphub.connect.tests import records
from cpphub.lib.encryption import DecryptionError, generate_key

NOTE = "บันทึกลับ: the aunt in Chiang Saen knows"
# Whole values and the pieces a search through a disk image would try.
SECRETS = [
    records.CHILD_NAME,
    "Kanokwan",
    "Srisawat",
    records.GUARDIAN_CONTACT,
    "Somsri",
    "234 5678",
    records.SITUATION,
    "Groomed on a chat app",
    records.MESSAGE,
    "call the mother",
    NOTE,
    "บันทึกลับ",
    "Chiang Saen",
]

SCRIPT = textwrap.dedent(
    """
    import json, shutil, sys
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    call_command("migrate", verbosity=0)
    from conftest import build_world
    from cpphub.connect.models import Case, CaseNote, Consent, Referral
    from cpphub.connect.tests import records
    w = build_world()
    made = records.referral(w, status="accepted")
    CaseNote.objects.create(case=made.case, referral=made, text=sys.argv[2],
                            author_organisation=w.orgs["face"], author=w.users["receiving_caseworker"])
    folder = sys.argv[1]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    for suffix in ("", "-wal", "-shm"):
        try:
            shutil.copy(folder + "/db.sqlite3" + suffix, folder + "/live.sqlite3" + suffix)
        except FileNotFoundError:
            pass
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    case = Case.objects.get(pk=made.case_id)
    referral = Referral.objects.get(pk=made.pk)
    sys.stdout.write(json.dumps({
        "reference": case.reference,
        "name": case.name, "guardian_contact": case.guardian_contact, "situation": case.situation,
        "message": referral.message, "given_by_name": Consent.objects.get(case=case).given_by_name,
        "note": CaseNote.objects.get(case=case).text,
    }))
    """
)


def test_the_database_files_hold_no_identifying_value_that_the_app_reads_back(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cpphub.settings",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "CPPHUB_VAR_DIR": str(tmp_path),
        "CPPHUB_FIELD_KEYS": generate_key(),
        "PYTHONPATH": str(settings.PROJECT_DIR),
    }
    env.pop("DATABASE_URL", None)
    script = tmp_path / "write.py"
    script.write_text(SCRIPT)
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(script), str(tmp_path), NOTE],
        env=env,
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    read_back = json.loads(done.stdout.strip().splitlines()[-1])
    assert read_back["name"] == records.CHILD_NAME
    assert read_back["guardian_contact"] == records.GUARDIAN_CONTACT
    assert read_back["situation"] == records.SITUATION
    assert read_back["message"] == records.MESSAGE
    assert read_back["given_by_name"] == "Somsri"
    assert read_back["note"] == NOTE

    files = [p for p in tmp_path.iterdir() if ".sqlite3" in p.name]
    assert any(p.name == "live.sqlite3-wal" for p in files) or any(p.name == "db.sqlite3-wal" for p in files)
    everything = b"".join(p.read_bytes() for p in files)
    # The clear fields are there: these are the files that hold the records.
    assert read_back["reference"].encode() in everything
    for secret in [*SECRETS, "Somsri"]:
        for encoded in {secret.encode("utf-8"), secret.encode("utf-16-le")}:
            assert encoded not in everything, f"{secret!r} is in the database files"


@pytest.mark.django_db
def test_the_audit_trail_and_the_access_log_never_hold_identifying_values(world) -> None:
    from django.db import transaction

    from cpphub.audit.models import AccessLogEntry, AuditEvent
    from cpphub.audit.services import access_record, audited_write

    made = records.referral(world)
    with transaction.atomic():
        audited_write(
            made.case,
            {"name": "Another Alias-Test", "situation": records.SITUATION + " again", "risk_level": "medium"},
            acting_user=world.users["caseworker"],
        )
        audited_write(
            Case(reference="TEST-NEW", organisation=world.orgs["plan_thailand"], location=made.case.location),
            {
                "name": records.CHILD_NAME,
                "sex": "male",
                "age": 9,
                "age_band": "6_9",
                "guardian_contact": records.GUARDIAN_CONTACT,
                "situation": records.SITUATION,
                "need": "online_grooming",
                "risk_level": "high",
            },
            acting_user=world.users["caseworker"],
        )
    access_record(user=world.users["caseworker"], obj=made.case, label=made.case.reference, reason="follow-up")
    trail = json.dumps(list(AuditEvent.objects.values()), default=str, ensure_ascii=False)
    log = json.dumps(list(AccessLogEntry.objects.values()), default=str, ensure_ascii=False)
    assert "risk_level" in trail and made.case.reference in log
    for secret in [*SECRETS, "Another Alias"]:
        assert secret not in trail, secret
        assert secret not in log, secret


# --- Rotation ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_rotated_key_reads_everything_and_the_old_key_alone_reads_nothing(world) -> None:
    old, new = generate_key(), generate_key()
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]):
        made = records.referral(world)
    with override_settings(FIELD_ENCRYPTION_KEYS=[new, old]):
        with pytest.raises(CommandError, match="still need the old keys"):
            call_command("rotate_key", "--check")
        call_command("rotate_key")
        call_command("rotate_key", "--check")  # 0 left: no error
    with override_settings(FIELD_ENCRYPTION_KEYS=[new]):
        case = Case.objects.get(pk=made.case_id)
        assert case.name == records.CHILD_NAME
        assert case.guardian_contact == records.GUARDIAN_CONTACT
        assert case.referrals.get().message == records.MESSAGE
    with override_settings(FIELD_ENCRYPTION_KEYS=[old]), pytest.raises(DecryptionError):
        Case.objects.get(pk=made.case_id)


@pytest.mark.django_db
def test_a_value_no_key_reads_stops_the_rotation_with_a_reason(world, capsys) -> None:
    with override_settings(FIELD_ENCRYPTION_KEYS=[generate_key()]):
        made = records.referral(world)
    with override_settings(FIELD_ENCRYPTION_KEYS=[generate_key()]):
        with pytest.raises(CommandError, match="cannot be read with any key"):
            call_command("rotate_key")
        with pytest.raises(CommandError, match="cannot be read with any key"):
            call_command("rotate_key", "--check")
    # Nothing was lost: the original key still reads the case.
    assert Case.objects.filter(pk=made.case_id).exists()


def test_generate_prints_a_key_and_the_steps(capsys) -> None:
    call_command("rotate_key", "--generate")
    out = capsys.readouterr().out
    key = out.splitlines()[0]
    assert len(key) == 44
    assert "CPPHUB_FIELD_KEYS" in out and "rotate-key --check" in out
