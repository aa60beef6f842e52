"""A plan's exports: XLSX and CSV with the HXL row, a PDF in the page's language; every export audited."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cpphub.audit.models import AuditEvent
from cpphub.planning.models import ProgressUpdate
from cpphub.planning.tests.create_records import action, plan

THAI_TITLE = "อบรมครูเรื่องการล่อลวงทางออนไลน์"


@pytest.fixture
def chiang_rai(world):
    made = plan(world)
    first = action(made, title="Train teachers on online grooming", indicator="Teachers trained", baseline=0, target=40)
    action(made, title=THAI_TITLE, outcome="connect", start=dt.date(2009, 8, 1), end=dt.date(2010, 1, 31))
    ProgressUpdate.objects.create(action=first, date=dt.date(2009, 7, 15), note="Two schools", value=12)
    return made


def test_the_xlsx_opens_with_the_hxl_row_and_is_audited(client_for, chiang_rai):
    response = client_for("steering_member").get(reverse("planning:plan_export", args=[chiang_rai.pk, "xlsx"]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers, hxl = rows[0], rows[1]
    for tag in ("#activity+name", "#org+lead", "#sector", "#date+start", "#date+end", "#indicator+name"):
        assert tag in hxl
    by_header = [dict(zip(headers, row, strict=True)) for row in rows[2:]]
    assert [row["Action"] for row in by_header] == ["Train teachers on online grooming", THAI_TITLE]
    assert by_header[0]["Lead partner"] == "Foundation for Child Development"
    assert by_header[0]["Latest value"] == 12
    assert by_header[1]["Outcome"] == "Connect"
    event = AuditEvent.objects.get(action="export")
    assert event.changes == {"filters": {"plan": str(chiang_rai.pk)}, "format": "xlsx", "rows": 2}


def test_the_csv_holds_the_same_rows(client_for, chiang_rai):
    response = client_for("caseworker").get(reverse("planning:plan_export", args=[chiang_rai.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][rows[0].index("Action")] == "#activity+name"
    assert {row[rows[0].index("Action")] for row in rows[2:]} == {"Train teachers on online grooming", THAI_TITLE}


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    pdftotext = shutil.which("pdftotext")  # poppler-utils
    assert pdftotext, "pdftotext (poppler-utils) is needed to read the PDF back"
    done = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, check=True, text=True)  # noqa: S603 - our own file
    return done.stdout


def test_the_pdf_holds_every_action_also_in_thai_and_is_audited(client_for, chiang_rai, tmp_path):
    response = client_for("national_focal_point").get(reverse("planning:plan_pdf", args=[chiang_rai.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content, tmp_path)
    assert "Train teachers on online grooming" in text
    assert THAI_TITLE in text.replace(" ", "").replace("\n", "") or THAI_TITLE in text
    assert "Chiang Rai action plan 2009" in text
    assert AuditEvent.objects.filter(action="export", changes__format="pdf").exists()


def test_the_pdf_speaks_the_page_language(client_for, chiang_rai, tmp_path):
    client = client_for("facilitator")
    client.post(reverse("set_language"), {"language": "pt-br", "next": "/"})
    response = client.get(reverse("planning:plan_pdf", args=[chiang_rai.pk]), headers={"Accept-Language": "pt-br"})
    text = _pdf_text(response.content, tmp_path)
    assert "Train teachers on online grooming" in text
    assert "<html" not in text
