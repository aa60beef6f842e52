"""Every write about who took part in the mapping: sessions, participant groups, participants, consent.

Each service validates (``full_clean`` plus the rules below), saves and writes
its audit event in one transaction; a ValidationError names the field and
leaves the database as it was.

- A session's facilitators must hold a facilitator membership covering its location.
- A participant code is the pseudonymous code on the participant's card:
  letters, digits and dashes with at least one digit, never a name, phone
  number or email.
- A country's consent rules must not overlap and must cover every age from 6 to 17.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record, diff, snapshot
from cpphub.mapping.identifiers import value_kind
from cpphub.mapping.models import Consent, ConsentRule, MappingSession, Participant, ParticipantGroup
from cpphub.partnership.models import Country, PilotLocation

M = TypeVar("M", bound=models.Model)
Data = Mapping[str, Any]

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
RULE_AGES = (6, 17)  # the ages a country's rules must cover


def record_write(instance: M, data: Data, *, acting_user: Any, extra_errors: Mapping[str, Any] | None = None) -> M:
    """Create ``instance`` (no pk yet) or change it with ``data``, validated and audited.

    Many-to-many fields take iterables of instances. ``extra_errors`` (field to
    message) are raised together with the model's own validation errors.
    """
    model = type(instance)
    created = instance.pk is None
    if not created:
        instance = model._default_manager.select_for_update().get(pk=instance.pk)
    before = {} if created else snapshot(instance)
    many: dict[str, list[Any]] = {}
    for name, value in data.items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            many[name] = list(value or [])
        else:
            setattr(instance, name, value)
    errors: dict[str, Any] = {name: [ValidationError(message)] for name, message in (extra_errors or {}).items()}
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    instance.save()
    for name, values in many.items():
        getattr(instance, name).set(values)
    changes = diff(before, snapshot(instance))
    if created or changes:
        action = AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE
        audit_record(action=action, acting_user=acting_user, obj=instance, changes=changes)
    return instance


# Sessions -------------------------------------------------------------------------------


def _session_errors(data: Data, location: PilotLocation | None) -> dict[str, str]:
    from cpphub.mapping.selectors.records import location_facilitators

    errors: dict[str, str] = {}
    facilitators = list(data.get("facilitators") or [])
    if facilitators and location is not None:
        allowed = set(location_facilitators(location).values_list("pk", flat=True))
        strangers = [str(user) for user in facilitators if user.pk not in allowed]
        if strangers:
            errors["facilitators"] = _("Not a facilitator of {location}: {people}.").format(
                location=location, people=", ".join(strangers)
            )
    instrument = data.get("instrument")
    if instrument is not None and instrument.location_id not in (None, getattr(location, "pk", None)):
        errors["instrument"] = _("Choose an instrument of this location or a partnership template.")
    return errors


@transaction.atomic
def session_create(*, data: Data, acting_user: Any) -> MappingSession:
    """A mapping session; ``data`` holds location, kind, title, date, round, instrument, facilitators, notes."""
    session = MappingSession(created_by=acting_user if getattr(acting_user, "pk", None) else None)
    return record_write(
        session, data, acting_user=acting_user, extra_errors=_session_errors(data, data.get("location"))
    )


@transaction.atomic
def session_update(*, session: MappingSession, data: Data, acting_user: Any) -> MappingSession:
    """Change a session; its location stays (a session is moved by recording it again)."""
    data = {key: value for key, value in data.items() if key != "location"}
    return record_write(session, data, acting_user=acting_user, extra_errors=_session_errors(data, session.location))


@transaction.atomic
def group_create(*, session: MappingSession, data: Data, acting_user: Any) -> ParticipantGroup:
    """A participant group of ``session``: perspective, age band, sex, informant role, size."""
    return record_write(ParticipantGroup(session=session), data, acting_user=acting_user)


@transaction.atomic
def group_update(*, group: ParticipantGroup, data: Data, acting_user: Any) -> ParticipantGroup:
    data = {key: value for key, value in data.items() if key != "session"}
    return record_write(group, data, acting_user=acting_user)


@transaction.atomic
def group_delete(*, group: ParticipantGroup, acting_user: Any) -> None:
    audit_record(action=AuditEvent.Action.DELETE, acting_user=acting_user, obj=group, changes=diff(snapshot(group), {}))
    group.delete()


# Participants -----------------------------------------------------------------------------


def code_error(code: str) -> str | None:
    """Why ``code`` does not look like a participant's card code (None when it does)."""
    code = (code or "").strip()
    advice = _("Use the code on the participant's card (letters, digits and dashes, e.g. CR-014), never a name.")
    kind = value_kind(code)
    if kind:
        return _("This looks like a {kind}, not a code.").format(kind=_kind_name(kind)) + " " + advice
    if not CODE_PATTERN.match(code) or not any(char.isdigit() for char in code):
        return advice
    return None


def _kind_name(kind: str) -> str:
    return {
        "name": _("name"),
        "phone": _("phone number"),
        "email": _("email address"),
        "address": _("address"),
        "handle": _("social media handle or link"),
    }.get(kind, kind)


