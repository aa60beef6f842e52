"""The Create stage's write services: what they refuse (and then change nothing), what they record."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cpphub.audit.models import AuditEvent
from cpphub.mapping.tests.records_world import finding
from cpphub.planning.models import Action, ActionPlan, Priority, ProgressUpdate, Workshop
from cpphub.planning.selectors.create import action_list, location_partners
from cpphub.planning.services.create import (
    action_create,
    action_set_status,
    action_update,
    plan_create,
    progress_create,
)
from cpphub.planning.tests.create_records import action, plan, stakeholder


def _data(world, **fields):
    return {
        "title": "Train teachers on online grooming",
        "outcome": "equip",
        "lead_partner": world.orgs["face"],
        "start": dt.date(2009, 6, 1),
        "end": dt.date(2009, 9, 30),
        "target_groups": ["teachers"],
        **fields,
    }


def test_it_adds_an_action_and_audits_it(world):
    chiang_rai = plan(world)
    made = action_create(
        plan=chiang_rai,
        data=_data(
            world,
            supporting_partners=[world.orgs["safernet"]],
            target_groups=["children", "teachers"],
            target_age_bands=["13_15"],
            target_sexes=["female"],
            budget="12000.00",
            currency="THB",
        ),
        acting_user=world.users["facilitator"],
    )
    assert list(made.supporting_partners.all()) == [world.orgs["safernet"]]
    assert made.target_age_bands == ["13_15"]
    assert AuditEvent.objects.filter(action="create", object_type="planning.action", object_id=str(made.pk)).exists()


def test_an_end_before_the_start_is_refused_and_nothing_changes(world):
    chiang_rai = plan(world)
    with pytest.raises(ValidationError) as caught:
        action_create(plan=chiang_rai, data=_data(world, end=dt.date(2009, 5, 1)), acting_user=None)
    assert caught.value.message_dict["end"] == ["The end comes before the start."]
    assert not Action.objects.exists()

    existing = action(chiang_rai)
    with pytest.raises(ValidationError):
        action_update(action=existing, data={"end": dt.date(2009, 1, 1)}, acting_user=None)
    existing.refresh_from_db()
    assert existing.end == dt.date(2009, 9, 30)
    assert not AuditEvent.objects.filter(action="update").exists()


def test_a_lead_partner_that_is_not_a_partner_of_the_location_is_refused(world):
    chiang_rai = plan(world)
    with pytest.raises(ValidationError) as caught:
        action_create(plan=chiang_rai, data=_data(world, lead_partner=world.orgs["plan_brasil"]), acting_user=None)
    assert caught.value.message_dict["lead_partner"] == ["Plan Brasil is not a partner of Chiang Rai."]
    assert not Action.objects.exists()


def test_implementing_partners_and_stakeholders_organisations_may_lead(world):
    chiang_rai = plan(world)
    world.locations["chiang_rai"].implementing_partners.add(world.orgs["plan_thailand"])
    stakeholder(world, world.orgs["unicef"])
    stakeholder(world, world.orgs["safernet"], location="santo_andre")
    partners = set(location_partners(world.locations["chiang_rai"]))
    assert partners == {world.orgs["face"], world.orgs["plan_thailand"], world.orgs["unicef"]}
    for org in ("plan_thailand", "unicef"):
        action_create(plan=chiang_rai, data=_data(world, lead_partner=world.orgs[org]), acting_user=None)
    with pytest.raises(ValidationError):
        action_create(plan=chiang_rai, data=_data(world, lead_partner=world.orgs["safernet"]), acting_user=None)
    assert Action.objects.count() == 2


def test_a_dropped_action_needs_a_reason(world):
    existing = action(plan(world))
    with pytest.raises(ValidationError) as caught:
        action_set_status(action=existing, status="dropped", reason="  ", acting_user=None)
    assert "status_reason" in caught.value.message_dict
    existing.refresh_from_db()
    assert existing.status == "planned"
    dropped = action_set_status(action=existing, status="dropped", reason="No budget left", acting_user=None)
    assert (dropped.status, dropped.status_reason) == ("dropped", "No budget left")
    with pytest.raises(ValidationError):
        action_create(plan=existing.plan, data=_data(world, status="dropped"), acting_user=None)
    assert Action.objects.count() == 1


def test_childrens_age_bands_only_when_children_are_targeted(world):
    with pytest.raises(ValidationError) as caught:
        action_create(
            plan=plan(world), data=_data(world, target_groups=["teachers"], target_age_bands=["6_9"]), acting_user=None
        )
    assert caught.value.message_dict["target_age_bands"] == ["Choose children as a target group first."]
    assert not Action.objects.exists()


def test_priorities_findings_and_workshops_must_be_of_the_location(world):
    chiang_rai = plan(world)
    elsewhere = Workshop.objects.create(
        location=world.locations["santo_andre"], title="Oficina", date=dt.date(2009, 4, 1)
    )
    foreign_priority = Priority.objects.create(workshop=elsewhere, title="Safer LAN houses")
    foreign_finding = finding(world, location="santo_andre")
    withdrawn = finding(world, withdrawn_at=timezone.now())
    with pytest.raises(ValidationError) as caught:
        action_create(
            plan=chiang_rai,
            data=_data(world, priority=foreign_priority, findings=[foreign_finding, withdrawn]),
            acting_user=None,
        )
    assert {"priority", "findings"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError) as caught:
        plan_create(
            location=world.locations["chiang_rai"], data={"title": "x", "workshop": elsewhere}, acting_user=None
        )
    assert "workshop" in caught.value.message_dict
    assert Action.objects.count() == 0
    assert ActionPlan.objects.count() == 1


def test_overdue_actions_are_flagged(world):
    chiang_rai = plan(world)
    today = timezone.localdate()
    late = action(chiang_rai, title="Late", start=today - dt.timedelta(days=60), end=today - dt.timedelta(days=1))
    done = action(chiang_rai, title="Done", start=late.start, end=late.end, status="done")
    current = action(chiang_rai, title="Current", start=today, end=today + dt.timedelta(days=30))
    assert late.is_overdue() and not done.is_overdue() and not current.is_overdue()
    flags = {a.title: a.overdue for a in action_list(viewer=world.users["steering_member"])}
    assert flags == {"Late": True, "Done": False, "Current": False}
    overdue = action_list(viewer=world.users["steering_member"], filters={"overdue": "true"})
    assert [a.title for a in overdue] == ["Late"]


def test_a_progress_update_is_recorded_and_audited(world):
    existing = action(plan(world), indicator="Teachers trained", baseline=0, target=40)
    update = progress_create(
        action=existing,
        data={"date": dt.date(2009, 7, 15), "note": "Two schools done", "value": 12},
        acting_user=world.users["facilitator"],
    )
    assert update.created_by == world.users["facilitator"]
    assert AuditEvent.objects.filter(object_type="planning.progressupdate", action="create").exists()
    with pytest.raises(ValidationError):
        progress_create(action=existing, data={"date": None, "note": ""}, acting_user=None)
    assert ProgressUpdate.objects.count() == 1
