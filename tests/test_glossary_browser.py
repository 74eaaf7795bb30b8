"""Abbreviation tooltips (glossary.js) on the real site, in Chromium: keyboard, mouse, touch, no JS, axe.

Material's own tooltips (content.tooltips) are off: they mounted an observer chain
for every element with a title, on every page load. Ours is one delegated popover.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGE = "what-is-a-relapse/"
POPOVER = "#gk-term-popover"
MIN_TOOLTIP_PX = 14
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def _open(browser, site_server, **context_options: object):
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(site_server.url + PAGE, wait_until="networkidle")
    return context, page


def test_keyboard_focus_opens_the_term_and_escape_closes_it(browser, site_server) -> None:
    context, page = _open(browser, site_server, viewport={"width": 1280, "height": 900})
    focusable = page.locator(".md-content abbr[tabindex='0']")
    assert focusable.count() >= 1, "no glossary term takes keyboard focus"
    term = focusable.first
    title = term.get_attribute("title")
    assert title, "the first use of a term has its expansion"
    term.focus()
    popover = page.locator(f"{POPOVER}[role=tooltip]")
    assert popover.is_visible()
    assert popover.inner_text() == title
    size = float(popover.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
    print(f"\nglossary tooltip: {size}px, opened by keyboard focus")
    assert size >= MIN_TOOLTIP_PX
    assert term.get_attribute("aria-describedby") == "gk-term-popover"
    # The browser's own title tooltip would open over ours: the title waits until ours closes.
    assert term.get_attribute("title") is None
    page.keyboard.press("Escape")
    assert popover.is_hidden()
    assert term.get_attribute("title") == title
    assert term.get_attribute("aria-describedby") is None
    # Material's tooltips are not mounted anywhere.
    assert page.locator(".md-tooltip2, .md-tooltip").count() == 0
    context.close()


def test_hover_opens_and_the_tooltip_itself_can_be_hovered(browser, site_server) -> None:
    context, page = _open(browser, site_server, viewport={"width": 1280, "height": 900})
    term = page.locator(".md-content p abbr").nth(1)  # not [title]: ours moves it while open
    title = term.get_attribute("title")
    term.hover()
    popover = page.locator(POPOVER)
    assert popover.inner_text() == title
    box, rect = popover.bounding_box(), term.bounding_box()
    assert box["y"] >= rect["y"] + rect["height"] or box["y"] + box["height"] <= rect["y"], "covers the term"
    popover.hover()
    page.wait_for_timeout(400)
    assert popover.is_visible(), "moving onto the tooltip must keep it open (WCAG 1.4.13)"
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    assert popover.is_hidden()
    assert term.get_attribute("title") == title
    context.close()


def test_tap_opens_on_a_phone_and_a_tap_elsewhere_closes(browser, site_server) -> None:
    context, page = _open(browser, site_server, viewport={"width": 360, "height": 740}, is_mobile=True,
                          has_touch=True)
    term = page.locator(".md-content p abbr").first  # not [title]: ours moves it while open
    title = term.get_attribute("title")
    term.scroll_into_view_if_needed()
    term.tap()
    popover = page.locator(POPOVER)
    assert popover.is_visible() and popover.inner_text() == title
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, "the tooltip fits a 360 px screen"
    page.locator(".md-content h1").tap()
    assert popover.is_hidden()
    term.tap()
    assert popover.is_visible()
    term.tap()  # a second tap on the same term closes it
    assert popover.is_hidden()
    context.close()


def test_without_javascript_terms_keep_their_title(browser, site_server) -> None:
    context, page = _open(browser, site_server, java_script_enabled=False)
    terms = page.locator(".md-content abbr")
    assert terms.count() >= 3
    assert all(terms.nth(i).get_attribute("title") for i in range(terms.count()))
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_a_term_open(browser, site_server, scheme: str) -> None:
    context, page = _open(browser, site_server, color_scheme=scheme, viewport={"width": 360, "height": 740})
    page.locator(".md-content abbr[tabindex='0']").first.focus()
    assert page.locator(POPOVER).is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    context.close()
