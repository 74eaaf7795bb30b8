"""The offline copy in a real Chromium, against the Pages-like server under /ms-relapse-guide/.

One visit to Home, then no network: every page in the navigation, the search,
checklist ticks and the 404 fallback must still work. What reached the server
is recorded, so "came from the offline copy" is checked at the source.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import wait_for_js
from offline_support import (
    CACHE_PREFIX,
    build_real_site,
    nav_page_urls,
    offline_caches,
    precache_of,
    wait_until_saved,
)

from scripts.recording_server import RecordingServer

SEARCH_TERM = "steroid"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RecordingServer, Path]]:
    """The real site, built for the server's own address so instant navigation is live."""
    site_dir = tmp_path_factory.mktemp("offline") / "site"
    server = RecordingServer(site_dir)
    build_real_site(site_dir, server.url)
    with server:
        yield server, site_dir


class Tab:
    """A page in a fresh context that records console errors and every request's host."""

    def __init__(self, browser, server: RecordingServer, **options: object) -> None:
        self.server = server
        self.context = browser.new_context(viewport={"width": 1024, "height": 768}, **options)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def foreign(self) -> list[str]:
        return [url for url in self.requests if not url.startswith((self.server.origin, "data:", "blob:", "about:"))]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser, site) -> Iterator[Tab]:
    server, _ = site
    opened = Tab(browser, server)
    yield opened
    opened.close()


def content_requests(server: RecordingServer) -> list[str]:
    """What reached the server, less the browser's update checks of sw.js (Chromium may send one late)."""
    return [path for path in server.paths if not path.endswith("/sw.js")]


def checklist_page(site_dir: Path, base: str) -> str:
    for url in nav_page_urls(base):
        rel = url[len(base) :]
        if "data-checklist=" in (site_dir / rel / "index.html").read_text(encoding="utf-8"):
            return url
    raise AssertionError("no page in the navigation has a checklist")


def test_after_one_visit_everything_works_offline(tab: Tab, site) -> None:
    server, site_dir = site
    listed = precache_of(site_dir)["files"]
    pages = nav_page_urls(server.url)
    assert len(pages) >= 10, pages

    tab.page.goto(server.url)
    wait_until_saved(tab.page, len(listed))
    tab.context.set_offline(True)
    server.reset_counts()

    # Every page in the navigation, by full navigation, answered by the worker.
    opened = 0
    for url in pages:
        response = tab.page.goto(url)
        assert response is not None and response.status == 200, url
        assert response.from_service_worker, url
        assert tab.page.locator("article h1").count() == 1, url
        assert tab.page.locator("link[rel=stylesheet]").count() > 0
        opened += 1

    # Instant navigation still works offline: a nav link swaps the page in place.
    tab.page.goto(server.url)
    tab.page.evaluate("window.__samePage = true")
    link = tab.page.locator("a.md-footer__link--next")
    target = link.evaluate("(a) => a.href")
    link.click()
    tab.page.wait_for_url(target)
    tab.page.wait_for_selector("article h1")
    instant = tab.page.evaluate("window.__samePage === true")
    assert instant, "the link reloaded the page instead of an instant swap"

    # Search, offline: the worker answers the search worker's index request.
    tab.page.goto(server.url)
    search = tab.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(SEARCH_TERM, delay=30)
    results = tab.page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    found = results.count()
    assert found > 0

    # Checklist ticks survive an offline reload.
    checklist_url = checklist_page(site_dir, server.url)
    tab.page.goto(checklist_url)
    tab.page.wait_for_selector("[data-checklist][data-checklist-ready]", state="attached")
    boxes = tab.page.locator("[data-checklist] input[data-checklist-item]")
    to_tick = min(2, boxes.count())
    for i in range(to_tick):
        boxes.nth(i).check()
    tab.page.reload()
    tab.page.wait_for_selector("[data-checklist][data-checklist-ready]", state="attached")
    kept = sum(boxes.nth(i).is_checked() for i in range(boxes.count()))
    assert kept == to_tick

    # A page that was never saved gets the offline copy's 404 page.
    response = tab.page.goto(server.url + "never-saved/")
    assert response is not None and response.status == 404
    assert tab.page.locator("h1#page-not-found").count() == 1

    assert content_requests(server) == [], "requests reached the network while offline"
    assert tab.foreign() == []
    print(
        f"\noffline: {opened}/{len(pages)} navigation pages opened offline, instant navigation {instant}, "
        f"{found} search results for {SEARCH_TERM!r}, {kept}/{to_tick} ticks kept, "
        f"{len(listed)} files precached"
    )


