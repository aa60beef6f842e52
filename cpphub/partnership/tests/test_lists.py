"""The list pages: filters, search, sorting and pages, in place with HTMX and as plain links without."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.urls import reverse

from cpphub.partnership.models import Contact, Phase, PilotLocation
from cpphub.partnership.tests.conftest import make_organisation

ROW = re.compile(r'<tr class="(?:even|odd)">\s*<td[^>]*><a href="[^"]+">([^<]+)</a>')


def names(response) -> list[str]:
    """The first (linked) column of each table row."""
    return [html_lib.unescape(name) for name in ROW.findall(response.content.decode())]


@pytest.fixture
def registry(world):
    """A few more records to filter, beside the world's six organisations and two locations."""
    make_organisation(
        "Polícia Federal", sectors=("law_enforcement",), roles=("national_partner",), country=world.countries["brazil"]
    )
    make_organisation(
        "Chulalongkorn University",
        acronym="CU",
        sectors=("academia",),
        country=world.countries["thailand"],
        is_active=False,
    )
    yala = PilotLocation.objects.create(name="Yala", slug="yala", country=world.countries["thailand"], stage="plan")
    yala.implementing_partners.add(world.orgs["plan_thailand"])
    Contact.objects.create(full_name="Ana Souza", organisation=world.orgs["safernet"])
    Contact.objects.create(full_name="Somchai Jaidee", organisation=world.orgs["face"])
    Phase.objects.create(name="Inception", kind="inception", start_date="2008-04-01", end_date="2009-03-31")
    Phase.objects.create(name="Implementation", kind="implementation", start_date="2009-04-01", end_date="2011-03-31")


@pytest.mark.parametrize(
    ("url_name", "params", "expected"),
    [
        ("organisation_list", {"sector": "law_enforcement"}, ["Polícia Federal"]),
        (
            "organisation_list",
            {"country": "TH"},
            ["Chulalongkorn University", "Foundation for Child Development", "Plan Thailand"],
        ),
        (
            "organisation_list",
            {"level": "international"},
            ["International Institute for Child Rights and Development", "United Nations Children's Fund"],
        ),
        ("organisation_list", {"role": "national_partner"}, ["Polícia Federal"]),
        ("organisation_list", {"is_active": "false"}, ["Chulalongkorn University"]),
        ("organisation_list", {"country": "BR", "sector": "ngo"}, ["Plan Brasil"]),
        ("organisation_list", {"search": "univ"}, ["Chulalongkorn University"]),
        ("organisation_list", {"search": "CU"}, ["Chulalongkorn University"]),
        ("location_list", {"country": "TH"}, ["Chiang Rai", "Yala"]),
        ("location_list", {"stage": "plan"}, ["Yala"]),
        ("location_list", {"search": "santo"}, ["Santo André"]),
        ("contact_list", {"country": "BR"}, ["Ana Souza"]),
        ("contact_list", {"search": "somchai"}, ["Somchai Jaidee"]),
        ("phase_list", {"kind": "inception"}, ["Inception"]),
        ("country_list", {"search": "thai"}, ["Thailand"]),
    ],
)
def test_a_list_shows_exactly_the_records_its_filters_match(world, registry, coordinator, url_name, params, expected):
    response = coordinator.get(reverse(f"partnership:{url_name}"), params)

    assert response.status_code == 200
    assert names(response) == expected


def test_locations_filter_by_partner_lead_or_implementing(world, registry, coordinator):
    lead = coordinator.get(reverse("partnership:location_list"), {"partner": world.orgs["face"].pk})
    implementing = coordinator.get(reverse("partnership:location_list"), {"partner": world.orgs["plan_thailand"].pk})

    assert names(lead) == ["Chiang Rai"]
    assert names(implementing) == ["Yala"]


def test_contacts_filter_by_organisation(world, registry, coordinator):
    response = coordinator.get(reverse("partnership:contact_list"), {"organisation": world.orgs["face"].pk})

    assert names(response) == ["Somchai Jaidee"]


def test_a_filter_value_that_does_not_validate_is_left_out_of_the_search(world, registry, coordinator):
    response = coordinator.get(reverse("partnership:organisation_list"), {"country": "ZZ", "sector": "ngo"})

    assert response.status_code == 200
    assert "Plan Brasil" in names(response) and "Plan Thailand" in names(response)


