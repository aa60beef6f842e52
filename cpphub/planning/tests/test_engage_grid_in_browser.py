"""The power/interest grid in a real browser: −/+ moves a chip in place under the CSP, and phones stack the grid."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cpphub.partnership.models import Sector
from cpphub.planning.models import Stakeholder
from cpphub.planning.tests.engage_records import stakeholder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    """The sectors a migration adds: a transactional test before this one may have flushed them."""
    for code in Sector.Code.values:
        Sector.objects.get_or_create(code=code)


@pytest.fixture
def facilitator_page(live_server, page, seeded, world, client_for):
    session = client_for("facilitator").cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page.console_messages = []
    page.on("console", lambda message: page.console_messages.append(message.text))
    return page


def test_a_plus_button_moves_the_chip_to_its_new_quadrant_and_keeps_the_focus(live_server, facilitator_page, world):
    held = stakeholder(world, name="Provincial police", power=4, interest=2)
    page = facilitator_page
    page.goto(live_server.url + reverse("planning:stakeholder_grid") + "?location=chiang-rai")
    page.evaluate("window.notReloaded = true")
    expect(page.locator(f".pi-keep_satisfied #stakeholder-{held.pk}")).to_be_visible()

    with page.expect_response(lambda r: r.url.endswith(f"/stakeholders/{held.pk}/move/")):
        page.click(f"#move-{held.pk}-interest-up")

    expect(page.locator(f".pi-manage_closely #stakeholder-{held.pk}")).to_be_visible()
    expect(page.locator(f"#move-{held.pk}-interest-up")).to_be_focused()
    expect(page.locator(".grid-status")).to_contain_text("power 4, interest 3 (Manage closely)")
    assert Stakeholder.objects.get(pk=held.pk).interest == 3
    assert page.evaluate("window.notReloaded") is True
    assert page.console_messages == []


def test_phones_get_the_quadrants_stacked_most_attention_first(live_server, facilitator_page, world):
    stakeholder(world, name="Provincial police", power=4, interest=4)
    page = facilitator_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + reverse("planning:stakeholder_grid") + "?location=chiang-rai")
    boxes = [
        page.locator(f".pi-{code}").bounding_box()
        for code in ["manage_closely", "keep_satisfied", "keep_informed", "monitor"]
    ]
    assert all(box is not None for box in boxes)
    assert len({round(box["x"]) for box in boxes}) == 1  # one column
    assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)
    button = page.locator("button[id$='-power-up']").first.bounding_box()
    assert button is not None and button["height"] >= 40  # big enough for a finger