def test_only_listed_files_are_cached(tab: Tab, site) -> None:
    server, site_dir = site
    listed = precache_of(site_dir)["files"]
    tab.page.goto(server.url)
    wait_until_saved(tab.page, len(listed))
    # A query-string variant of an export and a file that is not listed go to the network, uncached.
    server.reset_counts()
    status = tab.page.evaluate(
        """async () => [(await fetch("references.bib?download=1")).status, (await fetch("sitemap.xml.gz")).status]"""
    )
    assert status == [200, 200]
    assert content_requests(server) == [
        "/ms-relapse-guide/references.bib?download=1",
        "/ms-relapse-guide/sitemap.xml.gz",
    ]
    names = offline_caches(tab.page)
    assert len(names) == 1 and names[0].startswith(CACHE_PREFIX + server.url)
    cached = tab.page.evaluate("async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)", names[0])
    expected = {f"{server.url}{url.removeprefix('./')}" for url, _ in listed}
    assert set(cached) == expected
    assert not any("?" in url for url in cached)
    assert tab.foreign() == []


OWNED_KEYS = """(root) => {
    const keys = [];
    for (const storage of [localStorage, sessionStorage]) {
        for (let i = 0; i < storage.length; i += 1) keys.push(storage.key(i));
    }
    return keys;
}"""
REGISTRATIONS = "async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope)"
DELETED = "Deleted. The offline copy, checklist ticks and settings this site saved on this device are gone."


