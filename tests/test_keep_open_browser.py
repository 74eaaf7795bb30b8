"""A box the reader opened stays open as they follow a citation inside it (keep-open.js), in Chromium.

Material's instant navigation re-renders the page the first time a link to an
anchor on the same page is followed after a full load, which shut every open
<details>: a clinician box closed under the reader, and Back returned to it closed.
"""

from __future__ import annotations

PAGE = "treatment-options/"
BOX = "details.clinician:not(.gk-references-clinician)"


def test_a_clinician_box_stays_open_through_a_citation_and_back(browser, site_server) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url + PAGE, wait_until="networkidle")
    page.evaluate("window.__sameDocument = true")
    box = page.locator(BOX).first
    box.locator("summary").click()
    assert box.evaluate("d => d.open")
    link = box.locator("a.gk-cite__link").first
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(f"**#{target}")
    page.wait_for_timeout(500)  # Material fetches and swaps the page in; keep-open.js reopens after the swap
    assert page.evaluate("window.__sameDocument") is True, "a full reload, not instant navigation"
    assert box.evaluate("d => d.open"), "the box the reader opened was shut"
    top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    print(f"\ncited entry #{target}: {top:.0f} px from the top of a 900 px window")
    assert 0 <= top < 900, "the cited entry is out of view"
    # A second citation in the same box: no swap this time, and the box stays open.
    box.locator("a.gk-cite__link").nth(1).click()
    page.wait_for_timeout(300)
    assert box.evaluate("d => d.open")
    page.go_back()
    page.wait_for_url(f"**#{target}")
    page.go_back()
    page.wait_for_timeout(500)
    assert box.evaluate("d => d.open"), "Back returned the reader to a shut box"
    context.close()
