"""After an instant page change, focus lands on the new H1 and the title is announced.

Material only navigates instantly to URLs it finds in sitemap.xml, matched on
protocol and host but not port, so a server on 127.0.0.1:PORT never qualifies.
The browser is given a portless host instead, routed to the local server.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import wait_for_js

HOST = "http://guide.test"


def test_focus_moves_to_new_h1_and_title_is_announced(browser, site_server) -> None:
    local = site_server.origin
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def forward(route) -> None:
        response = route.fetch(url=local + route.request.url[len(HOST):])
        route.fulfill(response=response)

    context.route(f"{HOST}/**", forward)
    page = context.new_page()
    base = HOST + urlsplit(site_server.url).path
    page.goto(base, wait_until="networkidle")
    page.evaluate("window.__gkSamePage = true")
    link = page.locator(".md-content a[href$='what-to-do-now/']").first
    link.click()
    wait_for_js(page, "location.pathname.endsWith('/what-to-do-now/')")
    wait_for_js(page, "document.getElementById('gk-page-announcer')?.textContent.length > 0", timeout=5000)
    instant = page.evaluate("window.__gkSamePage === true")
    focused = page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.textContent.trim()")
    announced = page.evaluate("document.getElementById('gk-page-announcer').textContent")
    live = page.evaluate("document.getElementById('gk-page-announcer').getAttribute('aria-live')")
    title = page.title()
    context.close()
    print(f"\ninstant navigation: focus on {focused!r}; announced {announced!r}")
    assert instant, "the page loaded in full: instant navigation did not engage"
    assert focused.startswith("H1 ")
    assert announced == title and "What to do now" in title
    assert live == "polite"
