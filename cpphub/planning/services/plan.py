"""Every write of the Plan stage: workshops, who took part, priorities, their scores, the ranking, the weights.

Each service validates, saves and writes its audit event in one transaction; a
ValidationError names the field and leaves the database as it was.

- A workshop's facilitators hold a facilitator membership covering its location.
- A priority's findings are risks of the workshop's location, its strengths
  strength findings of that location; withdrawn findings are never linked.
- Scores are whole numbers from 1 to 5.
- Ranking needs every priority scored and the group's reasoning. The workshop
  keeps the weights it ranked with; ties go to the higher severity, then to
  more children, then to the title.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff, snapshot
from cpphub.mapping.models import Finding
from cpphub.mapping.services.people import record_write
from cpphub.partnership.models import PilotLocation
from cpphub.planning.models import CRITERIA, PlanningConfig, Priority, Workshop, WorkshopParticipation
from cpphub.planning.selectors.plan import location_weights

Data = Mapping[str, Any]

# The score fields of a priority, by criterion.
SCORE_FIELDS = {"severity": "severity", "children": "children", "feasibility": "feasibility"}
SCORE_FIELDS["strengths"] = "strengths_score"
TITLE_LENGTH = Priority._meta.get_field("title").max_length or 200


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


# Workshops ---------------------------------------------------------------------------------


def _workshop_errors(data: Data, location: PilotLocation | None) -> dict[str, str]:
    from cpphub.mapping.selectors.records import location_facilitators

    facilitators = list(data.get("facilitators") or [])
    if not facilitators or location is None:
        return {}
    allowed = set(location_facilitators(location).values_list("pk", flat=True))
    strangers = [str(user) for user in facilitators if user.pk not in allowed]
    if strangers:
        return {
            "facilitators": _("Not a facilitator of {location}: {people}.").format(
                location=location, people=", ".join(strangers)
            )
        }
    return {}


@transaction.atomic
def workshop_create(*, data: Data, acting_user: Any) -> Workshop:
    """A planning workshop; ``data`` holds location, title, date, round, facilitators, notes.

    It starts with the location's current weights; ranking takes them again.
    """
    allowed = {"location", "title", "date", "round", "facilitators", "notes"}
    data = {key: value for key, value in data.items() if key in allowed}
    location = data.get("location")
    workshop = Workshop(created_by=_user(acting_user))
    if location is not None:
        workshop.weights = location_weights(location)
    return record_write(workshop, data, acting_user=acting_user, extra_errors=_workshop_errors(data, location))


@transaction.atomic
def workshop_update(*, workshop: Workshop, data: Data, acting_user: Any) -> Workshop:
    """Change a workshop's title, date, round, facilitators or notes (its location stays)."""
    allowed = {"title", "date", "round", "facilitators", "notes"}
    data = {key: value for key, value in data.items() if key in allowed}
    return record_write(workshop, data, acting_user=acting_user, extra_errors=_workshop_errors(data, workshop.location))


@transaction.atomic
def participation_add(*, workshop: Workshop, data: Data, acting_user: Any) -> WorkshopParticipation:
    """Who took part from a sector: sector, organisation (optional), number, whether they are children."""
    allowed = {"sector", "organisation", "number", "children"}
    data = {key: value for key, value in data.items() if key in allowed}
    return record_write(WorkshopParticipation(workshop=workshop), data, acting_user=acting_user)


@transaction.atomic
def participation_remove(*, participation: WorkshopParticipation, acting_user: Any) -> None:
    audit_record(
        action=AuditEvent.Action.DELETE,
        acting_user=acting_user,
        obj=participation,
        changes=diff(snapshot(participation), {}),
    )
    participation.delete()


# Priorities --------------------------------------------------------------------------------


def _finding_errors(data: Data, location_id: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    findings = list(data.get("findings") or [])
    wrong = [
        f for f in findings if f.location_id != location_id or f.kind != Finding.Kind.RISK or f.withdrawn_at is not None
    ]
    if wrong:
        errors["findings"] = _("Choose risks found in this location that are not withdrawn: {names}.").format(
            names="; ".join(str(f) for f in wrong)
        )
    strengths = list(data.get("strengths") or [])
    wrong = [
        f
        for f in strengths
        if f.location_id != location_id or f.kind != Finding.Kind.STRENGTH or f.withdrawn_at is not None
    ]
    if wrong:
        errors["strengths"] = _("Choose strengths found in this location that are not withdrawn: {names}.").format(
            names="; ".join(str(f) for f in wrong)
        )
    return errors


PRIORITY_FIELDS = {"title", "description", "findings", "strengths", "reasoning", *SCORE_FIELDS.values()}


@transaction.atomic
def priority_create(*, workshop: Workshop, data: Data, acting_user: Any) -> Priority:
    """A candidate priority added by hand: title, description, the findings behind it, the strengths it builds on."""
    data = {key: value for key, value in data.items() if key in PRIORITY_FIELDS}
    return record_write(
        Priority(workshop=workshop),
        data,
        acting_user=acting_user,
        extra_errors=_finding_errors(data, workshop.location_id),
    )


@transaction.atomic
def priority_update(*, priority: Priority, data: Data, acting_user: Any) -> Priority:
    """Change a priority's text, links or scores; its score and rank change only when the group ranks."""
    data = {key: value for key, value in data.items() if key in PRIORITY_FIELDS}
    location_id = Workshop.objects.values_list("location_id", flat=True).get(pk=priority.workshop_id)
    return record_write(priority, data, acting_user=acting_user, extra_errors=_finding_errors(data, location_id))


@transaction.atomic
def priority_delete(*, priority: Priority, acting_user: Any) -> None:
    audit_record(
        action=AuditEvent.Action.DELETE, acting_user=acting_user, obj=priority, changes=diff(snapshot(priority), {})
    )
    priority.delete()


@transaction.atomic
def priority_score(*, priority: Priority, scores: Mapping[str, int | None], acting_user: Any) -> Priority:
    """The group's scores of a priority, keyed by criterion (severity, children, feasibility, strengths), 1-5."""
    errors: dict[str, str] = {}
    data: dict[str, int | None] = {}
    for criterion, value in scores.items():
        if criterion not in SCORE_FIELDS:
            errors[NON_FIELD_ERRORS] = _("Unknown criterion: {name}.").format(name=criterion)
            continue
        field = SCORE_FIELDS[criterion]
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5):
            errors[criterion] = _("Give a score from 1 to 5.")
            continue
        data[field] = value
    if errors:
        raise ValidationError(errors)
    return record_write(priority, data, acting_user=acting_user)


