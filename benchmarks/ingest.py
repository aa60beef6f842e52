"""Ingest benchmark: submissions_ingest against plain sqlite3 executemany of the same rows.

1,000,000 submissions of 20 answers each (``CPPHUB_BENCH_SUBMISSIONS`` scales
it down for a quick try) go through ``submissions_ingest``: every value
checked against the instrument, identifying columns looked for, uuids
de-duplicated, the counts of the risk map kept up to date, all in one
transaction. The reference inserts the same submission and answer rows,
prepared in advance, with plain ``sqlite3`` ``executemany`` into a separate
SQLite file holding tables of the same shape (the same columns and indexes,
copied from the product's schema). The target: the subject takes no more than
twice the reference's time.
"""

from __future__ import annotations

import os
import random
import sqlite3
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

SUBMISSIONS = int(os.environ.get("CPPHUB_BENCH_SUBMISSIONS", "1000000"))
ANSWERS = 20

FORM = """survey,type,name,label
,select_one yes_no,assent,Do you agree?
,begin_group,about,About you
,select_one age_band,age_band,Age
,select_one sex,sex,Sex
,integer,siblings,Brothers and sisters
,end_group,about,
,begin_group,online,Going online
{questions}
,end_group,online,
choices,list_name,name,label
,yes_no,yes,Yes
,yes_no,no,No
,yes_no_skip,yes,Yes
,yes_no_skip,no,No
,yes_no_skip,skip,Skip
,age_band,10_12,10-12
,age_band,13_15,13-15
,age_band,16_17,16-17
,sex,girl,Girl
,sex,boy,Boy
,channel,mobile,Mobile
,channel,chatroom,Chatroom
,channel,webcam,Webcam
,channel,game,Game
,channel,social_network,Social network
settings,form_title,form_id,version
,Ingest benchmark,ingest_bench,1
"""
# 16 more questions: 10 yes/no/skip, 6 multiple choice; 20 answers in all with assent, age band, sex, siblings.
ONLINE = [f",select_one yes_no_skip,risk_{n},Risk {n}" for n in range(10)] + [
    f",select_multiple channel,where_{n},Where {n}" for n in range(6)
]
COLUMNS = [
    "id",
    "uuid",
    "instrument_id",
    "location_id",
    "session_id",
    "participant_id",
    "round",
    "perspective",
    "age_band",
    "sex",
    "submitted_at",
    "source",
    "job_id",
]
CHANNELS = ["mobile", "chatroom", "webcam", "game", "social_network"]


def _instrument() -> Any:
    from cpphub.mapping.models import Choice
    from cpphub.mapping.services.instruments import instrument_import, instrument_tag
    from cpphub.partnership.models import Country, PilotLocation

    country = Country.objects.get_or_create(code="TH", defaults={"name": "Thailand"})[0]
    location = PilotLocation.objects.create(name="Bench", slug="bench-ingest", country=country)
    instrument = instrument_import(
        file_name="bench.csv",
        content=FORM.format(questions="\n".join(ONLINE)).encode(),
        location=location,
        acting_user=None,
    )
    questions = {question.name: question for question in instrument.questions.all()}
    for n, dimension in enumerate(["content", "contact", "conduct", "contract"]):
        instrument_tag(question_or_choice=questions[f"risk_{n}"], risk_dimension=dimension, acting_user=None)
    webcam = Choice.objects.get(question=questions["where_0"], name="webcam")
    instrument_tag(question_or_choice=webcam, channels=["webcam"], ict_tags=["live_streamed"], acting_user=None)
    return instrument, location


