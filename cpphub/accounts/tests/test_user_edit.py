"""A coordinator corrects a person's name, email address or language, or deactivates them."""

from __future__ import annotations

from django.urls import reverse

from cpphub.audit.models import AuditEvent


def test_editing_saves_the_changes_and_audits_the_difference(client_for, world):
    facilitator = world.user("facilitator")

    response = client_for("coordinator").post(
        reverse("accounts:user_edit", args=[facilitator.pk]),
        {"email": "nok@example.org", "full_name": "Nok", "preferred_language": "th"},
    )

    facilitator.refresh_from_db()
    assert response.status_code == 302
    assert (facilitator.email, facilitator.full_name, facilitator.preferred_language) == (
        "nok@example.org",
        "Nok",
        "th",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(facilitator.pk))
    assert event.changes == {
        "email": ["facilitator@example.org", "nok@example.org"],
        "full_name": ["Facilitator", "Nok"],
        "preferred_language": ["", "th"],
    }


def test_the_edit_form_starts_with_the_current_values(client_for, world):
    body = client_for("coordinator").get(reverse("accounts:user_edit", args=[world.user("facilitator").pk])).content

    assert b'value="facilitator@example.org"' in body


def test_deactivating_signs_the_person_out_and_is_audited(client_for, world):
    facilitator_client = client_for("facilitator")
    facilitator = world.user("facilitator")

    response = client_for("coordinator").post(
        reverse("accounts:user_set_active", args=[facilitator.pk]), {"active": "false"}
    )

    facilitator.refresh_from_db()
    assert response.status_code == 302
    assert not facilitator.is_active
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DEACTIVATE, object_id=str(facilitator.pk)).exists()
    signed_out = facilitator_client.get(reverse("accounts:profile"))
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("two_factor:login"))


def test_reactivating_brings_the_person_back(client_for, world):
    facilitator = world.user("facilitator")
    facilitator.is_active = False
    facilitator.save(update_fields=["is_active"])

    client_for("coordinator").post(reverse("accounts:user_set_active", args=[facilitator.pk]), {"active": "true"})

    facilitator.refresh_from_db()
    assert facilitator.is_active
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REACTIVATE).exists()


def test_a_coordinator_cannot_deactivate_themselves(client_for, world):
    coordinator = world.user("coordinator")

    response = client_for("coordinator").post(
        reverse("accounts:user_set_active", args=[coordinator.pk]), {"active": "false"}, follow=True
    )

    coordinator.refresh_from_db()
    assert coordinator.is_active
    assert "You cannot deactivate your own account." in response.content.decode()
