import pytest
from django.urls import reverse

from cpphub.partnership.tests.conftest import crowd

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_browser(live_server, page, world, client_for):
    crowd(30)
    client = client_for("coordinator")
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + reverse("partnership:organisation_list"))
    page.screenshot(path="/tmp/shots/org_list.png", full_page=True)
    with page.expect_response(lambda r: "country=BR" in r.url):
        page.select_option("#id_country", "BR")
    page.wait_for_timeout(300)
    print("URL after filter", page.url)
    print("count", page.inner_text("#organisation-region-count"))
    page.fill("#id_search", "safer")
    page.wait_for_timeout(1200)
    print("URL after search", page.url, page.inner_text("#organisation-region-count"))
    page.fill("#id_search", "")
    page.wait_for_timeout(1200)
    with page.expect_response(lambda r: "sort=name" in r.url):
        page.click("th a:text('Name')")
    page.wait_for_timeout(300)
    print("URL after sort", page.url, page.get_attribute("th[aria-sort]", "aria-sort"))
    print("hidden sort", page.input_value("#organisation-region-sort"))
    page.select_option("#id_country", "")
    page.wait_for_timeout(800)
    print("URL after clear country", page.url, page.inner_text("#organisation-region-count"))
    with page.expect_response(lambda r: "page=2" in r.url):
        page.click("nav.pagination a[rel=next]")
    page.wait_for_timeout(300)
    print("URL after page 2", page.url, "focused:", page.evaluate("document.activeElement.id"))
    page.on("dialog", lambda d: d.accept())
    first_status = page.locator(".record-status").first
    sid = first_status.get_attribute("id")
    first_status.locator("button").click()
    page.wait_for_timeout(600)
    print(
        "status after",
        page.inner_text(f"#{sid}"),
        "focused:",
        page.evaluate("document.activeElement.textContent.trim()"),
    )
    page.go_back()
    page.wait_for_timeout(600)
    print("after back", page.url)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + reverse("partnership:location_list"))
    page.screenshot(path="/tmp/shots/loc_list_phone.png", full_page=True)
    print(
        "WIDE",
        page.evaluate(
            """Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 380).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
        ),
    )
    page.goto(live_server.url + reverse("partnership:organisation_create"))
    page.fill("#id_name", "X")
    page.evaluate("document.querySelector('form.record-form').noValidate = true")
    page.click("form.record-form button[type=submit]")
    page.wait_for_load_state()
    page.screenshot(path="/tmp/shots/org_form_phone.png", full_page=True)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(live_server.url + world.orgs["face"].get_absolute_url())
    page.screenshot(path="/tmp/shots/org_detail.png", full_page=True)
    page.goto(live_server.url + world.locations["chiang_rai"].get_absolute_url())
    page.screenshot(path="/tmp/shots/loc_detail.png", full_page=True)
    print("console:", messages)
