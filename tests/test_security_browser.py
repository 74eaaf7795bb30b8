"""The browser enforces the policy: no violations while a reader uses the site, and injected code is blocked."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from test_site_crawl import SCHEMES, nav_page_urls

from scripts.pages_server import PagesServer

#: Records every policy violation, and stubs the print dialog, which would block a headless page.
RECORDER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
window.__printed = 0;
window.print = () => { window.__printed += 1; };
"""


def _use_widgets(page, url: str) -> list[str]:
    """Use what the page offers as a reader would; return what was used."""
    used = []
    checkbox = page.locator("[data-checklist] input[type=checkbox], .checklist input[type=checkbox]").first
    if checkbox.count():
        checkbox.check()
        used.append("checklist")
        for action in ("print", "copy", "reset"):
            button = page.locator(f"[data-checklist-action={action}]").first
            if button.count() and button.is_visible():
                button.click()
                used.append(f"checklist-{action}")
    cite = page.locator("a.gk-cite__link").first
    if cite.count():
        cite.hover()
        page.wait_for_timeout(300)
        cite.focus()
        used.append("citation-preview")
    copy = page.locator("button.gk-copy").first
    if copy.count():
        page.locator("details.gk-cite-page summary").first.click()
        if copy.is_visible():
            copy.click()
            used.append("copy")
    return used


@pytest.fixture(scope="module")
def reader_session(browser, site_server) -> dict[str, object]:
    """Every navigation page in both schemes, widgets used, search run, and an instant page change."""
    base, origin = site_server.url, site_server.origin
    pages = sorted(nav_page_urls(base))
    result: dict[str, object] = {"visited": 0, "violations": [], "used": set(), "searched": 0, "instant": 0}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        context.add_init_script(RECORDER)
        page = context.new_page()
        for url in pages:
            page.goto(url, wait_until="networkidle")
            result["used"] |= set(_use_widgets(page, url))
            result["visited"] += 1
            result["violations"] += [f"{url} {v}" for v in page.evaluate("window.__csp")]
        # Search runs in a web worker; instant navigation fetches pages with XHR.
        page.goto(base, wait_until="networkidle")
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially("steroid", delay=50)
        page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        result["searched"] = page.locator(".md-search-result__item").count()
        page.keyboard.press("Escape")
        page.locator(f"a.md-nav__link[href$='{urljoin(base, 'about/').removeprefix(base)}']").first.click()
        page.wait_for_url(urljoin(base, "about/"))
        result["instant"] = page.evaluate("window.__csp !== undefined && document.querySelector('article') !== null")
        result["violations"] += [f"after search/instant {v}" for v in page.evaluate("window.__csp")]
        page.close()
        context.close()
    result["pages"] = len(pages)
    return result


def test_no_policy_violation_while_reading_every_page(reader_session) -> None:
    assert reader_session["pages"] >= 13
    assert reader_session["visited"] == reader_session["pages"] * len(SCHEMES)
    assert reader_session["violations"] == []


def test_the_widgets_were_really_used(reader_session) -> None:
    assert {"checklist", "checklist-print", "checklist-copy", "citation-preview", "copy"} <= reader_session["used"]


def test_search_and_instant_navigation_work_under_the_policy(reader_session) -> None:
    assert reader_session["searched"] >= 1
    assert reader_session["instant"] is True


def test_an_injected_inline_script_does_not_run(browser, built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    about = copy / "about" / "index.html"
    html = about.read_text(encoding="utf-8")
    injected = "<script>window.__injected = 'ran'</script>"
    about.write_text(html.replace("</article>", injected + "</article>", 1), encoding="utf-8")
    assert injected in about.read_text(encoding="utf-8")
    with PagesServer(copy) as server:
        context = browser.new_context()
        context.add_init_script(RECORDER)
        page = context.new_page()
        page.goto(urljoin(server.url, "about/"), wait_until="networkidle")
        assert page.evaluate("window.__injected") is None
        violations = page.evaluate("window.__csp")
        assert any(v.startswith("script-src") for v in violations), violations
        # The site's own scripts still ran: the checklist-free About page has its citation previews.
        assert page.evaluate("document.documentElement.classList.contains('js')")
        context.close()
