from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import QuerySet, Sum

from cpphub.audit.models import AuditEvent
from cpphub.demo.mapping.answers import BANDS
from cpphub.demo.mapping.findings import FINDINGS
from cpphub.demo.mapping.profiles import PROFILES, SYNTHETIC
from cpphub.demo.services import demo_partnership_load
from cpphub.mapping.identifiers import column_kind, text_identifiers, value_kind
from cpphub.mapping.models import (
    Answer,
    Consent,
    Finding,
    Instrument,
    MapCount,
    MappingSession,
    Participant,
    ParticipantGroup,
    Question,
    Submission,
)
from cpphub.mapping.services.instruments import instrument_tag
from cpphub.mapping.services.submissions import counts_rebuild, participant_withdraw
from cpphub.partnership.models import PilotLocation

pytestmark = pytest.mark.django_db

MODELS = [
    Instrument,
    Question,
    MappingSession,
    ParticipantGroup,
    Participant,
    Consent,
    Submission,
    Answer,
    MapCount,
    Finding,
    AuditEvent,
]
SLUGS = [profile.slug for profile in PROFILES]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo_partnership_load(acting_user=None)
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def child_counts(slug: str) -> QuerySet[MapCount]:
    return MapCount.objects.filter(location__slug=slug, perspective="child").exclude(age_band="")


@pytest.mark.parametrize("slug", SLUGS)
def test_every_location_has_sessions_participants_submissions_and_findings(demo, slug):
    location = PilotLocation.objects.get(slug=slug)

    kinds = set(MappingSession.objects.filter(location=location).values_list("kind", flat=True))
    children = Submission.objects.filter(location=location, perspective="child").count()
    informants = Submission.objects.filter(location=location, perspective="key_informant").count()
    assert kinds == {"survey", "focus_group", "key_informant_interview"}
    assert Participant.objects.filter(location=location).exists()
    assert 120 <= children <= 250 * 2
    assert 15 <= informants <= 30 * 2
    assert 5 <= Finding.objects.filter(location=location).count() <= 10
    assert Finding.objects.filter(location=location, kind="risk").exists()
    assert Finding.objects.filter(location=location, kind="strength").exists()
    assert Finding.objects.filter(location=location, carried_forward=True).exists()


@pytest.mark.parametrize("slug", SLUGS)
def test_the_respondents_on_the_map_are_the_stored_submissions(demo, slug):
    respondents = MapCount.objects.filter(location__slug=slug, key="respondents").aggregate(n=Sum("n"))["n"]

    assert respondents == Submission.objects.filter(location__slug=slug).count()


@pytest.mark.parametrize("slug", SLUGS)
def test_children_of_every_age_band_and_both_sexes_answered(demo, slug):
    submissions = Submission.objects.filter(location__slug=slug, perspective="child")

    assert set(submissions.values_list("age_band", flat=True)) == set(BANDS)
    assert {"female", "male"} <= set(submissions.values_list("sex", flat=True))
    assert submissions.filter(participant=None).count() == 0


@pytest.mark.parametrize("slug", SLUGS)
def test_some_age_band_and_sex_cell_is_small_enough_to_be_suppressed(demo, slug):
    assert child_counts(slug).filter(n__gte=1, n__lte=9).exists()


def test_santo_andre_and_chiang_rai_were_mapped_twice(demo):
    rounds = Counter(Submission.objects.filter(round=2).values_list("location__slug", flat=True))

    assert set(rounds) == {"santo-andre", "chiang-rai"}
    assert set(MappingSession.objects.filter(round=2).values_list("location__slug", flat=True)) == set(rounds)


def test_the_map_shows_the_contrasts_between_locations(demo):
    def share(slug: str, key: str) -> float:
        cells = MapCount.objects.filter(location__slug=slug, perspective="child", round=1)
        reported = cells.filter(key=key).aggregate(n=Sum("n"))["n"] or 0
        return reported / cells.filter(key="respondents").aggregate(n=Sum("n"))["n"]

    lan_house = {slug: share(slug, "channel:lan_house") for slug in SLUGS}
    webcam = {slug: share(slug, "channel:webcam") for slug in SLUGS}
    assert max(lan_house, key=lan_house.__getitem__) in {"santo-andre", "sao-paulo", "maranhao"}
    assert max(webcam, key=webcam.__getitem__) == "chiang-rai"
    assert share("chiang-rai", "risk:contact:sexual") > share("yala", "risk:contact:sexual")


