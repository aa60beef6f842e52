"""A Mercy Centre caseworker refers a child on the Klong Toey pathway; FACE accepts and completes it.

In Debian's Chromium driven by Playwright: sign-in with a second factor, the
Klong Toey "online grooming" pathway, a FACE service on it, registering the
child, recording the parent's consent for FACE, the referral; then FACE's
caseworker (second factor too) accepts it, starts the service and records it
as done; and the referral counts in Klong Toey's numbers.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from conftest import PASSWORD, World, build_world, password_hash
from cpphub.accounts.models import Membership, User
from cpphub.audit.models import AccessLogEntry
from cpphub.connect.models import Referral
from cpphub.connect.tests import records
from cpphub.partnership.models import Organisation, PilotLocation
from tests.browser.test_first_steps import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHILD = "Nong Fah Browser-Test"


def klong_toey(world: World) -> tuple[PilotLocation, User]:
    """Klong Toey, Mercy Centre and its caseworker (the shared test world has neither)."""
    mercy = Organisation.objects.create(name="Mercy Centre", country=world.countries["thailand"], level="local")
    location = PilotLocation.objects.create(
        name="Klong Toey", slug="klong-toey", country=world.countries["thailand"], lead_partner=mercy
    )
    user = User.objects.create(email="caseworker.mercy@example.org", full_name="Pim Mercy", password=password_hash())
    Membership.objects.create(user=user, organisation=mercy, role="caseworker", scope="organisation")
    return location, user


def sign_in(page: Page, base: str, user: User) -> None:
    device = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})[0]
    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", user.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    page.fill("input[name='token-otp_token']", current_code(device))
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_contain_text("Connect")


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def submit(page: Page) -> None:
    page.locator("main form button[type='submit']").last.click()


def earlier_referrals(world: World, location: PilotLocation, count: int) -> None:
    """Referrals FACE already completed in Klong Toey, so its numbers are large enough to be published."""
    now = timezone.now()
    for _ in range(count):
        records.referral(
            world,
            status="done",
            case=records.case(world, location=location, identified_on=timezone.localdate() - dt.timedelta(days=9)),
            accepted_at=now - dt.timedelta(days=6),
            started_at=now - dt.timedelta(days=5),
            completed_at=now - dt.timedelta(days=1),
            sent_at=now - dt.timedelta(days=7),
            deadline_at=now - dt.timedelta(days=6),
        )


def test_a_mercy_centre_caseworker_refers_a_child_and_face_accepts_and_completes_it(page: Page, live_server):
    world = build_world()
    location, mercy_caseworker = klong_toey(world)
    legal_aid = records.service(world, name="Legal aid for child victims")
    legal_aid.pilot_locations.add(location)
    pathway = records.pathway(world, legal_aid)
    pathway.location = location
    pathway.save()
    earlier_referrals(world, location, 11)
    base = live_server.url

    # The Mercy Centre caseworker finds the legal aid service on Klong Toey's grooming pathway.
    sign_in(page, base, mercy_caseworker)
    page.goto(f"{base}/connect/pathways/?location=klong-toey")
    page.get_by_role("link", name="Disclosed online grooming").first.click()
    expect(page.locator("main")).to_contain_text("Legal aid for child victims")
    page.get_by_role("button", name="Refer", exact=True).click()

    # Registers the child: minimal identifying data, the need and the risk.
    page.get_by_role("button", name="Register a child").click()
    page.fill("input[name='name']", CHILD)
    page.select_option("select[name='sex']", "female")
    page.fill("input[name='age']", "13")
    page.select_option("select[name='location']", str(location.pk))
    page.fill("input[name='guardian_contact']", "Aunt Noi, +66 2 555 0142")
    page.select_option("select[name='need']", "online_grooming")
    page.select_option("select[name='risk_level']", "high")
    submit(page)

    # The aunt's consent: FACE may receive who the child is, how to reach the aunt and what happened.
    expect(page.locator("main h1")).to_contain_text("onsent")
    page.select_option("select[name='given_by']", "guardian")
    page.fill("input[name='given_by_name']", "Aunt Noi")
    expect(page.locator(f"input[name='organisations'][value='{legal_aid.organisation.pk}']")).to_be_checked()
    for code in ("identity", "contact", "situation"):
        page.check(f"input[name='information'][value='{code}']")
    submit(page)

    # The referral form comes prefilled with the service from the pathway.
    expect(page.locator("select[name='service']")).to_have_value(str(legal_aid.pk))
    for code in ("identity", "contact"):
        page.check(f"input[name='shared_information'][value='{code}']")
    page.fill("textarea[name='message']", "Please call the aunt first")
    submit(page)
    expect(page.locator("main")).to_contain_text("Sent")
    referral = Referral.objects.get(case__location=location, status="sent")
    assert referral.receiving_organisation == world.orgs["face"]
    assert referral.deadline_at - referral.sent_at == dt.timedelta(hours=24)  # high risk, Thailand's default
    sign_out(page)

    # FACE's caseworker accepts it, starts the service and records it as done.
    sign_in(page, base, world.users["receiving_caseworker"])
    page.goto(f"{base}/connect/referrals/")
    page.get_by_role("link", name=referral.case.reference).first.click()
    expect(page.locator("main")).to_contain_text(CHILD)
    for action, note in (("Accept", ""), ("Start the service", ""), ("Record as done", "Legal advice given")):
        page.get_by_role("button", name=action).click()
        if note:
            page.fill("textarea[name='reason']", note)
        submit(page)
    expect(page.locator("main")).to_contain_text("Done")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DONE
    assert referral.accepted_at and referral.started_at and referral.completed_at
    assert AccessLogEntry.objects.filter(
        object_type="connect.referral", object_id=str(referral.pk), user=world.users["receiving_caseworker"]
    ).exists()

    # The referral counts in Klong Toey's numbers: 12 made, 12 completed.
    page.goto(f"{base}/connect/numbers/?location=klong-toey")
    row = page.locator("main table tr", has_text="Klong Toey").first
    expect(row.locator("td").nth(0)).to_have_text("12")  # made
    expect(row.locator("td").nth(2)).to_have_text("12")  # completed
