"""The pages of coordinated actions: the list and exports, making one from a synergy, its page and its changes."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from cpphub.coordination.models import Contribution, CoordinatedAction, Milestone
from cpphub.coordination.tests.synergy_records import chiang_rai_coordinated_action, thai_synergy

HTMX = {"HTTP_HX_REQUEST": "true"}


def _post_body(world, synergy=None, **more):
    body = {
        "title": "Teachers against online grooming",
        "lead": world.orgs["face"].pk,
        "locations": [world.locations["chiang_rai"].pk],
        "outcome": "equip",
        "risks": ["contact"],
        "target_groups": ["teachers"],
        "children_to_reach": "1200",
        "start": "2026-06-01",
        "end": "2027-06-30",
        **more,
    }
    if synergy is not None:
        body["synergy"] = synergy.pk
    return body


def test_the_form_is_prefilled_from_an_accepted_synergy_and_makes_the_action(world, client_for):
    synergy = thai_synergy(world, on="action", status="accepted")
    client = client_for("coordinator")
    page = client.get(reverse("coordination:action_create"), {"synergy": synergy.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="Train teachers to spot online grooming"' in html
    assert f'name="synergy" value="{synergy.pk}"' in html
    assert "Both address Contact risks and the online harms Grooming." in html
    answer = client.post(reverse("coordination:action_create"), _post_body(world, synergy))
    action = CoordinatedAction.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("coordination:action_detail", args=[action.pk])
    assert action.synergy == synergy and list(action.local_actions.all()) == [synergy.local_action]


def test_a_suggested_synergy_is_refused_with_the_reason_on_the_form(world, client_for):
    synergy = thai_synergy(world)
    answer = client_for("coordinator").post(reverse("coordination:action_create"), _post_body(world, synergy))
    assert answer.status_code == 200
    assert "Only an accepted synergy becomes a coordinated action; accept it first." in answer.content.decode()
    assert not CoordinatedAction.objects.exists()


def test_a_synergy_that_does_not_exist_is_a_404(world, client_for):
    client = client_for("coordinator")
    assert client.get(reverse("coordination:action_create"), {"synergy": 999999}).status_code == 404
    assert client.get(reverse("coordination:action_create"), {"synergy": "abc"}).status_code == 404
    assert (
        client.post(reverse("coordination:action_create"), {**_post_body(world), "synergy": "999999"}).status_code
        == 404
    )


def test_an_end_before_the_start_is_shown_on_the_field(world, client_for):
    answer = client_for("coordinator").post(reverse("coordination:action_create"), _post_body(world, end="2026-01-01"))
    assert "The end comes before the start." in answer.content.decode()
    assert not CoordinatedAction.objects.exists()


def test_only_coordinators_make_coordinated_actions(world, client_for):
    for persona in ("facilitator", "national_focal_point", "steering_member"):
        assert client_for(persona).post(reverse("coordination:action_create"), _post_body(world)).status_code == 403
    assert not CoordinatedAction.objects.exists()


def test_the_page_shows_partners_contributions_totals_milestones_and_the_synergy(world, client_for):
    synergy = thai_synergy(world, status="accepted")
    action = chiang_rai_coordinated_action(world, synergy=synergy)
    html = client_for("steering_member").get(reverse("coordination:action_detail", args=[action.pk])).content.decode()
    assert "Foundation for Child Development (FACE)" in html and "Plan Thailand" in html
    assert "50,000 THB" in html and "120 hours" in html
    assert "Totals by kind" in html and "Staff time" in html
    assert "Curriculum agreed" in html and "Done on" in html
    assert "The synergy it was made from" in html and "Both reach Teachers." in html
    assert "Stop online grooming of children in the north" in html
    assert "Add a contribution" not in html  # a steering member reads only


def test_a_participant_changes_the_status_in_place_and_dropping_needs_a_reason(world, client_for):
    action = chiang_rai_coordinated_action(world)
    client = client_for("national_focal_point")
    url = reverse("coordination:action_status", args=[action.pk])
    refused = client.post(url, {"status": "dropped", "reason": ""}, **HTMX)
    assert "Say why the action was dropped." in refused.content.decode()
    action.refresh_from_db()
    assert action.status == "planned"
    done = client.post(url, {"status": "under_way", "reason": ""}, **HTMX)
    assert done.status_code == 200 and "Under way" in done.content.decode()
    action.refresh_from_db()
    assert action.status == "under_way"


def test_a_facilitator_of_the_location_adds_a_contribution_but_not_a_negative_one(world, client_for):
    action = chiang_rai_coordinated_action(world)
    client = client_for("facilitator")
    url = reverse("coordination:action_contribution_add", args=[action.pk])
    bad = client.post(
        url, {"organisation": world.orgs["iicrd"].pk, "kind": "money", "amount": "-10", "status": "pledged"}
    )
    assert bad.status_code == 200 and "greater than or equal to 0" in bad.content.decode()
    good = client.post(
        url,
        {
            "organisation": world.orgs["iicrd"].pk,
            "kind": "expertise",
            "amount": "40",
            "unit": "hours",
            "status": "pledged",
        },
    )
    assert good.status_code == 302
    assert Contribution.objects.filter(action=action, organisation=world.orgs["iicrd"], kind="expertise").exists()


def test_a_contribution_is_edited_and_removed(world, client_for):
    action = chiang_rai_coordinated_action(world)
    contribution = action.contributions.get(organisation=world.orgs["face"])
    client = client_for("coordinator")
    edit = reverse("coordination:action_contribution_edit", args=[action.pk, contribution.pk])
    assert client.get(edit).status_code == 200
    client.post(
        edit,
        {
            "organisation": world.orgs["face"].pk,
            "kind": "money",
            "amount": "60000",
            "unit": "THB",
            "status": "confirmed",
        },
    )
    contribution.refresh_from_db()
    assert contribution.amount == 60000
    client.post(reverse("coordination:action_contribution_delete", args=[action.pk, contribution.pk]))
    assert not Contribution.objects.filter(pk=contribution.pk).exists()
    other = chiang_rai_coordinated_action(world)
    stranger = other.contributions.first()
    assert (
        client.post(reverse("coordination:action_contribution_delete", args=[action.pk, stranger.pk])).status_code
        == 404
    )


def test_milestones_are_added_and_marked_done(world, client_for):
    action = chiang_rai_coordinated_action(world)
    client = client_for("facilitator")
    client.post(
        reverse("coordination:action_milestone_add", args=[action.pk]), {"title": "Police briefed", "due": "2026-09-01"}
    )
    milestone = Milestone.objects.get(action=action, title="Police briefed")
    client.post(reverse("coordination:action_milestone_done", args=[action.pk, milestone.pk]))
    milestone.refresh_from_db()
    assert milestone.done_at is not None


def test_someone_elsewhere_may_not_change_it(world, client_for):
    action = chiang_rai_coordinated_action(world)
    for persona in ("other_facilitator", "steering_member"):
        client = client_for(persona)
        assert (
            client.post(reverse("coordination:action_status", args=[action.pk]), {"status": "done"}).status_code == 403
        )
        assert client.get(reverse("coordination:action_edit", args=[action.pk])).status_code == 403
    action.refresh_from_db()
    assert action.status == "planned"


def test_the_list_filters_and_exports_with_hxl(world, client_for):
    action = chiang_rai_coordinated_action(world)
    client = client_for("steering_member")
    listed = client.get(
        reverse("coordination:action_list"), {"country": "TH", "partner": world.orgs["plan_thailand"].pk}
    )
    assert action.title in listed.content.decode()
    empty = client.get(reverse("coordination:action_list"), {"location": "santo-andre"})
    assert action.title not in empty.content.decode()
    answer = client.get(reverse("coordination:action_export", args=["xlsx"]), {"country": "TH"})
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("#meta+id", "#activity+name", "#activity+description")
    assert rows[2][1] == action.title and "Plan Thailand" in rows[2][6]
    csv = client.get(reverse("coordination:action_export", args=["csv"])).content.decode("utf-8-sig")
    assert "#affected+children" in csv.splitlines()[1]


def test_the_small_lists_for_the_location_and_national_pages(world):
    from django.template.loader import render_to_string

    from cpphub.coordination.selectors.actions import actions_for_country, actions_for_location

    action = chiang_rai_coordinated_action(world)
    here = render_to_string(
        "coordination/_location_actions.html", {"actions": actions_for_location(world.locations["chiang_rai"])}
    )
    there = render_to_string(
        "coordination/_country_actions.html", {"actions": actions_for_country(world.countries["thailand"])}
    )
    for html in (here, there):
        assert action.title in html and "led by Foundation for Child Development (FACE)" in html


def test_the_list_takes_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    chiang_rai_coordinated_action(world)
    client = client_for("steering_member")
    with django_assert_max_num_queries(25):
        client.get(reverse("coordination:action_list"))
    for _ in range(5):
        chiang_rai_coordinated_action(world)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("coordination:action_list")).status_code == 200
