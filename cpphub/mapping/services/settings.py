"""The partnership's settings for publishing mapping data: the small-cell threshold."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record
from cpphub.mapping.models import MappingSettings
from cpphub.mapping.suppression import MIN_THRESHOLD

MAX_THRESHOLD = 100


@transaction.atomic
def mapping_settings_update(*, threshold: int, acting_user: Any) -> MappingSettings:
    """Set the small-cell threshold k; refused below 5 (and above 100), changing nothing."""
    if not isinstance(threshold, int) or isinstance(threshold, bool):
        raise ValidationError({"threshold": ValidationError(_("Give a whole number."), code="invalid")})
    if threshold < MIN_THRESHOLD:
        raise ValidationError(
            {
                "threshold": ValidationError(
                    _("The threshold cannot be below {minimum}: counts that small could identify a child.").format(
                        minimum=MIN_THRESHOLD
                    ),
                    code="min_value",
                )
            }
        )
    if threshold > MAX_THRESHOLD:
        raise ValidationError(
            {
                "threshold": ValidationError(
                    _("The threshold cannot be above {maximum}.").format(maximum=MAX_THRESHOLD), code="max_value"
                )
            }
        )
    settings, _created = MappingSettings.objects.select_for_update().get_or_create(pk=1)
    before = settings.threshold
    if before != threshold:
        settings.threshold = threshold
        settings.full_clean()
        settings.save()
        audit_record(
            action=AuditEvent.Action.UPDATE,
            acting_user=acting_user,
            obj=settings,
            changes={"threshold": [before, threshold]},
        )
    return settings
