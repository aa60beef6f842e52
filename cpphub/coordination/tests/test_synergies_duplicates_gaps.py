"""Duplicated effort and gaps on a small world: found, explained, and not found where they are not."""

from __future__ import annotations

from cpphub.coordination.selectors.synergies import duplicated_effort, gaps
from cpphub.coordination.services.synergies import accept_synergy, find_synergies
from cpphub.coordination.templatetags.coordination_reasons import reason_sentences
from cpphub.coordination.tests.synergy_records import (
    chiang_rai_action,
    chiang_rai_coordinated_action,
    chiang_rai_priority,
    grooming_finding,
    thai_synergy,
)
from cpphub.national.tests.national_records import thai_commitment, thai_priority
from cpphub.planning.tests.create_records import stakeholder


def _plan_thailand_does_the_same(world, **fields):
    """Plan Thailand (a stakeholder of Chiang Rai) runs the same teacher training as FACE."""
    stakeholder(world, world.orgs["plan_thailand"])
    first = chiang_rai_action(world)
    values = {
        "title": "Teachers trained to spot online grooming",
        "lead_partner": world.orgs["plan_thailand"],
        "priority": first.priority,
        **fields,
    }
    return first, chiang_rai_action(world, **values)


def test_two_partners_training_the_same_teachers_in_chiang_rai_is_duplicated_effort(world):
    face, plan = _plan_thailand_does_the_same(world)
    found = duplicated_effort()
    assert len(found) == 1
    pair = {found[0].first.obj, found[0].second.obj}
    assert pair == {face, plan}
    sentences = reason_sentences(found[0].reasons)
    assert sentences[0] == "Two different partners lead them: Foundation for Child Development (FACE) · Plan Thailand."
    assert "Both are in Chiang Rai." in sentences
    assert "Both reach Children, Teachers." in sentences
    assert "Both serve the Equip outcome." in sentences
    assert any(s.startswith("Their titles and descriptions are") for s in sentences)


def test_the_same_partner_or_another_group_is_not_a_duplicate(world):
    _plan_thailand_does_the_same(world, target_groups=["police"])
    assert duplicated_effort() == []


def test_a_national_commitment_can_duplicate_a_local_action_in_its_country(world):
    face = chiang_rai_action(world)
    commitment = thai_commitment(
        world, title="Train teachers to spot online grooming in schools", target_groups=["teachers"]
    )
    found = duplicated_effort(country=world.countries["thailand"])
    assert [{d.first.obj, d.second.obj} for d in found] == [{face, commitment}]
    assert duplicated_effort(country=world.countries["brazil"]) == []


def test_a_coordinated_action_does_not_duplicate_the_local_action_it_joins(world):
    face = chiang_rai_action(world)
    coordinated = chiang_rai_coordinated_action(
        world, title=face.title, description=face.description, lead=world.orgs["plan_thailand"]
    )
    assert len(duplicated_effort()) == 1
    coordinated.local_actions.add(face)
    assert duplicated_effort() == []


def test_a_high_ranked_priority_nothing_covers_is_a_gap_with_why(world):
    priority = chiang_rai_priority(world)
    found = gaps()
    assert [g.item.obj for g in found] == [priority]
    sentences = reason_sentences(found[0].reasons)
    assert sentences[0] == "The location's planning workshop ranked it 1."
    assert "It addresses Contact; Grooming." in sentences
    assert any("No national priority, strength or commitment of Thailand" in s for s in sentences)


def test_a_low_ranked_priority_is_no_gap(world):
    chiang_rai_priority(world, rank=4)
    assert gaps() == []
    assert len(gaps(max_rank=4)) == 1


def test_a_national_priority_that_matches_covers_it(world):
    chiang_rai_priority(world)
    thai_priority(world)
    assert gaps() == []


def test_an_accepted_synergy_covers_it_even_when_the_national_side_changed(world):
    synergy = thai_synergy(world)
    national = synergy.national_priority
    national.status = "achieved"  # no longer an open national priority
    national.save()
    assert len(gaps()) == 1
    accept_synergy(synergy, acting_user=world.users["coordinator"])
    assert gaps() == []


def test_a_coordinated_action_joining_its_action_covers_it(world):
    action = chiang_rai_action(world)
    chiang_rai_priority(
        world,
        title="Another worry",
        rank=2,
        finding=grooming_finding(world, summary="other"),
        workshop=action.priority.workshop,
    )
    coordinated = chiang_rai_coordinated_action(world)
    assert action.priority in [g.item.obj for g in gaps()]
    coordinated.local_actions.add(action)
    assert action.priority not in [g.item.obj for g in gaps()]


def test_gaps_follow_the_finder_and_stay_within_the_country(world):
    chiang_rai_priority(world)
    find_synergies()
    assert gaps(country=world.countries["brazil"]) == []
    assert len(gaps(location=world.locations["chiang_rai"])) == 1
