"""Referral pathways on the pages: who reads them, who changes them, and how steps are reordered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cpphub.audit.models import AuditEvent
from cpphub.connect.models import Pathway, PathwayStep
from cpphub.connect.tests import records

pytestmark = pytest.mark.django_db


def santo_andre_pathway(world):
    made = Pathway.objects.create(location=world.locations["santo_andre"], need="sextortion", who_decides="CREAS")
    PathwayStep.objects.create(pathway=made, order=1, action="Acolher a criança")
    return made


def shown(page):
    return [pathway.pk for group in page.context["groups"] for pathway in group.pathways]


def step_post(pathway, steps, **fields):
    data = {
        "need": pathway.need,
        "summary": pathway.summary,
        "who_decides": pathway.who_decides,
        "is_published": "on" if pathway.is_published else "",
        "steps-TOTAL_FORMS": str(len(steps)),
        "steps-INITIAL_FORMS": str(pathway.steps.count() if pathway.pk else 0),
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "50",
    }
    data.update(fields)
    for index, step in enumerate(steps):
        for key, value in step.items():
            data[f"steps-{index}-{key}"] = value
    return data


def test_anonymous_visitors_see_published_pathways_only(world, client):
    published = records.pathway(world)
    draft = santo_andre_pathway(world)
    draft.is_published = False
    draft.save()
    page = client.get(reverse("connect:pathway_list"))
    assert page.status_code == 200
    assert shown(page) == [published.pk]
    assert client.get(reverse("connect:pathway_detail", args=[draft.pk])).status_code == 404
    detail = client.get(reverse("connect:pathway_detail", args=[published.pk])).content.decode()
    assert "Refer for legal aid" in detail and "1387" in detail
    assert records.DIRECT_LINE not in detail
    assert "72 hours" in detail and "168 hours" in detail  # the default deadlines


def test_members_see_drafts_and_the_list_filters_by_location(world, client_for):
    records.pathway(world)
    draft = santo_andre_pathway(world)
    draft.is_published = False
    draft.save()
    member = client_for("steering_member")
    assert draft.pk in shown(member.get(reverse("connect:pathway_list")))
    assert shown(member.get(reverse("connect:pathway_list") + "?location=santo-andre")) == [draft.pk]
    assert shown(member.get(reverse("connect:pathway_list") + "?need=online_grooming")) != [draft.pk]


def test_a_caseworker_sees_a_refer_link_for_each_service(world, client_for):
    pathway = records.pathway(world)
    service_id = pathway.steps.get(order=2).service_id
    page = client_for("caseworker").get(reverse("connect:pathway_detail", args=[pathway.pk])).content.decode()
    assert f"?service={service_id}&amp;pathway={pathway.pk}" in page
    public = client_for("steering_member").get(reverse("connect:pathway_detail", args=[pathway.pk])).content.decode()
    assert f"?service={service_id}" not in public


def test_the_chiang_rai_facilitator_edits_chiang_rai_but_not_santo_andre(world, client_for):
    mine = records.pathway(world)
    theirs = santo_andre_pathway(world)
    facilitator = client_for("facilitator")
    steps = [{"order": s.order, "action": s.action, "service": s.service_id or ""} for s in mine.steps.all()]
    response = facilitator.post(
        reverse("connect:pathway_edit", args=[mine.pk]), step_post(mine, steps, who_decides="The district team")
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.who_decides == "The district team"
    assert AuditEvent.objects.filter(object_type="connect.pathway", object_id=str(mine.pk)).exists()

    before = (theirs.who_decides, list(theirs.steps.values_list("order", "action")))
    assert facilitator.get(reverse("connect:pathway_edit", args=[theirs.pk])).status_code == 403
    denied = facilitator.post(
        reverse("connect:pathway_edit", args=[theirs.pk]),
        step_post(theirs, [{"order": 1, "action": "Changed"}], who_decides="Hijacked"),
    )
    assert denied.status_code == 403
    theirs.refresh_from_db()
    assert (theirs.who_decides, list(theirs.steps.values_list("order", "action"))) == before


def test_steps_reorder_by_their_numbers_and_a_removed_step_goes(world, client_for):
    pathway = records.pathway(world)
    service_id = pathway.steps.get(order=2).service_id
    steps = [
        {"order": "2", "action": "Listen, reassure, do not investigate"},
        {"order": "1", "action": "Refer for legal aid", "service": str(service_id)},
        {"order": "5", "action": "Call the police unit", "within_hours": "4"},
        {"order": "9", "action": "Remove me", "DELETE": "on"},
    ]
    response = client_for("coordinator").post(
        reverse("connect:pathway_edit", args=[pathway.pk]), step_post(pathway, steps)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(pathway.steps.order_by("order").values_list("order", "action", "within_hours")) == [
        (1, "Refer for legal aid", None),
        (2, "Listen, reassure, do not investigate", None),
        (3, "Call the police unit", 4),
    ]
    event = AuditEvent.objects.filter(object_type="connect.pathway", object_id=str(pathway.pk)).latest("at")
    assert "steps" in event.changes


def test_two_steps_with_one_number_or_an_inactive_service_are_refused(world, client_for):
    pathway = records.pathway(world)
    closed = records.service(world, name="Closed clinic", status="defunct")
    coordinator = client_for("coordinator")
    steps = [{"order": "1", "action": "First"}, {"order": "1", "action": "Also first"}]
    page = coordinator.post(reverse("connect:pathway_edit", args=[pathway.pk]), step_post(pathway, steps))
    assert page.status_code == 200
    assert "Two steps have the same number: 1." in page.content.decode()
    steps = [{"order": "1", "action": "Go to the clinic", "service": str(closed.pk)}]
    page = coordinator.post(reverse("connect:pathway_edit", args=[pathway.pk]), step_post(pathway, steps))
    assert page.status_code == 200
    assert pathway.steps.count() == 2
    assert "Closed clinic" not in dict(page.context["formset"].forms[0].fields["service"].choices)  # not offered


def test_a_facilitator_creates_a_pathway_for_their_location_only(world, client_for):
    facilitator = client_for("facilitator")
    form = facilitator.get(reverse("connect:pathway_new"))
    assert form.status_code == 200
    assert "Santo André" not in form.content.decode()
    data = step_post(
        Pathway(need="sextortion"),
        [{"order": "1", "action": "Reassure the child"}],
        location=str(world.locations["chiang_rai"].pk),
        **{"steps-INITIAL_FORMS": "0"},
    )
    response = facilitator.post(reverse("connect:pathway_new"), data)
    assert response.status_code == 302
    made = Pathway.objects.get(location=world.locations["chiang_rai"], need="sextortion")
    assert list(made.steps.values_list("action", flat=True)) == ["Reassure the child"]
    data["location"] = str(world.locations["santo_andre"].pk)
    refused = facilitator.post(reverse("connect:pathway_new"), data)
    assert refused.status_code == 200 and "location" in refused.context["form"].errors
    assert not Pathway.objects.filter(location=world.locations["santo_andre"]).exists()


def test_a_second_pathway_for_the_same_need_is_refused_on_the_need(world, client_for):
    records.pathway(world)
    data = step_post(
        Pathway(need="online_grooming"),
        [],
        location=str(world.locations["chiang_rai"].pk),
        **{"steps-INITIAL_FORMS": "0"},
    )
    page = client_for("coordinator").post(reverse("connect:pathway_new"), data)
    assert page.status_code == 200, page.context["form"].errors
    assert "already has a pathway for this need" in str(page.context["form"].errors["need"])
