from __future__ import annotations

import csv
import io
import json
from collections import Counter

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import Answer, Consent, ImportJob, MapCount, Participant, Question, Submission
from cpphub.mapping.services.submissions import IdentifyingColumns, pseudonym, submissions_ingest
from cpphub.mapping.submission_files import read_submissions
from cpphub.mapping.tests.child_survey import child_survey, data


@pytest.fixture
def survey(world):
    return child_survey(world.locations["chiang_rai"], world.user("facilitator"))


SEX = {"girl": "female", "boy": "male", "prefer_not": "not_stated"}


def ingest(world, instrument, name, content=None, **options):
    file = read_submissions(file_name=name, content=data(name) if content is None else content)
    return submissions_ingest(
        instrument=instrument,
        location=world.locations["chiang_rai"],
        records=file.records(),
        source=file.source,
        acting_user=world.user("facilitator"),
        **options,
    )


def state():
    """Everything an import could change."""
    return (
        sorted(Submission.objects.values_list("uuid", flat=True)),
        Answer.objects.count(),
        sorted(MapCount.objects.values_list("perspective", "age_band", "sex", "key", "n")),
        sorted(Participant.objects.values_list("code", flat=True)),
        Consent.objects.count(),
        AuditEvent.objects.filter(object_type__in=["mapping.instrument", "mapping.importjob"]).count(),
        ImportJob.objects.count(),
    )


def total(key):
    return sum(MapCount.objects.filter(key=key).values_list("n", flat=True))


def json_records():
    return [record for record in json.loads(data("child-survey.json"))["results"] if record["assent"] == "yes"]


def expected_counts(records, instrument):
    """The counts of the risk map, worked out from the records by hand."""
    questions = {question.path: question.pk for question in instrument.questions.all()}
    counts = Counter()
    for record in records:
        keys = {"respondents"}
        if record["uncomfortable/contact_uneasy"] == "yes":
            keys |= {"risk:contact:sexual", "ict:grooming"}
        if record["uncomfortable/content_upset"] == "yes":
            keys.add("risk:content:")
        if "webcam" in record["uncomfortable/where_happened"].split():
            keys.add("channel:webcam")
        if "trusted_adult" in record["staying_safe/what_helps"].split():
            keys.add("strength:trusted_adult")
        for path in ("going_online/how_often", "going_online/devices", "uncomfortable/where_happened"):
            keys |= {f"item:{questions[path]}:{choice}" for choice in record[path].split()}
        counts.update(keys)
    return counts


def test_it_imports_kobo_json_with_participants_assents_and_counts(world, survey):
    records = json_records()

    result = ingest(world, survey, "child-survey.json")

    assert (result.created, result.skipped, result.declined) == (12, 0, 1)
    assert Submission.objects.filter(instrument=survey, source="kobo_json").count() == 12
    submission = Submission.objects.get(uuid=records[0]["_uuid"])
    assert submission.participant.code == "P-001"
    assert (submission.perspective, submission.age_band, submission.sex) == ("child", "13_15", "male")
    assert submission.submitted_at.isoformat() == "2026-02-11T02:21:01+00:00"
    answers = dict(submission.answers.values_list("question__path", "value"))
    assert answers["going_online/devices"] == records[0]["going_online/devices"]
    assert "_uuid" not in answers and "formhub/uuid" not in answers
    # A 13-15 year old in Thailand (no rules: the defaults, child consent from 15) gives assent; 16-17 consent.
    consent = Participant.objects.get(code="P-001").consents.get()
    assert (consent.type, consent.given_by, consent.scope, consent.language) == ("assent", "child", ["answers"], "en")
    assert Participant.objects.get(code="P-002").consents.get().type == "consent"
    expected = expected_counts(records, survey)
    for key, n in expected.items():
        assert total(key) == n, key
    assert total("risk:contact:sexual") == 4
    assert set(MapCount.objects.values_list("key", flat=True)) >= set(expected)
    by_cell = Counter((r["about/age_band"], SEX[r["about/sex"]]) for r in records)
    for (age_band, sex), n in by_cell.items():
        assert MapCount.objects.get(key="respondents", age_band=age_band, sex=sex).n == n