def test_delete_button_empties_caches_storage_and_worker(tab: Tab, site) -> None:
    server, site_dir = site
    page = tab.page
    page.goto(server.url)
    wait_until_saved(page, len(precache_of(site_dir)["files"]))
    # Saved by the site: a checklist tick, and Material's colour-scheme choice.
    page.goto(checklist_page(site_dir, server.url))
    page.wait_for_selector("[data-checklist][data-checklist-ready]", state="attached")
    page.locator("[data-checklist] input[data-checklist-item]").first.check()
    page.locator("[data-gk-palette] label:visible").first.click()
    # Another site on the same origin (GitHub Pages shares one per owner) keeps its data.
    page.evaluate("""() => {
        localStorage.setItem("guidekit-checklist|https://example.invalid/other-site/|x|y|z", "[]");
        localStorage.setItem("/other-site/.__palette", "{}");
    }""")
    saved = page.evaluate(OWNED_KEYS)
    assert any(key.startswith("guidekit-checklist|" + server.url) for key in saved), saved
    assert any(key.startswith("/ms-relapse-guide/.__palette") for key in saved), saved
    assert len(offline_caches(page)) == 1
    assert page.evaluate(REGISTRATIONS) == [server.url]

    page.goto(server.url + "about/")
    button = page.get_by_role("button", name="Delete everything this site saved on this device")
    status = page.locator("[data-gk-offline-forget] [data-gk-offline-status]")
    assert status.get_attribute("role") == "status"
    # Keyboard: Tab from the section's heading link reaches the button, and Enter presses it.
    page.locator("#kept-on-your-device a.headerlink").focus()
    for _ in range(10):
        if button.evaluate("(b) => b === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert button.evaluate("(b) => b === document.activeElement"), "Tab never reached the delete button"
    page.keyboard.press("Enter")
    wait_for_js(page,
        "(text) => document.querySelector('[data-gk-offline-status]').textContent.startsWith(text)", arg=DELETED
    )

    assert offline_caches(page) == []
    assert page.evaluate(REGISTRATIONS) == []
    left = page.evaluate(OWNED_KEYS)
    assert sorted(left) == ["/other-site/.__palette", "guidekit-checklist|https://example.invalid/other-site/|x|y|z"]
    # Instant navigation in the same tab does not quietly save a new copy.
    page.locator("a.md-footer__link--prev").click()
    page.wait_for_selector("article h1")
    assert page.evaluate(REGISTRATIONS) == []
    assert tab.errors == [] and tab.foreign() == []
    print(f"\ndelete: {len(saved) - 2} site keys, 1 cache and 1 worker deleted; other sites' 2 keys kept")


DEGRADED = {
    # Playwright's own switch: the browser runs no service workers.
    "workers-blocked": ({"service_workers": "block"}, ""),
    # Browsers without service workers at all.
    "no-workers": ({}, "delete Navigator.prototype.serviceWorker; delete window.caches;"),
    # Private modes that block storage: every storage API throws.
    "storage-blocked": (
        {},
        """for (const name of ["localStorage", "sessionStorage", "caches"]) {
            Object.defineProperty(window, name, {
                get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
        }
        Object.defineProperty(Navigator.prototype, "serviceWorker", {
            get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""",
    ),
}


def _visit_degraded(browser, server: RecordingServer, how: str, *, module: bool) -> list[str]:
    """Open three pages and press the delete button; return the console errors."""
    options, script = DEGRADED[how]
    opened = Tab(browser, server, **options)
    try:
        if script:
            opened.context.add_init_script(script)
        if not module:
            # The baseline: the same pages with offline.js a module that does nothing.
            opened.context.route(
                "**/javascripts/offline.js",
                lambda route: route.fulfill(body="export function setupOffline() {}", content_type="text/javascript"),
            )
        page = opened.page
        for path in ("", "what-is-a-relapse/", "about/"):
            response = page.goto(server.url + path, wait_until="load")
            assert response is not None and response.status == 200
            assert not response.from_service_worker
            assert page.locator("article h1").count() == 1
        button = page.get_by_role("button", name="Delete everything this site saved on this device")
        if module:
            button.click()
            wait_for_js(page, "document.querySelector('[data-gk-offline-status]').textContent.length > 0")
        else:
            assert button.count() == 0, "without JavaScript's help the button stays hidden"
        if how == "workers-blocked":
            assert page.evaluate(REGISTRATIONS) == []
        assert opened.foreign() == []
        return opened.errors
    finally:
        opened.close()


@pytest.mark.parametrize("how", DEGRADED)
def test_site_works_without_workers_or_storage(browser, site, how: str) -> None:
    server, _ = site
    errors = _visit_degraded(browser, server, how, module=True)
    if how == "storage-blocked":
        # Material's own scripts throw when localStorage does; offline.js must add nothing.
        assert errors == _visit_degraded(browser, server, how, module=False)
    else:
        assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_colours_match_the_header(browser, site, scheme: str) -> None:
    server, site_dir = site
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    context = browser.new_context(color_scheme=scheme, service_workers="block")
    try:
        page = context.new_page()
        page.goto(server.url)
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        # The first theme-color meta whose media matches is the one browsers use.
        meta = page.evaluate(
            """() => [...document.querySelectorAll('meta[name="theme-color"]')]
                .find((m) => !m.media || matchMedia(m.media).matches).content"""
        )
        assert _rgb(meta) == header
        assert _rgb(manifest["theme_color"]) == header
        if scheme == "light":
            assert _rgb(manifest["background_color"]) == page.evaluate(
                "getComputedStyle(document.body).backgroundColor"
            )
    finally:
        context.close()


def _rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i : i + 2], 16) for i in (0, 2, 4)))
