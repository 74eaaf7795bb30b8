"""The offline copy in a real Chromium, against the Pages-like server under /ms-relapse-guide/.

One visit to Home, then no network: every page in the navigation, the search,
checklist ticks and the 404 fallback must still work. What reached the server
is recorded, so "came from the offline copy" is checked at the source.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from offline_support import (
    CACHE_PREFIX,
    RecordingServer,
    build_real_site,
    nav_page_urls,
    offline_caches,
    precache_of,
    wait_until_saved,
)

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

    assert server.paths == [], "requests reached the network while offline"
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
    status = tab.page.evaluate(
        """async () => [(await fetch("references.bib?download=1")).status, (await fetch("sitemap.xml.gz")).status]"""
    )
    assert status == [200, 200]
    names = offline_caches(tab.page)
    assert len(names) == 1 and names[0].startswith(CACHE_PREFIX + server.url)
    cached = tab.page.evaluate("async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)", names[0])
    expected = {f"{server.url}{url.removeprefix('./')}" for url, _ in listed}
    assert set(cached) == expected
    assert not any("?" in url for url in cached)
    assert tab.foreign() == []
