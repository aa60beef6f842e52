"""Scoring and ranking a workshop's priorities: weights, ties, bad scores, unscored priorities, the audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.planning.models import PlanningConfig, Priority
from cpphub.planning.services.plan import planning_weights_update, priority_score, workshop_rank
from cpphub.planning.tests.plan_records import priority, workshop

REASON = "The group put the children's safety first."


def _three(world):
    held = workshop(world)
    # severity, children, feasibility, strengths
    priority(world, "Grooming in games", (5, 2, 2, 2), workshop=held)
    priority(world, "Sharing of images", (2, 2, 5, 5), workshop=held)
    priority(world, "Cyberbullying", (3, 3, 3, 3), workshop=held)
    return held


def _order(held):
    return list(held.priorities.order_by("rank").values_list("title", flat=True))


def test_it_ranks_by_the_weighted_score_and_saves_score_rank_and_reasoning(world):
    held = _three(world)
    planning_weights_update(
        location=held.location,
        weights={"severity": 10, "children": 0, "feasibility": 0, "strengths": 0},
        acting_user=world.users["facilitator"],
    )
    workshop_rank(workshop=held, reasoning=REASON, acting_user=world.users["facilitator"])
    held.refresh_from_db()
    assert _order(held) == ["Grooming in games", "Cyberbullying", "Sharing of images"]
    assert held.priorities.get(title="Grooming in games").score == Decimal("5.00")
    assert held.reasoning == REASON
    assert held.weights == {"severity": 10, "children": 0, "feasibility": 0, "strengths": 0}
    event = AuditEvent.objects.filter(object_type="planning.workshop", action="update").latest("id")
    assert "ranking" in event.changes and "reasoning" in event.changes


def test_changing_the_weights_changes_the_order(world):
    held = _three(world)
    facilitator = world.users["facilitator"]
    planning_weights_update(
        location=held.location,
        weights={"severity": 10, "children": 0, "feasibility": 0, "strengths": 0},
        acting_user=facilitator,
    )
    workshop_rank(workshop=held, reasoning=REASON, acting_user=facilitator)
    first = _order(held)
    planning_weights_update(
        location=held.location,
        weights={"severity": 0, "children": 0, "feasibility": 5, "strengths": 5},
        acting_user=facilitator,
    )
    workshop_rank(workshop=held, reasoning="Feasible first this round.", acting_user=facilitator)
    held.refresh_from_db()
    assert first[0] == "Grooming in games"
    assert _order(held) == ["Sharing of images", "Cyberbullying", "Grooming in games"]
    assert held.weights["feasibility"] == 5  # the workshop keeps the weights it ranked with


def test_ties_go_to_higher_severity_then_more_children_then_title(world):
    held = workshop(world)
    # All score 3.00 with equal weights.
    priority(world, "Beta", (3, 3, 3, 3), workshop=held)
    priority(world, "Alpha", (3, 3, 3, 3), workshop=held)
    priority(world, "More children", (3, 4, 2, 3), workshop=held)
    priority(world, "Most severe", (4, 2, 3, 3), workshop=held)
    planning_weights_update(
        location=held.location,
        weights={"severity": 1, "children": 1, "feasibility": 1, "strengths": 1},
        acting_user=None,
    )
    workshop_rank(workshop=held, reasoning=REASON, acting_user=None)
    assert _order(held) == ["Most severe", "More children", "Alpha", "Beta"]
    assert set(held.priorities.values_list("score", flat=True)) == {Decimal("3.00")}


def test_a_score_of_6_is_refused_and_nothing_changes(world):
    scored = priority(world, scores=(3, 3, 3, 3))
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        priority_score(
            priority=scored,
            scores={"severity": 6, "children": 2, "feasibility": 2, "strengths": 2},
            acting_user=None,
        )
    assert "severity" in caught.value.message_dict
    scored.refresh_from_db()
    assert (scored.severity, scored.children, scored.feasibility, scored.strengths_score) == (3, 3, 3, 3)
    assert AuditEvent.objects.count() == events


def test_scores_are_saved_and_audited(world):
    scored = priority(world)
    priority_score(
        priority=scored, scores={"severity": 5, "children": 4, "feasibility": 3, "strengths": 2}, acting_user=None
    )
    scored.refresh_from_db()
    assert (scored.severity, scored.children, scored.feasibility, scored.strengths_score) == (5, 4, 3, 2)
    assert AuditEvent.objects.filter(object_type="planning.priority").exists()


def test_ranking_with_an_unscored_priority_is_refused_naming_it(world):
    held = workshop(world)
    priority(world, "Scored", (3, 3, 3, 3), workshop=held)
    priority(world, "Half scored", workshop=held, severity=4)
    with pytest.raises(ValidationError) as caught:
        workshop_rank(workshop=held, reasoning=REASON, acting_user=None)
    assert "Half scored" in str(caught.value)
    assert "Scored;" not in str(caught.value)
    held.refresh_from_db()
    assert held.reasoning == ""
    assert not Priority.objects.filter(rank__isnull=False).exists()


def test_ranking_needs_the_groups_reasoning(world):
    held = workshop(world)
    priority(world, "Scored", (3, 3, 3, 3), workshop=held)
    with pytest.raises(ValidationError) as caught:
        workshop_rank(workshop=held, reasoning="  ", acting_user=None)
    assert "reasoning" in caught.value.message_dict
    assert not Priority.objects.filter(rank__isnull=False).exists()


@pytest.mark.parametrize(
    "weights",
    [
        {"severity": 0, "children": 0, "feasibility": 0, "strengths": 0},
        {"severity": 11, "children": 1, "feasibility": 1, "strengths": 1},
        {"severity": -1, "children": 1, "feasibility": 1, "strengths": 1},
    ],
)
def test_bad_weights_are_refused_and_nothing_is_saved(world, weights):
    with pytest.raises(ValidationError) as caught:
        planning_weights_update(location=world.locations["chiang_rai"], weights=weights, acting_user=None)
    assert "weights" in caught.value.message_dict
    assert not PlanningConfig.objects.exists()
