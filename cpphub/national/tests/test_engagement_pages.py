"""The national pages: the overview, meetings and their outcomes, lists with filters and exports."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from conftest import sign_in
from cpphub.national.models import Commitment, NationalEngagement, NationalPriority, NationalStrength
from cpphub.national.tests import national_records as records


def test_a_focal_point_records_a_meeting_and_adds_a_priority_from_it(world, client):
    sign_in(client, world.users["national_focal_point"])
    form = client.get(reverse("national:engagement_create"))
    choices = [c.name for c in form.context["form"].fields["country"].queryset]
    assert choices == ["Thailand"]  # only the countries one may write for
    response = client.post(
        reverse("national:engagement_create"),
        {
            "country": world.countries["thailand"].pk,
            "kind": "roundtable",
            "date": "2009-03-12",
            "title": "Roundtable with the ministry",
            "organisations": [world.orgs["plan_thailand"].pk, world.orgs["iicrd"].pk],
            "participants": "Director-General",
        },
    )
    meeting = NationalEngagement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "national:engagement_detail", args=[meeting.pk]
    )
    detail = client.get(response["Location"]).content.decode()
    add_url = reverse("national:priority_create") + f"?engagement={meeting.pk}"
    assert "Add a priority from this meeting" in detail and add_url.replace("&", "&amp;") in detail
    prefilled = client.get(add_url)
    assert prefilled.context["form"]["engagement"].value() == meeting.pk
    assert prefilled.context["form"]["country"].value() == world.countries["thailand"].pk
    created = client.post(
        add_url,
        {
            "country": world.countries["thailand"].pk,
            "engagement": meeting.pk,
            "title": "Every school has a trained teacher",
            "importance": 5,
            "mnr_capability": 13,
            "risks": ["contact", "conduct"],
            "target_groups": ["teachers"],
            "outcome": "equip",
            "status": "open",
        },
    )
    assert created.status_code == 302 and created["Location"] == reverse(
        "national:engagement_detail", args=[meeting.pk]
    )
    priority = NationalPriority.objects.get()
    assert priority.engagement == meeting and priority.risks == ["contact", "conduct"]
    assert "Every school has a trained teacher" in client.get(created["Location"]).content.decode()


def test_a_meeting_of_another_country_is_an_error_on_the_meeting_field(world, client):
    brazilian_meeting = records.brazil_engagement(world)
    sign_in(client, world.users["coordinator"])
    response = client.post(
        reverse("national:strength_create"),
        {
            "country": world.countries["thailand"].pk,
            "engagement": brazilian_meeting.pk,
            "kind": "staff",
            "title": "Investigators",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["engagement"] == ["The meeting was held in another country."]
    assert not NationalStrength.objects.exists()


def test_a_focal_point_cannot_record_for_another_country(world, client):
    sign_in(client, world.users["national_focal_point"])
    response = client.post(
        reverse("national:commitment_create"),
        {"country": world.countries["brazil"].pk, "title": "Takedown in 24 hours", "due_date": "2009-09-01"},
    )
    assert response.status_code == 200 and "country" in response.context["form"].errors
    assert not Commitment.objects.exists()


def test_a_focal_point_cannot_change_a_brazilian_priority(world, client):
    priority = records.brazil_priority(world)
    sign_in(client, world.users["national_focal_point"])
    assert client.get(reverse("national:priority_edit", args=[priority.pk])).status_code == 403
    response = client.post(reverse("national:priority_edit", args=[priority.pk]), {"title": "Changed", "importance": 1})
    assert response.status_code == 403
    priority.refresh_from_db()
    assert priority.title == "Faster takedown of abuse material"


def test_a_steering_member_reads_but_gets_no_edit_links(world, client):
    meeting = records.thai_engagement(world)
    records.thai_priority(world, meeting)
    sign_in(client, world.users["steering_member"])
    page = client.get(reverse("national:engagement_detail", args=[meeting.pk])).content.decode()
    assert "Stop online grooming of children in the north" in page
    assert (
        "Add a priority from this meeting" not in page
        and reverse("national:engagement_edit", args=[meeting.pk]) not in page
    )
    listing = client.get(reverse("national:priority_list")).content.decode()
    assert "Stop online grooming" in listing and "/edit/" not in listing


def test_the_priority_list_filters_by_country_capability_and_risk(world, client):
    records.thai_priority(world)
    records.brazil_priority(world)
    sign_in(client, world.users["steering_member"])
    url = reverse("national:priority_list")

    def titles(query):
        return [p.title for p in client.get(url, query).context["table"].data]

    assert titles({"country": "TH"}) == ["Stop online grooming of children in the north"]
    assert titles({"mnr_capability": "16"}) == ["Faster takedown of abuse material"]
    assert titles({"risk": "contact"}) == ["Stop online grooming of children in the north"]
    assert titles({"risk": "contract"}) == []
    assert titles({"outcome": "coordinate", "status": "open"}) == ["Faster takedown of abuse material"]


def test_the_meeting_list_filters_by_kind_and_date(world, client):
    records.thai_engagement(world)
    records.brazil_engagement(world)
    sign_in(client, world.users["steering_member"])
    url = reverse("national:engagement_list")
    assert [m.title for m in client.get(url, {"kind": "bilateral"}).context["table"].data] == [
        "Bilateral with the federal prosecutors"
    ]
    assert [m.title for m in client.get(url, {"date_to": "2009-03-31"}).context["table"].data] == [
        "Roundtable on online child sexual exploitation"
    ]


def test_the_commitment_list_flags_overdue_ones_and_exports_them_with_hxl(world, client):
    records.thai_commitment(world)
    records.thai_commitment(world, title="Share hotline statistics", done_at="2009-05-01")
    sign_in(client, world.users["steering_member"])
    page = client.get(reverse("national:commitment_list"), {"status": "overdue"})
    assert [c.title for c in page.context["table"].data] == ["Draft a teacher training curriculum"]
    assert "Overdue" in page.content.decode()
    response = client.get(reverse("national:commitment_export", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["#meta+id", "#country+name", "#country+code"]
    by_title = {row[rows[0].index("Commitment")]: row for row in rows[2:]}
    assert by_title["Draft a teacher training curriculum"][rows[0].index("Overdue")] == "True"
    assert by_title["Share hotline statistics"][rows[0].index("Overdue")] == "False"


def test_the_priority_export_is_an_xlsx_with_the_filters_applied(world, client):
    records.thai_priority(world)
    records.brazil_priority(world)
    sign_in(client, world.users["steering_member"])
    response = client.get(reverse("national:priority_export", args=["xlsx"]), {"country": "BR"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[2][rows[0].index("Priority")] == "Faster takedown of abuse material"
    assert rows[2][rows[0].index("4Cs risks")] == "Content"


def test_marking_a_commitment_done_in_place(world, client):
    commitment = records.thai_commitment(world)
    sign_in(client, world.users["national_focal_point"])
    url = reverse("national:commitment_done", args=[commitment.pk])
    response = client.post(url, {"done": "true"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="commitment-{commitment.pk}-done"' in html and "Open again" in html
    commitment.refresh_from_db()
    assert commitment.done_at is not None
    back = client.post(url, {"done": "false", "next": reverse("national:home")})
    assert back.status_code == 302 and back["Location"] == reverse("national:home")
    commitment.refresh_from_db()
    assert commitment.done_at is None


def test_the_overview_shows_each_country_and_only_the_mnr_summary_one_may_see(world, client):
    meeting = records.thai_engagement(world)
    records.thai_priority(world, meeting)
    records.thai_strength(world, meeting)
    records.thai_expectation(world, meeting)
    records.thai_commitment(world, meeting)
    records.thai_assessment(world)
    records.brazil_engagement(world)
    sign_in(client, world.users["national_focal_point"])
    page = client.get(reverse("national:home"))
    html = page.content.decode()
    for text in [
        "Roundtable on online child sexual exploitation",
        "13. Education programme",
        "Stop online grooming of children in the north",
        "Trainers for teachers",
        "Share the findings of the Chiang Rai mapping with the ministry.",
        "Draft a teacher training curriculum",
        "Thailand MNR 2009",
        "Bilateral with the federal prosecutors",
    ]:
        assert text in html, text
    assert "are gaps" in html  # a focal point sees the gaps of their own country
    steering = sign_in(client, world.users["steering_member"]).get(reverse("national:home")).content.decode()
    assert "Thailand MNR 2009" not in steering and "Self-assessed on" in steering and "are gaps" not in steering


def test_the_commitment_list_lets_the_countrys_own_mark_them_done(world, client):
    records.thai_commitment(world)
    records.brazil_engagement(world)
    from cpphub.national.models import Commitment as C

    C.objects.create(country=world.countries["brazil"], title="Takedown statistics", due_date="2030-01-01")
    sign_in(client, world.users["national_focal_point"])
    html = client.get(reverse("national:commitment_list")).content.decode()
    assert html.count("Mark done") == 1  # the Thai one only
    assert "Overdue" in html and ">Open<" in html


def test_list_pages_take_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    for n in range(6):
        meeting = records.thai_engagement(world, title=f"Meeting {n}")
        records.thai_priority(world, meeting, title=f"Priority {n}")
        records.thai_strength(world, meeting, title=f"Strength {n}")
        records.thai_commitment(world, meeting, title=f"Commitment {n}")
        records.thai_expectation(world, meeting)
    records.thai_assessment(world)
    records.brazil_assessment(world)
    sign_in(client, world.users["national_focal_point"])
    for name in ["national:home", "national:engagement_list", "national:priority_list", "national:commitment_list"]:
        with django_assert_max_num_queries(25):
            assert client.get(reverse(name)).status_code == 200
