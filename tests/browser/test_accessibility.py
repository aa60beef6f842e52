"""The main pages are accessible: axe-core's WCAG 2.1 A and AA checks, and the keyboard.

axe-core (MPL-2.0, a test tool vendored by `make vendor` into tests/browser/vendor,
never shipped in the static files) is injected into each page after its scripts
have drawn the maps and charts. A violation of impact "serious" or "critical"
fails the test (names and labels, contrast of text, ARIA), and so does any breach
of axe's landmark and heading rules. What axe does not check is checked here:

- the keyboard: the first Tab reaches the skip link, which moves focus to the
  content; every Tab stop is on screen, in the order of the page, with a focus
  indicator of at least 3:1 against what surrounds it; Tab leaves the page at the end;
- the borders of form fields and check boxes reach 3:1 (WCAG 1.4.11);
- at a phone's 390px the page never scrolls sideways (WCAG 1.4.10).

One browser session visits every page, at desktop width and at 390px, and the home
page once more in Thai; every finding is collected first, so one run reports them all.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from conftest import PASSWORD, build_world
from cpphub.mapping.services.people import participant_create
from cpphub.mapping.tests.child_survey import child_survey
from cpphub.mapping.tests.riskmap_counts import write_counts
from cpphub.planning.tests import create_records, engage_records, plan_records

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ["serious", "critical"]
# axe files these under "best-practice", so the WCAG tags leave them out: any breach fails.
STRUCTURE_RULES = [
    "landmark-one-main",
    "landmark-no-duplicate-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-complementary-is-top-level",
    "landmark-unique",
    "region",
    "page-has-heading-one",
    "heading-order",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MAX_TAB_STOPS = 200

# Runs axe twice on the whole document: the WCAG rules (serious and critical
# violations only), then the landmark and heading rules (every violation).
RUN_AXE = """
async ([tags, blocking, structure]) => {
  const describe = (violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
    summary: (violation.nodes.length && violation.nodes[0].failureSummary) || "",
  });
  const wcag = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  const landmarks = await axe.run(document, {runOnly: {type: "rule", values: structure}});
  return wcag.violations.filter((violation) => blocking.includes(violation.impact)).map(describe)
    .concat(landmarks.violations.map(describe));
}
"""

# Colour helpers shared by the checks below, defined once per page as window.cppA11y.
HELPERS = """
window.cppA11y = (() => {
  const parse = (text) => {
    const m = text.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const over = (top, below) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat([1]);
  // The colour behind an element: its own background and its ancestors', composited on white.
  const background = (element) => {
    const layers = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) { break; } }
    }
    return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.slice(0, 3).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const describe = (element) => {
    const name = (element.getAttribute("aria-label") || element.textContent || element.getAttribute("name") || "")
      .trim().replace(/\\s+/g, " ").slice(0, 40);
    const classes = typeof element.className === "string" ? element.className.trim().split(/\\s+/).filter(Boolean) : [];
    return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + classes.map((cls) => "." + cls).join("") + (name ? ` "${name}"` : "");
  };
  return {parse, over, background, contrast, describe};
})();
"""

# The element that has the keyboard focus: where it is, whether it shows, its focus indicator.
FOCUSED = """
() => {
  const {parse, over, background, contrast, describe} = window.cppA11y;
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) { return null; }
  const style = getComputedStyle(element);
  const box = element.getClientRects()[0] || element.getBoundingClientRect();
  const x = box.left + box.width / 2, y = box.top + box.height / 2;
  const onScreen = box.width >= 4 && box.height >= 4 && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight
    && style.visibility !== "hidden" && style.opacity !== "0";
  const hit = onScreen ? document.elementsFromPoint(x, y) : [];
  const seen = hit.some((other) => other === element || element.contains(other) || other.contains(element));
  // The indicator: the outline and box-shadow colours, against the colour around the element.
  const around = background(element.parentElement || element);
  const colours = [];
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1) { colours.push(parse(style.outlineColor)); }
  if (style.boxShadow && style.boxShadow !== "none") {
    (style.boxShadow.match(/rgba?\\([^)]*\\)/g) || []).forEach((text) => colours.push(parse(text)));
  }
  const best = Math.max(0, ...colours.filter(Boolean).map((colour) => contrast(over(colour, around), around)));
  const all = Array.from(document.querySelectorAll("*"));
  return {name: describe(element), index: all.indexOf(element), id: element.id,
          skip: element.classList.contains("skip-link"), seen, indicator: best};
}
"""

# Form fields and check boxes whose border is all that shows them, below 3:1.
FAINT_FIELDS = """
() => {
  const {parse, over, background, contrast, describe} = window.cppA11y;
  const found = [];
  document.querySelectorAll("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")
    .forEach((field) => {
      const box = field.getBoundingClientRect();
      if (!box.width || !box.height || field.disabled) { return; }
      const style = getComputedStyle(field);
      const around = background(field.parentElement);
      const fill = background(field);
      const border = parse(style.borderTopColor);
      if (parseFloat(style.borderTopWidth) < 1 || !border) { return; }
      // A filled field that stands out from the page needs no border to be seen.
      if (contrast(fill, around) >= 3) { return; }
      const ratio = Math.max(contrast(over(border, around), around), contrast(over(border, fill), fill));
      if (ratio < 3) { found.push(`${describe(field)} ${ratio.toFixed(2)}:1`); }
    });
  return found;
}
"""


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):  # type: ignore[no-untyped-def]
    """The site's CSP allows no inline script, and axe is injected as one: let the test tool in.

    Reduced motion: Pico then drops its transitions, so a focus ring is read as it ends, not halfway.
    """
    return {**browser_context_args, "bypass_csp": True, "reduced_motion": "reduce"}


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def prepare(page: Page) -> None:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    page.evaluate(HELPERS)


def audit(page: Page, label: str, *, reflow: bool = False) -> list[str]:
    """axe's findings and the faint field borders on the page as it is now, one entry per rule."""
    prepare(page)
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, [WCAG_TAGS, BLOCKING, STRUCTURE_RULES])
    found = [
        f"[{label}] {v['id']} ({v['impact']}): {v['help']}\n"
        f"    on: {', '.join(v['targets'][:8])}{' …' if len(v['targets']) > 8 else ''}\n"
        f"    {v['summary'].replace(chr(10), ' ')}"
        for v in violations
    ]
    faint = page.evaluate(FAINT_FIELDS)
    if faint:
        found.append(f"[{label}] field borders below 3:1 (WCAG 1.4.11): {', '.join(faint[:8])}")
    if reflow:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            found.append(f"[{label}] the page scrolls {overflow}px sideways (WCAG 1.4.10)")
    return found


