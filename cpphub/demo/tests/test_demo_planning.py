from __future__ import annotations

import time
from itertools import pairwise

import pytest
from django.db import transaction

from cpphub.accounts.models import Membership
from cpphub.audit.models import AuditEvent
from cpphub.demo.planning.load import LOCATIONS
from cpphub.demo.services import demo_partnership_load
from cpphub.mapping.models import Finding
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import (
    Action,
    ActionPlan,
    ActionTemplate,
    Engagement,
    FollowUp,
    PlanningConfig,
    Priority,
    ProgressUpdate,
    StageMove,
    Stakeholder,
    Workshop,
    WorkshopParticipation,
)
from cpphub.planning.selectors.create import is_partner_of
from cpphub.planning.selectors.cycle import ALL_STAGES, checklists, location_counts
from cpphub.planning.services.plan import rank_order

pytestmark = pytest.mark.django_db

MODELS = [
    Stakeholder,
    Engagement,
    FollowUp,
    PlanningConfig,
    Workshop,
    WorkshopParticipation,
    Priority,
    ActionPlan,
    Action,
    ProgressUpdate,
    ActionTemplate,
    StageMove,
    AuditEvent,
]
Stage = PilotLocation.Stage


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (with how long it took), rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        started = time.perf_counter()
        result = demo_partnership_load(acting_user=None)
        yield result, time.perf_counter() - started
        transaction.set_rollback(True)


def reached(location: PilotLocation, stage: str) -> bool:
    return ALL_STAGES.index(location.stage) >= ALL_STAGES.index(stage)


def locations() -> list[PilotLocation]:
    return list(PilotLocation.objects.select_related("lead_partner").order_by("slug"))


def test_the_locations_sit_at_different_stages(demo):
    stages = {location.slug: location.stage for location in locations()}

    assert len(stages) == 6
    assert set(stages.values()) == set(ALL_STAGES)  # every stage shown, from Map to Follow-up
    assert stages["chiang-rai"] == Stage.CREATE
    assert stages["yala"] == Stage.MAP


def test_every_location_that_reached_engage_has_stakeholders_over_the_grid_and_engagements(demo):
    for location in locations():
        stakeholders = Stakeholder.objects.filter(location=location)
        if not reached(location, Stage.ENGAGE):
            assert not stakeholders.exists()
            continue
        assert 8 <= stakeholders.count() <= 14, location
        assert len({s.quadrant for s in stakeholders}) >= 3, location
        assert Engagement.objects.filter(location=location).count() >= 2
        assert FollowUp.objects.filter(engagement__location=location).exists()
        for stakeholder in stakeholders:
            assert stakeholder.can_do
            assert stakeholder.contact_details.endswith("@example.org")
            assert stakeholder.notes.startswith("Synthetic demo data")


def test_follow_ups_are_some_done_and_some_overdue(demo):
    follow_ups = list(FollowUp.objects.all())

    assert any(f.done_at for f in follow_ups)
    assert any(f.is_overdue() for f in follow_ups)


def test_from_plan_on_a_ranked_workshop_has_priorities_linked_to_findings(demo):
    for location in locations():
        workshops = Workshop.objects.filter(location=location)
        if not reached(location, Stage.PLAN):
            assert not workshops.exists()
            continue
        for workshop in workshops:
            priorities = list(workshop.priorities.order_by("rank"))
            assert len(priorities) >= 3
            assert workshop.reasoning
            assert workshop.facilitators.exists()
            assert workshop.participation.filter(children=True, sector__code="childrens_group").exists()
            assert [p.rank for p in priorities] == list(range(1, len(priorities) + 1))
            # The ranking is the one the workshop service would give with the workshop's weights.
            assert [p for p, _score in rank_order(priorities, workshop.weights)] == priorities
            for priority in priorities:
                assert priority.score == priority.weighted_score(workshop.weights)
                risks = list(priority.findings.all())
                assert risks
                assert {f.kind for f in risks} == {Finding.Kind.RISK}
                assert {f.location_id for f in [*risks, *priority.strengths.all()]} == {location.pk}
                assert set(priority.strengths.values_list("kind", flat=True)) <= {Finding.Kind.STRENGTH}
            assert any(p.strengths.exists() for p in priorities)


def test_from_create_on_action_plans_whose_leads_are_partners_of_the_location(demo):
    for location in locations():
        plans = ActionPlan.objects.filter(location=location)
        if not reached(location, Stage.CREATE):
            assert not plans.exists()
            continue
        assert plans.exists()
        for plan in plans:
            actions = list(plan.actions.all())
            assert 2 <= len(actions) <= 6
            for action in actions:
                action.full_clean()
                assert is_partner_of(action.lead_partner, location), action
                assert action.priority.workshop.location_id == location.pk
                assert action.findings.exists()
                if action.budget is not None:
                    assert action.currency == ("BRL" if location.country.code == "BR" else "THB")


def test_actions_show_past_and_current_work_with_mixed_statuses(demo):
    actions = list(Action.objects.all())

    assert {a.status for a in actions} == set(Action.Status.values)
    assert any(a.is_overdue() for a in actions)
    assert all(a.status_reason for a in actions if a.status == Action.Status.DROPPED)
    assert any(a.start.year in (2009, 2010, 2011) for a in actions)
    assert any(a.end.year >= 2027 for a in actions)
    assert any("children" in a.target_groups and a.target_age_bands and a.target_sexes for a in actions)
    assert ProgressUpdate.objects.exists()
    assert ActionTemplate.objects.filter(location=None).exists()
    assert ActionTemplate.objects.filter(location__isnull=False).exists()


def test_the_texts_are_in_the_location_language(demo):
    thai = Stakeholder.objects.filter(location__slug="chiang-rai").values_list("name", flat=True)
    portuguese = Action.objects.filter(plan__location__slug="santo-andre").values_list("title", flat=True)

    assert any("\u0e00" <= ch <= "\u0e7f" for name in thai for ch in name)
    assert any(ch in "ãçéêóõ" for title in portuguese for ch in title.lower())


def test_stage_moves_lead_to_each_current_stage_and_every_left_checklist_is_met(demo):
    ids = [location.pk for location in locations()]
    counts = location_counts(ids)
    lists = checklists(ids)
    for location in locations():
        moves = list(StageMove.objects.filter(location=location).order_by("moved_at"))
        index = ALL_STAGES.index(location.stage)
        assert [(m.from_stage, m.to_stage) for m in moves] == list(pairwise(ALL_STAGES[: index + 1]))
        facilitator = Membership.objects.get(role=Membership.Role.FACILITATOR, location=location).user
        for move in moves:
            assert move.moved_by == facilitator
            assert all(item["met"] for item in move.checklist[move.from_stage].values()), move
        for stage in ALL_STAGES[:index]:
            for key, required in lists[location.pk].get(stage, {}).items():
                assert counts[location.pk][key] >= required, (location.slug, stage, key)


def test_the_spec_names_only_locations_of_the_demo(demo):
    slugs = set(PilotLocation.objects.values_list("slug", flat=True))

    assert {spec.slug for spec in LOCATIONS} <= slugs


def test_a_second_load_changes_nothing(demo):
    before = {model.__name__: model.objects.count() for model in MODELS}

    result = demo_partnership_load(acting_user=None)

    assert not result.changed
    assert {model.__name__: model.objects.count() for model in MODELS} == before


def test_a_changed_record_is_set_back(demo):
    action = Action.objects.filter(status=Action.Status.DONE).first()
    action.status = Action.Status.PLANNED
    action.save()

    result = demo_partnership_load(acting_user=None)

    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert result.counts["actions"]["updated"] == 1