def test_one_audit_event_per_import_with_the_counts(world, survey):
    ingest(world, survey, "child-survey.json")

    event = AuditEvent.objects.get(
        object_type="mapping.instrument", object_id=str(survey.pk), action="create", changes__has_key="created"
    )
    assert event.changes["created"] == [None, 12]
    assert event.changes["declined"] == [None, 1]
    assert event.actor == world.user("facilitator")


@pytest.mark.parametrize("name", ["child-survey.csv", "child-survey.xlsx"])
def test_it_imports_kobo_csv_and_xlsx_exports(world, survey, name):
    result = ingest(world, survey, name)

    count = 10 if name.endswith(".csv") else 8
    assert (result.created, result.skipped, result.declined) == (count, 0, 0)
    assert total("respondents") == count
    prefix = "C" if name.endswith(".csv") else "X"
    assert Participant.objects.filter(code__startswith=prefix).count() == count
    devices = Question.objects.get(instrument=survey, path="going_online/devices")
    # The 0/1 column of each choice in Kobo's CSV is left aside: the answer is the space-separated column.
    assert all(
        value and "/" not in value for value in Answer.objects.filter(question=devices).values_list("value", flat=True)
    )
    assert Answer.objects.filter(question__instrument=survey).count() == count * 16


def test_the_same_file_twice_adds_nothing(world, survey):
    ingest(world, survey, "child-survey.json")
    before = state()

    again = ingest(world, survey, "child-survey.json")

    assert (again.created, again.skipped) == (0, 12)
    assert state()[:5] == before[:5]


def test_a_repeated_uuid_in_one_file_is_stored_once(world, survey):
    document = json.loads(data("child-survey.json"))
    document["results"].append(dict(document["results"][0]))

    result = ingest(world, survey, "again.json", json.dumps(document).encode())

    assert (result.created, result.skipped) == (12, 1)


def test_records_without_uuid_get_one_from_their_content_so_a_reimport_adds_nothing(world, survey):
    records = [{key: value for key, value in r.items() if not key.startswith(("_", "meta/"))} for r in json_records()]
    content = json.dumps(records).encode()

    first = ingest(world, survey, "bare.json", content)
    second = ingest(world, survey, "bare.json", content)

    assert (first.created, second.created, second.skipped) == (12, 0, 12)


def csv_with(rows, header=None):
    header = header or ["_uuid", "assent", "about/participant_code", "about/age_band", "about/sex"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


GOOD = ["u-1", "yes", "P-101", "10_12", "girl"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("corrupt.xlsx", b"PK\x03\x04 this is no spreadsheet", "not a readable XLSX spreadsheet"),
        ("cut.json", data("child-survey.json")[:900], "cut short or malformed at line"),
        ("empty.csv", b"", "is empty"),
        ("answers.txt", b"a,b\n1,2\n", "not a submissions file"),
        (
            "choice.csv",
            csv_with(
                [GOOD, ["u-2", "yes", "P-102", "10_12", "girl"], ["u-3", "yes", "P-103", "10_12", "girl", "maybe"]],
                [
                    "_uuid",
                    "assent",
                    "about/participant_code",
                    "about/age_band",
                    "about/sex",
                    "uncomfortable/contact_uneasy",
                ],
            ),
            "Row 4, column uncomfortable/contact_uneasy: 'maybe' is not a choice of this question (yes, no, skip).",
        ),
        (
            "unknown.csv",
            csv_with(
                [[*GOOD, "x"]],
                ["_uuid", "assent", "about/participant_code", "about/age_band", "about/sex", "favourite"],
            ),
            "Row 2, column favourite: this column is not a question of the instrument.",
        ),
        (
            "age.csv",
            csv_with([["u-1", "yes", "P-101", "10-12", "girl"]]),
            "Row 2, column about/age_band: '10-12' is not a choice of this question",
        ),
        (
            "noconsent.csv",
            csv_with(
                [["u-1", "P-101", "10_12", "girl"]], ["_uuid", "about/participant_code", "about/age_band", "about/sex"]
            ),
            "Row 2, column about/participant_code: no consent or assent recorded for participant P-101.",
        ),
        (
            "nocode.csv",
            csv_with([["u-1", "yes", "10_12", "girl"]], ["_uuid", "assent", "about/age_band", "about/sex"]),
            "Row 2, column about/participant_code: the participant code is missing.",
        ),
    ],
    ids=[
        "corrupt-xlsx",
        "truncated-json",
        "empty",
        "suffix",
        "unknown-choice",
        "unknown-column",
        "age",
        "no-consent",
        "no-code",
    ],
)
def test_a_bad_file_changes_nothing_and_says_where(world, survey, name, content, message):
    ingest(world, survey, "child-survey.csv")
    before = state()

    with pytest.raises(ValidationError) as caught:
        ingest(world, survey, name, content)

    assert message in " ".join(caught.value.messages)
    assert len(caught.value.messages) == 1
    assert state() == before


