"""Every write of cases, consent, follow-up notes and referrals (class A: identifying data).

Each service validates, saves, writes its audit event and an access-log entry
(action ``change``) in one transaction; a ValidationError names the field and
leaves the database as it was. Who may write is the caller's check
(``selectors/access.py``): these functions trust their caller.

- A case is a child: an age outside 0-17 is refused; the age band follows the
  age when an age is given. Its reference (``TH-CHR-2026-0001``) names the
  country, the location and a counter, never the child.
- A referral needs the case's consent: the latest consent not withdrawn that
  covers the service's provider, and the information shared must be within
  it. Only a safeguarding emergency, ticked with a reason, sends without; that
  leaves an ``override`` entry in the access log. The service must be active
  and take the child's age. The deadline follows the country's policy for the
  case's risk level.
- A referral moves sent -> accepted | declined | revoked, accepted ->
  in progress | revoked, in progress -> done | revoked; each step stamps its
  time and who answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cpphub.audit.models import AccessLogEntry
from cpphub.audit.services import access_record, audited_write
from cpphub.connect.models import Case, CaseNote, Consent, Pathway, Referral, Service
from cpphub.connect.models.referrals import AGE_BAND_AGES, MAX_CHILD_AGE, age_band_of
from cpphub.connect.selectors.policies import policy_for
from cpphub.partnership.models import Organisation, PilotLocation

Data = Mapping[str, Any]

CASE_FIELDS = (
    "location",
    "name",
    "sex",
    "age",
    "age_band",
    "guardian_contact",
    "situation",
    "need",
    "risk_level",
    "identified_on",
)
CONSENT_FIELDS = ("kind", "given_by", "given_by_name", "given_on", "organisations", "information")
INFORMATION = tuple(Consent.Information.values)


def _user(acting_user: Any) -> Any:
    return acting_user if getattr(acting_user, "pk", None) else None


def _only(data: Data, fields: Iterable[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name in fields}


def _logged(acting_user: Any, obj: Any, reason: str, label: str) -> None:
    access_record(user=acting_user, obj=obj, action=AccessLogEntry.Action.CHANGE, reason=reason, label=label)


def deadline_hours(location: PilotLocation, risk_level: str) -> int:
    """The hours the country of ``location`` gives a provider to answer a referral of ``risk_level``."""
    return policy_for(location.country_id).hours_for(risk_level)


# Cases -------------------------------------------------------------------------------------------


def location_code(location: PilotLocation) -> str:
    """A short code of a location: ``chiang-rai`` -> ``CHR``."""
    parts = [part for part in location.slug.split("-") if part] or ["loc"]
    code = parts[0][:2] + "".join(part[0] for part in parts[1:])
    return (code if len(code) > 2 else parts[0][:3]).upper()[:4]


def next_reference(location: PilotLocation, year: int) -> str:
    prefix = f"{location.country.code}-{location_code(location)}-{year}-"
    taken = set(Case.objects.filter(reference__startswith=prefix).values_list("reference", flat=True))
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"


def _age_errors(data: dict[str, Any]) -> dict[str, str]:
    """Fills ``age_band`` from ``age``; an age outside 0-17 or neither age nor band is refused."""
    errors: dict[str, str] = {}
    age = data.get("age")
    if age is not None and age != "":
        try:
            age = int(age)
        except (TypeError, ValueError):
            return {"age": _("Give the age as a whole number of years, 0 to 17.")}
        if age < 0 or age > MAX_CHILD_AGE:
            return {"age": _("An age of {age} is outside 0-17: CPP Hub registers children only.").format(age=age)}
        data["age"] = age
        data["age_band"] = age_band_of(age)
    elif "age" in data or "age_band" in data:
        data["age"] = None
        if not data.get("age_band"):
            errors["age_band"] = _("Give the age or, when it is not known, the age band.")
    return errors


@transaction.atomic
def case_create(*, organisation: Organisation, data: Data, acting_user: Any) -> Case:
    """Register a child for ``organisation`` (the caseworker's): minimal identifying data, a generated reference."""
    data = _only(data, CASE_FIELDS)
    errors = _age_errors(data)
    location = data.get("location")
    case = Case(organisation=organisation, registered_by=_user(acting_user))
    if isinstance(location, PilotLocation):
        case.reference = next_reference(location, timezone.localdate().year)
    else:
        errors.setdefault("location", _("Choose the pilot location."))
    case = audited_write(case, data, acting_user=acting_user, errors=errors)
    _logged(acting_user, case, "case registered", case.reference)
    return case


@transaction.atomic
def case_update(*, case: Case, data: Data, acting_user: Any) -> Case:
    data = _only(data, CASE_FIELDS)
    data.pop("location", None)  # the reference names the location: it stays
    errors = _age_errors(data)
    if case.status == Case.Status.CLOSED:
        errors["__all__"] = _("This case is closed; it cannot be changed.")
    case = audited_write(case, data, acting_user=acting_user, errors=errors)
    _logged(acting_user, case, "case changed", case.reference)
    return case


@transaction.atomic
def case_close(*, case: Case, data: Data, acting_user: Any) -> Case:
    """Close with an outcome and a note; refused while a referral of the case is still open."""
    errors: dict[str, str] = {}
    if case.status == Case.Status.CLOSED:
        errors["__all__"] = _("This case is already closed.")
    open_count = case.referrals.filter(status__in=Referral.OPEN_STATUSES).count()
    if open_count:
        errors["__all__"] = _(
            "This case still has {count} open referral(s). Wait for them to be done, or revoke them, before closing."
        ).format(count=open_count)
    if not data.get("outcome"):
        errors["outcome"] = _("Choose the outcome of the case.")
    values = {
        "outcome": data.get("outcome") or "",
        "closure_note": data.get("closure_note") or "",
        "status": Case.Status.CLOSED,
        "closed_at": timezone.now(),
    }
    case = audited_write(case, values, acting_user=acting_user, errors=errors)
    _logged(acting_user, case, "case closed", case.reference)
    return case


# Consent -----------------------------------------------------------------------------------------


def _information_errors(values: Any, field: str) -> tuple[list[str], dict[str, str]]:
    if values is None:
        values = []
    if not isinstance(values, list | tuple):
        return [], {field: _("Give a list of codes: identity, contact, situation.")}
    unknown = [str(code) for code in values if code not in INFORMATION]
    if unknown:
        return [], {field: _("Unknown information: {codes}.").format(codes=", ".join(unknown))}
    return [code for code in INFORMATION if code in values], {}


@transaction.atomic
def consent_create(*, case: Case, data: Data, acting_user: Any) -> Consent:
    """Consent or assent: who gave it, which providers may receive which information."""
    data = _only(data, CONSENT_FIELDS)
    information, errors = _information_errors(data.get("information"), "information")
    data["information"] = information
    if not errors and not information:
        errors["information"] = _("Tick at least one kind of information that may be shared.")
    if not list(data.get("organisations") or []):
        errors["organisations"] = _("Choose at least one provider that may receive the information.")
    if case.status == Case.Status.CLOSED:
        errors["__all__"] = _("This case is closed.")
    consent = Consent(case=case, recorded_by=_user(acting_user))
    consent = audited_write(consent, data, acting_user=acting_user, errors=errors)
    _logged(acting_user, case, "consent recorded", case.reference)
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, acting_user: Any) -> Consent:
    """Withdrawn consent covers no new referral; referrals already sent stay (revoke them if needed)."""
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    consent = audited_write(consent, {"withdrawn_at": timezone.now()}, acting_user=acting_user)
    _logged(acting_user, consent.case, "consent withdrawn", consent.case.reference)
    return consent