def test_clicking_a_column_header_sorts_and_clicking_again_reverses(world, registry, coordinator):
    url = reverse("partnership:location_list")

    by_name = names(coordinator.get(url, {"sort": "name"}))
    reversed_ = names(coordinator.get(url, {"sort": "-name"}))
    by_stage = names(coordinator.get(url, {"sort": "stage"}))

    assert by_name == ["Chiang Rai", "Santo André", "Yala"]
    assert reversed_ == ["Yala", "Santo André", "Chiang Rai"]
    assert by_stage[-1] == "Yala"  # map < plan, in the database's order of codes
    header = coordinator.get(url, {"sort": "name"}).content.decode()
    assert 'aria-sort="ascending"' in header
    assert 'href="/partnership/locations/?sort=-name"' in header


def test_sorting_organisations_by_country_uses_the_country_name(world, registry, coordinator):
    rows = names(coordinator.get(reverse("partnership:organisation_list"), {"sort": "country", "level": "national"}))

    assert rows[0] in {"Plan Brasil", "Polícia Federal", "Safernet Brasil"}
    assert rows[-1] in {"Chulalongkorn University", "Foundation for Child Development", "Plan Thailand"}


def test_long_lists_come_in_pages_of_25_that_keep_the_filters(world, crowded, coordinator):
    url = reverse("partnership:organisation_list")

    first = coordinator.get(url, {"sector": "academia"})
    second = coordinator.get(url, {"sector": "academia", "page": 2})

    assert len(names(first)) == 25
    assert len(names(second)) == 16  # forty crowded in, and IICRD
    assert set(names(first)).isdisjoint(names(second))
    assert "41 organisations" in first.content.decode()
    assert "?sector=academia&amp;page=2" in first.content.decode()
    assert 'aria-current="page"' in second.content.decode()


def test_a_page_past_the_end_shows_the_last_page(world, crowded, coordinator):
    response = coordinator.get(reverse("partnership:contact_list"), {"page": 99})

    assert response.status_code == 200
    assert names(response)[-1] == "Person 39"


def test_htmx_gets_only_the_table_region_with_the_count_and_sort_updated_out_of_band(world, registry, coordinator):
    response = coordinator.get(
        reverse("partnership:organisation_list"),
        {"country": "BR", "sort": "-name"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="organisation-region",
    )

    html = response.content.decode()
    assert "<html" not in html and "<form" not in html.split("<table")[0].replace("hx-swap-oob", "")
    assert names(response) == ["Safernet Brasil", "Polícia Federal", "Plan Brasil"]
    assert '<span id="organisation-region-count" hx-swap-oob="innerHTML">3 organisations</span>' in html
    assert 'id="organisation-region-sort" value="-name" hx-swap-oob="true"' in html
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_list_is_a_whole_page_whose_form_and_links_work_alone(world, registry, coordinator):
    html = coordinator.get(reverse("partnership:organisation_list"), {"country": "BR"}).content.decode()

    assert "<html" in html
    assert '<form method="get" action="/partnership/organisations/"' in html
    assert 'hx-get="/partnership/organisations/" hx-target="#organisation-region"' in html
    assert 'hx-push-url="true"' in html
    assert '<option value="BR" selected>Brazil</option>' in html
    assert 'href="/partnership/organisations/export.xlsx?country=BR"' in html
    assert 'href="/partnership/organisations/export.csv?country=BR"' in html
    assert '<div class="table-wrap">' in html
    assert "<script>" not in html and " onclick=" not in html


def test_the_filter_form_labels_every_field(world, coordinator):
    html = coordinator.get(reverse("partnership:organisation_list")).content.decode()

    for field in ["search", "sector", "country", "level", "role", "is_active"]:
        assert f'<label for="id_{field}">' in html


def test_readers_see_no_new_or_deactivate_buttons(world, client_for):
    html = client_for("steering_member").get(reverse("partnership:organisation_list")).content.decode()

    assert reverse("partnership:organisation_create") not in html
    assert "Deactivate" not in html
    assert "Foundation for Child Development" in html