def test_a_truncated_json_names_line_and_column(world, survey):
    with pytest.raises(ValidationError) as caught:
        read_submissions(file_name="cut.json", content=b'{"results": [{"assent": "yes",\n "about/sex": "gi')
    assert caught.value.messages == [
        "The JSON file is cut short or malformed at line 2, column 15: Unterminated string starting at."
    ]


NAMES = csv_with(
    [[*GOOD, "Somchai Jaidee"], ["u-2", "yes", "P-102", "13_15", "boy", "Ana Souza"]],
    ["_uuid", "assent", "about/participant_code", "about/age_band", "about/sex", "child_name"],
)


def test_a_name_column_is_refused_until_dropped_or_pseudonymised(world, survey):
    before = state()
    with pytest.raises(IdentifyingColumns) as caught:
        ingest(world, survey, "names.csv", NAMES)
    assert caught.value.columns == {"child_name": "name"}
    assert caught.value.messages == ["Column child_name looks like it holds names: choose to pseudonymise or drop it."]
    assert state() == before

    dropped = ingest(world, survey, "names.csv", NAMES, column_actions={"child_name": "drop"})

    assert dropped.created == 2
    stored = list(Answer.objects.values_list("value", flat=True)) + list(
        Participant.objects.values_list("code", flat=True)
    )
    assert not any("Somchai" in value or "Ana" in value for value in stored)


def test_a_pseudonymised_name_column_without_a_question_gives_no_name_anywhere(world, survey):
    content = csv_with(
        [["u-1", "yes", "10_12", "girl", "Somchai Jaidee"]], ["_uuid", "assent", "about/age_band", "about/sex", "nome"]
    )

    result = ingest(world, survey, "names.csv", content, column_actions={"nome": "pseudonymise"})

    # With no participant code, the pseudonym of the name column is the participant's code.
    assert result.created == 1
    participant = Participant.objects.get()
    assert participant.code == pseudonym("somchai  JAIDEE") and participant.code.startswith("PS-")
    assert not Answer.objects.filter(value__icontains="Somchai").exists()


def test_a_phone_number_in_a_free_text_answer_is_refused(world, survey):
    content = csv_with(
        [[*GOOD, "call me 081 234 5678"]],
        ["_uuid", "assent", "about/participant_code", "about/age_band", "about/sex", "about/participant_note"],
    )
    with pytest.raises(IdentifyingColumns) as caught:
        ingest(world, survey, "phone.csv", content)
    assert caught.value.columns == {"about/participant_note": "phone"}


def test_the_participant_code_is_allowed_even_when_it_looks_like_a_number(world, survey):
    content = csv_with([["u-1", "yes", "0812345678", "10_12", "girl"]])
    assert ingest(world, survey, "codes.csv", content).created == 1


def test_a_withdrawn_participant_is_refused(world, survey):
    from django.utils import timezone

    Participant.objects.create(
        location=world.locations["chiang_rai"], code="P-101", perspective="child", withdrawn_at=timezone.now()
    )
    before = state()
    with pytest.raises(ValidationError) as caught:
        ingest(world, survey, "w.csv", csv_with([GOOD]))
    assert "Row 2, column about/participant_code: participant P-101 has withdrawn" in caught.value.messages[0]
    assert state() == before


