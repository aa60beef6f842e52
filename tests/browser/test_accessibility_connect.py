"""The Connect pages (directory, pathways, cases and referrals, numbers) are accessible, like the main pages.

The same checks as tests/browser/test_accessibility.py (whose helpers this module uses):
axe-core's WCAG 2.1 A and AA rules (serious and critical violations) and its
landmark and heading rules, faint field borders, the keyboard (skip link, order,
visible focus with a 3:1 indicator) at desktop width, and reflow at a phone's 390px.

Anyone sees the directory with its map, a service, the pathways and a pathway.
Plan Thailand's caseworker (with a second factor) sees the cases, a new case with
an age out of range, a case, its consent and referral forms, a referral, the
referrals and the overdue ones. FACE's caseworker sees the referral received, with
its buttons, and the decline form. The coordinator keeps the directory (providers,
a provider, a service, a location, the HSDS import), a pathway's steps, the
referral policies, the overdue register and the numbers; the data protection
officer sees who saw the test case.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, ViewportSize, expect

from conftest import PASSWORD, World, build_world
from cpphub.connect.models import Referral, ServiceAtLocation, ServiceLocation
from cpphub.connect.tests import records
from tests.browser.test_accessibility import (  # noqa: F401  (browser_context_args: a fixture used by pytest)
    DESKTOP,
    PHONE,
    audit,
    browser_context_args,
    current_code,
    keyboard,
    settle,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (("desktop", cast(ViewportSize, DESKTOP)), ("phone", cast(ViewportSize, PHONE)))


def connect_world(*, done: int = 0) -> tuple[World, dict[str, Any]]:
    """FACE's legal aid service at an office on the map, a shelter, a pathway, a referral sent and one overdue.

    ``done``: that many referrals FACE completed in Chiang Rai, so the numbers are large enough to show.
    """
    w = build_world()
    referral = records.referral(w)
    target = referral.service
    # A public place with coordinates, so the directory draws its map; the shelter's address stays off it.
    office = ServiceLocation.objects.create(
        organisation=target.organisation,
        name="FACE office",
        address="123 Phahonyothin Road",
        city="Chiang Rai",
        country_code="TH",
        latitude="19.910500",
        longitude="99.840600",
    )
    ServiceAtLocation.objects.create(service=target, location=office)
    records.shelter(w)
    pathway = records.pathway(w, target)
    now = timezone.now()
    overdue = records.referral(w, sent_at=now - dt.timedelta(hours=30), deadline_at=now - dt.timedelta(hours=6))
    for _ in range(done):
        records.referral(
            w,
            status="done",
            case=records.case(w, identified_on=timezone.localdate() - dt.timedelta(days=9)),
            sent_at=now - dt.timedelta(days=7),
            deadline_at=now - dt.timedelta(days=6),
            accepted_at=now - dt.timedelta(days=6),
            started_at=now - dt.timedelta(days=5),
            completed_at=now - dt.timedelta(days=1),
        )
    return w, {"referral": referral, "case": referral.case, "service": target, "pathway": pathway, "overdue": overdue}


def second_factor(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def sign_in_quietly(page: Page, base: str, user: Any) -> None:
    """Signs in through both steps without checking them (the caseworker's test checks them)."""
    device = second_factor(user)
    page.set_viewport_size(cast(ViewportSize, DESKTOP))
    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", user.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    page.fill("input[name='token-otp_token']", current_code(device))
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_be_attached()


def visit(page: Page, base: str, pages: dict[str, str]) -> list[str]:
    """Audits every page at both widths; the keyboard at desktop width."""
    found: list[str] = []
    for width, viewport in WIDTHS:
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            response = page.goto(f"{base}{path}")
            if response is None or not response.ok:
                found.append(f"[{name} / {width}] {path} answers {response.status if response else 'nothing'}")
                continue
            settle(page)
            if page.locator("#directory-map").count():
                page.wait_for_selector("#directory-map .leaflet-marker-icon")
            found += audit(page, f"{name} / {width}", reflow=width == "phone")
            if width == "desktop":
                found += keyboard(page, f"{name} / {width}")
    return found


def send_with_errors(page: Page, base: str, path: str, fill: dict[str, str], label: str, width: str) -> list[str]:
    """A form sent with the values given (the browser's own check off): the server's errors, audited."""
    page.goto(f"{base}{path}")
    form = page.locator("main form.record-form")
    form.evaluate("form => { form.noValidate = true; }")
    for selector, value in fill.items():
        field = page.locator(selector)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    form.locator("button[type='submit']").last.click()
    expect(page.locator("[aria-invalid='true']").first).to_be_visible()
    found = audit(page, f"{label}, errors / {width}", reflow=width == "phone")
    if width == "desktop":
        found += keyboard(page, f"{label}, errors / {width}")
    return found


def test_the_public_directory_and_pathways_are_accessible(page: Page, live_server):
    _, made = connect_world()
    base = live_server.url
    pages = {
        "directory": "/connect/directory/",
        "service": f"/connect/services/{made['service'].pk}/",
        "pathways": "/connect/pathways/",
        "pathway": f"/connect/pathways/{made['pathway'].pk}/",
    }
    page.goto(f"{base}/connect/directory/")
    page.wait_for_selector("#directory-map .leaflet-marker-icon")
    found = visit(page, base, pages)
    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)