def _records(count: int) -> list[dict[str, str]]:
    rng = random.Random(20260301)  # noqa: S311 - synthetic data
    choices = ["yes", "no", "skip"]
    multiples = [" ".join(sorted(rng.sample(CHANNELS, rng.randint(1, 3)))) for _ in range(50)]
    records = []
    for n in range(count):
        record = {
            "_uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "_submission_time": f"2026-03-{1 + n % 28:02d}T10:{n % 60:02d}:{(n // 60) % 60:02d}",
            "assent": "yes",
            "about/age_band": ("10_12", "13_15", "16_17")[n % 3],
            "about/sex": ("girl", "boy")[n % 2],
            "about/siblings": str(n % 5),
        }
        for q in range(10):
            record[f"online/risk_{q}"] = choices[rng.randrange(3)]
        for q in range(6):
            record[f"online/where_{q}"] = multiples[rng.randrange(50)]
        records.append(record)
    return records


def _reference_rows(records: list[dict[str, str]], instrument: Any, location: Any) -> tuple[list[tuple], list[tuple]]:
    """The rows the subject stores, as plain tuples ready for executemany."""
    paths = {question.path: question.pk for question in instrument.questions.all()}
    submissions, answers = [], []
    for pk, record in enumerate(records, start=1):
        submissions.append(
            (
                pk,
                record["_uuid"],
                instrument.pk,
                location.pk,
                None,
                None,
                1,
                "child",
                record["about/age_band"],
                "female" if record["about/sex"] == "girl" else "male",
                record["_submission_time"].replace("T", " "),
                "kobo_json",
                None,
            )
        )
        answers.extend((pk, paths[key], value) for key, value in record.items() if not key.startswith("_"))
    return submissions, answers


def _reference(submissions: list[tuple], answers: list[tuple]) -> float:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name IN ('mapping_submission', 'mapping_answer') "
            "AND sql IS NOT NULL ORDER BY type DESC"
        )
        ddl = [row[0] for row in cursor.fetchall()]
    folder = tempfile.mkdtemp(prefix="cpphub-bench-reference-")
    db = sqlite3.connect(Path(folder) / "reference.sqlite3", isolation_level=None)
    for statement in ddl:
        db.execute(statement)
    start = time.perf_counter()
    db.execute("BEGIN")
    db.executemany(
        f"INSERT INTO mapping_submission ({', '.join(COLUMNS)}) VALUES ({', '.join(['?'] * len(COLUMNS))})",  # noqa: S608
        submissions,
    )
    db.executemany("INSERT INTO mapping_answer (submission_id, question_id, value) VALUES (?, ?, ?)", answers)
    db.execute("COMMIT")
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def run() -> dict[str, tuple[float, float]]:
    from cpphub.mapping.models import Answer, MapCount, Submission
    from cpphub.mapping.services.submissions import submissions_ingest

    instrument, location = _instrument()
    records = _records(SUBMISSIONS)
    submissions, answers = _reference_rows(records, instrument, location)
    reference = _reference(submissions, answers)
    del submissions, answers

    start = time.perf_counter()
    result = submissions_ingest(
        instrument=instrument, location=location, records=records, source="kobo_json", acting_user=None
    )
    subject = time.perf_counter() - start

    assert result.created == SUBMISSIONS, result
    assert Answer.objects.filter(submission__instrument=instrument).count() == SUBMISSIONS * ANSWERS
    respondents = MapCount.objects.filter(instrument=instrument, key="respondents")
    assert sum(respondents.values_list("n", flat=True)) == SUBMISSIONS
    assert Submission.objects.filter(instrument=instrument).count() == SUBMISSIONS
    rows = SUBMISSIONS * (1 + ANSWERS)
    print(
        f"ingest: {SUBMISSIONS:,} submissions x {ANSWERS} answers: "
        f"submissions_ingest {subject:.1f}s ({SUBMISSIONS / subject:,.0f} submissions/s, "
        f"{rows / subject:,.0f} rows/s); "
        f"sqlite3 executemany {reference:.1f}s ({SUBMISSIONS / reference:,.0f} submissions/s, "
        f"{rows / reference:,.0f} rows/s); ratio {subject / reference:.2f}x (target <= 2x)"
    )
    return {f"ingest {SUBMISSIONS:,} submissions x {ANSWERS} answers": (subject, reference)}
