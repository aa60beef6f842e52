from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cpphub.audit.models import AccessLogEntry
from cpphub.mapping.models import Answer, ImportJob, MapCount, Submission
from cpphub.mapping.services import imports
from cpphub.mapping.tests.child_survey import child_survey, data


@pytest.fixture
def survey(world):
    return child_survey(world.locations["chiang_rai"], world.user("facilitator"))


NAMES = (
    b"_uuid,assent,about/participant_code,about/age_band,about/sex,child_name\n"
    b"u-1,yes,P-1,10_12,girl,Somchai Jaidee\nu-2,yes,P-2,13_15,boy,Ana Souza\n"
)


def upload(name, content=None):
    return SimpleUploadedFile(name, data(name) if content is None else content)


def state():
    return (Submission.objects.count(), Answer.objects.count(), MapCount.objects.count(), ImportJob.objects.count())


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def test_a_facilitator_imports_a_small_file_at_once(client_for, world, survey):
    client = client_for("facilitator")
    url = reverse("mapping:import_create", kwargs={"pk": survey.pk})
    assert client.get(url).status_code == 200

    response = client.post(url, {"file": upload("child-survey.json")}, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Imported 12 submissions (0 already there, 1 without consent)." in page
    job = ImportJob.objects.get()
    assert (job.status, job.created_count, job.declined_count, job.created_by) == (
        "done",
        12,
        1,
        world.user("facilitator"),
    )
    assert Submission.objects.filter(job=job).count() == 12


def test_a_bad_file_is_shown_with_its_row_and_column_and_nothing_is_kept(client_for, world, survey):
    content = b"_uuid,assent,about/participant_code,about/age_band\nu-1,maybe,P-1,10_12\n"
    response = client_for("facilitator").post(
        reverse("mapping:import_create", kwargs={"pk": survey.pk}), {"file": upload("bad.csv", content)}
    )
    assert response.status_code == 200
    assert "Row 2, column assent: &#x27;maybe&#x27; is not a choice" in response.content.decode()
    assert state() == (0, 0, 0, 0)


def test_identifying_columns_are_asked_about_and_the_file_kept(client_for, world, survey, tmp_path):
    client = client_for("facilitator")
    url = reverse("mapping:import_create", kwargs={"pk": survey.pk})

    asked = client.post(url, {"file": upload("names.csv", NAMES)})

    page = asked.content.decode()
    assert "Column child_name looks like it holds names: choose to pseudonymise or drop it." in page
    assert state() == (0, 0, 0, 0)
    token = asked.context["upload"]
    assert (tmp_path / "imports" / token).exists()

    done = client.post(
        url,
        {
            "upload": token,
            "file_name": "names.csv",
            "location": world.locations["chiang_rai"].pk,
            "column_0": "child_name",
            "action_0": "drop",
        },
        follow=True,
    )

    assert "Imported 2 submissions" in done.content.decode()
    assert not (tmp_path / "imports" / token).exists()
    assert not Answer.objects.filter(value__icontains="Somchai").exists()


def test_someone_elses_upload_cannot_be_used(client_for, world, survey):
    token = imports.upload_keep(file_name="names.csv", content=NAMES, acting_user=world.user("facilitator"))
    response = client_for("facilitator").post(
        reverse("mapping:import_create", kwargs={"pk": survey.pk}),
        {
            "upload": token.replace(str(world.user("facilitator").pk), "999999", 1),
            "location": world.locations["chiang_rai"].pk,
        },
    )
    assert "no longer here" in response.content.decode()
    assert state() == (0, 0, 0, 0)


def test_a_large_file_runs_as_a_job_with_progress(
    client_for, world, survey, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "SMALL_IMPORT_ROWS", 5)
    client = client_for("facilitator")
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("mapping:import_create", kwargs={"pk": survey.pk}), {"file": upload("child-survey.json")}
        )
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "mapping:import_detail", kwargs={"pk": job.pk}
    )
    assert (job.status, job.total, Submission.objects.count()) == ("queued", 13, 0)
    assert len(callbacks) == 1  # the task is enqueued once the transaction commits
    queued = client.get(reverse("mapping:import_detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 2s"' in queued.content.decode()

    seen = []
    real_ingest = imports.submissions_ingest

    def watched(**kwargs):
        progress = kwargs["progress"]
        kwargs["progress"] = lambda done, total: (
            progress(done, total),
            seen.append(imports.import_progress(ImportJob.objects.get())),
        )
        return real_ingest(**kwargs)

    monkeypatch.setattr(imports, "submissions_ingest", watched)
    from cpphub.mapping.tasks import import_run

    import_run.call(job.pk)  # what the worker does, run here synchronously

    job.refresh_from_db()
    assert (job.status, job.created_count, job.declined_count, job.processed, job.file_path) == ("done", 12, 1, 13, "")
    assert seen[-1] == (13, 13)  # the page read the progress while the import ran
    finished = client.get(reverse("mapping:import_detail", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true")
    assert "every 2s" not in finished.content.decode()
    assert "Submissions added" in finished.content.decode()

    import_run.call(job.pk)  # a second run does nothing
    assert Submission.objects.count() == 12


def test_a_failing_job_says_why_and_stores_nothing(world, survey, monkeypatch):
    monkeypatch.setattr(imports, "SMALL_IMPORT_ROWS", 1)
    content = b"_uuid,assent,about/participant_code,about/age_band\nu-1,yes,P-1,10_12\nu-2,maybe,P-2,10_12\n"
    job = imports.import_start(
        instrument=survey,
        location=world.locations["chiang_rai"],
        file_name="bad.csv",
        content=content,
        acting_user=world.user("facilitator"),
    )
    imports.import_job_run(job=job)
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "Row 3, column assent: 'maybe' is not a choice of this question (yes, no)."
    assert Submission.objects.count() == 0


def test_another_locations_facilitator_cannot_import_into_chiang_rai(client_for, world, survey):
    client = client_for("other_facilitator")
    url = reverse("mapping:import_create", kwargs={"pk": survey.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"file": upload("child-survey.json")}).status_code == 403
    api = client.post("/api/v1/imports/", {"file": upload("child-survey.json"), "instrument": survey.pk})
    assert api.status_code == 403
    assert state() == (0, 0, 0, 0)


@pytest.fixture
def both_locations(world, survey):
    """Chiang Rai's submissions (from Kobo JSON) and Santo André's (from CSV)."""
    santo_andre = child_survey(world.locations["santo_andre"])
    for instrument, location, name in [
        (survey, world.locations["chiang_rai"], "child-survey.json"),
        (santo_andre, world.locations["santo_andre"], "child-survey.csv"),
    ]:
        imports.import_start(
            instrument=instrument, location=location, file_name=name, content=data(name), acting_user=None
        )
    return survey, santo_andre


def test_facilitators_see_only_their_own_locations_submissions(
    client_for, world, both_locations, django_assert_max_num_queries
):
    client = client_for("other_facilitator")
    with django_assert_max_num_queries(15):
        page = client.get(reverse("mapping:submission_list"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "10 submissions" in text
    santo_andre = Submission.objects.filter(location=world.locations["santo_andre"]).values_list("uuid", flat=True)
    chiang_rai_uuids = Submission.objects.filter(location=world.locations["chiang_rai"]).values_list("uuid", flat=True)
    assert all(uuid in text for uuid in santo_andre)
    assert not any(uuid in text for uuid in chiang_rai_uuids)
    listed = client.get("/api/v1/submissions/").json()
    assert listed["count"] == 10
    assert {row["location"] for row in listed["results"]} == {"santo-andre"}
    chiang_rai = Submission.objects.filter(location=world.locations["chiang_rai"]).first()
    assert client.get(reverse("mapping:submission_detail", kwargs={"pk": chiang_rai.pk})).status_code == 403
    assert client.get(f"/api/v1/submissions/{chiang_rai.pk}/").status_code == 403
    filtered = client.get("/api/v1/submissions/", {"location": "chiang-rai"}).json()
    assert filtered["count"] == 0


@pytest.mark.parametrize("persona", ["coordinator", "steering_member", "dpo", "outsider"])
def test_no_one_else_sees_row_level_submissions(client_for, both_locations, persona):
    client = client_for(persona)
    assert client.get(reverse("mapping:submission_list")).status_code == 403
    assert client.get("/api/v1/submissions/").status_code == 403


def test_reading_a_submission_is_logged_and_shows_labels_in_the_page_language(client_for, world, both_locations):
    client = client_for("facilitator")
    submission = Submission.objects.get(participant__code="P-001")
    page = client.get(reverse("mapping:submission_detail", kwargs={"pk": submission.pk}), HTTP_ACCEPT_LANGUAGE="th")
    assert page.status_code == 200
    text = page.content.decode()
    assert "P-001" in text and "หนูอายุเท่าไร" in text
    entry = AccessLogEntry.objects.get(object_type="mapping.submission", object_id=str(submission.pk))
    assert entry.user == world.user("facilitator")
    detail = client.get(f"/api/v1/submissions/{submission.pk}/").json()
    assert {"question": "about/age_band", "value": "13_15"} in detail["answers"]


def test_the_api_imports_small_files_at_once_and_reports_bad_ones(client_for, world, survey):
    client = client_for("facilitator")
    created = client.post("/api/v1/imports/", {"file": upload("child-survey.json"), "instrument": survey.pk})
    assert created.status_code == 201
    assert (created.json()["status"], created.json()["created_count"]) == ("done", 12)

    refused = client.post("/api/v1/imports/", {"file": upload("names.csv", NAMES), "instrument": survey.pk})
    assert refused.status_code == 400
    assert refused.json()["columns"] == {"child_name": "name"}

    accepted = client.post(
        "/api/v1/imports/",
        {
            "file": upload("names.csv", NAMES),
            "instrument": survey.pk,
            "column_actions": json.dumps({"child_name": "drop"}),
        },
    )
    assert accepted.status_code == 201

    bad = client.post("/api/v1/imports/", {"file": upload("cut.json", b'{"results": ['), "instrument": survey.pk})
    assert bad.status_code == 400
    assert "cut short or malformed at line 1" in bad.json()["detail"][0]
    jobs = client.get("/api/v1/imports/").json()
    assert jobs["count"] == 2


def test_the_api_queues_a_large_file(client_for, world, survey, monkeypatch):
    monkeypatch.setattr(imports, "SMALL_IMPORT_ROWS", 5)
    response = client_for("facilitator").post(
        "/api/v1/imports/", {"file": upload("child-survey.json"), "instrument": survey.pk}
    )
    assert response.status_code == 202
    assert response.json()["status"] == "queued"


def test_a_paper_form_is_typed_in_with_the_same_checks(client_for, world, survey):
    client = client_for("facilitator")
    url = reverse("mapping:submission_enter", kwargs={"pk": survey.pk})
    form = client.get(url, HTTP_ACCEPT_LANGUAGE="pt-br")
    assert form.status_code == 200
    assert "Quantos anos você tem?" in form.content.decode()
    entry = form.context["form"]
    by_path = {path: name for name, path in entry.paths.items()}
    answers = {
        by_path["assent"]: "yes",
        by_path["about/participant_code"]: "P-300",
        by_path["about/age_band"]: "10_12",
        by_path["about/sex"]: "girl",
        by_path["going_online/devices"]: ["own_mobile", "lan_house"],
        "location": world.locations["chiang_rai"].pk,
    }

    saved = client.post(url, answers)

    submission = Submission.objects.get()
    assert saved.status_code == 302
    assert submission.source == "web" and submission.participant.code == "P-300"
    assert submission.answers.get(question__path="going_online/devices").value == "own_mobile lan_house"
    assert MapCount.objects.get(key="respondents").n == 1

    refused = client.post(url, {**answers, by_path["about/participant_code"]: ""})
    assert refused.status_code == 200
    assert "the participant code is missing." in refused.content.decode()
    assert Submission.objects.count() == 1