def test_the_shipped_instruments_are_partnership_templates_tagged_to_the_taxonomy(demo):
    templates = Instrument.objects.filter(location=None)
    contact = Question.objects.get(instrument__form_id="cpp_child_survey", path="uncomfortable/contact_uneasy")
    lan_house = contact.instrument.questions.get(path="uncomfortable/where_happened").choices.get(name="lan_house")

    assert set(templates.values_list("form_id", flat=True)) == {
        "cpp_child_survey",
        "cpp_key_informant_guide",
        "cpp_focus_group_sheet",
    }
    assert templates.count() == 3
    assert (contact.risk_dimension, contact.risk_row, contact.ict_tags) == ("contact", "sexual", ["grooming"])
    assert lan_house.channels == ["lan_house"]
    keys = set(MapCount.objects.values_list("key", flat=True))
    assert {"risk:contact:sexual", "risk:contract:", "strength:trusted_adult", "ict:grooming"} <= keys


def test_nothing_stored_looks_identifying(demo):
    codes = list(Participant.objects.values_list("code", flat=True))
    quotes = list(Finding.objects.values_list("quote", flat=True))
    texts = Answer.objects.filter(question__type="text").values_list("question__path", "value")

    assert column_kind("about/participant_code", codes) is None
    assert all(code.split("-")[0] in {p.prefix for p in PROFILES} for code in codes)
    assert all(quote and text_identifiers(quote) == [] for quote in quotes)
    assert [(path, value) for path, value in texts if value_kind(value) or text_identifiers(value)] == []


def test_everything_is_labelled_synthetic(demo):
    assert all(SYNTHETIC in title for title in MappingSession.objects.values_list("title", flat=True))
    assert all(SYNTHETIC in notes for notes in MappingSession.objects.values_list("notes", flat=True))


def test_a_few_children_under_15_lack_a_caregivers_consent(demo):
    under_15 = Participant.objects.filter(perspective="child", age_band__in=["6_9", "10_12", "13_15"])
    with_consent = under_15.filter(consents__given_by=Consent.GivenBy.CAREGIVER).distinct().count()

    assert 0 < under_15.count() - with_consent < under_15.count() / 10


def test_every_session_has_its_locations_facilitator(demo):
    for session in MappingSession.objects.prefetch_related("facilitators__memberships"):
        locations = {m.location_id for f in session.facilitators.all() for m in f.memberships.all()}
        assert session.location_id in locations


def test_a_second_load_changes_nothing(demo):
    before = counts()

    result = demo_partnership_load(acting_user=None)

    assert counts() == before
    assert not result.changed
    assert result.counts["submissions"]["created"] == 0


def test_a_retagged_template_is_set_back_and_the_map_recounted(demo):
    def contact_risk() -> int | None:
        return MapCount.objects.filter(key="risk:contact:sexual").aggregate(n=Sum("n"))["n"]

    before = contact_risk()
    question = Question.objects.get(instrument__form_id="cpp_child_survey", path="uncomfortable/contact_uneasy")
    instrument_tag(question_or_choice=question, risk_dimension="", risk_row="", ict_tags=[], acting_user=None)
    counts_rebuild(instrument=question.instrument)
    assert contact_risk() is None

    result = demo_partnership_load(acting_user=None)

    question.refresh_from_db()
    assert (question.risk_dimension, question.risk_row, question.ict_tags) == ("contact", "sexual", ["grooming"])
    assert result.counts["instrument tags"]["updated"] == 1
    assert contact_risk() == before


def test_the_demo_command_sums_up_the_mapping_and_says_it_is_synthetic(demo):
    out = StringIO()

    call_command("demo", stdout=out)

    output = out.getvalue()
    assert "already up to date" in output
    assert f"{Submission.objects.count()} submissions (0 created, 0 updated)" in output
    assert f"{len(FINDINGS)} findings" in output
    assert "mapping data is synthetic" in output


def test_a_participant_who_withdrew_stays_out_when_the_demo_is_loaded_again(demo):
    participant = Participant.objects.filter(location__slug="yala", perspective="child", age_band="10_12").first()
    participant_withdraw(participant=participant, reason="Asked to stop", acting_user=None)
    before = counts()

    result = demo_partnership_load(acting_user=None)

    assert counts() == before
    assert not result.changed
    assert not Submission.objects.filter(participant=participant).exists()
