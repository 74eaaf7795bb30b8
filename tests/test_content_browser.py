"""What a reader on a phone sees: red flags on the first screen, and the guided checklist's outcomes."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_red_flags_come_first_on_the_phone_screen(browser, site_server, scheme: str) -> None:
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_server.url, wait_until="networkidle")
    region = page.get_by_role("region", name="Get help now")
    assert region.is_visible()
    assert page.evaluate("window.scrollY") == 0
    bounds = region.bounding_box()
    # The heading, the tap-to-call numbers and the first sign are on the first screen;
    # test_home_first_screen.py checks every sign and the three doors too.
    calls = [region.locator(f"a[href='tel:{n}']").bounding_box() for n in ("999", "911", "112")]
    first_sign = region.locator("li").first.bounding_box()
    print(f"\nred-flag region on a 360x740 phone ({scheme}): top {bounds['y']:.0f}px, "
          f"call links end {max(c['y'] + c['height'] for c in calls):.0f}px, "
          f"first sign ends {first_sign['y'] + first_sign['height']:.0f}px, "
          f"region ends {bounds['y'] + bounds['height']:.0f}px")
    assert 0 <= bounds["y"] < 740
    assert all(c["y"] + c["height"] <= 740 for c in calls)
    assert first_sign["y"] + first_sign["height"] <= 740
    size = region.locator("li").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    body = page.locator("article p").last.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= body, (size, body)
    assert "breathing" in region.inner_text()
    context.close()


def test_relapse_checklist_outcomes_respond_to_ticks(phone, site_server) -> None:
    phone.goto(urljoin(site_server.url, "what-is-a-relapse/"), wait_until="networkidle")
    checklist = phone.locator("#checklist-could-this-be-a-relapse")

    def tick(item: str, on: bool = True) -> str:
        box = checklist.locator(f"[data-checklist-item='{item}']")
        box.check() if on else box.uncheck()
        return checklist.locator("[data-gk-answer]").get_attribute("data-gk-answer")

    tick("old-worse")
    assert tick("over-24-hours") == "fits-relapse"
    assert tick("heat") == "fits-relapse"  # it has lasted, so heat no longer explains it
    assert tick("over-24-hours", on=False) == "heat-cool-down"
    assert tick("new-symptom") == "new-symptom-contact-team"  # a new symptom is never sent to wait
    assert tick("stress") == "new-symptom-contact-team"
    assert tick("fever") == "infection-today"
    assert tick("strong-medicine") == "strong-medicine-today"
    assert tick("red-flag") == "emergency"
