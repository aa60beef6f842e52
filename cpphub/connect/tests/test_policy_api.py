"""``/api/v1/referral-policies/``: coordinators read and write; 400 naming the field for bad input."""

from __future__ import annotations

import pytest

from cpphub.connect.models import ReferralPolicy

pytestmark = pytest.mark.django_db


def test_coordinators_list_every_country_with_defaults_and_change_one(world, client_for):
    coordinator = client_for("coordinator")
    listed = coordinator.get("/api/v1/referral-policies/").json()
    assert [(p["country"], p["is_default"], p["high_hours"]) for p in listed["results"]] == [
        ("BR", True, 24),
        ("TH", True, 24),
    ]
    assert coordinator.get("/api/v1/referral-policies/?country=th").json()["count"] == 1
    changed = coordinator.patch("/api/v1/referral-policies/TH/", {"high_hours": 12}, content_type="application/json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["high_hours"] == 12 and changed.json()["is_default"] is False
    assert ReferralPolicy.objects.get(country=world.countries["thailand"]).high_hours == 12


def test_zero_hours_is_a_400_naming_the_field(world, client_for):
    response = client_for("coordinator").patch(
        "/api/v1/referral-policies/TH/", {"medium_hours": 0, "retention_days": 10}, content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"medium_hours", "retention_days"}
    assert not ReferralPolicy.objects.exists()


@pytest.mark.parametrize("persona", [None, "facilitator", "caseworker", "dpo"])
def test_others_are_refused(world, client_for, persona):
    client = client_for(persona)
    assert client.get("/api/v1/referral-policies/").status_code in (401, 403)
    patched = client.patch("/api/v1/referral-policies/TH/", {"high_hours": 1}, content_type="application/json")
    assert patched.status_code in (401, 403)
    assert not ReferralPolicy.objects.exists()
