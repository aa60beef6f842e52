from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AuditEvent
from cpphub.demo.national.specs import NEW_PARTNER
from cpphub.demo.services import demo_partnership_load
from cpphub.mapping.models import IctTag, RiskDimension
from cpphub.national.mnr import CAPABILITIES
from cpphub.national.models import (
    Commitment,
    Expectation,
    MnrAssessment,
    MnrRating,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
)
from cpphub.national.selectors.access import can_read_mnr_details, can_write_national
from cpphub.national.services.engagements import belongs_to
from cpphub.partnership.models import Country, Organisation
from cpphub.planning.models import Outcome, TargetGroup

pytestmark = pytest.mark.django_db

MODELS = [
    Organisation,
    NationalEngagement,
    NationalPriority,
    NationalStrength,
    Expectation,
    Commitment,
    MnrAssessment,
    MnrRating,
    AuditEvent,
]
KINDS = ("national engagements", "national priorities", "national strengths", "expectations", "commitments")
# A fixed "today", so that which commitments are open and which overdue does not depend on the clock.
TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_partnership_load(acting_user=None)
        yield result
        transaction.set_rollback(True)


def countries() -> list[Country]:
    return list(Country.objects.filter(code__in=["BR", "TH"]).order_by("code"))


def test_both_countries_have_roundtables_and_bilaterals_with_participants_and_minutes(demo):
    for country in countries():
        meetings = NationalEngagement.objects.filter(country=country)
        assert meetings.filter(kind=NationalEngagement.Kind.ROUNDTABLE).count() == 2, country
        assert 2 <= meetings.filter(kind=NationalEngagement.Kind.BILATERAL).count() <= 3, country
        assert meetings.filter(date__year__lte=2011).count() >= 4  # the partnership's own years
        for meeting in meetings:
            assert meeting.organisations.exists()
            assert len(meeting.participants.splitlines()) >= 2
            assert meeting.minutes.rstrip().endswith("(Synthetic demo data.)")


def test_a_meeting_names_only_partners_of_its_country_or_international_ones(demo):
    # The rule the national services apply, so that a focal point can edit the demo's meetings.
    for meeting in NationalEngagement.objects.select_related("country"):
        for organisation in meeting.organisations.all():
            assert belongs_to(organisation, meeting.country), (meeting, organisation)
    for model in (NationalPriority, NationalStrength, Expectation, Commitment):
        for record in model.objects.select_related("organisation", "engagement"):
            assert belongs_to(record.organisation, record.country_id), record
            assert record.engagement is None or record.engagement.country_id == record.country_id
    for rating in MnrRating.objects.select_related("assessment"):
        for organisation in rating.partners.all():
            assert belongs_to(organisation, rating.assessment.country_id), rating


def test_every_priority_has_a_capability_risks_and_an_outcome(demo):
    for country in countries():
        priorities = NationalPriority.objects.filter(country=country)
        assert 4 <= priorities.count() <= 6
        for priority in priorities:
            assert priority.mnr_capability in range(1, 22), priority
            assert priority.risks and set(priority.risks) <= set(RiskDimension.values), priority
            assert set(priority.ict_tags) <= set(IctTag.values)
            assert priority.target_groups and set(priority.target_groups) <= set(TargetGroup.values)
            assert priority.outcome in Outcome.values
            assert priority.engagement is not None


def test_strengths_show_every_kind_and_expectations_are_recorded(demo):
    for country in countries():
        strengths = NationalStrength.objects.filter(country=country)
        assert 4 <= strengths.count() <= 6
        assert set(strengths.values_list("kind", flat=True)) == set(NationalStrength.Kind.values)
        assert all(s.organisation_id and s.mnr_capability for s in strengths)
        assert Expectation.objects.filter(country=country).count() >= 3


