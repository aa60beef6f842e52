"""Retiring an instrument: a deactivated instrument stays with its submissions but is no longer offered."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.mapping.models import Instrument


@transaction.atomic
def instrument_set_active(*, instrument: Instrument, active: bool, acting_user: Any) -> Instrument:
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    if instrument.is_active != active:
        instrument.is_active = active
        instrument.save(update_fields=["is_active"])
        audit_record(
            action=AuditEvent.Action.REACTIVATE if active else AuditEvent.Action.DEACTIVATE,
            acting_user=acting_user,
            obj=instrument,
            changes={"is_active": [not active, active]},
        )
    return instrument