@transaction.atomic
def workshop_bring_findings(
    *, workshop: Workshop, findings: Iterable[Finding], acting_user: Any
) -> tuple[list[Priority], list[Finding]]:
    """Candidate priorities from the mapping: one per chosen risk, its title the finding's summary.

    The chosen strengths are linked to every new priority as strengths it builds
    on. Withdrawn findings, findings of another location and risks the workshop
    already holds are skipped; the answer is the new priorities and the skipped
    findings. Choosing no risk that can be brought in is refused.
    """
    chosen = list(findings)
    live = [f for f in chosen if f.location_id == workshop.location_id and f.withdrawn_at is None]
    held = set(
        Priority.findings.through.objects.filter(priority__workshop=workshop).values_list("finding_id", flat=True)
    )
    risks = [f for f in live if f.kind == Finding.Kind.RISK and f.pk not in held]
    strengths = [f for f in live if f.kind == Finding.Kind.STRENGTH]
    skipped = [f for f in chosen if f not in risks and f not in strengths]
    if not risks:
        raise ValidationError(
            {"findings": _("Choose at least one risk of this location that the workshop does not hold yet.")}
        )
    created = []
    for risk in risks:
        title = Truncator(risk.summary).chars(TITLE_LENGTH)
        created.append(
            record_write(
                Priority(workshop=workshop),
                {"title": title, "findings": [risk], "strengths": strengths},
                acting_user=acting_user,
            )
        )
    return created, skipped


# Ranking -----------------------------------------------------------------------------------


def rank_order(priorities: Iterable[Priority], weights: Mapping[str, int | float]) -> list[tuple[Priority, Decimal]]:
    """Scored priorities, best first: by weighted score, then higher severity, more children, then title."""
    scored = []
    for priority in priorities:
        score = priority.weighted_score(dict(weights))
        if score is None:
            raise ValueError(f"priority {priority.pk} is not fully scored")
        scored.append((priority, score))
    return sorted(
        scored,
        key=lambda pair: (-pair[1], -(pair[0].severity or 0), -(pair[0].children or 0), pair[0].title.casefold()),
    )


@transaction.atomic
def workshop_rank(*, workshop: Workshop, reasoning: str, acting_user: Any) -> list[Priority]:
    """Rank a workshop's priorities with the location's current weights and record why; audited.

    Refused (nothing changes) without reasoning, without priorities, or while
    a priority has a criterion not scored yet (the message names them).
    """
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    priorities = list(Priority.objects.select_for_update().filter(workshop=workshop).order_by("id"))
    errors: dict[str, Any] = {}
    reasoning = (reasoning or "").strip()
    if not reasoning:
        errors["reasoning"] = _("Write down why the group ranked as it did.")
    if not priorities:
        errors[NON_FIELD_ERRORS] = _("Add priorities before ranking.")
    unscored = [p for p in priorities if any(getattr(p, field) is None for field in SCORE_FIELDS.values())]
    if unscored:
        errors[NON_FIELD_ERRORS] = _("Score every criterion of these priorities first: {names}.").format(
            names="; ".join(p.title for p in unscored)
        )
    if errors:
        raise ValidationError(errors)
    weights = location_weights(workshop.location_id)
    before = {
        "weights": workshop.weights,
        "reasoning": workshop.reasoning,
        "ranking": [p.title for p in sorted(priorities, key=lambda p: (p.rank is None, p.rank or 0, p.pk))],
    }
    ranked = rank_order(priorities, weights)
    for position, (priority, score) in enumerate(ranked, start=1):
        priority.score, priority.rank = score, position
    Priority.objects.bulk_update(priorities, ["score", "rank"])
    workshop.weights, workshop.reasoning = weights, reasoning
    workshop.save(update_fields=["weights", "reasoning"])
    after = {
        "weights": weights,
        "reasoning": reasoning,
        "ranking": [f"{p.rank}. {p.title} ({p.score})" for p, _score in ranked],
    }
    audit_record(action=AuditEvent.Action.UPDATE, acting_user=acting_user, obj=workshop, changes=diff(before, after))
    return [priority for priority, _score in ranked]


# Weights -----------------------------------------------------------------------------------


@transaction.atomic
def planning_weights_update(
    *, location: PilotLocation, weights: Mapping[str, int | float], acting_user: Any
) -> PlanningConfig:
    """Set a location's scoring weights (0-10 each, at least one above 0); workshops take them when they rank."""
    config, _created = PlanningConfig.objects.select_for_update().get_or_create(location=location)
    before = snapshot(config)
    config.weights = {name: weights.get(name) for name in CRITERIA}
    config.full_clean()
    config.save(update_fields=["weights"])
    changes = diff(before, snapshot(config))
    if changes:
        audit_record(action=AuditEvent.Action.UPDATE, acting_user=acting_user, obj=config, changes=changes)
    return config