# Follow-up notes ---------------------------------------------------------------------------------


@transaction.atomic
def note_create(
    *, case: Case, text: str, organisation: Organisation, acting_user: Any, referral: Referral | None = None
) -> CaseNote:
    errors: dict[str, str] = {}
    if referral is not None and referral.case_id != case.pk:
        errors["referral"] = _("This referral is not one of this case's.")
    note = CaseNote(case=case, author=_user(acting_user), author_organisation=organisation)
    note = audited_write(note, {"text": text or "", "referral": referral}, acting_user=acting_user, errors=errors)
    _logged(acting_user, referral or case, "follow-up note written", case.reference)
    return note


# Sending a referral ------------------------------------------------------------------------------


def covering_consent(case: Case, service: Service) -> tuple[Consent | None, Consent | None]:
    """(The latest consent not withdrawn that covers the service's provider, the latest consent not withdrawn)."""
    consents = list(case.consents.filter(withdrawn_at__isnull=True).prefetch_related("organisations"))
    covering = next(
        (c for c in consents if any(o.pk == service.organisation_id for o in c.organisations.all())),
        None,
    )
    return covering, (consents[0] if consents else None)


def _age_fits(case: Case, service: Service) -> bool:
    if case.age is not None:
        return service.accepts_age(case.age)
    low, high = AGE_BAND_AGES.get(case.age_band, (0, MAX_CHILD_AGE))
    return (service.minimum_age is None or high >= service.minimum_age) and (
        service.maximum_age is None or low <= service.maximum_age
    )


@dataclass
class Sending:
    consent: Consent | None
    shared: list[str]
    errors: dict[str, str]


