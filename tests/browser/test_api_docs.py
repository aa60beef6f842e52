"""Swagger UI is served offline and runs under the Content-Security-Policy."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_renders_without_a_network(page: Page, live_server):
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if message.type == "error" else None)
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
    )
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("CPP Hub API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    # Swagger UI renders the operations as they scroll into view: scroll down to the registry's.
    organisations = page.get_by_text("/api/v1/organisations/", exact=True).first
    for _ in range(200):
        if organisations.is_visible():
            break
        page.mouse.wheel(0, 1500)
        page.wait_for_timeout(50)
    expect(organisations).to_be_visible()
    assert not blocked, blocked
