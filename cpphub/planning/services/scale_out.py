"""Scaling out: a new pilot location started from an existing one as its template.

What is copied is what the partnership learnt to work with: the template's
instruments (with their questions, choices and taxonomy tags), its planning
settings (scoring weights and stage checklist) and its action templates.
Never anything about people or children: no participants, consent, submissions,
findings, stakeholders, engagements, workshops or plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff, snapshot
from cpphub.mapping.models import Choice, Instrument, Question
from cpphub.partnership.models import Country, PilotLocation
from cpphub.planning.models import ActionTemplate, PlanningConfig
from cpphub.planning.models.plan import default_checklist, default_weights

ACTION_TEMPLATE_FIELDS = (
    "title",
    "description",
    "outcome",
    "target_groups",
    "target_age_bands",
    "target_sexes",
    "expertise_needed",
    "indicator",
)
TAG_FIELDS = ("risk_dimension", "risk_row", "ict_tags", "channels", "strength")


@dataclass
class ScaleOut:
    """The new location and what was copied into it."""

    location: PilotLocation
    template: PilotLocation
    instruments: int = 0
    questions: int = 0
    choices: int = 0
    action_templates: int = 0
    config: bool = False

    def summary(self) -> str:
        return _(
            "Started {location} ({slug}) from {template}: {instruments} instruments ({questions} items, "
            "{choices} choices), {templates} action templates, scoring weights and stage checklist."
        ).format(
            location=self.location.name,
            slug=self.location.slug,
            template=self.template.name,
            instruments=self.instruments,
            questions=self.questions,
            choices=self.choices,
            templates=self.action_templates,
        )


def _copy_instrument(instrument: Instrument, location: PilotLocation, acting_user: Any) -> tuple[int, int]:
    """Copy ``instrument`` with its questions (keeping the tree) and choices into ``location``."""
    copy = Instrument.objects.create(
        title=instrument.title,
        form_id=instrument.form_id,
        version=instrument.version,
        location=location,
        languages=list(instrument.languages or []),
        default_language=instrument.default_language,
        form_json=instrument.form_json,
        source_file_name=instrument.source_file_name,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
        created_at=timezone.now(),
        is_active=True,
    )
    new_questions: dict[int, Question] = {}
    # Parents before their children: by depth, then in form order.
    questions = sorted(instrument.questions.all(), key=lambda q: (q.path.count("/"), q.order, q.pk))
    for question in questions:
        new_questions[question.pk] = Question.objects.create(
            instrument=copy,
            parent=new_questions.get(question.parent_id) if question.parent_id else None,
            kind=question.kind,
            name=question.name,
            path=question.path,
            type=question.type,
            labels=question.labels,
            hints=question.hints,
            order=question.order,
            **{name: getattr(question, name) for name in TAG_FIELDS},
        )
    choices = [
        Choice(
            question=new_questions[choice.question_id],
            name=choice.name,
            labels=choice.labels,
            order=choice.order,
            **{name: getattr(choice, name) for name in TAG_FIELDS},
        )
        for choice in Choice.objects.filter(question__instrument=instrument).order_by("question__order", "order")
    ]
    Choice.objects.bulk_create(choices)
    return len(new_questions), len(choices)


def _check_new(*, name: str, slug: str, country: Country | None) -> None:
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the new location a name.")
    if not slug:
        errors["slug"] = _("Give the new location a short name (letters, numbers and hyphens).")
    elif slug != slugify(slug):
        errors["slug"] = _("A short name has only lower-case letters, numbers and hyphens, e.g. {slug}.").format(
            slug=slugify(slug) or "porto-alegre"
        )
    elif PilotLocation.objects.filter(slug=slug).exists():
        errors["slug"] = _("A pilot location already has the short name {slug}.").format(slug=slug)
    if country is None:
        errors["country"] = _("Choose the country of the new location.")
    elif name and PilotLocation.objects.filter(country=country, name__iexact=name).exists():
        errors["name"] = _("{country} already has a pilot location called {name}.").format(country=country, name=name)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def location_from_template(
    *,
    template: PilotLocation,
    name: str,
    slug: str,
    country: Country | None,
    acting_user: Any,
    admin_area: str = "",
) -> ScaleOut:
    """Start a new location at the Map stage with the template's instruments, settings and action templates."""
    name = (name or "").strip()
    slug = (slug or "").strip() or slugify(name)
    _check_new(name=name, slug=slug, country=country)
    assert country is not None  # checked above
    location = PilotLocation(name=name, slug=slug, country=country, admin_area=admin_area.strip())
    location.stage = PilotLocation.Stage.MAP
    location.full_clean()
    location.save()
    result = ScaleOut(location=location, template=template)

    for instrument in Instrument.objects.filter(location=template, is_active=True).order_by("created_at", "pk"):
        questions, choices = _copy_instrument(instrument, location, acting_user)
        result.instruments += 1
        result.questions += questions
        result.choices += choices

    source = PlanningConfig.objects.filter(location=template).first()
    PlanningConfig.objects.create(
        location=location,
        weights=dict(source.weights) if source else default_weights(),
        checklist={stage: dict(items) for stage, items in source.checklist.items()}
        if source and isinstance(source.checklist, dict)
        else default_checklist(),
    )
    result.config = True

    templates = [
        ActionTemplate(location=location, **{field: getattr(each, field) for field in ACTION_TEMPLATE_FIELDS})
        for each in ActionTemplate.objects.filter(location=template).order_by("title", "pk")
    ]
    ActionTemplate.objects.bulk_create(templates)
    result.action_templates = len(templates)

    changes: dict[str, Any] = diff({}, snapshot(location))
    changes["template"] = [None, template.slug]
    changes["copied"] = [
        None,
        {
            "instruments": result.instruments,
            "questions": result.questions,
            "choices": result.choices,
            "action_templates": result.action_templates,
            "planning_config": True,
        },
    ]
    audit_record(action=AuditEvent.Action.CREATE, acting_user=acting_user, obj=location, changes=changes)
    return result
