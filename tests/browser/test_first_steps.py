"""A coordinator's first steps, in Debian's Chromium driven by Playwright.

Signs in with a second factor, switches to Thai and to Portuguese and reads the
translated navigation, creates an organisation, and downloads the list of
organisations as XLSX that opens with openpyxl.
"""

from __future__ import annotations

import openpyxl
import pytest
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def translated(text: str, language: str) -> str:
    with translation.override(language):
        result = translation.gettext(text)
    assert result != text, f"{text!r} has no {language} translation"
    return result


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_a_coordinator_signs_in_with_two_factor_switches_language_and_exports_organisations(
    page: Page, live_server, tmp_path
):
    world = build_world()
    coordinator = world.users["coordinator"]
    device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    base = live_server.url

    # Sign in: email and password, then the code from the authenticator app.
    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", coordinator.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    page.fill("input[name='token-otp_token']", current_code(device))
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_contain_text("Partnership")

    # The navigation in Thai, then in Portuguese.
    # The switcher sends the form on change once the page's script has run.
    page.wait_for_load_state("load")
    page.select_option("#language-select", "th")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("nav.main-nav")).to_contain_text(translated("Partnership", "th"))
    page.wait_for_load_state("load")
    page.select_option("#language-select", "pt-br")
    expect(page.locator("html")).to_have_attribute("lang", "pt-br")
    expect(page.locator("nav.main-nav")).to_contain_text(translated("Partnership", "pt-br"))
    expect(page.locator("nav.main-nav")).to_contain_text(translated("Organisations", "pt-br"))

    # A new organisation, created through the form.
    page.goto(f"{base}/partnership/organisations/new/")
    page.fill("input[name='name']", "Centro de Defesa da Criança de Maranhão")
    page.fill("input[name='acronym']", "CDC-MA")
    page.check(f"input[name='sectors'][value='{world.orgs['face'].sectors.get().pk}']")
    page.select_option("select[name='country']", label="Brazil")
    page.locator("main form button[type='submit']").last.click()
    expect(page.locator("main h1")).to_contain_text("Centro de Defesa da Criança de Maranhão")

    # The list downloads as XLSX, and the new organisation is in it.
    page.goto(f"{base}/partnership/organisations/")
    with page.expect_download() as download_info:
        page.locator("a[href*='export.xlsx']").first.click()
    path = tmp_path / "organisations.xlsx"
    download_info.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    header = list(next(sheet.iter_rows(max_row=1, values_only=True)))
    name_column = header.index(translated("Name", "pt-br"))
    names = [row[name_column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Centro de Defesa da Criança de Maranhão" in names
    assert "Plan Thailand" in names
