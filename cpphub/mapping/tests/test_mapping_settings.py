"""The small-cell threshold: coordinators set it, never below 5, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.mapping.models import MappingSettings
from cpphub.mapping.services.settings import mapping_settings_update


def test_it_sets_the_threshold_and_audits_it(world):
    mapping_settings_update(threshold=7, acting_user=world.users["coordinator"])
    assert MappingSettings.objects.get(pk=1).threshold == 7
    event = AuditEvent.objects.get(object_type="mapping.mappingsettings")
    assert event.changes["threshold"] == [10, 7]


@pytest.mark.parametrize(
    ("threshold", "says"), [(4, "cannot be below 5"), (0, "cannot be below 5"), (101, "above 100")]
)
def test_it_refuses_a_threshold_out_of_range_and_changes_nothing(world, threshold, says):
    with pytest.raises(ValidationError) as caught:
        mapping_settings_update(threshold=threshold, acting_user=None)
    assert says in caught.value.message_dict["threshold"][0]
    assert not MappingSettings.objects.filter(threshold=threshold).exists()
    assert not AuditEvent.objects.exists()


def test_a_coordinator_sets_it_on_the_page_and_is_told_why_4_is_refused(client_for, world):
    client = client_for("coordinator")
    refused = client.post(reverse("mapping:settings"), {"threshold": "4"})
    assert "cannot be below 5" in refused.content.decode()
    assert MappingSettings.objects.get(pk=1).threshold == 10
    assert client.post(reverse("mapping:settings"), {"threshold": "5"}).status_code == 302
    assert MappingSettings.objects.get(pk=1).threshold == 5


@pytest.mark.parametrize("persona", ["facilitator", "steering_member", "dpo"])
def test_only_coordinators_change_it(client_for, world, persona):
    response = client_for(persona).post(reverse("mapping:settings"), {"threshold": "6"})
    assert response.status_code == 403
    assert not MappingSettings.objects.filter(threshold=6).exists()


@pytest.mark.parametrize(
    ("persona", "sees", "does_not_see"),
    [
        ("coordinator", ["Instruments", "Findings", "Mapping settings"], ["Participants and consent"]),
        ("facilitator", ["Instruments", "Participants and consent"], ["Mapping settings"]),
        ("steering_member", ["Mapping sessions", "Findings"], ["Participants and consent", "Mapping settings"]),
    ],
)
def test_the_mapping_menu_shows_each_role_its_pages(client_for, persona, sees, does_not_see):
    page = client_for(persona).get(reverse("mapping:home")).content.decode()
    menu = page.split('class="nav-sections"')[1].split("</nav>")[0]
    assert all(label in menu for label in sees)
    assert not any(label in menu for label in does_not_see)