def test_commitments_have_owners_and_are_some_done_some_open_and_one_overdue(demo):
    for country in countries():
        commitments = list(Commitment.objects.filter(country=country))
        assert all(c.owner_name and c.organisation_id for c in commitments)
        done = [c for c in commitments if c.done_at]
        overdue = [c for c in commitments if c.is_overdue(TODAY)]
        still_open = [c for c in commitments if not c.done_at and not c.is_overdue(TODAY)]
        assert len(done) >= 2
        assert len(overdue) == 1
        assert len(still_open) >= 2


def test_each_country_has_a_2022_assessment_with_all_21_ratings(demo):
    for country in countries():
        assessment = MnrAssessment.objects.filter(country=country, framework_version="2022").get()
        ratings = list(assessment.ratings.all())
        assert sorted(r.capability for r in ratings) == [c.number for c in CAPABILITIES]
        assert all(r.phase in (1, 2, 3, 4) and r.evidence for r in ratings)
        assert any(r.is_gap for r in ratings)  # gaps to highlight
        assert sum(1 for r in ratings if r.partners.exists()) >= 15
        assert assessment.notes.startswith("Synthetic demo data")


def test_thailand_has_an_earlier_2016_assessment_to_show_the_change(demo):
    thailand = Country.objects.get(code="TH")
    earlier, later = MnrAssessment.objects.filter(country=thailand).order_by("assessed_on")

    assert (earlier.framework_version, later.framework_version) == ("2016", "2022")
    assert len(earlier.phase_labels) == 4  # rated on the partnership's own scale
    before = {r.capability: r.phase for r in earlier.ratings.all()}
    after = {r.capability: r.phase for r in later.ratings.all()}
    assert len(before) == len(after) == 21
    assert sum(1 for n in after if after[n] > before[n]) >= 8
    assert any(after[n] < before[n] for n in after)  # and one went backwards


def test_new_national_partners_are_marked_demo_synthetic(demo):
    partners = Organisation.objects.filter(partnership_roles__code="national_partner")

    assert set(partners.values_list("country__code", flat=True)) == {"BR", "TH"}
    for partner in partners:
        assert partner.description.endswith(NEW_PARTNER)
        assert partner.contacts.filter(is_demo=True).exists()


def test_records_are_entered_by_their_countrys_focal_point(demo):
    brazil_fp = User.objects.get(email="focalpoint.br@demo.cpphub.org")
    thai_fp = User.objects.get(email="focalpoint@demo.cpphub.org")

    for model in (NationalEngagement, NationalPriority, Commitment, MnrAssessment):
        assert set(model.objects.filter(country__code="BR").values_list("created_by", flat=True)) == {brazil_fp.pk}
        assert set(model.objects.filter(country__code="TH").values_list("created_by", flat=True)) == {thai_fp.pk}


def test_the_brazil_focal_point_edits_brazil_records_and_not_thai_ones(demo):
    brazil, thailand = Country.objects.get(code="BR"), Country.objects.get(code="TH")
    brazil_fp = User.objects.get(email="focalpoint.br@demo.cpphub.org")
    thai_fp = User.objects.get(email="focalpoint@demo.cpphub.org")
    membership = Membership.objects.get(user=brazil_fp)

    assert (membership.role, membership.scope, membership.country) == (
        Membership.Role.NATIONAL_FOCAL_POINT,
        Membership.Scope.COUNTRY,
        brazil,
    )
    assert brazil_fp.preferred_language == "pt-br"
    assert can_write_national(brazil_fp, brazil) and not can_write_national(brazil_fp, thailand)
    assert can_write_national(thai_fp, thailand) and not can_write_national(thai_fp, brazil)
    assert can_read_mnr_details(brazil_fp, brazil) and not can_read_mnr_details(brazil_fp, thailand)


def test_a_second_load_changes_nothing(demo):
    before = {model.__name__: model.objects.count() for model in MODELS}

    result = demo_partnership_load(acting_user=None)

    assert {model.__name__: model.objects.count() for model in MODELS} == before
    assert not result.changed
    for kind in KINDS:
        assert result.counts[kind]["unchanged"] >= 1