# The next Tab starts from the top of the page, wherever the focus was (a field with autofocus).
FROM_THE_TOP = """
() => {
  const start = document.createElement("span");
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus();
  start.addEventListener("blur", () => start.remove(), {once: true});
}
"""


def keyboard(page: Page, label: str) -> list[str]:
    """Tabs through the whole page from the top, then follows the skip link."""
    prepare(page)
    page.evaluate(FROM_THE_TOP)
    found: list[str] = []
    stops: list[dict[str, Any]] = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop["index"] == stops[0]["index"]):
            break  # out of the page, or round to its top again
        if stops and stop["index"] == stops[-1]["index"]:
            # The day, month and year of a date field are Tab stops of one element: one stop.
            stops[-1]["indicator"] = max(stops[-1]["indicator"], stop["indicator"])
            continue
        stops.append(stop)
    else:
        found.append(f"[{label}] keyboard: Tab never leaves the page ({MAX_TAB_STOPS} stops)")
    if not stops or not stops[0]["skip"]:
        first = stops[0]["name"] if stops else "nothing"
        found.append(f"[{label}] keyboard: the first Tab stop is {first}, not the skip link")
    for previous, stop in zip([None, *stops], stops, strict=False):
        if not stop["seen"]:
            found.append(f"[{label}] keyboard: {stop['name']} takes the focus but is not visible (WCAG 2.4.7)")
        if stop["indicator"] < 3:
            found.append(
                f"[{label}] keyboard: the focus indicator of {stop['name']} reaches {stop['indicator']:.2f}:1, "
                "not 3:1 (WCAG 1.4.11)"
            )
        if previous and stop["index"] <= previous["index"]:
            found.append(f"[{label}] keyboard: focus goes back from {previous['name']} to {stop['name']} (WCAG 2.4.3)")
    # The skip link, followed: the focus lands on the main content.
    page.evaluate(FROM_THE_TOP)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    if page.evaluate("document.activeElement.id") != "main":
        found.append(f"[{label}] keyboard: the skip link does not move the focus to the main content (WCAG 2.4.1)")
    return found


