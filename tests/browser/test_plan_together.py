"""A facilitator of Chiang Rai takes the location from Plan to Create, in Debian's Chromium driven by Playwright.

Adds two stakeholders and finds them on the power/interest grid, runs a
workshop that brings in three risks from the mapping's findings, scores and
ranks them, makes an action plan with two actions, moves the location from
Plan to Create and sees it change on the partnership board.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD, build_world
from cpphub.mapping.models import Finding
from cpphub.planning.models import Priority, Workshop

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RISKS = [
    ("Strangers in game chats ask girls 13-15 for photos", "contact", "sexual"),
    ("Boys are offered game credits for webcam shows", "contract", "sexual"),
    ("Pictures shared without asking in class groups", "conduct", "aggressive"),
]
SECTOR_LABELS = [("law_enforcement", "Law enforcement"), ("private_sector", "Private sector")]
# Severity, children, feasibility, strengths: the second risk comes first, then the first, then the third.
SCORES = [(4, 4, 3, 3), (5, 4, 4, 4), (2, 3, 3, 2)]


def findings(world) -> None:
    chiang_rai = world.locations["chiang_rai"]
    for summary, dimension, row in RISKS:
        Finding.objects.create(
            location=chiang_rai,
            kind="risk",
            summary=summary,
            source_type="focus_group",
            perspective="child",
            risk_dimension=dimension,
            risk_row=row,
            severity=3,
            carried_forward=True,
        )
    Finding.objects.create(
        location=chiang_rai,
        kind="strength",
        summary="Children trust the school counsellor",
        source_type="focus_group",
        perspective="child",
        strength="trusted_adult",
    )


def submit(page: Page) -> None:
    page.locator("main form button[type='submit']").last.click()


def test_a_facilitator_plans_with_the_group_and_moves_chiang_rai_to_create(page: Page, live_server):
    world = build_world()
    chiang_rai = world.locations["chiang_rai"]
    chiang_rai.stage = "plan"
    chiang_rai.save(update_fields=["stage"])
    findings(world)
    facilitator = world.users["facilitator"]
    base = live_server.url

    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", facilitator.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_contain_text("Bottom up")

    # Two stakeholders: one with much power and interest, one with little power but much interest.
    for name, sector, power, interest in [
        ("Chiang Rai Provincial Police", "law_enforcement", "5", "4"),
        ("Mae Sai internet café owners", "private_sector", "2", "4"),
    ]:
        page.goto(f"{base}/planning/stakeholders/new/")
        page.select_option("select[name='location']", str(chiang_rai.pk))
        page.fill("input[name='name']", name)
        page.select_option("select[name='sector']", label=dict(SECTOR_LABELS)[sector])
        page.fill("input[name='power']", power)
        page.fill("input[name='interest']", interest)
        submit(page)
        expect(page.locator("main h1")).to_contain_text(name)

    page.goto(f"{base}/planning/stakeholders/grid/?location={chiang_rai.slug}")
    expect(page.locator(".pi-manage_closely")).to_contain_text("Chiang Rai Provincial Police")
    expect(page.locator(".pi-keep_informed")).to_contain_text("Mae Sai internet café owners")

    # The workshop, with the three risks brought in from the mapping.
    page.goto(f"{base}/planning/workshops/new/")
    page.select_option("select[name='location']", str(chiang_rai.pk))
    page.fill("input[name='title']", "Planning workshop, Chiang Rai")
    page.fill("input[name='date']", "2026-11-20")
    submit(page)
    expect(page.locator("main h1")).to_contain_text("Planning workshop, Chiang Rai")
    workshop = Workshop.objects.get(location=chiang_rai)
    bring = page.locator("#bring-findings")
    if bring.evaluate("details => !details.open"):
        bring.locator("summary").click()
    for summary, _dimension, _row in RISKS:
        finding = Finding.objects.get(summary=summary)
        bring.locator(f"input[name='findings'][value='{finding.pk}']").check()
    bring.get_by_role("button", name="Bring in as priorities").click()
    expect(page.locator("main")).to_contain_text(RISKS[2][0])
    assert workshop.priorities.count() == 3

    # The group's scores, then the ranking with its reasoning.
    for (summary, _dimension, _row), scores in zip(RISKS, SCORES, strict=True):
        priority = Priority.objects.get(workshop=workshop, title=summary)
        page.goto(f"{base}/planning/priorities/{priority.pk}/score/")
        for criterion, score in zip(("severity", "children", "feasibility", "strengths"), scores, strict=True):
            page.fill(f"input[name='score-{priority.pk}-{criterion}']", str(score))
        submit(page)
        expect(page.locator("main")).not_to_contain_text("This field is required")
    page.goto(f"{base}/planning/workshops/{workshop.pk}/")
    page.fill("textarea[name='reasoning']", "Paid webcam shows reach the youngest boys; the police can act at once.")
    page.get_by_role("button", name="Rank", exact=True).click()
    ranking = page.locator("main table").first
    expect(ranking.locator("tbody tr").first).to_contain_text(RISKS[1][0])
    expect(ranking.locator("tbody tr").nth(1)).to_contain_text(RISKS[0][0])
    expect(ranking.locator("tbody tr").nth(2)).to_contain_text(RISKS[2][0])

    # The action plan and two actions, led by the location's lead partner.
    page.goto(f"{base}/planning/plans/new/")
    page.select_option("select[name='location']", str(chiang_rai.pk))
    page.fill("input[name='title']", "Chiang Rai action plan 2027")
    page.select_option("select[name='workshop']", str(workshop.pk))
    submit(page)
    expect(page.locator("main h1")).to_contain_text("Chiang Rai action plan 2027")
    plan_url = page.url
    for title, outcome, start, end in [
        ("Police unit trained on live-streamed abuse", "equip", "2027-01-10", "2027-03-31"),
        ("Internet cafés display the helpline", "connect", "2027-02-01", "2027-06-30"),
    ]:
        page.get_by_role("button", name="New action").first.click()
        page.fill("input[name='title']", title)
        page.select_option("select[name='outcome']", outcome)
        page.select_option("select[name='lead_partner']", str(world.orgs["face"].pk))
        page.fill("input[name='start']", start)
        page.fill("input[name='end']", end)
        submit(page)
        expect(page.locator("main")).to_contain_text(title)
        page.goto(plan_url)
    expect(page.locator("main")).to_contain_text("Internet cafés display the helpline")

    # From Plan to Create, and the board shows it.
    page.goto(f"{base}/planning/locations/{chiang_rai.pk}/cycle/")
    page.locator("#move-next").click()
    expect(page.locator("main")).to_contain_text("Create")
    chiang_rai.refresh_from_db()
    assert chiang_rai.stage == "create"
    page.goto(f"{base}/planning/board/")
    expect(page.locator("#column-create")).to_contain_text("Chiang Rai")
    expect(page.locator("#column-plan")).not_to_contain_text("Chiang Rai")
