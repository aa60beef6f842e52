"""A coordinator brings bottom up and top down together, in Debian's Chromium driven by Playwright.

Opens the synergy list, accepts the suggested match between a Chiang Rai
priority and a Thai national priority, turns it into a coordinated action led
by FACE (Chiang Rai) with a contribution of Plan Thailand (a Thai national
partner), gives it needs, runs the optimiser, pins one assignment, re-solves,
and accepts the allocation as the first dated version.
"""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from conftest import PASSWORD, build_world
from cpphub.coordination.models import AllocationRun, CoordinatedAction, Synergy
from cpphub.coordination.tests.allocation_records import capacities, chiang_rai_need
from cpphub.coordination.tests.synergy_records import thai_synergy
from tests.browser.test_first_steps import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page: Page) -> None:
    page.locator("main form button[type='submit']").last.click()


def test_a_coordinator_turns_a_synergy_into_a_coordinated_action_and_allocates_resources(page: Page, live_server):
    world = build_world()
    synergy = thai_synergy(world)  # suggested: Chiang Rai's grooming priority <-> Thailand's national priority
    capacities(world)  # FACE's trainers and budget, Plan Thailand's budget
    chiang_rai_need(world)  # a Chiang Rai action that competes for them
    coordinator = world.users["coordinator"]
    device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    base = live_server.url

    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", coordinator.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    page.fill("input[name='token-otp_token']", current_code(device))
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_contain_text("Coordination")

    # The synergy list explains the suggestion; the coordinator accepts it.
    page.goto(f"{base}/coordination/synergies/")
    card = page.locator(f"article#synergy-{synergy.pk}")
    expect(card).to_contain_text(synergy.local_item.title)
    expect(card).to_contain_text(synergy.national_item.title)
    card.get_by_role("button", name="Accept").click()
    expect(card.get_by_role("button", name="Make a coordinated action")).to_be_visible()
    synergy.refresh_from_db()
    assert synergy.status == Synergy.Status.ACCEPTED

    # The coordinated action, prefilled from the synergy: FACE of Chiang Rai leads it.
    card.get_by_role("button", name="Make a coordinated action").click()
    expect(page.locator("input[name='title']")).not_to_have_value("")
    page.fill("input[name='title']", "Chiang Rai schools and Thai police against online grooming")
    page.select_option("select[name='lead']", str(world.orgs["face"].pk))
    page.fill("input[name='children_to_reach']", "600")
    submit(page)
    expect(page.locator("main h1")).to_contain_text("Chiang Rai schools and Thai police against online grooming")
    action = CoordinatedAction.objects.get(synergy=synergy)
    assert [loc.slug for loc in action.locations.all()] == ["chiang-rai"]

    # Plan Thailand, a national partner, contributes money.
    page.get_by_role("button", name="Add a contribution").click()
    page.select_option("select[name='organisation']", str(world.orgs["plan_thailand"].pk))
    page.select_option("select[name='kind']", "money")
    page.fill("input[name='amount']", "15000")
    page.fill("input[name='unit']", "THB")
    submit(page)
    contributions = page.locator("table.contributions")
    expect(contributions).to_contain_text("Plan Thailand")
    expect(contributions).to_contain_text("Foundation for Child Development")

    # What the action needs from the partnership's resources.
    page.locator("#action-needs").click()
    page.fill("input[name='need_trainers']", "60")
    page.fill("input[name='need_budget']", "40000")
    submit(page)
    assert action.need_profile.needs.count() == 2

    # The optimiser proposes an allocation; the coordinator pins one assignment and re-solves.
    page.goto(f"{base}/coordination/allocations/")
    page.locator("#run-optimiser").click()
    expect(page.locator("#run-status")).to_have_attribute("data-status", "proposed")
    first = AllocationRun.objects.get()
    expect(page.locator("main")).to_contain_text("Chiang Rai schools and Thai police against online grooming")
    pin = page.locator("input[data-pin]").first
    pinned = pin.get_attribute("data-pin")
    pin.check()
    page.locator("#resolve-button").click()
    expect(page.locator("#run-status")).to_have_attribute("data-status", "proposed")
    second = AllocationRun.objects.exclude(pk=first.pk).get()
    assert second.parent_id == first.pk
    partner, action_key, resource = pinned.split("|")
    assert [(p["partner"], p["action"], p["resource"]) for p in second.pins] == [(partner, action_key, resource)]
    assert any(
        a["partner"] == partner and a["action"] == action_key and a["resource"] == resource and a["amount"] > 0
        for a in second.result["assignments"]
    )
    expect(page.locator(f"input[data-pin='{pinned}']")).to_be_checked()

    # Accepted: the first dated version.
    page.locator("#accept-allocation").click()
    expect(page.locator("#run-status")).to_have_attribute("data-status", "accepted")
    second.refresh_from_db()
    assert second.status == AllocationRun.Status.ACCEPTED and second.version == 1 and second.accepted_at
    page.goto(f"{base}/coordination/allocations/")
    expect(page.locator("#current-version h2")).to_contain_text("Current allocation: version 1")

    # The action is seen from its location's side too.
    page.goto(f"{base}/planning/locations/{world.locations['chiang_rai'].pk}/cycle/")
    expect(page.locator("main")).to_contain_text("Chiang Rai schools and Thai police against online grooming")
