"""The per-country referral policies: defaults, coordinators' changes, and refusals that change nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.connect.models import ReferralPolicy
from cpphub.connect.selectors.policies import deadline_hours, policy_for

pytestmark = pytest.mark.django_db

VALID = {"high_hours": "12", "medium_hours": "48", "low_hours": "120", "retention_days": "365"}


def test_deadline_hours_fall_back_to_24_72_168_without_a_policy(world):
    thailand = world.countries["thailand"]
    assert deadline_hours(thailand) == {"high": 24, "medium": 72, "low": 168}
    assert deadline_hours(None) == {"high": 24, "medium": 72, "low": 168}
    assert policy_for(thailand).pk is None and policy_for(thailand).retention_days == 730
    ReferralPolicy.objects.create(country=thailand, high_hours=6, medium_hours=48, low_hours=96)
    assert deadline_hours(thailand) == {"high": 6, "medium": 48, "low": 96}
    assert deadline_hours(thailand.pk) == {"high": 6, "medium": 48, "low": 96}
    assert deadline_hours(world.countries["brazil"])["high"] == 24


def test_a_coordinator_sees_every_country_and_sets_a_policy(world, client_for):
    coordinator = client_for("coordinator")
    page = coordinator.get(reverse("connect:policy_list"))
    assert page.status_code == 200
    assert [p.country.code for p in page.context["policies"]] == ["BR", "TH"]
    assert all(p.pk is None for p in page.context["policies"])
    thailand = world.countries["thailand"]
    response = coordinator.post(
        reverse("connect:policy_edit", args=[thailand.pk]), {**VALID, "retention_action": "delete"}
    )
    assert response.status_code == 302
    saved = ReferralPolicy.objects.get(country=thailand)
    assert (saved.high_hours, saved.medium_hours, saved.low_hours, saved.retention_days) == (12, 48, 120, 365)
    assert saved.retention_action == "delete"
    assert AuditEvent.objects.filter(object_type="connect.referralpolicy", action="create").exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"high_hours": "0"}, "high_hours"),
        ({"retention_days": "29"}, "retention_days"),
        ({"high_hours": "100"}, "high_hours"),  # longer than the medium deadline
    ],
)
def test_a_policy_with_0_hours_or_a_short_retention_is_refused(world, client_for, change, field):
    thailand = world.countries["thailand"]
    page = client_for("coordinator").post(
        reverse("connect:policy_edit", args=[thailand.pk]), {**VALID, "retention_action": "anonymise", **change}
    )
    assert page.status_code == 200
    assert field in page.context["form"].errors
    assert not ReferralPolicy.objects.exists()
    assert not AuditEvent.objects.filter(object_type="connect.referralpolicy").exists()


@pytest.mark.parametrize("persona", ["facilitator", "national_focal_point", "caseworker", "dpo"])
def test_only_coordinators_manage_policies(world, client_for, persona):
    client = client_for(persona)
    thailand = world.countries["thailand"]
    assert client.get(reverse("connect:policy_list")).status_code == 403
    denied = client.post(reverse("connect:policy_edit", args=[thailand.pk]), {**VALID, "retention_action": "delete"})
    assert denied.status_code == 403
    assert not ReferralPolicy.objects.exists()
