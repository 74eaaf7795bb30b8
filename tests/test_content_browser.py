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
def test_red_flags_are_on_the_first_phone_screen(browser, site_server, scheme: str) -> None:
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(site_server.url, wait_until="networkidle")
    box = page.locator("#red-flags")
    assert box.is_visible()
    bounds = box.bounding_box()
    assert page.evaluate("window.scrollY") == 0
    bottom = bounds["y"] + bounds["height"]
    print(f"\nred-flag box on a 360x740 phone ({scheme}): top {bounds['y']:.0f}px, bottom {bottom:.0f}px")
    assert bounds["y"] >= 0
    assert bounds["y"] + bounds["height"] <= 740
    assert "breathing" in box.inner_text()
    context.close()


def test_relapse_checklist_outcomes_respond_to_ticks(phone, site_server) -> None:
    phone.goto(urljoin(site_server.url, "what-is-a-relapse/"), wait_until="networkidle")
    checklist = phone.locator("#checklist-could-this-be-a-relapse")
    outcomes = checklist.locator(".checklist__outcome:visible")

    def titles() -> list[str]:
        return [t.strip() for t in outcomes.locator(".admonition-title").all_inner_texts()]

    for item in ("new-or-worse", "over-24-hours", "over-30-days"):
        checklist.locator(f"[data-checklist-item='{item}']").check()
    assert titles() == ["This fits a relapse"]
    checklist.locator("[data-checklist-item='fever-or-infection']").check()
    assert titles() == ["Fever or infection ticked", "Call anyway if it lasts"]