def _participant_errors(data: Data, participant: Participant) -> dict[str, str]:
    errors: dict[str, str] = {}
    if "code" in data:
        problem = code_error(str(data.get("code") or ""))
        if problem:
            errors["code"] = problem
    location = data.get("location", getattr(participant, "location", None) if participant.location_id else None)
    group = data.get("group")
    if group is not None and location is not None and group.session.location_id != location.pk:
        errors["group"] = _("Choose a group of a session in this location.")
    return errors


@transaction.atomic
def participant_create(*, data: Data, acting_user: Any) -> Participant:
    """A pseudonymous participant: location, code, perspective, age band, sex, informant role, group."""
    data = {**data, "code": str(data.get("code") or "").strip()}
    participant = Participant()
    errors = _participant_errors(data, participant)
    location = data.get("location")
    duplicate = Participant.objects.filter(location=location, code__iexact=data["code"])
    if "code" not in errors and location is not None and duplicate.exists():
        errors["code"] = _("There is already a participant with this code in {location}.").format(location=location)
    return record_write(participant, data, acting_user=acting_user, extra_errors=errors)


@transaction.atomic
def participant_update(*, participant: Participant, data: Data, acting_user: Any) -> Participant:
    """Change a participant's age band, sex, role or group (not the code nor the location)."""
    data = {key: value for key, value in data.items() if key not in ("code", "location")}
    return record_write(participant, data, acting_user=acting_user, extra_errors=_participant_errors(data, participant))


# Consent ------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(*, participant: Participant, data: Data, acting_user: Any) -> Consent:
    """Consent or assent given for ``participant``: type, given by, scope, language, date."""
    errors: dict[str, str] = {}
    if participant.withdrawn_at is not None:
        errors["__all__"] = _("This participant has withdrawn: record a new participant instead.")
    given_by = data.get("given_by")
    is_informant = participant.perspective == "key_informant"
    if given_by == Consent.GivenBy.INFORMANT and not is_informant:
        errors["given_by"] = _("A child's consent is given by the child, the caregiver or both.")
    elif is_informant and given_by not in (None, "", Consent.GivenBy.INFORMANT):
        errors["given_by"] = _("A key informant gives consent themselves.")
    if is_informant and data.get("type") == Consent.Type.ASSENT:
        errors["type"] = _("Assent is for children; a key informant gives consent.")
    date = data.get("date")
    if date is not None and date > timezone.localdate():
        errors["date"] = _("The date is in the future.")
    consent = Consent(participant=participant, recorded_by=acting_user if getattr(acting_user, "pk", None) else None)
    data = {**data, "scope": list(data.get("scope") or [])}
    return record_write(consent, data, acting_user=acting_user, extra_errors=errors)


def rules_errors(rules: Sequence[tuple[int, int, str]]) -> list[str]:
    """What is wrong with a set of ``(min_age, max_age, requirement)`` rules; empty when they are fine."""
    problems: list[str] = []
    ordered = sorted(rules)
    for first, last, requirement in ordered:
        if requirement not in ConsentRule.Requirement.values:
            problems.append(_("Unknown requirement: {requirement}.").format(requirement=requirement))
        if last < first:
            problems.append(_("The rule {first}-{last} ends before it starts.").format(first=first, last=last))
        if first < 0 or last > 17:
            problems.append(_("Ages go from 0 to 17 (rule {first}-{last}).").format(first=first, last=last))
    for (first_a, last_a, _req_a), (first_b, last_b, _req_b) in itertools.pairwise(ordered):
        if first_b <= last_a:
            problems.append(
                _("The rules {a} and {b} overlap: each age must have one rule.").format(
                    a=f"{first_a}-{last_a}", b=f"{first_b}-{last_b}"
                )
            )
    covered = {age for first, last, _req in ordered for age in range(first, last + 1)}
    missing = [age for age in range(RULE_AGES[0], RULE_AGES[1] + 1) if age not in covered]
    if missing:
        problems.append(
            _("No rule covers the ages {ages}: the rules must cover every age from 6 to 17.").format(
                ages=", ".join(str(age) for age in missing)
            )
        )
    return problems


@transaction.atomic
def consent_rules_set(
    *, country: Country, rules: Iterable[tuple[int, int, str]], acting_user: Any
) -> list[ConsentRule]:
    """Replace ``country``'s consent rules; refused (nothing changed) when they overlap or leave an age out."""
    wanted = sorted((int(first), int(last), str(requirement)) for first, last, requirement in rules)
    problems = rules_errors(wanted)
    if problems:
        raise ValidationError({"__all__": [ValidationError(problem, code="invalid") for problem in problems]})
    before = [f"{r.min_age}-{r.max_age} {r.requirement}" for r in country.consent_rules.order_by("min_age")]
    country.consent_rules.all().delete()
    created = ConsentRule.objects.bulk_create(
        ConsentRule(country=country, min_age=first, max_age=last, requirement=requirement)
        for first, last, requirement in wanted
    )
    after = [f"{first}-{last} {requirement}" for first, last, requirement in wanted]
    if before != after:
        audit_record(
            action=AuditEvent.Action.UPDATE,
            acting_user=acting_user,
            obj=country,
            changes={"consent_rules": [before, after]},
        )
    return created