def test_a_participant_with_consent_on_record_needs_no_consent_question(world, survey):
    ingest(world, survey, "first.csv", csv_with([GOOD]))
    later = csv_with(
        [["u-9", "P-101", "10_12", "girl"]], ["_uuid", "about/participant_code", "about/age_band", "about/sex"]
    )

    assert ingest(world, survey, "later.csv", later).created == 1
    assert Participant.objects.get(code="P-101").consents.count() == 1


def test_the_round_comes_from_the_session_else_the_argument(world, survey):
    from cpphub.mapping.models import MappingSession

    session = MappingSession.objects.create(
        location=world.locations["chiang_rai"], kind="survey", title="School survey", date="2026-02-11", round=2
    )
    ingest(world, survey, "child-survey.json", session=session)
    ingest(world, survey, "child-survey.csv", round=3)

    assert set(Submission.objects.filter(source="kobo_json").values_list("round", "session")) == {(2, session.pk)}
    assert set(Submission.objects.filter(source="csv").values_list("round", flat=True)) == {3}
    assert MapCount.objects.get(key="respondents", round=2, age_band="13_15", sex="female").n >= 1


def test_an_instrument_of_another_location_is_refused(world, survey):
    with pytest.raises(ValidationError, match="belongs to Chiang Rai"):
        submissions_ingest(
            instrument=survey,
            location=world.locations["santo_andre"],
            records=[{"assent": "yes"}],
            source="kobo_json",
            acting_user=None,
        )


def test_the_progress_is_reported(world, survey):
    seen = []
    ingest(world, survey, "child-survey.json", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (13, 13)


def test_retagging_recounts_the_stored_answers(world, survey):
    from cpphub.mapping.services.instruments import instrument_tag

    ingest(world, survey, "child-survey.json")
    conduct = Question.objects.get(instrument=survey, name="conduct_unkind")
    assert total("risk:conduct:aggressive") == 0

    instrument_tag(question_or_choice=conduct, risk_dimension="conduct", risk_row="aggressive", acting_user=None)

    expected = sum(1 for record in json_records() if record["uncomfortable/conduct_unkind"] == "yes")
    assert expected and total("risk:conduct:aggressive") == expected
    assert total("respondents") == 12


def test_an_xlsx_export_with_dotted_headers(world, survey):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["_uuid", "assent", "about.participant_code", "about:age_band", "sex"])
    sheet.append(["u-1", "yes", "P-1", "16_17", "boy"])
    out = io.BytesIO()
    book.save(out)

    assert ingest(world, survey, "dots.xlsx", out.getvalue()).created == 1
    assert Submission.objects.get().sex == "male"


def focus_group_record(quote):
    return {
        "_uuid": "fg-1",
        "session_code": "FG-7",
        "age_band": "13_15",
        "sex_composition": "mixed",
        "participants": "8",
        "consent_confirmed": "yes",
        "finding": [
            {"finding/kind": "risk", "finding/dimension": "contact", "finding/summary": "Strangers in games"},
            {"finding/kind": "strength", "finding/summary": "Friends help", "finding/quote": quote},
        ],
    }


def test_a_focus_group_sheet_with_repeats_is_stored_without_a_participant(world):
    from cpphub.mapping.services.instruments import instrument_import
    from cpphub.mapping.tests.child_survey import INSTRUMENTS

    sheet = instrument_import(
        file_name="focus-group-sheet.csv",
        content=(INSTRUMENTS / "focus-group-sheet.csv").read_bytes(),
        location=world.locations["chiang_rai"],
        acting_user=None,
    )
    with pytest.raises(IdentifyingColumns) as caught:
        submissions_ingest(
            instrument=sheet,
            location=world.locations["chiang_rai"],
            records=[focus_group_record("call Ana on 081 234 5678")],
            source="kobo_json",
            acting_user=None,
        )
    assert caught.value.columns == {"finding/quote": "phone"}

    result = submissions_ingest(
        instrument=sheet,
        location=world.locations["chiang_rai"],
        records=[focus_group_record("We tell each other")],
        source="kobo_json",
        acting_user=None,
    )

    assert result.created == 1
    submission = Submission.objects.get()
    assert (submission.participant, submission.perspective, submission.age_band) == (None, "child", "13_15")
    kinds = sorted(submission.answers.filter(question__path="finding/kind").values_list("value", flat=True))
    assert kinds == ["risk", "strength"]
