"""The two reference lists in a real Chromium: links, previews, no JavaScript, print and axe."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from citation_support import clean_library
from conftest import make_site, run_mkdocs_build, wait_for_js

from scripts.pages_server import PagesServer

LONG = "\n\n".join(f"Filler paragraph {i} so the page scrolls." for i in range(30))
#: patient-only: beck1992, report2021; clinician-only: muller2020, nice2022; both: kalb2012.
PAGE = f"""---
title: Layers
reviewed: 2026-11-01
---

# Layers

Steroids speed recovery [@beck1992]. Rehabilitation helps [@kalb2012].

/// details | For clinicians: doses
    type: clinician

The dose [@muller2020; @kalb2012]. A guideline says so [@nice2022].
///

Back in the patient text [@report2021].

{LONG}
"""
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
PATIENT = "#refs > ol.gk-references > li"
CLINICIAN = "#references-clinician > ol.gk-references > li"


@pytest.fixture(scope="module")
def layer_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    root = tmp_path_factory.mktemp("layer-site")
    refs = clean_library(root / "references")
    server = PagesServer(root / "site")
    result = run_mkdocs_build(make_site(root, {"index.md": PAGE}, bibliography=refs, site_url=server.url),
                              root / "site")
    assert result.returncode == 0, result.stderr
    with server:
        yield server


def _entries(page, selector: str) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(selector, "els => els.map(li => [li.getAttribute('value'), li.id])")


def _open_doses_box(page) -> None:
    page.locator("details.clinician > summary", has_text="For clinicians: doses").click()


def test_lists_by_layer_with_one_numbering(browser, layer_site) -> None:
    page = browser.new_page()
    page.goto(layer_site.url)
    assert _entries(page, PATIENT) == [["1", "ref-beck1992"], ["2", "ref-kalb2012"], ["5", "ref-report2021"]]
    assert _entries(page, CLINICIAN) == [["3", "ref-muller2020"], ["4", "ref-nice2022"]]
    # The patient list shows; the clinician list waits, collapsed, under its summary.
    assert page.locator("#ref-report2021").is_visible()
    assert page.locator("#ref-muller2020").is_hidden()
    summary = page.locator("#references-clinician > summary")
    assert summary.inner_text() == "For clinicians: sources cited only in the clinician notes"
    # Every citation number names its entry's number (the popover and the list agree).
    shown = page.eval_on_selector_all(
        "a.gk-cite__link",
        "els => els.map(a => [a.textContent, document.getElementById(a.hash.slice(1)).getAttribute('value')])",
    )
    assert len(shown) == 6 and all(label == value for label, value in shown), shown
    page.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_clinician_number_opens_its_entry_and_the_entry_leads_back(browser, layer_site, javascript: bool) -> None:
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(layer_site.url)
    _open_doses_box(page)
    number = page.locator("details.clinician a.gk-cite__link", has_text="3")
    # Instant navigation makes every href absolute; without JavaScript it stays as built.
    assert number.get_attribute("href").endswith("#ref-muller2020")
    number.click()
    wait_for_js(page, "location.hash === '#ref-muller2020'")
    wait_for_js(page, "document.getElementById('references-clinician').open")
    assert page.locator("#ref-muller2020").is_visible()
    assert page.locator("#ref-muller2020 .gk-ref__text").inner_text().startswith("Müller J")
    # With the doses box closed (Material's instant navigation re-renders the page on
    # this click, which closes it anyway), the back link must open it to show the citation.
    page.evaluate("document.getElementById('cite-3').closest('details').open = false")
    assert page.locator("#cite-3").is_hidden()
    page.locator("#ref-muller2020 .gk-ref__back a").click()
    wait_for_js(page, "location.hash === '#cite-3'")
    wait_for_js(page, "document.getElementById('cite-3').closest('details').open")
    assert page.locator("#cite-3").is_visible()
    context.close()


def test_preview_of_a_clinician_only_work(browser, layer_site) -> None:
    page = browser.new_page()
    page.goto(layer_site.url)
    _open_doses_box(page)
    page.locator("details.clinician a.gk-cite__link", has_text="4").hover()
    popover = page.locator("#gk-cite-popover")
    wait_for_js(page, "!document.getElementById('gk-cite-popover').hidden")
    text = popover.inner_text()
    assert text.startswith("4. National Institute for Health and Care Excellence"), text
    # The list it comes from stays collapsed: a preview does not open it.
    assert page.evaluate("document.getElementById('references-clinician').open") is False
    page.close()


@pytest.mark.parametrize("opt_in", [False, True], ids=["patient-handout", "with-clinician-notes"])
def test_print_leaves_out_or_keeps_both_lists(browser, layer_site, opt_in: bool) -> None:
    page = browser.new_page()
    page.goto(layer_site.url)
    if opt_in:
        page.check("#gk-print-clinician")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # Material opens every <details>
    page.emulate_media(media="print")
    for entry in ("#ref-beck1992", "#ref-muller2020"):
        assert page.locator(entry).is_visible() is opt_in, entry
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_the_clinician_list_open(browser, layer_site, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(layer_site.url)
    page.locator("#references-clinician > summary").click()
    assert page.locator("#ref-nice2022").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    context.close()