def settle(page: Page) -> None:
    """Waits for what the page's scripts draw: the Leaflet maps and the charts."""
    if page.locator("#home-map").count():
        page.wait_for_selector("#home-map .leaflet-marker-icon")
        expect(page.locator("[data-map-zoom-buttons]")).to_be_visible()
    if page.locator("#location-map").count():
        page.wait_for_selector("#location-map .leaflet-marker-icon")
    page.wait_for_load_state("networkidle")


def sign_in(page: Page, base: str, email: str, device: TOTPDevice) -> list[str]:
    """Signs in through both steps, checking each of them at both widths while signed out.

    Once only: django-otp refuses a code that has already been used.
    """
    found = []
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/account/login/")
    found += audit(page, "sign in / desktop") + keyboard(page, "sign in / desktop")
    page.set_viewport_size(PHONE)
    found += audit(page, "sign in / phone", reflow=True)
    page.fill("input[name='auth-username']", email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("input[name='token-otp_token']")).to_be_visible()
    found += audit(page, "sign-in code / phone", reflow=True)
    page.set_viewport_size(DESKTOP)
    found += audit(page, "sign-in code / desktop") + keyboard(page, "sign-in code / desktop")
    page.fill("input[name='token-otp_token']", current_code(device))
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_be_attached()
    return found


GROUPS = [(band, sex) for band in ("10_12", "13_15", "16_17") for sex in ("female", "male")]


def test_the_main_pages_are_accessible(page: Page, live_server):
    world = build_world()
    # Coordinates, so the home map has pins and a location's page draws its map.
    for key, (lat, lng) in {"chiang_rai": ("19.9105", "99.8406"), "santo_andre": ("-23.6639", "-46.5383")}.items():
        location = world.locations[key]
        location.latitude, location.longitude = Decimal(lat), Decimal(lng)
        location.save()
    # A demo person, so the demo banner shows on every page.
    world.users["outsider"].is_demo = True
    world.users["outsider"].save(update_fields=["is_demo"])
    # Counts for the risk map: large, small (hidden) and zero cells, so every kind of heat-map cell shows.
    write_counts(
        world.locations["chiang_rai"],
        {
            **{(band, sex, "respondents"): 12 + 7 * position for position, (band, sex) in enumerate(GROUPS)},
            **{(band, sex, "risk:contact:sexual"): 4 + 5 * position for position, (band, sex) in enumerate(GROUPS)},
            ("13_15", "female", "strength:trusted_adult"): 3,
        },
    )
    coordinator = world.users["coordinator"]
    device = TOTPDevice.objects.create(user=coordinator, name="default", confirmed=True)
    base = live_server.url
    pages = {
        "home": "/",
        "organisations": "/partnership/organisations/",
        "new organisation": "/partnership/organisations/new/",
        "organisation": f"/partnership/organisations/{world.orgs['face'].pk}/",
        "locations": "/partnership/locations/",
        "location": f"/partnership/locations/{world.locations['chiang_rai'].pk}/",
        "people": "/people/",
        "my account": "/account/",
        "risk map": f"/mapping/map/?location={world.locations['chiang_rai'].slug}",
        "instruments": "/mapping/instruments/",
        "mapping sessions": "/mapping/sessions/",
        "findings": "/mapping/findings/",
        "mapping settings": "/mapping/settings/",
    }

    found = sign_in(page, base, coordinator.email, device)
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            page.goto(f"{base}{path}")
            settle(page)
            found += audit(page, f"{name} / {width}", reflow=width == "phone")
            if width == "desktop" or name == "home":
                found += keyboard(page, f"{name} / {width}")
        # An empty form sent anyway (the browser's own check would stop it first): the server's errors.
        page.goto(f"{base}/partnership/organisations/new/")
        page.locator("form.record-form").evaluate("form => { form.noValidate = true; }")
        page.locator("main form button[type='submit']").last.click()
        expect(page.locator("[aria-invalid='true']").first).to_be_visible()
        found += audit(page, f"new organisation, errors / {width}", reflow=width == "phone")
        # The menus open: the links they show are checked too.
        page.goto(f"{base}/")
        settle(page)
        page.locator(".site-header details").evaluate_all("all => all.forEach(details => { details.open = true; })")
        expect(page.locator(".top-actions details.dropdown a").first).to_be_visible()
        found += audit(page, f"home, menus open / {width}", reflow=width == "phone")

    # The home page in Thai, chosen with the keyboard: a step through the closed list
    # does not change the page under the keyboard (WCAG 3.2.2); Enter does.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/")
    switcher = page.locator("#language-select")
    switcher.focus()
    switcher.press("End")
    expect(switcher).to_have_value("th")
    expect(page.locator(".language-form button")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switcher.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    settle(page)
    # The map's own buttons speak the page's language too (WCAG 3.1.2), not Leaflet's English.
    with translation.override("th"):
        zoom_in = translation.gettext("Zoom in")
    assert zoom_in != "Zoom in"
    expect(page.locator("#home-map .leaflet-control-zoom-in")).to_have_attribute("aria-label", zoom_in)
    found += audit(page, "home / desktop / th")

    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)


