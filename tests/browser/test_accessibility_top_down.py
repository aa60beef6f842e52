"""The top-down pages and those that bring both together are accessible, like the main pages.

The same checks as tests/browser/test_accessibility.py (whose helpers this module uses):
axe-core's WCAG 2.1 A and AA rules (serious and critical violations) and its
landmark and heading rules, faint field borders, the keyboard (skip link, order,
visible focus with a 3:1 indicator) at desktop width, and reflow at a phone's 390px.

The coordinator (with a second factor) visits the national pages (meetings,
priorities, strengths, commitments, the MNR overview, an assessment and its
ratings form) and the coordination pages (a suggested synergy with its dismiss
reason open, a coordinated action, the resources and needs, a proposed
allocation with its pin and forbid boxes, the settings and the 3W). The Thai
national focal point, who needs no second factor, sees the national overview,
Thailand's assessment and the MNR overview with the aggregate withheld.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, ViewportSize, expect

from conftest import PASSWORD, World, build_world
from cpphub.coordination.models import NeedProfile
from cpphub.coordination.tests import allocation_records, synergy_records
from cpphub.national.tests import national_records
from tests.browser.test_accessibility import (  # noqa: F401  (browser_context_args: a fixture used by pytest)
    DESKTOP,
    PHONE,
    audit,
    browser_context_args,
    keyboard,
    settle,
    sign_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (("desktop", cast(ViewportSize, DESKTOP)), ("phone", cast(ViewportSize, PHONE)))


def top_down_world() -> tuple[World, dict[str, Any]]:
    """Thai and Brazilian national work, a suggested synergy, a coordinated action and a proposed allocation."""
    w = build_world()
    # Coordinates, so the 3W page draws its map of the pilot locations.
    for key, (lat, lng) in {"chiang_rai": ("19.9105", "99.8406"), "santo_andre": ("-23.6639", "-46.5383")}.items():
        location: Any = w.locations[key]
        location.latitude, location.longitude = Decimal(lat), Decimal(lng)
        location.save()
    engagement = national_records.thai_engagement(w)
    national_records.brazil_engagement(w)
    national_records.thai_priority(w, engagement)
    national_records.brazil_priority(w)
    national_records.thai_strength(w, engagement)
    national_records.thai_expectation(w, engagement)
    commitment = national_records.thai_commitment(w, engagement)
    thai_mnr = national_records.thai_assessment(w)
    national_records.brazil_assessment(w)
    synergy = synergy_records.thai_synergy(w)
    action = synergy_records.chiang_rai_coordinated_action(w)
    run = allocation_records.proposed_run(w)
    allocation_records.need_profile(commitment, {"budget": 10_000}, children=200)
    records = {
        "engagement": engagement,
        "mnr": thai_mnr,
        "synergy": synergy,
        "action": action,
        "run": run,
    }
    return w, records


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
            if page.locator("#three-w-map").count():
                page.wait_for_selector("#three-w-map .leaflet-marker-icon")
            found += audit(page, f"{name} / {width}", reflow=width == "phone")
            if width == "desktop":
                found += keyboard(page, f"{name} / {width}")
    return found


def test_the_coordinators_top_down_and_coordination_pages_are_accessible(page: Page, live_server):
    w, records = top_down_world()
    local_need = NeedProfile.objects.filter(local_action__isnull=False).first()
    assert local_need is not None
    coordinator: Any = w.users["coordinator"]
    face: Any = w.orgs["face"]
    device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    base = live_server.url
    engagement, mnr, synergy, action, run = (records[k] for k in ("engagement", "mnr", "synergy", "action", "run"))
    pages = {
        "national overview": "/national/",
        "meetings": "/national/meetings/",
        "meeting": f"/national/meetings/{engagement.pk}/",
        "new meeting": "/national/meetings/new/",
        "national priorities": "/national/priorities/",
        "new national priority": "/national/priorities/new/",
        "national strengths": "/national/strengths/",
        "new national strength": "/national/strengths/new/",
        "commitments": "/national/commitments/",
        "new commitment": "/national/commitments/new/",
        "MNR overview": "/national/mnr/",
        "MNR assessment": f"/national/mnr/{mnr.pk}/",
        "MNR ratings": f"/national/mnr/{mnr.pk}/edit/",
        "synergies": "/coordination/synergies/",
        "synergy": f"/coordination/synergies/{synergy.pk}/",
        "coordinated actions": "/coordination/actions/",
        "coordinated action": f"/coordination/actions/{action.pk}/",
        "new coordinated action": "/coordination/actions/new/",
        "resources": "/coordination/resources/",
        "needs": f"/coordination/needs/local/{local_need.local_action_id}/",
        "capacities": f"/coordination/partners/{face.pk}/capacities/",
        "allocations": "/coordination/allocations/",
        "allocation": f"/coordination/allocations/{run.pk}/",
        "allocation settings": "/coordination/allocations/settings/",
        "3W": "/coordination/3w/",
    }

    assert run.status == "proposed"
    found = sign_in(page, base, coordinator.email, device)
    found += visit(page, base, pages)
    # The proposed run shows its pin and forbid boxes (audited above).
    page.goto(f"{base}/coordination/allocations/{run.pk}/")
    expect(page.locator("input[name='pin']").first).to_be_visible()
    expect(page.locator("input[name='forbid']").first).to_be_visible()
    for width, viewport in WIDTHS:
        page.set_viewport_size(viewport)
        # A suggested synergy with its dismiss reason open.
        page.goto(f"{base}/coordination/synergies/")
        settle(page)
        card = page.locator(f"#synergy-{synergy.pk}")
        card.locator("details summary").click()
        expect(card.locator("input[name='reason']")).to_be_visible()
        found += audit(page, f"synergies, dismiss open / {width}", reflow=width == "phone")
        if width == "desktop":
            found += keyboard(page, f"synergies, dismiss open / {width}")
        # Empty forms sent anyway (the browser's own check would stop them first): the server's errors.
        for name, path in (
            ("new national priority", "/national/priorities/new/"),
            ("new meeting", "/national/meetings/new/"),
            ("new coordinated action", "/coordination/actions/new/"),
        ):
            page.goto(f"{base}{path}")
            page.locator("main form").last.evaluate("form => { form.noValidate = true; }")
            page.locator("main form button[type='submit']").last.click()
            expect(page.locator("[aria-invalid='true']").first).to_be_visible()
            found += audit(page, f"{name}, errors / {width}", reflow=width == "phone")
    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)


def test_the_thai_focal_points_national_pages_are_accessible(page: Page, live_server):
    w, records = top_down_world()
    focal_point: Any = w.users["national_focal_point"]
    base = live_server.url
    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", focal_point.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_be_attached()
    page.goto(f"{base}/national/mnr/")
    expect(page.locator(".mnr-withheld")).to_be_visible()
    pages = {
        "national overview": "/national/",
        "Thailand's MNR assessment": f"/national/mnr/{records['mnr'].pk}/",
        "MNR overview, withheld": "/national/mnr/",
    }
    found = visit(page, base, pages)
    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)
