"""Writing referral pathways and their steps, validated and audited in one transaction.

A pathway is the agreed way to respond to one need in one pilot location. Its
steps come as a whole list: the steps are sorted by the number each was given
and numbered again 1, 2, 3... (so reordering is renumbering, and gaps close);
two steps with the same number, a service that is not active, or more than 50
steps are refused with a message on ``steps`` and nothing is saved. The
pathway's audit event records the steps before and after. Who may write is
the caller's check (``access.can_edit_pathway``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, audited_write, snapshot
from cpphub.connect.models import Pathway, PathwayStep, Service

PATHWAY_FIELDS = ("location", "need", "summary", "who_decides", "is_published")
STEP_FIELDS = ("order", "action", "service", "responsible", "is_decision", "within_hours", "notes")
MAX_STEPS = 50
STEP_LABELS: dict[str, Any] = {
    field.name: field.verbose_name for field in PathwayStep._meta.concrete_fields if field.name in STEP_FIELDS
}

Data = Mapping[str, Any]


def _only(data: Data, fields: Sequence[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


def _step_text(step: PathwayStep) -> str:
    parts = [f"{step.order}. {step.action}"]
    if step.service_id:
        parts.append(str(step.service))
    if step.responsible:
        parts.append(step.responsible)
    if step.within_hours:
        parts.append(f"{step.within_hours} h")
    if step.is_decision:
        parts.append("decision")
    return " · ".join(parts)


def _build_steps(steps: Sequence[Data]) -> list[PathwayStep]:
    """Validated, numbered steps (not saved); a ValidationError on ``steps`` names the step and the fault."""
    if len(steps) > MAX_STEPS:
        raise ValidationError({"steps": _("A pathway has at most {count} steps.").format(count=MAX_STEPS)})
    errors: list[str] = []
    numbers = [data.get("order") for data in steps]
    given = [n for n in numbers if n is not None]
    repeated = sorted({n for n in given if given.count(n) > 1})
    if repeated:
        errors.append(
            _("Two steps have the same number: {numbers}.").format(numbers=", ".join(str(n) for n in repeated))
        )
    # Steps without a number go to the end, in the order given.
    ranked = sorted(
        enumerate(steps), key=lambda item: (item[1].get("order") is None, item[1].get("order") or 0, item[0])
    )
    built: list[PathwayStep] = []
    for number, (_position, data) in enumerate(ranked, start=1):
        fields = _only(data, STEP_FIELDS)
        fields["order"] = number
        fields["action"] = (fields.get("action") or "").strip()
        for text_field in ("responsible", "notes"):
            fields[text_field] = fields.get(text_field) or ""
        fields["is_decision"] = bool(fields.get("is_decision"))
        step = PathwayStep(**fields)
        service = fields.get("service")
        if isinstance(service, Service) and not service.is_active:
            errors.append(
                _("Step {number}: {service} is {status}; choose an active service.").format(
                    number=number, service=service, status=service.get_status_display().lower()
                )
            )
        try:
            step.full_clean(exclude=["pathway"], validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                label = STEP_LABELS.get(name, name)
                errors.extend(
                    _("Step {number}, {field}: {message}").format(number=number, field=label, message=message)
                    for message in messages
                )
        built.append(step)
    if errors:
        raise ValidationError({"steps": errors})
    return built


def _replace_steps(pathway: Pathway, steps: Sequence[Data] | None) -> dict[str, Any]:
    """Put ``steps`` in place of the pathway's steps; the audit change, or {} when nothing changed."""
    if steps is None:
        return {}
    built = _build_steps(steps)
    before = [_step_text(s) for s in pathway.steps.select_related("service").order_by("order")]
    after = [_step_text(s) for s in built]
    old = [snapshot(s) for s in pathway.steps.order_by("order")]
    for step in built:
        step.pathway = pathway
    new = [snapshot(s) for s in built]
    if [{k: v for k, v in s.items() if k != "pathway"} for s in old] == [
        {k: v for k, v in s.items() if k != "pathway"} for s in new
    ]:
        return {}
    pathway.steps.all().delete()
    PathwayStep.objects.bulk_create(built)
    return {"steps": [before, after]}