def test_a_facilitators_mapping_pages_are_accessible(page: Page, live_server):
    world = build_world()
    chiang_rai = world.locations["chiang_rai"]
    facilitator = world.users["facilitator"]
    survey = child_survey(chiang_rai, facilitator)
    participant = participant_create(
        data={"location": chiang_rai, "code": "CR-0001", "perspective": "child", "age_band": "13_15", "sex": "female"},
        acting_user=None,
    )
    # Engage, Plan and Create records of Chiang Rai, so their pages show grids, rankings and timelines.
    for name, power, interest in [
        ("Provincial police", 5, 4),
        ("Internet café owners", 2, 4),
        ("District office", 4, 2),
    ]:
        engage_records.stakeholder(world, name=name, power=power, interest=interest)
    held = engage_records.engagement(world)
    engage_records.follow_up(held, due_date=dt.date(2020, 1, 31))
    workshop = plan_records.workshop(world)
    for title, scores in [("Grooming in games", (4, 4, 3, 3)), ("Paid webcam shows", (5, 4, 4, 4))]:
        plan_records.priority(world, title=title, scores=scores, workshop=workshop)
    action_plan = create_records.plan(world, workshop=workshop)
    create_records.action(action_plan)
    create_records.action(action_plan, title="Helpline posters in cafés", outcome="connect", end=dt.date(2027, 6, 30))
    base = live_server.url
    page.goto(f"{base}/account/login/")
    page.fill("input[name='auth-username']", facilitator.email)
    page.fill("input[name='auth-password']", PASSWORD)
    page.locator("main form button[type='submit']:not([name])").first.click()
    expect(page.locator("nav.main-nav")).to_be_attached()
    pages = {
        "instrument": f"/mapping/instruments/{survey.pk}/",
        "import submissions": f"/mapping/instruments/{survey.pk}/import/",
        "paper form": f"/mapping/instruments/{survey.pk}/enter/",
        "participants": "/mapping/participants/",
        "participant": f"/mapping/participants/{participant.pk}/",
        "new finding": "/mapping/findings/new/",
        "new session": "/mapping/sessions/new/",
        "board": "/planning/board/",
        "cycle": f"/planning/locations/{chiang_rai.pk}/cycle/",
        "stakeholders": "/planning/stakeholders/",
        "power and interest grid": f"/planning/stakeholders/grid/?location={chiang_rai.slug}",
        "engagement": f"/planning/engagements/{held.pk}/",
        "workshop": f"/planning/workshops/{workshop.pk}/",
        "action plan": f"/planning/plans/{action_plan.pk}/",
        "timeline": f"/planning/plans/{action_plan.pk}/timeline/",
        "new action": f"/planning/plans/{action_plan.pk}/actions/new/",
    }
    found: list[str] = []
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        for name, path in pages.items():
            page.goto(f"{base}{path}")
            settle(page)
            found += audit(page, f"{name} / {width}", reflow=width == "phone")
            if width == "desktop":
                found += keyboard(page, f"{name} / {width}")
    assert not found, f"{len(found)} accessibility finding(s):\n" + "\n".join(found)
