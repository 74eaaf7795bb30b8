"""'Cite this page' in Chromium: copy buttons by mouse and keyboard, live-region reports, no-JS text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import make_site, run_mkdocs_build

from scripts.pages_server import PagesServer

PAGE = "---\ntitle: Steroids & you\nreviewed: 2026-01-15\n---\n\n# Steroids & you\n\nSome text.\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    root = tmp_path_factory.mktemp("cite-page")
    server = PagesServer(root / "site")
    result = run_mkdocs_build(make_site(root, {"index.md": PAGE}, site_url=server.url), root / "site")
    assert result.returncode == 0, result.stderr
    with server:
        yield server


@pytest.fixture
def page(browser, server):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.origin)
    page = context.new_page()
    page.goto(server.url)
    page.locator("details.gk-cite-page > summary").click()
    yield page
    context.close()


def test_copy_citation_by_mouse(page, server) -> None:
    page.get_by_role("button", name="Copy citation").click()
    status = page.locator(".gk-copy-status")
    status.filter(has_text="Copied").wait_for()
    assert status.inner_text() == "Copied the citation to the clipboard."
    expected = (
        f"MS Relapse Guide editors. Steroids & you. MS Relapse Guide. Updated January 15, 2026. "
        f"Accessed [date]. {server.url}"
    )
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_copy_bibtex_by_keyboard(page) -> None:
    button = page.get_by_role("button", name="Copy BibTeX")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Copy BibTeX":
            break
    assert button.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    page.locator(".gk-copy-status").filter(has_text="BibTeX").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("@misc{msrelapseguide-index,") and "title        = {Steroids \\& you}" in copied


def test_without_javascript_text_is_there_and_buttons_are_not(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url)
    page.locator("details.gk-cite-page > summary").click()
    assert page.locator("#gk-cite-ama").is_visible()
    assert "@misc{msrelapseguide-index," in page.locator("#gk-cite-bibtex").inner_text()
    assert page.locator("button.gk-copy").count() == 2
    assert page.locator("button.gk-copy:visible").count() == 0
    context.close()
