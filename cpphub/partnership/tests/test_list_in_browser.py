"""The list pages in a real browser: HTMX filters, sorts, pages and deactivates in place, under the CSP."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cpphub.partnership.models import Organisation, PartnershipRole, Sector
from cpphub.partnership.tests.conftest import crowd

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    """The sectors and roles a migration adds: a transactional test before this one may have flushed them."""
    for code in Sector.Code.values:
        Sector.objects.get_or_create(code=code)
    for code in PartnershipRole.Code.values:
        PartnershipRole.objects.get_or_create(code=code)


@pytest.fixture
def signed_in_page(live_server, page, seeded, world, client_for):
    session = client_for("coordinator").cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    return page


def test_filtering_sorting_and_paging_update_the_table_and_the_address_in_place(live_server, signed_in_page):
    crowd(30)
    page = signed_in_page
    page.goto(live_server.url + reverse("partnership:organisation_list"))
    page.evaluate("window.notReloaded = true")

    with page.expect_response(lambda r: "country=BR" in r.url):
        page.select_option("#id_country", "BR")
    page.wait_for_url(lambda url: url.endswith("/organisations/?country=BR"))
    assert page.inner_text("#organisation-region-count") == "2 organisations"

    with page.expect_response(lambda r: "search=safer" in r.url):
        page.fill("#id_search", "safer")
    page.wait_for_url(lambda url: "search=safer" in url)
    assert page.locator("#organisation-region tbody tr").count() == 1
    page.fill("#id_search", "")
    page.select_option("#id_country", "")
    page.wait_for_url(lambda url: url.endswith("/organisations/"))

    with page.expect_response(lambda r: "sort=-name" in r.url):
        page.click("#organisation-region th a:text('Name')")  # the list is already by name: the click reverses it
    page.wait_for_url(lambda url: "sort=-name" in url)
    assert page.get_attribute("#organisation-region th[aria-sort]", "aria-sort") == "descending"
    assert page.input_value("#organisation-region-sort") == "-name"

    with page.expect_response(lambda r: "page=2" in r.url):
        page.click("#organisation-region nav.pagination a[rel=next]")
    page.wait_for_url(lambda url: "page=2" in url)
    expect(page.locator("#organisation-region")).to_be_focused()
    assert page.evaluate("window.notReloaded") is True
    assert page.console_messages == []


def test_deactivating_from_the_list_swaps_the_status_in_place(live_server, signed_in_page, world):
    page = signed_in_page
    face = world.orgs["face"]
    page.goto(live_server.url + reverse("partnership:organisation_list"))
    page.on("dialog", lambda dialog: dialog.accept())

    page.click(f"#organisation-{face.pk}-status button")

    status = page.locator(f"#organisation-{face.pk}-status")
    expect(status.locator(".badge-inactive")).to_be_visible()
    expect(status.locator("button")).to_contain_text("Reactivate")
    expect(status.locator("button")).to_be_focused()
    assert Organisation.objects.get(pk=face.pk).is_active is False
    assert page.console_messages == []
