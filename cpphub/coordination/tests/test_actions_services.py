"""Coordinated actions: made from an accepted synergy, with contributions, milestones and a status; all audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cpphub.audit.models import AuditEvent
from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone
from cpphub.coordination.selectors.actions import (
    actions_for_country,
    actions_for_location,
    initial_from_synergy,
    milestone_rows,
    partners_of,
    totals_of,
)
from cpphub.coordination.services import actions as services
from cpphub.coordination.services.synergies import accept_synergy, dismiss_synergy, reopen_synergy
from cpphub.coordination.tests.synergy_records import chiang_rai_coordinated_action, thai_synergy


def _fields(world, **more):
    return {
        "title": "Teachers against online grooming",
        "lead": world.orgs["face"],
        "outcome": "equip",
        "start": dt.date(2026, 6, 1),
        "end": dt.date(2027, 6, 30),
        **more,
    }


def test_an_accepted_synergy_becomes_a_coordinated_action_joining_both_sides(world):
    coordinator = world.users["coordinator"]
    synergy = accept_synergy(thai_synergy(world, on="action"), acting_user=coordinator)
    action = services.create_coordinated_action(acting_user=coordinator, synergy=synergy, **_fields(world))
    assert action.synergy == synergy and action.created_by == coordinator
    assert list(action.locations.all()) == [world.locations["chiang_rai"]]
    assert list(action.countries.all()) == [world.countries["thailand"]]
    assert list(action.local_actions.all()) == [synergy.local_action]
    assert list(action.national_priorities.all()) == [synergy.national_priority]
    event = AuditEvent.objects.get(object_type="coordination.coordinatedaction", action="create")
    assert event.changes["national_priorities"][1] == ["Stop online grooming of children in the north"]


def test_a_suggested_or_dismissed_synergy_is_refused_and_nothing_is_saved(world):
    coordinator = world.users["coordinator"]
    synergy = thai_synergy(world)
    with pytest.raises(ValidationError) as refused:
        services.create_coordinated_action(acting_user=coordinator, synergy=synergy, **_fields(world))
    assert refused.value.message_dict["synergy"] == [
        "Only an accepted synergy becomes a coordinated action; accept it first."
    ]
    dismiss_synergy(synergy, acting_user=coordinator, reason="no")
    with pytest.raises(ValidationError):
        services.create_coordinated_action(acting_user=coordinator, synergy=synergy, **_fields(world))
    assert not CoordinatedAction.objects.exists()


def test_a_synergy_becomes_one_coordinated_action_only_and_then_stays_accepted(world):
    coordinator = world.users["coordinator"]
    synergy = accept_synergy(thai_synergy(world), acting_user=coordinator)
    services.create_coordinated_action(acting_user=coordinator, synergy=synergy, **_fields(world))
    with pytest.raises(ValidationError) as refused:
        services.create_coordinated_action(acting_user=coordinator, synergy=synergy, **_fields(world))
    assert refused.value.message_dict["synergy"] == ["A coordinated action was already made from this synergy."]
    for decide in (
        lambda: dismiss_synergy(synergy, acting_user=coordinator, reason="changed our minds"),
        lambda: reopen_synergy(synergy, acting_user=coordinator),
    ):
        with pytest.raises(ValidationError):
            decide()
    assert CoordinatedAction.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"end": dt.date(2026, 1, 1)}, "end", "The end comes before the start."),
        ({"status": "dropped"}, "status_reason", "Say why the action was dropped."),
        ({"risks": ["cyber"]}, "risks", "Unknown 4Cs risk: cyber."),
        ({"target_groups": ["aliens"]}, "target_groups", "Unknown target group: aliens."),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, fields, field, says):
    with pytest.raises(ValidationError) as refused:
        services.create_coordinated_action(acting_user=world.users["coordinator"], **_fields(world, **fields))
    assert refused.value.message_dict[field] == [says]
    assert not CoordinatedAction.objects.exists()


def test_local_actions_must_be_of_its_locations_and_countries_follow_the_locations(world):
    from cpphub.coordination.tests.synergy_records import chiang_rai_action

    local = chiang_rai_action(world)
    with pytest.raises(ValidationError) as refused:
        services.create_coordinated_action(
            acting_user=None, locations=[world.locations["santo_andre"]], local_actions=[local], **_fields(world)
        )
    assert "local_actions" in refused.value.message_dict
    action = services.create_coordinated_action(
        acting_user=None, locations=[world.locations["chiang_rai"]], local_actions=[local], **_fields(world)
    )
    assert list(action.countries.all()) == [world.countries["thailand"]]


def test_contributions_count_per_partner_and_kind_without_mixing_units(world):
    action = chiang_rai_coordinated_action(world)
    services.add_contribution(
        action,
        acting_user=world.users["facilitator"],
        organisation=world.orgs["plan_thailand"],
        kind="money",
        amount=Decimal("20000"),
        unit="THB",
    )
    services.add_contribution(
        action,
        acting_user=world.users["facilitator"],
        organisation=world.orgs["iicrd"],
        kind="money",
        amount=Decimal("1000"),
        unit="CAD",
    )
    action = CoordinatedAction.objects.get(pk=action.pk)
    totals = {(t.kind, t.unit): (t.amount, t.count) for t in totals_of(action)}
    assert totals[("money", "THB")] == (Decimal("70000"), 2)
    assert totals[("money", "CAD")] == (Decimal("1000"), 1)
    assert totals[("staff_time", "hours")] == (Decimal("120"), 1)
    partners = {p.organisation.acronym or p.organisation.name: p for p in partners_of(action)}
    assert partners["FACE"].is_lead and partners["FACE"].side == "local" and partners["FACE"].where == "Chiang Rai"
    assert partners["Plan Thailand"].side == "national" and partners["Plan Thailand"].where == "Thailand"
    assert len(partners["Plan Thailand"].contributions) == 2


def test_a_negative_contribution_is_refused(world):
    action = chiang_rai_coordinated_action(world)
    with pytest.raises(ValidationError) as refused:
        services.add_contribution(
            action, acting_user=None, organisation=world.orgs["face"], kind="money", amount=Decimal("-5")
        )
    assert refused.value.message_dict["amount"][0] == "An amount cannot be negative."
    assert Contribution.objects.filter(action=action).count() == 2


def test_a_contribution_is_changed_and_removed_with_an_audit_trail(world):
    action = chiang_rai_coordinated_action(world)
    contribution = action.contributions.get(organisation=world.orgs["plan_thailand"])
    services.update_contribution(contribution, acting_user=world.users["national_focal_point"], amount=Decimal("160"))
    contribution.refresh_from_db()
    assert contribution.amount == Decimal("160")
    services.remove_contribution(contribution, acting_user=world.users["national_focal_point"])
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
    assert AuditEvent.objects.filter(object_type="coordination.contribution", action="delete").exists()


def test_milestones_are_due_overdue_or_done(world):
    action = chiang_rai_coordinated_action(world)
    late = services.add_milestone(action, acting_user=None, title="Police unit briefed", due=dt.date(2026, 1, 1))
    rows = {r.milestone.title: r.state for r in milestone_rows(action, today=dt.date(2026, 8, 1))}
    assert rows == {"Curriculum agreed": "done", "Twelve schools trained": "due", "Police unit briefed": "overdue"}
    services.mark_milestone_done(late, acting_user=None, on=dt.date(2026, 8, 2))
    again = services.mark_milestone_done(Milestone.objects.get(pk=late.pk), acting_user=None, on=dt.date(2026, 9, 9))
    assert again.done_at == dt.date(2026, 8, 2)


def test_dropping_an_action_needs_a_reason(world):
    action = chiang_rai_coordinated_action(world)
    with pytest.raises(ValidationError):
        services.set_action_status(action, acting_user=None, status="dropped")
    services.set_action_status(action, acting_user=None, status="dropped", reason="The ministry took it over")
    action.refresh_from_db()
    assert (action.status, action.status_reason) == ("dropped", "The ministry took it over")


def test_the_form_starts_from_the_synergy(world):
    synergy = thai_synergy(world, on="action", status="accepted")
    initial = initial_from_synergy(synergy)
    assert initial["title"] == "Train teachers to spot online grooming"
    assert initial["locations"] == [world.locations["chiang_rai"]]
    assert initial["countries"] == [world.countries["thailand"]]
    assert initial["local_actions"] == [synergy.local_action]
    assert initial["national_priorities"] == [synergy.national_priority]
    assert (initial["outcome"], initial["risks"]) == ("equip", ["contact"])
    assert initial["target_groups"] == ["teachers", "children", "parents"]


def test_it_is_visible_from_the_location_and_the_country(world):
    action = chiang_rai_coordinated_action(world)
    assert list(actions_for_location(world.locations["chiang_rai"])) == [action]
    assert list(actions_for_country(world.countries["thailand"])) == [action]
    assert list(actions_for_country(world.countries["brazil"])) == []
