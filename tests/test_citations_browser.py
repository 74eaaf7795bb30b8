"""Citation previews in a real Chromium: keyboard, mouse, touch, instant navigation, no JS."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from citation_support import clean_library
from conftest import make_site, run_mkdocs_build, wait_for_js

from scripts.pages_server import PagesServer

LONG = "\n\n".join(f"Filler paragraph {i} so the page scrolls." for i in range(30))
PAGES = {
    "index.md": f"# Evidence\n\nSteroids speed recovery [@beck1992; @muller2020; @kalb2012].\n\n"
                f"As @kalb2012 wrote [see @beck1992, p. 583].\n\n[Second page](second.md)\n\n{LONG}\n",
    "second.md": "# Second\n\nAnother claim [@nice2022].\n\n[Back to evidence](index.md)\n",
}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture(scope="module")
def cite_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    root = tmp_path_factory.mktemp("cite-site")
    refs = clean_library(root / "references")
    server = PagesServer(root / "site")
    # Material's instant navigation only takes links listed in sitemap.xml, which
    # carry site_url's host and port: build for the port the server got.
    result = run_mkdocs_build(make_site(root, PAGES, bibliography=refs, site_url=server.url), root / "site")
    assert result.returncode == 0, result.stderr
    with server:
        yield server


def _popover_box(page):
    popover = page.locator("#gk-cite-popover")
    assert popover.is_visible()
    return popover.bounding_box()


def _overlaps(a: dict, b: dict) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


def test_keyboard_focus_shows_preview_and_escape_closes(browser, cite_site) -> None:
    page = browser.new_page()
    page.goto(cite_site.url)
    first = page.locator("a.gk-cite__link").first
    for _ in range(60):  # Tab from the top of the page until the first citation has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('gk-cite__link')"):
            break
    assert page.evaluate("document.activeElement.textContent") == "1–3"
    box = _popover_box(page)
    assert not _overlaps(box, first.bounding_box())
    text = page.locator("#gk-cite-popover").inner_text()
    assert "Beck RW" in text and "Müller J" in text and "Kalb R" in text
    assert first.get_attribute("aria-describedby") == "gk-cite-popover"
    page.keyboard.press("Escape")
    assert page.locator("#gk-cite-popover").is_hidden()
    assert first.get_attribute("aria-describedby") is None
    page.close()


def test_hover_shows_preview_and_it_stays_while_hovered(browser, cite_site) -> None:
    page = browser.new_page()
    page.goto(cite_site.url)
    link = page.locator("a.gk-cite__link").nth(2)
    link.hover()
    assert "Beck RW" in page.locator("#gk-cite-popover").inner_text()
    page.locator("#gk-cite-popover").hover()
    page.wait_for_timeout(400)
    assert page.locator("#gk-cite-popover").is_visible()
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    assert page.locator("#gk-cite-popover").is_hidden()
    page.close()


def test_touch_first_tap_previews_second_tap_follows(browser, cite_site) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(cite_site.url)
    link = page.locator("a.gk-cite__link").first
    link.tap()
    box = _popover_box(page)
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert not _overlaps(box, link.bounding_box())
    assert page.evaluate("location.hash") == ""
    link.tap()
    wait_for_js(page, "location.hash === '#ref-beck1992'")
    context.close()


def test_preview_survives_instant_navigation(browser, cite_site) -> None:
    page = browser.new_page()
    page.goto(cite_site.url)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Second page").click()
    page.wait_for_url("**/second/")
    page.locator("a.gk-cite__link").first.hover()
    assert "National Institute for Health and Care Excellence" in page.locator("#gk-cite-popover").inner_text()
    page.get_by_role("link", name="Back to evidence").click()
    page.wait_for_url(cite_site.url)
    page.locator("a.gk-cite__link").first.hover()
    assert "Beck RW" in page.locator("#gk-cite-popover").inner_text()
    assert page.locator("#gk-cite-popover").count() == 1
    # Instant navigation really happened: the same document, never a full load.
    assert page.evaluate("window.__sameDocument") is True
    page.close()


def test_without_javascript_numbers_are_plain_links(browser, cite_site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(cite_site.url)
    link = page.locator("a.gk-cite__link").first
    assert link.get_attribute("href") == "#ref-beck1992"
    link.click()
    assert page.evaluate("location.hash") == "#ref-beck1992"
    assert page.locator("#ref-beck1992").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_preview_open(browser, cite_site, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(cite_site.url)
    page.locator("a.gk-cite__link").first.focus()
    assert page.locator("#gk-cite-popover").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    context.close()
