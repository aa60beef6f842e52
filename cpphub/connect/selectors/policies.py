"""The per-country referral policies: response deadlines by risk level and how long closed cases are kept.

A country without a saved policy follows the defaults of the model (24 hours
for a high risk, 72 for a medium one, 7 days for a low one; closed cases kept
two years, then anonymised). ``policy_for`` gives the saved policy or an
unsaved default one, so every caller reads the same numbers.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cpphub.connect.models import ReferralPolicy, RiskLevel
from cpphub.connect.selectors import access
from cpphub.partnership.models import Country

DEFAULT_HOURS: dict[str, int] = {RiskLevel.HIGH: 24, RiskLevel.MEDIUM: 72, RiskLevel.LOW: 168}


def policy_for(country: Country | int | None) -> ReferralPolicy:
    """The saved policy of ``country``, or an unsaved one with the defaults."""
    if country is None:
        return ReferralPolicy()
    country_id = country if isinstance(country, int) else country.pk
    saved = ReferralPolicy.objects.filter(country_id=country_id).select_related("country").first()
    if saved is not None:
        return saved
    if isinstance(country, Country):
        return ReferralPolicy(country=country)
    return ReferralPolicy(country_id=country_id)


def deadline_hours(country: Country | int | None) -> dict[str, int]:
    """Hours to respond by risk level (``high``, ``medium``, ``low``) in ``country``."""
    policy = policy_for(country)
    return {level: policy.hours_for(level) for level in DEFAULT_HOURS}


def deadline_rows(country: Country | int | None) -> list[tuple[str, str, int]]:
    """``(risk code, risk label, hours)`` from the highest risk down, for pages and posters."""
    hours = deadline_hours(country)
    return [(level, str(RiskLevel(level).label), hours[level]) for level in DEFAULT_HOURS]


def require_manager(viewer: Any) -> None:
    if not access.can_manage_referrals(viewer):
        raise PermissionDenied


def policy_rows(viewer: Any) -> list[ReferralPolicy]:
    """One policy per country, saved or default (unsaved: ``pk`` is None), by country name."""
    require_manager(viewer)
    saved = {p.country_id: p for p in ReferralPolicy.objects.select_related("country")}
    return [saved.get(country.pk) or ReferralPolicy(country=country) for country in Country.objects.order_by("name")]


def access_policy(viewer: Any, country_pk: Any) -> ReferralPolicy:
    """The policy of a country for a coordinator to change (404 for an unknown country)."""
    require_manager(viewer)
    country = get_object_or_404(Country, pk=country_pk)
    return policy_for(country)