def _step_errors(steps: Sequence[Data]) -> dict[str, Any]:
    """The faults of ``steps``, to report together with those of the pathway's own fields."""
    try:
        _build_steps(steps)
    except ValidationError as exc:
        return exc.message_dict
    return {}


def _audit_steps(pathway: Pathway, changes: dict[str, Any], acting_user: Any) -> None:
    if changes:
        audit_record(action=AuditEvent.Action.UPDATE, acting_user=acting_user, obj=pathway, changes=changes)


def _duplicate(data: Data) -> dict[str, str]:
    location, need = data.get("location"), data.get("need")
    if location is not None and need and Pathway.objects.filter(location=location, need=need).exists():
        return {"need": _("{location} already has a pathway for this need; change that one.").format(location=location)}
    return {}


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


@transaction.atomic
def pathway_create(*, data: Data, steps: Sequence[Data] = (), acting_user: Any) -> Pathway:
    """A new pathway (``location``, ``need``, ``summary``, ``who_decides``, ``is_published``) with its steps."""
    step_errors = _step_errors(steps)
    try:
        pathway = audited_write(
            Pathway(created_by=_user(acting_user)),
            _only(data, PATHWAY_FIELDS),
            acting_user=acting_user,
            errors=_duplicate(data),
        )
    except ValidationError as exc:
        raise ValidationError({**exc.update_error_dict({}), **step_errors}) from exc
    if step_errors:
        raise ValidationError(step_errors)
    _audit_steps(pathway, _replace_steps(pathway, steps), acting_user)
    return pathway


@transaction.atomic
def pathway_update(*, pathway: Pathway, data: Data, steps: Sequence[Data] | None = None, acting_user: Any) -> Pathway:
    """Change a pathway; ``steps`` (when given) replace its steps. Its location stays."""
    fields = _only(data, PATHWAY_FIELDS)
    fields.pop("location", None)
    step_errors = _step_errors(steps or [])
    try:
        pathway = audited_write(pathway, fields, acting_user=acting_user)
    except ValidationError as exc:
        raise ValidationError({**exc.update_error_dict({}), **step_errors}) from exc
    if step_errors:
        raise ValidationError(step_errors)
    _audit_steps(pathway, _replace_steps(pathway, steps), acting_user)
    return pathway


@transaction.atomic
def pathway_delete(*, pathway: Pathway, acting_user: Any) -> None:
    """Remove a pathway and its steps (referrals that followed it keep their own record)."""
    locked = Pathway.objects.select_for_update().get(pk=pathway.pk)
    changes = {"steps": [[_step_text(s) for s in locked.steps.select_related("service").order_by("order")], []]}
    audit_record(action=AuditEvent.Action.DELETE, acting_user=acting_user, obj=locked, changes=changes)
    locked.delete()


# The poster ---------------------------------------------------------------------------------------

POSTER_LANGUAGES = ("en", "pt-br", "th")
# Font sizes tried in turn until the poster fits on one A4 page.
POSTER_SIZES = (12, 10.5, 9, 8, 7, 6)


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> Any:
    """The poster is self-contained: the PDF renderer fetches nothing (no network, no files)."""
    raise ValueError(f"not fetched: {url[:80]}")


def poster_document(pathway: Pathway, language: str) -> Any:
    """The pathway as a one-page A4 poster in ``language``: a weasyprint document (``.pages``, ``.write_pdf()``).

    The poster shows the location, the need, who decides, the numbered steps
    with each service's public phone (never a direct line or an address), and
    the country's deadlines by risk level. Long pathways are set smaller until
    they fit on one page.
    """
    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    from cpphub.connect.selectors.pathways import steps_of
    from cpphub.connect.selectors.policies import deadline_rows

    if language not in POSTER_LANGUAGES:
        raise ValueError(f"no poster in {language}")
    steps = steps_of(pathway)
    document = None
    with translation.override(language):
        for size in POSTER_SIZES:
            html = render_to_string(
                "connect/pathway_poster.html",
                {
                    "pathway": pathway,
                    "steps": steps,
                    "deadlines": deadline_rows(pathway.location.country_id),
                    "language": language,
                    "font_size": size,
                },
            )
            document = HTML(string=html, url_fetcher=_no_fetching).render()
            if len(document.pages) == 1:
                break
    if document is not None and len(document.pages) > 1:
        document = document.copy(document.pages[:1])
    return document
