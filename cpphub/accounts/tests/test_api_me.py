"""GET /api/v1/me/: the caller, their memberships and roles."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse


def test_it_answers_who_the_caller_is(client_for):
    response = client_for("national_focal_point").get(reverse("api:me"))

    data = response.json()
    assert response.status_code == 200
    assert data["email"] == "national_focal_point@example.org"
    assert data["roles"] == ["national_focal_point"]
    assert data["requires_two_factor"] is False
    assert data["can_manage_partnership"] is False
    [membership] = data["memberships"]
    assert membership["scope"] == "country"
    assert membership["scope_label"] == "Thailand"
    assert membership["organisation_name"] == "Plan Thailand"


def test_a_coordinator_is_told_they_manage_the_partnership(client_for):
    data = client_for("coordinator").get(reverse("api:me")).json()

    assert data["can_manage_partnership"] is True
    assert data["requires_two_factor"] is True


def test_someone_without_membership_has_no_roles(client_for):
    data = client_for("outsider").get(reverse("api:me")).json()

    assert data["roles"] == []
    assert data["memberships"] == []


def test_anonymous_callers_are_refused(db):
    response = Client().get(reverse("api:me"))

    assert response.status_code == 401
