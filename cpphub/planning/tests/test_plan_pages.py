"""The workshop pages: list, creating, participation, HTMX scoring, ranking, weights, who may change what."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from cpphub.partnership.models import Sector
from cpphub.planning.models import PlanningConfig, Priority, Workshop, WorkshopParticipation
from cpphub.planning.tests.plan_records import participation, priority, risk, strength, workshop

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_members_see_workshops_filtered_by_location_and_round(client_for, world):
    workshop(world, title="Chiang Rai round 1")
    workshop(world, title="Chiang Rai round 2", round=2)
    workshop(world, location="santo_andre", title="Santo André round 1")
    client = client_for("steering_member")
    page = client.get(reverse("planning:workshop_list"), {"location": "chiang-rai"}).content.decode()
    assert "Chiang Rai round 1" in page and "Chiang Rai round 2" in page and "Santo André round 1" not in page
    page = client.get(reverse("planning:workshop_list"), {"location": "chiang-rai", "round": 2}).content.decode()
    assert "Chiang Rai round 2" in page and "Chiang Rai round 1" not in page


def test_the_list_makes_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    for n in range(30):
        held = workshop(world, title=f"Workshop {n}")
        participation(world, workshop=held)
        priority(world, f"Priority {n}", workshop=held)
    client = client_for("coordinator")
    client.get(reverse("planning:workshop_list"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("planning:workshop_list")).status_code == 200


def test_the_list_counts_people_and_children_without_multiplying_them(client_for, world):
    held = workshop(world)
    participation(world, workshop=held, number=12)
    participation(world, workshop=held, number=5, children=False, sector=Sector.objects.get(code="government"))
    priority(world, "One", workshop=held)
    priority(world, "Two", workshop=held)
    page = client_for("coordinator").get(reverse("planning:workshop_list")).content.decode()
    assert "5 people, 12 children" in page


def test_a_facilitator_creates_a_workshop(client_for, world):
    response = client_for("facilitator").post(
        reverse("planning:workshop_create"),
        {
            "location": world.locations["chiang_rai"].pk,
            "title": "First planning workshop",
            "date": "2009-09-01",
            "round": 1,
            "facilitators": [world.users["facilitator"].pk],
        },
    )
    held = Workshop.objects.get()
    assert response.status_code == 302
    assert list(held.facilitators.all()) == [world.users["facilitator"]]


def test_a_workshop_cannot_be_created_in_a_location_one_does_not_facilitate(client_for, world):
    response = client_for("other_facilitator").post(
        reverse("planning:workshop_create"),
        {"location": world.locations["chiang_rai"].pk, "title": "Not mine", "date": "2009-09-01", "round": 1},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Workshop.objects.exists()


def test_the_santo_andre_facilitator_cannot_change_a_chiang_rai_workshop(client_for, world):
    held = workshop(world)
    scored = priority(world, workshop=held, scores=(3, 3, 3, 3))
    client = client_for("other_facilitator")
    attempts = [
        (reverse("planning:workshop_edit", args=[held.pk]), {"title": "Taken over", "date": "2009-09-02", "round": 1}),
        (reverse("planning:priority_score", args=[scored.pk]), {f"score-{scored.pk}-severity": 1}),
        (reverse("planning:workshop_rank", args=[held.pk]), {"reasoning": "We decided."}),
        (reverse("planning:priority_create", args=[held.pk]), {"title": "Ours"}),
        (reverse("planning:participation_create", args=[held.pk]), {"part-sector": 1, "part-number": 3}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    held.refresh_from_db()
    scored.refresh_from_db()
    assert held.title == "Planning together" and held.reasoning == ""
    assert scored.severity == 3 and scored.rank is None
    assert Priority.objects.count() == 1 and not WorkshopParticipation.objects.exists()


def test_childrens_participation_is_added_with_htmx_and_shown_as_such(client_for, world):
    held = workshop(world)
    sector = Sector.objects.get(code="childrens_group")
    client = client_for("facilitator")
    response = client.post(
        reverse("planning:participation_create", args=[held.pk]),
        {"part-sector": sector.pk, "part-number": 12, "part-children": "on"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "12 children (Children&#x27;s group)" in response.content.decode()
    row = WorkshopParticipation.objects.get()
    assert row.children and row.number == 12
    removed = client.post(reverse("planning:participation_delete", args=[row.pk]), **HTMX)
    assert removed.status_code == 200 and not WorkshopParticipation.objects.exists()


def test_a_participation_of_no_people_is_refused(client_for, world):
    held = workshop(world)
    response = client_for("facilitator").post(
        reverse("planning:participation_create", args=[held.pk]),
        {"part-sector": Sector.objects.get(code="ngo").pk, "part-number": 0},
        **HTMX,
    )
    assert "errorlist" in response.content.decode()
    assert not WorkshopParticipation.objects.exists()


def test_scoring_in_the_row_with_htmx(client_for, world):
    scored = priority(world)
    client = client_for("facilitator")
    url = reverse("planning:priority_score", args=[scored.pk])
    form = client.get(url, **HTMX).content.decode()
    assert f'name="score-{scored.pk}-severity"' in form and "<tr" in form
    prefix = f"score-{scored.pk}-"
    response = client.post(
        url,
        {prefix + "severity": 5, prefix + "children": 4, prefix + "feasibility": 3, prefix + "strengths": 2},
        **HTMX,
    )
    scored.refresh_from_db()
    assert (scored.severity, scored.children, scored.feasibility, scored.strengths_score) == (5, 4, 3, 2)
    assert f'id="priority-{scored.pk}"' in response.content.decode()


def test_a_score_of_6_on_the_page_gives_a_field_error_and_changes_nothing(client_for, world):
    scored = priority(world, scores=(2, 2, 2, 2))
    prefix = f"score-{scored.pk}-"
    response = client_for("facilitator").post(
        reverse("planning:priority_score", args=[scored.pk]),
        {prefix + "severity": 6, prefix + "children": 4, prefix + "feasibility": 3, prefix + "strengths": 2},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_{prefix}severity_error"' in page and "Give a score from 1 to 5." in page
    scored.refresh_from_db()
    assert (scored.severity, scored.children, scored.feasibility, scored.strengths_score) == (2, 2, 2, 2)


def test_ranking_on_the_page_shows_the_ordered_result_with_reasoning_and_links(client_for, world):
    held = workshop(world)
    grooming, peers = risk(world, "Grooming in games"), strength(world, "Peer support at school")
    first = priority(world, "Grooming first", (5, 5, 5, 5), workshop=held)
    first.findings.set([grooming])
    first.strengths.set([peers])
    priority(world, "Then images", (2, 2, 2, 2), workshop=held)
    client = client_for("facilitator")
    response = client.post(
        reverse("planning:workshop_rank", args=[held.pk]), {"reasoning": "Grooming harms the youngest most."}
    )
    assert response.status_code == 302
    page = client_for("national_focal_point").get(reverse("planning:workshop_detail", args=[held.pk])).content.decode()
    ranking = page[page.index('id="ranking"') : page.index('id="priorities"')]
    assert ranking.index("Grooming first") < ranking.index("Then images")
    assert "Grooming harms the youngest most." in ranking
    assert reverse("mapping:finding_detail", args=[grooming.pk]) in ranking
    assert reverse("mapping:finding_detail", args=[peers.pk]) in ranking
    assert "5.00" in ranking


def test_ranking_on_the_page_with_an_unscored_priority_is_refused_naming_it(client_for, world):
    held = workshop(world)
    priority(world, "Scored one", (3, 3, 3, 3), workshop=held)
    priority(world, "Not scored yet", workshop=held)
    response = client_for("facilitator").post(
        reverse("planning:workshop_rank", args=[held.pk]), {"reasoning": "We agreed."}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Score every criterion of these priorities first: Not scored yet." in page
    assert not Priority.objects.filter(rank__isnull=False).exists()


def test_the_workshop_page_shows_the_current_weights(client_for, world):
    PlanningConfig.objects.create(
        location=world.locations["chiang_rai"], weights={"severity": 7, "children": 1, "feasibility": 1, "strengths": 1}
    )
    held = workshop(world)
    page = client_for("steering_member").get(reverse("planning:workshop_detail", args=[held.pk])).content.decode()
    assert "Severity 7" in page
    assert reverse("planning:planning_weights", args=[held.location_id]) not in page  # not theirs to change


def test_a_coordinator_sets_the_weights_and_bad_weights_give_clear_errors(client_for, world):
    url = reverse("planning:planning_weights", args=[world.locations["chiang_rai"].pk])
    client = client_for("coordinator")
    zero = client.post(url, {"severity": 0, "children": 0, "feasibility": 0, "strengths": 0})
    assert "At least one weight must be above 0." in zero.content.decode()
    too_big = client.post(url, {"severity": 11, "children": 1, "feasibility": 1, "strengths": 1})
    assert "Give a weight from 0 to 10." in too_big.content.decode()
    assert not PlanningConfig.objects.exists()
    saved = client.post(url, {"severity": 4, "children": 3, "feasibility": 2, "strengths": 1})
    assert saved.status_code == 302
    config = PlanningConfig.objects.get()
    assert config.weights == {"severity": 4, "children": 3, "feasibility": 2, "strengths": 1}


def test_the_santo_andre_facilitator_cannot_set_chiang_rai_weights(client_for, world):
    url = reverse("planning:planning_weights", args=[world.locations["chiang_rai"].pk])
    response = client_for("other_facilitator").post(
        url, {"severity": 4, "children": 3, "feasibility": 2, "strengths": 1}
    )
    assert response.status_code == 403
    assert not PlanningConfig.objects.exists()


def test_a_workshop_starts_with_the_location_weights(world):
    from cpphub.planning.services.plan import workshop_create

    PlanningConfig.objects.create(
        location=world.locations["chiang_rai"], weights={"severity": 9, "children": 1, "feasibility": 1, "strengths": 1}
    )
    held = workshop_create(
        data={"location": world.locations["chiang_rai"], "title": "Round 2", "date": dt.date(2010, 1, 1), "round": 2},
        acting_user=None,
    )
    assert held.weights["severity"] == 9


def test_the_workshop_page_makes_a_fixed_number_of_queries(client_for, world, django_assert_max_num_queries):
    held = workshop(world)
    for n in range(15):
        made = priority(world, f"Priority {n}", (3, 3, 3, n % 5 + 1), workshop=held, rank=n + 1)
        made.findings.set([risk(world, f"Risk {n}")])
        made.strengths.set([strength(world, f"Strength {n}")])
        participation(world, workshop=held)
    held.reasoning = "Agreed."
    held.save()
    client = client_for("facilitator")
    client.get(reverse("planning:workshop_detail", args=[held.pk]))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("planning:workshop_detail", args=[held.pk])).status_code == 200
