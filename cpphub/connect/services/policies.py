"""Writing a country's referral policy: response deadlines by risk level and the retention of closed cases.

The service validates (the model's bounds: 1 to 2160 hours, 30 to 36500 days;
and a higher risk never gets a longer deadline than a lower one), saves and
audits in one transaction. Who may write is the caller's check
(``access.can_manage_referrals``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cpphub.audit.services import audited_write
from cpphub.connect.models import ReferralPolicy
from cpphub.partnership.models import Country

POLICY_FIELDS = ("high_hours", "medium_hours", "low_hours", "retention_days", "retention_action")
HOURS_FIELDS = ("high_hours", "medium_hours", "low_hours")


def _errors(policy: ReferralPolicy, data: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in HOURS_FIELDS:
        value = data.get(name, getattr(policy, name))
        if isinstance(value, int) and value < 1:
            errors[name] = _("Give at least one hour.")
    retention = data.get("retention_days", policy.retention_days)
    if isinstance(retention, int) and retention < 30:
        errors["retention_days"] = _("Keep closed cases for at least 30 days.")
    high = data.get("high_hours", policy.high_hours)
    medium = data.get("medium_hours", policy.medium_hours)
    low = data.get("low_hours", policy.low_hours)
    if not errors and all(isinstance(v, int) for v in (high, medium, low)):
        if high > medium:
            errors["high_hours"] = _("A high risk must not have a longer deadline than a medium one.")
        elif medium > low:
            errors["medium_hours"] = _("A medium risk must not have a longer deadline than a low one.")
    return errors


@transaction.atomic
def policy_set(*, country: Country, data: Mapping[str, Any], acting_user: Any) -> ReferralPolicy:
    """Create or change the policy of ``country`` (fields not given keep their value)."""
    policy = ReferralPolicy.objects.filter(country=country).first() or ReferralPolicy(country=country)
    data = {name: value for name, value in data.items() if name in POLICY_FIELDS}
    return audited_write(policy, data, acting_user=acting_user, errors=_errors(policy, data))
