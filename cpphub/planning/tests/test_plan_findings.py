"""Candidate priorities brought in from the mapping's findings, and priorities linked to findings by hand."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cpphub.planning.models import Priority
from cpphub.planning.services.plan import priority_create, workshop_bring_findings
from cpphub.planning.tests.plan_records import risk, strength, workshop


def test_bringing_in_risks_makes_priorities_linked_to_them_and_to_the_chosen_strengths(world):
    held = workshop(world)
    grooming, images = risk(world, "Grooming in games"), risk(world, "Sharing of images")
    peers = strength(world)
    created, skipped = workshop_bring_findings(workshop=held, findings=[grooming, images, peers], acting_user=None)
    assert sorted(p.title for p in created) == ["Grooming in games", "Sharing of images"]
    assert skipped == []
    made = Priority.objects.get(title="Grooming in games")
    assert list(made.findings.all()) == [grooming]
    assert list(made.strengths.all()) == [peers]


def test_withdrawn_findings_and_risks_already_held_are_skipped(world):
    held = workshop(world)
    withdrawn = risk(world, "Withdrawn one", withdrawn_at=timezone.now())
    grooming = risk(world, "Grooming in games")
    workshop_bring_findings(workshop=held, findings=[grooming], acting_user=None)
    created, skipped = workshop_bring_findings(
        workshop=held, findings=[withdrawn, grooming, risk(world, "New one")], acting_user=None
    )
    assert [p.title for p in created] == ["New one"]
    assert set(skipped) == {withdrawn, grooming}
    assert not Priority.objects.filter(title="Withdrawn one").exists()
    assert Priority.objects.filter(title="Grooming in games").count() == 1


def test_only_withdrawn_risks_chosen_is_refused_and_nothing_is_made(world):
    held = workshop(world)
    with pytest.raises(ValidationError) as caught:
        workshop_bring_findings(workshop=held, findings=[risk(world, withdrawn_at=timezone.now())], acting_user=None)
    assert "findings" in caught.value.message_dict
    assert not Priority.objects.exists()


def test_a_priority_links_only_risks_and_strengths_of_its_location(world):
    held = workshop(world)
    elsewhere = risk(world, "Elsewhere", location="santo_andre")
    with pytest.raises(ValidationError) as caught:
        priority_create(
            workshop=held,
            data={"title": "Mixed up", "findings": [elsewhere, strength(world)], "strengths": [risk(world)]},
            acting_user=None,
        )
    assert {"findings", "strengths"} <= set(caught.value.message_dict)
    assert not Priority.objects.exists()


def test_the_page_brings_findings_in_and_lists_carried_forward_ones_first(client_for, world):
    held = workshop(world)
    risk(world, "Not carried")
    carried = risk(world, "Carried forward risk", carried_forward=True)
    withdrawn = risk(world, "Withdrawn one", withdrawn_at=timezone.now())
    client = client_for("facilitator")
    page = client.get(reverse("planning:workshop_detail", args=[held.pk])).content.decode()
    assert page.index("Carried forward risk") < page.index("Not carried")
    assert "Withdrawn one" not in page
    response = client.post(
        reverse("planning:workshop_bring_findings", args=[held.pk]), {"findings": [carried.pk, withdrawn.pk]}
    )
    assert response.status_code == 302
    assert list(held.priorities.values_list("title", flat=True)) == ["Carried forward risk"]


def test_the_page_refuses_a_finding_of_another_location(client_for, world):
    held = workshop(world)
    elsewhere = risk(world, "Elsewhere", location="santo_andre")
    response = client_for("facilitator").post(
        reverse("planning:workshop_bring_findings", args=[held.pk]), {"findings": [elsewhere.pk]}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Priority.objects.exists()


def test_a_priority_added_by_hand_links_findings_and_strengths(client_for, world):
    held = workshop(world)
    grooming, peers = risk(world), strength(world)
    response = client_for("facilitator").post(
        reverse("planning:priority_create", args=[held.pk]),
        {"title": "Safer games", "findings": [grooming.pk], "strengths": [peers.pk]},
    )
    assert response.status_code == 302
    made = Priority.objects.get()
    assert (list(made.findings.all()), list(made.strengths.all())) == ([grooming], [peers])
    edit = client_for("facilitator").post(
        reverse("planning:priority_edit", args=[made.pk]), {"title": "Safer games online", "findings": [grooming.pk]}
    )
    assert edit.status_code == 302
    made.refresh_from_db()
    assert made.title == "Safer games online" and not made.strengths.exists()
