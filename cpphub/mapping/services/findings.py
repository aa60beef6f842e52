"""Every write of the findings facilitators code from focus groups, interviews and visits.

A quote is stored only once no identifier is left in it: while
:func:`cpphub.mapping.identifiers.text_identifiers` finds a name, a phone
number, an email or a handle, the finding is refused with a message naming
what was found. The session and the participants quoted must be of the
finding's location.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.mapping.identifiers import text_identifiers
from cpphub.mapping.models import Finding, Perspective
from cpphub.mapping.services.people import record_write

Data = Mapping[str, Any]


def quote_error(quote: str) -> str | None:
    """Why a quote may not be stored yet (None when no identifier is left in it)."""
    found = text_identifiers(quote or "")
    if not found:
        return None
    names = {
        "name": _("a name"),
        "phone": _("a phone number"),
        "email": _("an email address"),
        "handle": _("a social media handle or link"),
    }
    what = _(" and ").join(str(names.get(kind, kind)) for kind in found)
    return _("The quote still holds {what}: remove it before saving.").format(what=what)


def _errors(data: Data, finding: Finding) -> dict[str, str]:
    errors: dict[str, str] = {}
    problem = quote_error(str(data.get("quote", finding.quote) or ""))
    if problem:
        errors["quote"] = problem
    location = data.get("location") or (finding.location if finding.location_id else None)
    location_id = getattr(location, "pk", None)
    session = data.get("session", finding.session if finding.session_id else None)
    if session is not None and location_id is not None and session.location_id != location_id:
        errors["session"] = _("Choose a session held in {location}.").format(location=location)
    participants = data.get("participants")
    if participants and location_id is not None and any(p.location_id != location_id for p in participants):
        errors["participants"] = _("Choose only participants of {location}.").format(location=location)
    perspective = data.get("perspective", finding.perspective)
    if perspective == Perspective.KEY_INFORMANT and (data.get("age_band") or data.get("sex")):
        errors["age_band"] = _("Key informants are adults: give their role, not an age band or sex.")
    if perspective == Perspective.CHILD and data.get("informant_role"):
        errors["informant_role"] = _("Children's views have an age band and sex, not an informant role.")
    return errors


def _clean(data: Data) -> dict[str, Any]:
    cleaned = dict(data)
    for field in ("ict_tags", "channels"):
        if field in cleaned:
            cleaned[field] = list(cleaned[field] or [])
    for field in ("risk_dimension", "risk_row", "strength", "age_band", "sex", "informant_role", "quote"):
        if field in cleaned and cleaned[field] is None:
            cleaned[field] = ""
    return cleaned


@transaction.atomic
def finding_create(*, data: Data, acting_user: Any) -> Finding:
    """A coded finding: location, kind, summary, taxonomy codes, source, whose view, quote, severity, participants."""
    data = _clean(data)
    finding = Finding(created_by=acting_user if getattr(acting_user, "pk", None) else None)
    return record_write(finding, data, acting_user=acting_user, extra_errors=_errors(data, finding))


@transaction.atomic
def finding_update(*, finding: Finding, data: Data, acting_user: Any) -> Finding:
    """Change a finding; its location stays."""
    data = _clean({key: value for key, value in data.items() if key != "location"})
    return record_write(finding, data, acting_user=acting_user, extra_errors=_errors(data, finding))


@transaction.atomic
def finding_carry_forward(*, finding: Finding, carried_forward: bool, acting_user: Any) -> Finding:
    """Bring a finding to planning (or take it back)."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if finding.carried_forward != carried_forward:
        before = finding.carried_forward
        finding.carried_forward = carried_forward
        finding.save(update_fields=["carried_forward"])
        audit_record(
            action=AuditEvent.Action.UPDATE,
            acting_user=acting_user,
            obj=finding,
            changes={"carried_forward": [before, carried_forward]},
        )
    return finding
