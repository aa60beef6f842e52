"""MNR self-assessments: making and rating them, the change between assessments, and the aggregate rule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.national.models import MnrAssessment, MnrRating
from cpphub.national.selectors import mnr as selectors
from cpphub.national.services import mnr as services
from cpphub.national.tests.national_records import THAI_PHASES, brazil_assessment, thai_assessment


def third_country(world, phases=None, status="final"):
    """The Philippines with an assessment: a third country for the aggregate."""
    from cpphub.partnership.models import Country

    philippines = Country.objects.create(code="PH", name="Philippines")
    assessment = MnrAssessment.objects.create(
        country=philippines, title="Philippines MNR", assessed_on=dt.date(2009, 6, 1), status=status
    )
    MnrRating.objects.bulk_create(
        MnrRating(assessment=assessment, capability=n, phase=(phases or {}).get(n, 4)) for n in range(1, 22)
    )
    return assessment


def _make(world, **data):
    return services.assessment_create(
        country=world.countries["thailand"],
        data={"title": "Thailand MNR 2010", "assessed_on": dt.date(2010, 5, 1), **data},
        acting_user=world.users["national_focal_point"],
        copy_previous=data.pop("copy_previous", False),
    )


def test_an_assessment_is_made_with_all_21_capabilities_unrated(world):
    assessment = _make(world)
    ratings = list(assessment.ratings.order_by("capability"))
    assert [r.capability for r in ratings] == list(range(1, 22))
    assert all(r.phase is None for r in ratings)
    assert assessment.framework_version == "2022"
    assert AuditEvent.objects.filter(object_type="national.mnrassessment", action="create").count() == 1


def test_an_assessment_can_start_from_the_previous_one(world):
    previous = thai_assessment(world)
    assessment = services.assessment_create(
        country=world.countries["thailand"],
        data={"title": "Thailand MNR 2010", "assessed_on": dt.date(2010, 5, 1)},
        copy_previous=True,
        acting_user=world.users["coordinator"],
    )
    phases = {r.capability: r.phase for r in assessment.ratings.all()}
    assert phases == THAI_PHASES
    copied = assessment.ratings.get(capability=13)
    assert set(copied.partners.all()) == set(previous.ratings.get(capability=13).partners.all())
    assert copied.evidence == "Evidence for capability 13"


def test_the_change_since_the_previous_assessment_per_capability(world):
    thai_assessment(world)  # 2009: capability 1 in phase 3, 5 in phase 1, 6 unrated, 11 in phase 4
    later = _make(world, copy_previous=True)
    services.ratings_update(
        assessment=later,
        ratings=[
            {"capability": 1, "phase": 4},
            {"capability": 5, "phase": 1},
            {"capability": 6, "phase": 2},
            {"capability": 11, "phase": 3},
            {"capability": 15, "phase": None},
        ],
        acting_user=world.users["national_focal_point"],
    )
    groups, previous = selectors.assessment_groups(MnrAssessment.objects.get(pk=later.pk))
    assert previous is not None and previous.title == "Thailand MNR 2009"
    changes = {row.number: row.change for group in groups for row in group.rows}
    assert (changes[1], changes[5], changes[6], changes[11], changes[15]) == ("up", "same", "new", "down", None)
    gaps = {row.number for group in groups for row in group.rows if row.is_gap}
    assert {5, 15}.issubset(gaps) and 1 not in gaps and 6 not in gaps
    # The first assessment has nothing to compare with.
    first_groups, none = selectors.assessment_groups(previous)
    assert none is None and all(row.change is None for g in first_groups for row in g.rows)


@pytest.mark.parametrize(
    ("rating", "says"),
    [
        ({"capability": 3, "phase": 5}, "the phase is 1 to 4"),
        ({"capability": 22, "phase": 2}, "Capability 22 is not in the framework"),
        ({"capability": 0}, "Capability 0 is not in the framework"),
    ],
)
def test_bad_ratings_are_refused_and_nothing_changes(world, rating, says):
    assessment = thai_assessment(world)
    with pytest.raises(ValidationError) as error:
        services.ratings_update(
            assessment=assessment,
            ratings=[{"capability": 1, "phase": 1}, rating],
            acting_user=world.users["coordinator"],
        )
    assert says in " ".join(error.value.message_dict["ratings"])
    assert assessment.ratings.get(capability=1).phase == THAI_PHASES[1]
    assert assessment.ratings.count() == 21


def test_a_rating_partner_must_be_of_the_country(world):
    assessment = thai_assessment(world)
    with pytest.raises(ValidationError) as error:
        services.ratings_update(
            assessment=assessment,
            ratings=[{"capability": 12, "partners": [world.orgs["safernet"]]}],
            acting_user=world.users["coordinator"],
        )
    assert "Safernet Brasil" in " ".join(error.value.message_dict["ratings"])


def test_phase_names_are_all_four_or_none(world):
    with pytest.raises(ValidationError) as error:
        _make(world, phase_labels=["Start", "Grow", "Strong"])
    assert "phase_labels" in error.value.message_dict
    assert not MnrAssessment.objects.exists()
    named = _make(world, phase_labels=["Start", "Grow", "Strong", "Leading"])
    assert selectors.phase_names(named) == ["Start", "Grow", "Strong", "Leading"]
    plain = _make(world, phase_labels=["", " ", "", ""])
    assert plain.phase_labels == [] and selectors.phase_names(plain)[0] == "Building"


# The aggregate ----------------------------------------------------------------------------------


def test_the_aggregate_counts_phases_and_gaps_per_group_without_naming_ratings(world):
    thai_assessment(world)
    brazil_assessment(world)
    result = selectors.aggregate(viewer=world.users["steering_member"])
    assert result.shown
    assert [c.country.code for c in result.countries] == ["BR", "TH"]  # alphabetical, never a ranking
    policy = next(g for g in result.groups if g.key == "policy")
    # Thailand 1:3, 2:2, 3:3; Brazil (n % 4) + 1: 1:2, 2:3, 3:4
    assert policy.phase_counts == [0, 2, 3, 1] and policy.not_rated == 0 and policy.gaps == 0
    criminal = next(g for g in result.groups if g.key == "criminal_justice")
    # Thailand 4:2, 5:1, 6:-, 7:1; Brazil 4:1, 5:2, 6:3, 7:4
    assert criminal.phase_counts == [3, 2, 1, 1] and criminal.not_rated == 1 and criminal.gaps == 4
    assert sum(g.total for g in result.groups) == 42


def test_a_focal_point_of_one_of_two_countries_gets_no_aggregate(world):
    thai_assessment(world)
    brazil_assessment(world)
    result = selectors.aggregate(viewer=world.users["national_focal_point"])
    assert not result.shown and result.groups == []
    assert "besides your own country" in result.reason
    assert [c.country.code for c in result.countries] == ["BR", "TH"]  # which countries, and when, is no secret


def test_with_a_third_country_the_focal_point_sees_the_aggregate(world):
    thai_assessment(world)
    brazil_assessment(world)
    third_country(world)
    assert selectors.aggregate(viewer=world.users["national_focal_point"]).shown


def test_one_country_alone_is_never_shown_in_aggregate(world):
    thai_assessment(world)
    for persona in ["steering_member", "coordinator", "facilitator"]:
        result = selectors.aggregate(viewer=world.users[persona])
        assert not result.shown and "at least 2 countries" in result.reason


def test_the_aggregate_counts_only_each_countrys_latest_final_assessment(world):
    thai_assessment(world)
    brazil_assessment(world)
    third_country(world, status="draft")  # a draft is not counted
    thai_assessment(
        world, title="Thailand MNR 2010", assessed_on=dt.date(2010, 5, 1), phases=dict.fromkeys(range(1, 22), 4)
    )
    result = selectors.aggregate(viewer=world.users["steering_member"])
    assert [(c.country.code, c.assessed_on) for c in result.countries] == [
        ("BR", dt.date(2009, 5, 20)),
        ("TH", dt.date(2010, 5, 1)),
    ]
    assert sum(g.total for g in result.groups) == 42


def test_details_are_seen_by_the_countrys_focal_points_and_coordinators_only(world):
    from django.http import Http404

    thai = thai_assessment(world)
    brazil = brazil_assessment(world)
    assert selectors.access_assessment(world.users["national_focal_point"], thai.pk) == thai
    assert selectors.access_assessment(world.users["coordinator"], brazil.pk) == brazil
    for persona, pk in [("national_focal_point", brazil.pk), ("steering_member", thai.pk), ("facilitator", thai.pk)]:
        with pytest.raises(Http404):
            selectors.access_assessment(world.users[persona], pk)
    assert list(selectors.assessment_list(viewer=world.users["national_focal_point"])) == [thai]
    assert list(selectors.assessment_list(viewer=world.users["steering_member"])) == []
