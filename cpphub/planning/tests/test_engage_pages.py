"""Engage pages: the stakeholder register, the grid with its −/+ moves, the engagement log and follow-ups."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cpphub.audit.models import AuditEvent
from cpphub.planning.models import Engagement, FollowUp, Stakeholder
from cpphub.planning.tests.engage_records import engagement, follow_up, sector, stakeholder

MEMBERS = ["coordinator", "steering_member", "facilitator", "other_facilitator", "national_focal_point"]


@pytest.mark.parametrize("persona", MEMBERS)
def test_members_read_the_engage_pages(client_for, world, persona):
    held = stakeholder(world)
    met = engagement(world)
    met.stakeholders.add(held)
    client = client_for(persona)
    for url in [
        reverse("planning:engage_home"),
        reverse("planning:stakeholder_list"),
        reverse("planning:stakeholder_grid") + "?location=chiang-rai",
        reverse("planning:stakeholder_detail", args=[held.pk]),
        reverse("planning:engagement_list"),
        reverse("planning:engagement_detail", args=[met.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "Provincial police" in page or "First meeting" in page or "Chiang Rai" in page, url


def test_an_outsider_sees_nothing(client_for, world):
    stakeholder(world)
    assert client_for("outsider").get(reverse("planning:stakeholder_list")).status_code == 403
    assert client_for("outsider").get(reverse("planning:stakeholder_grid")).status_code == 403


def test_the_list_filters_by_location_sector_quadrant_and_search(client_for, world):
    stakeholder(world, name="Provincial police", power=4, interest=4)
    stakeholder(world, name="Temple school", sector=sector("community"), power=1, interest=4)
    stakeholder(world, location="santo_andre", name="Guarda Municipal", power=4, interest=1)
    client = client_for("steering_member")
    url = reverse("planning:stakeholder_list")

    def names(**params):
        page = client.get(url, params).content.decode()
        return {n for n in ["Provincial police", "Temple school", "Guarda Municipal"] if n in page}

    assert names(location="chiang-rai") == {"Provincial police", "Temple school"}
    assert names(sector="community") == {"Temple school"}
    assert names(quadrant="keep_informed") == {"Temple school"}
    assert names(quadrant="keep_satisfied") == {"Guarda Municipal"}
    assert names(search="temple") == {"Temple school"}


def test_deactivated_stakeholders_leave_the_list_unless_asked_for(client_for, world):
    stakeholder(world, name="Old committee", is_active=False)
    client = client_for("coordinator")
    assert "Old committee" not in client.get(reverse("planning:stakeholder_list")).content.decode()
    assert "Old committee" in client.get(reverse("planning:stakeholder_list"), {"status": "inactive"}).content.decode()


def test_the_export_carries_hxl_tags(client_for, world):
    stakeholder(world, organisation=world.orgs["face"])
    response = client_for("national_focal_point").get(
        reverse("planning:stakeholder_export", args=["csv"]), {"location": "chiang-rai"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert {"#org+name", "#sector", "#adm2+name", "#indicator+power"} <= set(rows[1])
    assert rows[2][rows[1].index("#org+name")] == "Provincial police"
    assert rows[2][rows[1].index("#indicator+quadrant")] == "Keep satisfied"
    assert AuditEvent.objects.filter(action="export", object_type="planning.stakeholder").exists()


def test_the_xlsx_export_downloads(client_for, world):
    stakeholder(world)
    engagement(world)
    for name in ["planning:stakeholder_export", "planning:engagement_export"]:
        response = client_for("coordinator").get(reverse(name, args=["xlsx"]))
        assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_a_facilitator_adds_a_stakeholder_on_the_page(client_for, world):
    response = client_for("facilitator").post(
        reverse("planning:stakeholder_create"),
        {
            "location": world.locations["chiang_rai"].pk,
            "name": "Chiang Rai Children's Council",
            "sector": sector("childrens_group").pk,
            "power": 2,
            "interest": 5,
        },
    )
    created = Stakeholder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "planning:stakeholder_detail", args=[created.pk]
    )
    assert created.created_by == world.users["facilitator"]


def test_a_duplicate_name_comes_back_with_a_clear_error(client_for, world):
    stakeholder(world)
    response = client_for("facilitator").post(
        reverse("planning:stakeholder_create"),
        {
            "location": world.locations["chiang_rai"].pk,
            "name": "provincial police",
            "sector": sector().pk,
            "power": 3,
            "interest": 3,
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chiang Rai already has a stakeholder called" in page
    assert Stakeholder.objects.count() == 1


def test_a_score_outside_the_scale_comes_back_with_a_field_error(client_for, world):
    response = client_for("facilitator").post(
        reverse("planning:stakeholder_create"),
        {"location": world.locations["chiang_rai"].pk, "name": "X", "sector": sector().pk, "power": 8, "interest": 3},
    )
    assert response.status_code == 200 and 'id="id_power_error"' in response.content.decode()
    assert not Stakeholder.objects.exists()


def test_the_facilitator_may_only_pick_their_own_locations(client_for, world):
    page = client_for("other_facilitator").get(reverse("planning:stakeholder_create")).content.decode()
    assert "Santo André" in page and "Chiang Rai" not in page
    response = client_for("other_facilitator").post(
        reverse("planning:stakeholder_create"),
        {"location": world.locations["chiang_rai"].pk, "name": "X", "sector": sector().pk, "power": 3, "interest": 3},
    )
    assert response.status_code == 200 and not Stakeholder.objects.exists()


def test_the_grid_places_each_stakeholder_in_its_quadrant_ordered_within_it(client_for, world):
    stakeholder(world, name="Police", power=4, interest=5)
    stakeholder(world, name="Governor", power=5, interest=3)
    stakeholder(world, name="Parents club", power=1, interest=4)
    stakeholder(world, name="Telecom shop", power=2, interest=1)
    page = client_for("steering_member").get(reverse("planning:stakeholder_grid"), {"location": "chiang-rai"})
    html = page.content.decode()
    manage = html.index('class="pi-quadrant pi-manage_closely"')
    satisfied = html.index('class="pi-quadrant pi-keep_satisfied"')
    informed = html.index('class="pi-quadrant pi-keep_informed"')
    monitor = html.index('class="pi-quadrant pi-monitor"')
    assert manage < html.index("Governor") < html.index("Police") < satisfied
    assert informed < html.index("Parents club") < monitor < html.index("Telecom shop")
    assert "Power ↑" in html and "Interest →" in html
    assert "power_delta" not in html  # a steering member reads, without buttons


def test_the_grid_defaults_to_the_facilitators_location_and_404s_an_unknown_one(client_for, world):
    stakeholder(world, location="santo_andre", name="Guarda Municipal")
    page = client_for("other_facilitator").get(reverse("planning:stakeholder_grid")).content.decode()
    assert "Guarda Municipal" in page and "power_delta" in page
    assert (
        client_for("other_facilitator").get(reverse("planning:stakeholder_grid"), {"location": "nowhere"}).status_code
        == 404
    )


def test_a_plus_button_moves_the_chip_with_htmx(client_for, world):
    held = stakeholder(world, power=4, interest=2)
    response = client_for("facilitator").post(
        reverse("planning:stakeholder_move", args=[held.pk]), {"interest_delta": "1"}, HTTP_HX_REQUEST="true"
    )
    held.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 200 and held.interest == 3
    assert html.startswith('<div id="stakeholder-grid"') or 'id="stakeholder-grid"' in html[:300]
    assert "<html" not in html
    assert (
        html.index('pi-manage_closely"') < html.index(f'id="stakeholder-{held.pk}"') < html.index('pi-keep_satisfied"')
    )
    assert "power 4, interest 3 (Manage closely)" in html


def test_a_move_beyond_the_scale_says_why_and_changes_nothing(client_for, world):
    held = stakeholder(world, power=5)
    response = client_for("facilitator").post(
        reverse("planning:stakeholder_move", args=[held.pk]), {"power_delta": "1"}, HTTP_HX_REQUEST="true"
    )
    held.refresh_from_db()
    assert response.status_code == 200 and "Power is already 5" in response.content.decode()
    assert held.power == 5


def test_the_buttons_work_without_javascript(client_for, world):
    held = stakeholder(world, power=4, interest=2)
    response = client_for("facilitator").post(
        reverse("planning:stakeholder_move", args=[held.pk]), {"power_delta": "-1"}
    )
    held.refresh_from_db()
    assert held.power == 3
    assert response.status_code == 302
    assert response["Location"] == reverse("planning:stakeholder_grid") + f"?location=chiang-rai#stakeholder-{held.pk}"


def test_a_santo_andre_facilitator_cannot_change_chiang_rai_stakeholders(client_for, world):
    held = stakeholder(world)
    client = client_for("other_facilitator")
    answers = [
        client.post(reverse("planning:stakeholder_move", args=[held.pk]), {"power_delta": "1"}, HTTP_HX_REQUEST="true"),
        client.post(
            reverse("planning:stakeholder_edit", args=[held.pk]),
            {"name": "Hijacked", "sector": sector().pk, "power": 1, "interest": 1},
        ),
        client.get(reverse("planning:stakeholder_edit", args=[held.pk])),
        client.post(reverse("planning:stakeholder_set_active", args=[held.pk]), {"active": "false"}),
    ]
    assert [answer.status_code for answer in answers] == [403, 403, 403, 403]
    held.refresh_from_db()
    assert (held.name, held.power, held.interest, held.is_active) == ("Provincial police", 4, 2, True)
    assert not AuditEvent.objects.filter(object_type="planning.stakeholder").exists()


def test_the_facilitator_edits_and_deactivates_a_stakeholder(client_for, world):
    held = stakeholder(world)
    client = client_for("facilitator")
    client.post(
        reverse("planning:stakeholder_edit", args=[held.pk]),
        {"name": "Provincial police (cyber unit)", "sector": sector().pk, "power": 5, "interest": 4},
    )
    client.post(reverse("planning:stakeholder_set_active", args=[held.pk]), {"active": "false"})
    held.refresh_from_db()
    assert (held.name, held.power, held.is_active) == ("Provincial police (cyber unit)", 5, False)
    grid = client.get(reverse("planning:stakeholder_grid"), {"location": "chiang-rai"}).content.decode()
    assert f'id="stakeholder-{held.pk}"' not in grid


def test_a_facilitator_records_an_engagement(client_for, world):
    police = stakeholder(world)
    response = client_for("facilitator").post(
        reverse("planning:engagement_create"),
        {
            "location": world.locations["chiang_rai"].pk,
            "kind": "visit",
            "date": "2009-07-01",
            "title": "Visit to the police station",
            "stakeholders": [police.pk],
            "sectors": [sector().pk],
            "participants": "Captain S., two officers",
            "agreed": "Nominate a focal point",
        },
    )
    created = Engagement.objects.get()
    assert response.status_code == 302
    assert list(created.stakeholders.all()) == [police]


def test_an_engagement_with_another_locations_stakeholder_is_refused_on_the_page(client_for, world):
    stranger = stakeholder(world, location="santo_andre", name="Guarda Municipal")
    response = client_for("facilitator").post(
        reverse("planning:engagement_create"),
        {
            "location": world.locations["chiang_rai"].pk,
            "kind": "call",
            "date": "2009-07-01",
            "title": "Call",
            "stakeholders": [stranger.pk],
        },
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Engagement.objects.exists()


def test_follow_ups_are_added_and_marked_done_in_place(client_for, world):
    held = engagement(world)
    client = client_for("facilitator")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    added = client.post(
        reverse("planning:followup_create", args=[held.pk]),
        {"followup-description": "Send minutes", "followup-owner": "Nok", "followup-due_date": yesterday.isoformat()},
        HTTP_HX_REQUEST="true",
    )
    html = added.content.decode()
    assert added.status_code == 200 and f'id="engagement-{held.pk}-followups"' in html[:400]
    assert "badge-overdue" in html
    item = FollowUp.objects.get()
    done = client.post(reverse("planning:followup_done", args=[item.pk]), HTTP_HX_REQUEST="true")
    item.refresh_from_db()
    assert item.done_at == timezone.localdate()
    assert "badge-overdue" not in done.content.decode()


def test_a_bad_follow_up_comes_back_with_the_error(client_for, world):
    held = engagement(world)
    response = client_for("facilitator").post(
        reverse("planning:followup_create", args=[held.pk]), {"followup-description": "No date"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and 'id="id_followup-due_date_error"' in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_santo_andre_facilitator_cannot_touch_chiang_rai_follow_ups(client_for, world):
    held = engagement(world)
    item = follow_up(held)
    client = client_for("other_facilitator")
    assert client.post(reverse("planning:followup_done", args=[item.pk])).status_code == 403
    assert (
        client.post(
            reverse("planning:followup_create", args=[held.pk]),
            {"followup-description": "x", "followup-due_date": "2009-07-01"},
        ).status_code
        == 403
    )
    assert client.post(reverse("planning:engagement_edit", args=[held.pk]), {"title": "Hijacked"}).status_code == 403
    item.refresh_from_db()
    held.refresh_from_db()
    assert item.done_at is None and FollowUp.objects.count() == 1 and held.title == "First meeting"


def test_overdue_follow_ups_are_flagged_and_filtered(client_for, world):
    late = engagement(world, title="Late meeting")
    follow_up(late, due_date=timezone.localdate() - dt.timedelta(days=3))
    on_time = engagement(world, title="Calm meeting")
    follow_up(on_time, due_date=timezone.localdate() + dt.timedelta(days=3))
    client = client_for("coordinator")
    page = client.get(reverse("planning:engagement_list")).content.decode()
    assert "1 overdue" in page
    overdue = client.get(reverse("planning:engagement_list"), {"overdue": "true"}).content.decode()
    assert "Late meeting" in overdue and "Calm meeting" not in overdue
    kinds = client.get(reverse("planning:engagement_list"), {"kind": "visit"}).content.decode()
    assert "Late meeting" not in kinds
    dated = client.get(reverse("planning:engagement_list"), {"date_from": "2010-01-01"}).content.decode()
    assert "Late meeting" not in dated


def _many(world, count: int) -> None:
    for index in range(count):
        police = stakeholder(world, name=f"Stakeholder {index}", power=1 + index % 5, interest=1 + (index * 2) % 5)
        met = engagement(world, title=f"Meeting {index}")
        met.stakeholders.add(police)
        follow_up(met, due_date=dt.date(2009, 1, 1))


# Queries of each page whatever the number of rows: sign-in and session (4), the viewer's locations,
# the page's own reads, the session save (3).
QUERIES = {
    "planning:stakeholder_list": 12,
    "planning:engagement_list": 11,
    "planning:stakeholder_grid": 11,
    "planning:engage_home": 13,
}


@pytest.mark.parametrize("url_name", sorted(QUERIES))
def test_the_number_of_queries_does_not_grow_with_the_rows(client_for, world, django_assert_max_num_queries, url_name):
    _many(world, 3)
    client = client_for("facilitator")
    client.get(reverse(url_name))  # warm the session
    with django_assert_max_num_queries(QUERIES[url_name]):
        assert client.get(reverse(url_name)).status_code == 200
    for index in range(20):
        stakeholder(world, name=f"More {index}", power=5, interest=5)
        follow_up(engagement(world, title=f"More {index}"), due_date=dt.date(2009, 1, 1))
    with django_assert_max_num_queries(QUERIES[url_name]):
        assert client.get(reverse(url_name)).status_code == 200
