import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cpphub.partnership.models import Contact, Organisation, Phase, Sector

URL = reverse("shell:home")


def embedded_json(html: str, element_id: str):
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no #{element_id} in the page"
    return json.loads(match.group(1))


@pytest.fixture
def located(world):
    """Chiang Rai has coordinates and is at the Plan stage; Santo André has none yet."""
    chiang_rai = world.locations["chiang_rai"]
    chiang_rai.latitude, chiang_rai.longitude, chiang_rai.stage = Decimal("19.910000"), Decimal("99.840000"), "plan"
    chiang_rai.save()
    return world


def test_the_coordinator_sees_every_pilot_location_with_its_stage(located, client_for):
    response = client_for("coordinator").get(URL)

    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert {(row.name, row.country, row.stage_label, row.lead_partner) for row in dashboard.locations} == {
        ("Chiang Rai", "Thailand", "Plan", "Foundation for Child Development (FACE)"),
        ("Santo André", "Brazil", "Map", "Plan Brasil"),
    }
    board = {column.stage: [row.name for row in column.locations] for column in dashboard.stages}
    assert board == {"map": ["Santo André"], "engage": [], "plan": ["Chiang Rai"], "create": [], "follow_up": []}
    html = response.text
    assert '<span class="badge stage stage-plan">Plan</span>' in html
    assert "Santo André" in html


def test_the_coordinator_sees_active_organisations_by_sector_and_country(world, client_for):
    Organisation.objects.create(name="Closed partner", country=world.countries["brazil"], is_active=False).sectors.add(
        Sector.objects.get(code="ngo")
    )

    response = client_for("coordinator").get(URL)

    dashboard = response.context["dashboard"]
    by_sector = {row.label: row.count for row in dashboard.by_sector}
    assert by_sector["NGO"] == 3
    assert by_sector["Academia"] == 1
    assert by_sector["UN / multilateral"] == 1
    assert by_sector["Civil society"] == 1
    assert by_sector["Law enforcement"] == 0
    assert [(row.label, row.count) for row in dashboard.by_country] == [
        ("Brazil", 2),
        ("Thailand", 2),
        ("International", 2),
    ]
    assert dashboard.headline.organisations == 6
    assert dashboard.headline.countries == 2
    assert dashboard.headline.locations == 2
    charts = embedded_json(response.text, "home-chart-data")
    assert charts["country"] == {"labels": ["Brazil", "Thailand", "International"], "values": [2, 2, 2]}
    assert dict(zip(charts["sector"]["labels"], charts["sector"]["values"], strict=True))["NGO"] == 3


def test_the_numbers_are_also_in_tables(world, client_for):
    html = client_for("coordinator").get(URL).text

    assert re.search(r'<th scope="row">NGO</th><td class="number">3</td>', html)
    assert re.search(r'<th scope="row">International</th><td class="number">2</td>', html)
    assert 'role="img" aria-label="Bar chart of active organisations by sector.' in html


def test_the_map_data_has_the_coordinates_where_set(located, client_for):
    response = client_for("coordinator").get(URL)

    data = embedded_json(response.text, "home-map-data")
    chiang_rai = located.locations["chiang_rai"]
    assert data["locations"] == [
        {
            "name": "Chiang Rai",
            "country": "Thailand",
            "countryCode": "TH",
            "stage": "plan",
            "stageLabel": "Plan",
            "leadPartner": "Foundation for Child Development (FACE)",
            "lat": 19.91,
            "lng": 99.84,
            "url": reverse("partnership:location_detail", args=[chiang_rai.pk]),
        }
    ]
    assert data["geo"]["world"].endswith("geo/world.geojson")
    assert data["labels"]["leadPartner"] == "Lead partner"
    assert "1 pilot location has no coordinates yet" in response.text