def _sending(case: Case, service: Any, data: Data, override: bool) -> Sending:
    errors: dict[str, str] = {}
    shared, info_errors = _information_errors(data.get("shared_information"), "shared_information")
    errors.update(info_errors)
    if case.status != Case.Status.OPEN:
        errors["__all__"] = _("This case is closed; open cases only are referred.")
    if not isinstance(service, Service):
        errors["service"] = _("Choose a service.")
        return Sending(None, shared, errors)
    if not service.is_active:
        errors["service"] = _("{service} is {status}; choose another service.").format(
            service=service.name, status=service.get_status_display().lower()
        )
    elif not _age_fits(case, service):
        errors["service"] = _("{service} takes children aged {low} to {high}; this child's age is outside it.").format(
            service=service.name,
            low=service.minimum_age if service.minimum_age is not None else 0,
            high=service.maximum_age if service.maximum_age is not None else MAX_CHILD_AGE,
        )
    pathway = data.get("pathway")
    if pathway is not None and (not isinstance(pathway, Pathway) or pathway.location_id != case.location_id):
        errors["pathway"] = _("Choose a pathway of the case's location.")
    covering, latest = covering_consent(case, service)
    if override:
        if not str(data.get("override_reason") or "").strip():
            errors["override_reason"] = _("Say why this is a safeguarding emergency (without naming the child).")
        return Sending(covering, shared, errors)
    if latest is None:
        errors["consent"] = _(
            "No consent or assent is recorded for this case: record it before referring "
            "(or, in a safeguarding emergency only, send without consent, giving the reason)."
        )
    elif covering is None:
        errors["consent"] = _("The consent recorded on {date} does not cover {provider}.").format(
            date=f"{latest.given_on:%Y-%m-%d}", provider=service.organisation.name
        )
    else:
        beyond = [code for code in shared if code not in covering.information]
        if beyond:
            labels = dict(Consent.Information.choices)
            errors["shared_information"] = _(
                "The consent recorded on {date} does not allow sharing: {information}."
            ).format(date=f"{covering.given_on:%Y-%m-%d}", information=", ".join(str(labels[c]) for c in beyond))
    if not shared and "shared_information" not in errors:
        errors["shared_information"] = _("Tick the information to share with the service.")
    return Sending(covering, shared, errors)


@transaction.atomic
def referral_send(*, case: Case, data: Data, acting_user: Any) -> Referral:
    """Refer ``case`` to ``data["service"]`` with the consent that covers it, or with a logged override."""
    service = data.get("service")
    override = bool(data.get("override")) or bool(str(data.get("override_reason") or "").strip())
    sending = _sending(case, service, data, override)
    if sending.errors:
        raise ValidationError(sending.errors)
    assert isinstance(service, Service)
    now = timezone.now()
    referral = Referral(
        case=case,
        service=service,
        provider=service.organisation,
        receiving_organisation=service.organisation.partner,
        sent_at=now,
        deadline_at=now + dt.timedelta(hours=deadline_hours(case.location, case.risk_level)),
        referred_by=_user(acting_user),
    )
    values = {
        "pathway": data.get("pathway"),
        "consent": sending.consent,
        "shared_information": sending.shared,
        "message": data.get("message") or "",
        "override_reason": str(data.get("override_reason") or "").strip() if override else "",
    }
    referral = audited_write(referral, values, acting_user=acting_user)
    _logged(acting_user, referral, "referral sent", case.reference)
    if override:
        access_record(
            user=acting_user,
            obj=referral,
            action=AccessLogEntry.Action.OVERRIDE,
            reason=referral.override_reason,
            label=case.reference,
        )
    return referral


# Answering a referral ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    stamp: str
    text_field: str  # where the reason or note goes ("" : an optional follow-up note)
    text_required: bool


S = Referral.Status
STEPS: dict[str, Step] = {
    "accept": Step((S.SENT,), S.ACCEPTED, "accepted_at", "", False),
    "decline": Step((S.SENT,), S.DECLINED, "declined_at", "decline_reason", True),
    "start": Step((S.ACCEPTED,), S.IN_PROGRESS, "started_at", "", False),
    "complete": Step((S.IN_PROGRESS,), S.DONE, "completed_at", "outcome_note", False),
    "revoke": Step((S.SENT, S.ACCEPTED, S.IN_PROGRESS), S.REVOKED, "revoked_at", "revoke_reason", True),
}
ACTIONS = tuple(STEPS)


@transaction.atomic
def referral_respond(
    *,
    referral: Referral,
    action: str,
    text: str = "",
    acting_user: Any,
    organisation: Organisation | None = None,
) -> Referral:
    """One step of the flow; ``text`` is the reason (decline, revoke), what was done (complete) or a note.

    ``organisation`` is the acting caseworker's, for a follow-up note on accept or start.
    """
    step = STEPS.get(action)
    if step is None:
        raise ValidationError({"action": _("Unknown action: {action}.").format(action=action)})
    text = (text or "").strip()
    errors: dict[str, str] = {}
    if referral.status not in step.sources:
        errors["__all__"] = _("A referral that is {status} cannot be {done}.").format(
            status=referral.get_status_display().lower(), done=S(step.target).label.lower()
        )
    elif step.text_required and not text:
        errors["reason"] = _("Give the reason.")
    if errors:
        raise ValidationError(errors)
    values: dict[str, Any] = {
        "status": step.target,
        step.stamp: timezone.now(),
        "responded_by": _user(acting_user),
    }
    if step.text_field:
        values[step.text_field] = text
    referral = audited_write(referral, values, acting_user=acting_user)
    _logged(acting_user, referral, f"referral {action}", referral.case.reference)
    if text and not step.text_field and organisation is not None:
        note_create(
            case=referral.case, text=text, organisation=organisation, acting_user=acting_user, referral=referral
        )
    return referral
