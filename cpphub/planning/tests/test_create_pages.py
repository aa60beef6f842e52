"""The Create stage's pages: plans, actions, status in place, progress, the table and the timeline."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from cpphub.planning.models import Action, ActionPlan, ProgressUpdate
from cpphub.planning.tests.create_records import action, plan


def _action_post(world, **fields):
    return {
        "title": "Parents' evenings on sextortion",
        "outcome": "equip",
        "lead_partner": world.orgs["face"].pk,
        "target_groups": ["parents", "children"],
        "target_age_bands": ["13_15"],
        "start": "2009-06-01",
        "end": "2009-08-31",
        "status": "planned",
        **fields,
    }


def test_a_facilitator_makes_a_plan_and_adds_an_action(client_for, world):
    client = client_for("facilitator")
    page = client.get(reverse("planning:plan_create"))
    assert page.status_code == 200
    response = client.post(
        reverse("planning:plan_create"), {"location": world.locations["chiang_rai"].pk, "title": "Plan 2009"}
    )
    made = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("planning:plan_detail", args=[made.pk])
    response = client.post(reverse("planning:action_create", args=[made.pk]), _action_post(world))
    added = Action.objects.get()
    assert response["Location"] == reverse("planning:action_detail", args=[added.pk])
    assert added.target_groups == ["parents", "children"]
    detail = client.get(reverse("planning:action_detail", args=[added.pk])).content.decode()
    assert "Parents&#x27; evenings on sextortion" in detail and "13-15 years" in detail


def test_bad_input_on_the_action_page_says_why_and_saves_nothing(client_for, world):
    chiang_rai = plan(world)
    client = client_for("facilitator")
    url = reverse("planning:action_create", args=[chiang_rai.pk])
    page = client.post(url, _action_post(world, lead_partner=world.orgs["plan_brasil"].pk))
    assert page.status_code == 200
    assert "Plan Brasil is not a partner of Chiang Rai." in page.content.decode()
    page = client.post(url, _action_post(world, end="2009-05-01"))
    assert "The end comes before the start." in page.content.decode()
    page = client.post(url, _action_post(world, status="dropped"))
    assert "Say why the action was dropped." in page.content.decode()
    assert not Action.objects.exists()


def test_a_santo_andre_facilitator_cannot_change_a_chiang_rai_plan(client_for, world):
    chiang_rai = plan(world)
    existing = action(chiang_rai)
    client = client_for("other_facilitator")
    assert client.get(reverse("planning:plan_detail", args=[chiang_rai.pk])).status_code == 200
    answers = [
        client.post(reverse("planning:plan_edit", args=[chiang_rai.pk]), {"title": "Taken over"}),
        client.post(reverse("planning:action_create", args=[chiang_rai.pk]), _action_post(world)),
        client.post(reverse("planning:action_edit", args=[existing.pk]), _action_post(world, title="Taken")),
        client.post(reverse("planning:action_status", args=[existing.pk]), {"status": "done"}),
        client.post(
            reverse("planning:progress_create", args=[existing.pk]), {"date": "2009-07-01", "note": "Not mine"}
        ),
    ]
    assert [a.status_code for a in answers] == [403] * 5
    chiang_rai.refresh_from_db()
    existing.refresh_from_db()
    assert chiang_rai.title == "Chiang Rai action plan 2009"
    assert (existing.title, existing.status, Action.objects.count()) == (
        "Train teachers on online grooming",
        "planned",
        1,
    )
    assert not ProgressUpdate.objects.exists()


def test_the_status_changes_in_place_and_dropping_needs_a_reason(client_for, world):
    existing = action(plan(world))
    client = client_for("facilitator")
    url = reverse("planning:action_status", args=[existing.pk])
    answer = client.post(url, {"status": "dropped", "reason": ""}, headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert "Say why the action was dropped." in answer.content.decode()
    existing.refresh_from_db()
    assert existing.status == "planned"
    answer = client.post(url, {"status": "under_way"}, headers={"HX-Request": "true"})
    html = answer.content.decode()
    assert f'id="action-{existing.pk}-status"' in html and "Under way" in html and "<html" not in html
    existing.refresh_from_db()
    assert existing.status == "under_way"


def test_progress_updates_are_added_and_listed(client_for, world):
    existing = action(plan(world), indicator="Teachers trained")
    client = client_for("facilitator")
    url = reverse("planning:progress_create", args=[existing.pk])
    assert client.post(url, {"date": "", "note": ""}).status_code == 200
    response = client.post(url, {"date": "2009-07-15", "note": "Two schools trained", "value": "12"})
    assert response.status_code == 302
    detail = client_for("steering_member").get(reverse("planning:action_detail", args=[existing.pk]))
    assert "Two schools trained" in detail.content.decode()
    assert ProgressUpdate.objects.get().value == 12


def test_an_overdue_action_is_flagged_on_its_page_and_in_the_table(client_for, world):
    today = timezone.localdate()
    chiang_rai = plan(world)
    late = action(chiang_rai, title="Late one", start=today - dt.timedelta(days=90), end=today - dt.timedelta(days=2))
    client = client_for("national_focal_point")
    assert "badge-overdue" in client.get(reverse("planning:action_detail", args=[late.pk])).content.decode()
    table = client.get(reverse("planning:plan_detail", args=[chiang_rai.pk])).content.decode()
    assert "badge-overdue" in table and "Late one" in table


def test_the_table_view_sorts_by_a_column(client_for, world):
    chiang_rai = plan(world)
    action(chiang_rai, title="Alpha", start=dt.date(2009, 6, 1), end=dt.date(2009, 12, 31))
    action(chiang_rai, title="Bravo", start=dt.date(2009, 7, 1), end=dt.date(2009, 8, 1))
    client = client_for("steering_member")
    url = reverse("planning:plan_detail", args=[chiang_rai.pk])
    by_start = client.get(url).content.decode()
    assert by_start.index("Alpha") < by_start.index("Bravo")
    by_end = client.get(url, {"sort": "end"}).content.decode()
    assert by_end.index("Bravo") < by_end.index("Alpha")
    partial = client.get(url, {"sort": "-title"}, headers={"HX-Request": "true", "HX-Target": "action-table"})
    html = partial.content.decode()
    assert "<html" not in html and html.index("Bravo") < html.index("Alpha")


def test_the_timeline_draws_a_bar_per_action_over_the_plans_span(client_for, world):
    chiang_rai = plan(world)
    today = timezone.localdate()
    start = today.replace(day=1) - dt.timedelta(days=1)
    start = start.replace(day=1)  # the first of last month
    action(chiang_rai, title="Running late", start=start, end=today - dt.timedelta(days=1), status="under_way")
    action(chiang_rai, title="Later on", start=today, end=today + dt.timedelta(days=80), status="planned")
    html = client_for("steering_member").get(reverse("planning:plan_timeline", args=[chiang_rai.pk])).content.decode()
    bars = re.findall(r'class="timeline-bar status-(\w+)( overdue)?" style="left: ([\d.]+)%; width: ([\d.]+)%"', html)
    assert len(bars) == 2
    assert bars[0][0] == "under_way" and bars[0][1] == " overdue" and float(bars[0][2]) == 0
    assert bars[1][0] == "planned" and bars[1][1] == "" and 0 < float(bars[1][2]) < 100
    assert all(0 < float(width) <= 100 for *_rest, width in bars)
    assert 'class="timeline-frame" tabindex="0"' in html
    assert 'class="timeline-today"' in html
    assert html.count('class="timeline-tick"') >= 4
    assert "Overdue" in html and "Under way" in html  # the legend and bars say it in words


def test_the_lists_take_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    chiang_rai = plan(world)
    for n in range(6):
        a = action(chiang_rai, title=f"Action {n}")
        a.supporting_partners.add(world.orgs["safernet"], world.orgs["unicef"])
    plan(world, location="santo_andre", title="Santo André plan")
    client = client_for("steering_member")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:plan_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:plan_detail", args=[chiang_rai.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("planning:plan_timeline", args=[chiang_rai.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("api:action-list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("api:action-plan-list")).status_code == 200


def test_the_plan_list_filters_by_location(client_for, world):
    plan(world)
    plan(world, location="santo_andre", title="Plano de Santo André")
    html = client_for("caseworker").get(reverse("planning:plan_list"), {"location": "santo-andre"}).content.decode()
    assert "Plano de Santo André" in html and "Chiang Rai action plan 2009" not in html
