"""The light/dark switch (overrides/partials/palette.html, docs/javascripts/palette.js) in Chromium.

It replaces Material's, which restyled the whole page twice on every load.
The page must open in the stored or OS-preferred colours, switch on a click or
Enter, keep the choice across pages and reloads, survive instant navigation
and blocked storage, and never let Material's own switch mount.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from conftest import wait_for_js

SCHEMES = {"light": "default", "dark": "slate"}
KEY = "/ms-relapse-guide/.__palette"
#: Material navigates instantly only to URLs of its sitemap, matched on host but not port:
#: the browser gets a portless host, routed to the local server (as in test_a11y_instant.py).
HOST = "http://guide.test"
BLOCK_STORAGE = """Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""


def _portless(context, site_server) -> str:
    """Route HOST to the local server; return the site's URL there."""
    local = site_server.origin

    def forward(route) -> None:
        route.fulfill(response=route.fetch(url=local + route.request.url[len(HOST):]))

    context.route(f"{HOST}/**", forward)
    return HOST + urlsplit(site_server.url).path


def _state(page) -> dict[str, object]:
    return page.evaluate("""() => ({
        scheme: document.body.getAttribute("data-md-color-scheme"),
        // The scheme each visible toggle switches to (its label's radio).
        visible: [...document.querySelectorAll("[data-gk-palette] label")].filter(l => !l.hidden)
            .map(l => document.getElementById(l.htmlFor).getAttribute("data-md-color-scheme")),
        meta: document.querySelector('meta[name="color-scheme"]')?.content,
        material: document.querySelectorAll('[data-md-component="palette"]').length,
        switching: document.body.hasAttribute("data-md-color-switching"),
    })""")


def _loaded(page) -> None:
    # loader.js has run every feature once the checklists are ready (palette.js runs first).
    wait_for_js(page, "document.querySelector('.md-content') && window.document$ !== undefined")
    page.wait_for_load_state("load")


@pytest.mark.parametrize("os_scheme", ["light", "dark"])
def test_first_visit_follows_the_os_and_a_click_switches_and_is_kept(browser, site_server, os_scheme: str) -> None:
    other = "dark" if os_scheme == "light" else "light"
    context = browser.new_context(color_scheme=os_scheme)
    base = _portless(context, site_server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + "what-to-do-now/")
    _loaded(page)
    state = _state(page)
    assert state["scheme"] == SCHEMES[os_scheme]
    assert state["meta"] == os_scheme
    assert state["material"] == 0, "Material's own palette switch would mount and restyle the page twice"
    assert state["visible"] == [SCHEMES[other]], state  # exactly one toggle, offering the other scheme
    assert page.evaluate(f"localStorage.getItem({KEY!r})") is None, "nothing is stored before the reader chooses"

    page.locator("[data-gk-palette] label:visible").click()
    wait_for_js(page, f"document.body.getAttribute('data-md-color-scheme') === {SCHEMES[other]!r}")
    wait_for_js(page, "!document.body.hasAttribute('data-md-color-switching')")
    state = _state(page)
    assert state["meta"] == other and state["visible"] == [SCHEMES[os_scheme]], state
    stored = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))
    assert stored["color"]["scheme"] == SCHEMES[other]

    # The choice beats the OS preference on the next full load, from the first paint.
    page.goto(base + "about/", wait_until="commit")
    page.wait_for_selector("[data-gk-palette]", state="attached")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[other]
    _loaded(page)
    # And after an instant page swap the switch shows and works again.
    page.evaluate("window.__gkSamePage = true")
    page.locator(".md-nav--primary a[href$='glossary/']").first.dispatch_event("click")
    wait_for_js(page, "location.pathname.endsWith('/glossary/') && "
                      "/Glossary/.test(document.querySelector('article h1')?.textContent || '')")
    assert page.evaluate("window.__gkSamePage === true"), "the swap was a full page load, not an instant one"
    wait_for_js(page, "[...document.querySelectorAll('[data-gk-palette] label')].filter(l => !l.hidden).length === 1")
    page.locator("[data-gk-palette] label:visible").click()
    wait_for_js(page, f"document.body.getAttribute('data-md-color-scheme') === {SCHEMES[os_scheme]!r}")
    context.close()
    assert errors == []


def test_enter_on_the_focused_switch_changes_the_scheme(browser, site_server) -> None:
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(site_server.url)
    _loaded(page)
    page.locator("[data-gk-palette] input:checked").focus()
    page.keyboard.press("Enter")
    wait_for_js(page, "document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("document.activeElement.matches('[data-gk-palette] input:checked')")
    context.close()


def test_blocked_storage_follows_the_os_and_still_switches(browser, site_server) -> None:
    context = browser.new_context(color_scheme="dark")
    context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    page.goto(site_server.url + "what-is-a-relapse/")
    page.wait_for_load_state("load")
    page.wait_for_selector("[data-gk-palette] label:visible")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator("[data-gk-palette] label:visible").click()
    wait_for_js(page, "document.body.getAttribute('data-md-color-scheme') === 'default'")
    context.close()
