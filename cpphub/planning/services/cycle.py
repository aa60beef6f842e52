"""Writes of the cycle: moving a location from stage to stage against its checklist, and setting the checklist."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import DEFAULT_CHECKLIST, PlanningConfig, StageMove
from cpphub.planning.selectors.cycle import (
    ALL_STAGES,
    location_checklist,
    location_counts,
    next_stage_of,
    previous_stage_of,
    stage_label,
    stage_summaries,
)


def planning_config_for(location: PilotLocation) -> PlanningConfig:
    """The planning settings of ``location``, made with the defaults the first time."""
    config, _created = PlanningConfig.objects.get_or_create(location=location)
    return config


@transaction.atomic
def location_stage_move(*, location: PilotLocation, to_stage: str, acting_user: Any, note: str = "") -> StageMove:
    """Move ``location`` one stage on (when the stage it leaves met its checklist) or one back (with a note).

    Anything else raises a ValidationError naming what is wrong or missing, and nothing changes.
    """
    location = PilotLocation.objects.select_for_update().get(pk=location.pk)
    current = location.stage
    note = (note or "").strip()
    if to_stage not in ALL_STAGES:
        raise ValidationError({"to_stage": _("Choose a Triple A stage.")}, code="invalid_choice")
    if to_stage == current:
        raise ValidationError(
            {"to_stage": _("{location} is already at {stage}.").format(location=location, stage=stage_label(current))},
            code="same_stage",
        )
    checklist = location_checklist(location)
    counts = location_counts([location.pk])[location.pk]
    summary = next((s for s in stage_summaries(current, counts, checklist) if s.stage == current), None)
    if to_stage == next_stage_of(current):
        if summary is not None and summary.missing:
            raise ValidationError(
                _(
                    "{location} cannot move to {to} yet: {stage} has not produced what it should. Missing: {missing}."
                ).format(
                    location=location,
                    to=stage_label(to_stage),
                    stage=stage_label(current),
                    missing="; ".join(item.missing_text for item in summary.missing),
                ),
                code="checklist",
            )
    elif to_stage == previous_stage_of(current):
        if not note:
            raise ValidationError({"note": _("Say why the location goes back a stage.")}, code="required")
    else:
        raise ValidationError(
            {
                "to_stage": _(
                    "A location moves one stage at a time: from {stage} to {next} or back to {previous}."
                ).format(
                    stage=stage_label(current),
                    next=stage_label(next_stage_of(current) or current),
                    previous=stage_label(previous_stage_of(current) or current),
                )
            },
            code="not_adjacent",
        )
    if len(note) > 300:
        raise ValidationError({"note": _("Keep the note under 300 characters.")}, code="max_length")
    snapshot = (
        {item.key: {"required": item.required, "count": item.count, "met": item.met} for item in summary.items}
        if summary is not None
        else {}
    )
    location.stage = to_stage
    location.save(update_fields=["stage", "updated_at"])
    move = StageMove.objects.create(
        location=location,
        from_stage=current,
        to_stage=to_stage,
        checklist={current: snapshot} if snapshot else {},
        note=note,
        moved_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    changes: dict[str, Any] = diff({"stage": current}, {"stage": to_stage})
    if note:
        changes["note"] = [None, note]
    audit_record(action=AuditEvent.Action.UPDATE, acting_user=acting_user, obj=location, changes=changes)
    return move


def clean_checklist(checklist: Any) -> dict[str, dict[str, int]]:
    """A checklist with a whole number of 0 or more for every item of every stage, or a ValidationError per item."""
    errors: dict[str, list[str]] = {}
    result: dict[str, dict[str, int]] = {}
    given = checklist if isinstance(checklist, dict) else {}
    for stage, items in DEFAULT_CHECKLIST.items():
        found = given.get(stage)
        stage_items: dict[str, Any] = found if isinstance(found, dict) else {}
        result[stage] = {}
        for key in items:
            value = stage_items.get(key)
            field = f"{stage}__{key}"
            if isinstance(value, bool) or not isinstance(value, int):
                errors[field] = [_("Give a whole number.")]
            elif value < 0:
                errors[field] = [_("Give 0 or more: a stage cannot need fewer than nothing.")]
            elif value > 1000:
                errors[field] = [_("Give 1000 or less.")]
            else:
                result[stage][key] = value
    if errors:
        raise ValidationError(errors)
    return result


@transaction.atomic
def location_checklist_update(*, location: PilotLocation, checklist: Any, acting_user: Any) -> PlanningConfig:
    """Set what each stage of ``location`` must produce before it moves on; audited."""
    cleaned = clean_checklist(checklist)
    config = planning_config_for(location)
    config = PlanningConfig.objects.select_for_update().get(pk=config.pk)
    before = config.checklist
    if before != cleaned:
        config.checklist = cleaned
        config.save(update_fields=["checklist"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            acting_user=acting_user,
            obj=config,
            changes={"checklist": [before, cleaned]},
        )
    return config