def test_the_page_has_no_inline_script(located, client_for):
    html = client_for("coordinator").get(URL).text

    scripts = re.findall(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", html, re.S)
    for attrs, body in scripts:
        assert 'src="' in attrs or 'type="application/json"' in attrs, attrs
        assert 'src="' not in attrs or not body.strip()
    assert " onclick=" not in html
    assert 'src="/static/js/home.js"' in html


def test_the_phase_timeline_highlights_the_current_phase(world, client_for, monkeypatch):
    today = dt.date.today()
    Phase.objects.create(
        name="Inception",
        kind="inception",
        start_date=today - dt.timedelta(days=400),
        end_date=today - dt.timedelta(days=200),
    )
    Phase.objects.create(
        name="Implementation",
        kind="implementation",
        start_date=today - dt.timedelta(days=199),
        end_date=today + dt.timedelta(days=200),
    )

    response = client_for("coordinator").get(URL)

    timeline = response.context["dashboard"].timeline
    assert [(bar.name, bar.is_current, bar.is_past) for bar in timeline.bars] == [
        ("Inception", False, True),
        ("Implementation", True, False),
    ]
    assert timeline.bars[0].offset == 0
    assert timeline.bars[1].offset + timeline.bars[1].width == pytest.approx(100, abs=0.01)
    assert 0 < timeline.today_offset < 100
    assert 'class="bar current"' in response.text
    assert "Current phase" in response.text


def test_the_headline_counts_active_contacts(world, client_for):
    Contact.objects.create(full_name="A", organisation=world.orgs["face"])
    Contact.objects.create(full_name="B", organisation=world.orgs["face"], is_active=False)

    dashboard = client_for("coordinator").get(URL).context["dashboard"]

    assert dashboard.headline.contacts == 1


@pytest.mark.parametrize("persona", ["steering_member", "facilitator", "caseworker", "hotline_analyst", "dpo"])
def test_every_member_sees_the_dashboard(world, client_for, persona):
    response = client_for(persona).get(URL)

    assert response.status_code == 200
    assert "dashboard" in response.context


def test_the_outsider_sees_whom_to_ask_for_a_membership(world, client_for):
    response = client_for("outsider").get(URL)

    assert response.status_code == 200
    assert response.templates[0].name == "shell/no_membership.html"
    assert "no membership" in response.text
    assert 'href="mailto:coordinator@example.org"' in response.text
    assert "Chiang Rai" not in response.text


def test_anonymous_visitors_are_sent_to_sign_in(world, client_for):
    response = client_for("anonymous").get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor:login"))


def a_bigger_partnership(world) -> None:
    for n in range(20):
        org = Organisation.objects.create(name=f"Partner {n}", country=world.countries["brazil"])
        org.sectors.add(Sector.objects.get(code="community"))
        Contact.objects.create(full_name=f"Contact {n}", organisation=org)
    today = dt.date.today()
    for n in range(4):
        start = today + dt.timedelta(days=365 * (n - 2))
        Phase.objects.create(
            name=f"Phase {n}", kind="implementation", start_date=start, end_date=start + dt.timedelta(days=300)
        )


def test_the_dashboard_reads_in_six_queries_whatever_the_size(located, django_assert_num_queries):
    from cpphub.accounts.permissions import memberships
    from cpphub.shell.selectors import dashboard_summary

    a_bigger_partnership(located)
    viewer = located.user("coordinator")
    memberships(viewer)  # loaded once per request by the permission checks

    with django_assert_num_queries(6):
        dashboard = dashboard_summary(viewer=viewer)

    assert len(dashboard.timeline.bars) == 4
    assert dashboard.headline.organisations == 26


def test_the_home_page_makes_a_fixed_number_of_queries(located, client_for, django_assert_max_num_queries):
    a_bigger_partnership(located)
    client = client_for("coordinator")
    client.get(URL)

    # The dashboard's six, plus the session, the user, the second factor, the memberships and the session save.
    with django_assert_max_num_queries(13):
        response = client.get(URL)

    assert response.status_code == 200
    assert len(response.context["dashboard"].locations) == 2