def test_the_sending_caseworkers_pages_are_accessible(page: Page, live_server):
    w, made = connect_world()
    caseworker: Any = w.users["caseworker"]
    device = second_factor(caseworker)
    base = live_server.url
    case = made["case"]
    chiang_rai: Any = w.locations["chiang_rai"]
    pages = {
        "cases": "/connect/cases/",
        "new case": "/connect/cases/new/",
        "case": f"/connect/cases/{case.pk}/",
        "consent": f"/connect/cases/{case.pk}/consent/new/",
        "referral form": f"/connect/cases/{case.pk}/refer/",
        "referral": f"/connect/referrals/{made['referral'].pk}/",
        "referrals": "/connect/referrals/?direction=outgoing",
        "overdue referrals": "/connect/referrals/overdue/",
    }
    found = sign_in(page, base, caseworker.email, device)
    found += visit(page, base, pages)
    for width, viewport in WIDTHS:
        page.set_viewport_size(viewport)
        # A child of 18 is no child: the age is marked.
        found += send_with_errors(
            page,
            base,
            "/connect/cases/new/",
            {
                "input[name='name']": "Test child",
                "select[name='sex']": "female",
                "input[name='age']": "18",
                "select[name='location']": str(chiang_rai.pk),
                "select[name='need']": "online_grooming",
                "select[name='risk_level']": "high",
            },
            "new case",
            width,
        )
        expect(page.locator("input[name='age'][aria-invalid='true']")).to_be_visible()
    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)


def test_the_receiving_caseworkers_and_the_dpos_pages_are_accessible(page: Page, live_server):
    w, made = connect_world()
    referral: Referral = made["referral"]
    base = live_server.url
    sign_in_quietly(page, base, w.users["receiving_caseworker"])
    page.goto(f"{base}/connect/referrals/{referral.pk}/")
    for name in ("Accept", "Decline"):
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()
    found = visit(
        page,
        base,
        {
            "referral received": f"/connect/referrals/{referral.pk}/",
            "decline": f"/connect/referrals/{referral.pk}/decline/",
            "incoming referrals": "/connect/referrals/",
        },
    )
    for width, viewport in WIDTHS:
        page.set_viewport_size(viewport)
        found += send_with_errors(page, base, f"/connect/referrals/{referral.pk}/decline/", {}, "decline", width)
    page.context.clear_cookies()

    sign_in_quietly(page, base, w.users["dpo"])
    page.goto(f"{base}/connect/who-saw/?reference={made['case'].reference}")
    expect(page.locator("main table")).to_be_visible()
    found += visit(page, base, {"who saw": f"/connect/who-saw/?reference={made['case'].reference}"})
    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)


def test_the_coordinators_connect_pages_are_accessible(page: Page, live_server):
    w, made = connect_world(done=11)
    coordinator: Any = w.users["coordinator"]
    base = live_server.url
    provider = made["service"].organisation
    place = ServiceLocation.objects.get(name="FACE office")
    thailand: Any = w.countries["thailand"]
    pages = {
        "providers": "/connect/providers/",
        "provider": f"/connect/providers/{provider.pk}/",
        "service edit": f"/connect/services/{made['service'].pk}/edit/",
        "new location": f"/connect/providers/{provider.pk}/locations/new/",
        "location edit": f"/connect/locations/{place.pk}/edit/",
        "HSDS import": "/connect/directory/import/",
        "pathway edit": f"/connect/pathways/{made['pathway'].pk}/edit/",
        "referral policies": "/connect/policies/",
        "referral policy": f"/connect/policies/{thailand.pk}/",
        "overdue register": "/connect/referrals/overdue/",
        "numbers": "/connect/numbers/",
    }
    sign_in_quietly(page, base, coordinator)
    page.goto(f"{base}/connect/referrals/overdue/")
    expect(page.locator("#overdue-register")).to_contain_text(made["overdue"].case.reference)
    page.goto(f"{base}/connect/pathways/{made['pathway'].pk}/edit/")
    expect(page.locator("fieldset.pathway-step-form").first).to_be_visible()
    found = visit(page, base, pages)
    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)
