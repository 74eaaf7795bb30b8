"""Crawl the served build in Chromium: privacy, accessibility, links, phones, no-JS.

The crawl follows links from the home page only, so the page count it reaches
is an independent check on the navigation.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from crawl_support import nav_page_urls

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
SCHEMES = {"light": "default", "dark": "slate"}
#: A phone and a desktop; axe runs at both, in both schemes.
WIDTHS = {"phone": 360, "desktop": 1280}
MISSING_PATH = "no-such-page/"
# The answered state of a page: every <details> open and every checklist box
# ticked, so the outcomes, notices and Undo controls are checked too.
TICK_ALL_JS = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const boxes = Array.from(document.querySelectorAll('.checklist input[type=checkbox]'));
  boxes.forEach(box => { if (!box.checked) box.click(); });
  return boxes.length;
}"""


@dataclass
class PageReport:
    url: str
    status: int
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    links: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    axe: dict[str, str] = field(default_factory=dict)
    axe_runs: int = 0
    ticked: int = 0


def _is_page(url: str, base: str) -> bool:
    return url.startswith(base) and (url.endswith("/") or url.endswith(".html"))


def _visit(context, url: str, origin: str, scheme: str, width: str) -> PageReport:
    page = context.new_page()
    report = PageReport(url=url, status=0)
    def on_console(msg) -> None:
        # Chromium logs the missing page's own 404 as an error; that one is by design.
        expected_404 = url.endswith(MISSING_PATH) and msg.location.get("url") == url and "404" in msg.text
        if msg.type == "error" and not expected_404:
            report.console_errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: report.console_errors.append(str(exc)))
    page.on("requestfailed", lambda req: report.failed_requests.append(f"{req.url} {req.failure}"))

    def on_request(request) -> None:
        if not request.url.startswith((origin, "data:", "blob:", "about:")):
            report.foreign_requests.append(request.url)

    def on_response(response) -> None:
        # The missing page itself answers 404 by design; nothing else may.
        if response.status >= 400 and response.url != url:
            report.failed_requests.append(f"{response.url} HTTP {response.status}")

    page.on("request", on_request)
    page.on("response", on_response)
    response = page.goto(url, wait_until="networkidle")
    report.status = response.status if response else 0
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], f"{url}: scheme not applied"
    report.links = set(page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)"))
    report.ids = set(page.eval_on_selector_all("[id], a[name]", "els => els.map(e => e.id || e.name)"))
    _axe(page, report, f"{scheme}, {width}")
    report.ticked = page.evaluate(TICK_ALL_JS)
    if report.ticked:
        page.wait_for_timeout(300)  # outcomes and live regions settle
        _axe(page, report, f"{scheme}, {width}, {report.ticked} boxes ticked")
    page.close()
    return report


def _axe(page, report: PageReport, label: str) -> None:
    results = Axe().run(page, options=AXE_OPTIONS)
    report.axe_runs += 1
    if results.violations_count:
        report.axe[label] = results.generate_report()


@pytest.fixture(scope="module")
def crawl(browser, site_server) -> dict[str, dict[str, PageReport]]:
    """Visit every reachable page (plus the 404 page) in both schemes, at both widths.

    Keyed by URL, then "light" / "dark" (desktop) and "light phone" / "dark phone".
    The desktop visits follow links; the phone visits replay the pages found.
    """
    base, origin = site_server.url, site_server.origin
    reports: dict[str, dict[str, PageReport]] = {}
    for scheme in SCHEMES:
        context = _context(browser, origin, scheme, WIDTHS["desktop"])
        queue, seen = [base], {base}
        while queue:
            url = queue.pop(0)
            report = _visit(context, url, origin, scheme, "desktop")
            reports.setdefault(url, {})[scheme] = report
            for link in sorted(report.links):
                target = urldefrag(link).url
                if _is_page(target, base) and target not in seen:
                    seen.add(target)
                    queue.append(target)
        missing = urljoin(base, MISSING_PATH)
        reports.setdefault(missing, {})[scheme] = _visit(context, missing, origin, scheme, "desktop")
        context.close()
        phone = _context(browser, origin, scheme, WIDTHS["phone"])
        for url in sorted(reports):
            reports[url][f"{scheme} phone"] = _visit(phone, url, origin, scheme, "phone")
        phone.close()
    return reports


def _context(browser, origin: str, scheme: str, width: int):
    mobile = width < 600
    context = browser.new_context(
        color_scheme=scheme,
        viewport={"width": width, "height": 740 if mobile else 900},
        is_mobile=mobile,
        has_touch=mobile,
    )
    # Belt and braces: a request to another host is recorded, then blocked.
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    return context


def _content_pages(crawl: dict, base: str) -> set[str]:
    return {url for url in crawl if url != urljoin(base, MISSING_PATH)}


def test_crawl_reaches_exactly_the_navigation(crawl, site_server) -> None:
    expected = nav_page_urls(site_server.url)
    visited = _content_pages(crawl, site_server.url)
    print(f"\ncrawl: visited {len(visited)} pages + the 404 page; navigation lists {len(expected)}")
    assert len(expected) >= 2
    assert visited == expected


def test_pages_answer_ok_and_404_page_is_custom(crawl, site_server) -> None:
    missing = urljoin(site_server.url, MISSING_PATH)
    for url, by_scheme in crawl.items():
        for report in by_scheme.values():
            assert report.status == (404 if url == missing else 200), url
    assert "page-not-found" in crawl[missing]["light"].ids


def test_no_console_errors_or_failed_requests(crawl) -> None:
    problems = [
        f"{r.url} [{scheme}]: {problem}"
        for by_scheme in crawl.values()
        for scheme, r in by_scheme.items()
        for problem in r.console_errors + r.failed_requests
    ]
    assert problems == []


def test_no_request_leaves_the_local_server(crawl) -> None:
    foreign = sorted({req for by in crawl.values() for r in by.values() for req in r.foreign_requests})
    print(f"\nthird-party requests: {len(foreign)}")
    assert foreign == []


def test_no_axe_violations_at_both_widths_in_both_schemes(crawl) -> None:
    runs = sum(r.axe_runs for by in crawl.values() for r in by.values())
    ticked = sum(1 for by in crawl.values() for r in by.values() if r.ticked)
    expected = sum(1 + bool(r.ticked) for by in crawl.values() for r in by.values())
    reports = [
        f"{r.url} [{label}]\n{text}" for by in crawl.values() for r in by.values() for label, text in r.axe.items()
    ]
    print(f"\naxe: {runs} runs ({len(crawl)} pages x 2 schemes x 2 widths, {ticked} of them also ticked), "
          f"{len(reports)} with violations")
    assert all(len(by) == 2 * len(SCHEMES) for by in crawl.values())
    assert runs == expected
    assert ticked >= 4, "no checklist was ticked: the answered state went unchecked"
    assert not reports, "\n\n".join(reports)


def test_every_internal_link_and_anchor_resolves(crawl, site_server) -> None:
    base = site_server.url
    ids_by_page = {url: by["light"].ids for url, by in crawl.items()}
    broken: list[str] = []
    checked = 0
    for url, by in crawl.items():
        for link in by["light"].links:
            if not link.startswith(site_server.origin):
                continue
            target, fragment = urldefrag(link)
            checked += 1
            if target in ids_by_page:
                if fragment and fragment not in ids_by_page[target]:
                    broken.append(f"{url} -> {link} (no #{fragment})")
            elif not target.startswith(base) or not _http_ok(target):
                broken.append(f"{url} -> {link}")
    print(f"\nlinks: {checked} internal links checked, {len(broken)} broken")
    assert checked > 0
    assert broken == []


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local server only
            return response.status == 200
    except urllib.error.URLError:
        return False


def test_no_horizontal_scroll_on_a_phone(browser, crawl, site_server) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    too_wide = []
    for url in sorted(crawl):
        page.goto(url, wait_until="networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide.append(f"{url}: {width}px")
    context.close()
    assert too_wide == []


def test_main_content_without_javascript(browser, crawl) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for url in sorted(crawl):
        page.goto(url)
        heading = page.locator("article h1").first
        assert heading.is_visible(), url
        text = page.locator("article").first.inner_text()
        assert len(text) > 80, f"{url}: only {len(text)} characters of content without JS"
    context.close()


def test_site_files(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert (built_site / "sitemap.xml").is_file()
    assert "Page not found" in (built_site / "404.html").read_text(encoding="utf-8")


def test_no_page_holds_control_characters_or_markdown_placeholders(built_site: Path) -> None:
    """Python-Markdown's placeholders (STX/ETX-wrapped) left in a page show as stray bytes."""
    pages = sorted(built_site.rglob("*.html"))
    bad = {
        str(path.relative_to(built_site)): sorted({hex(ord(c)) for c in text if ord(c) < 32 and c not in "\t\n\r"})
        for path in pages
        if (text := path.read_text(encoding="utf-8")) and any(ord(c) < 32 and c not in "\t\n\r" for c in text)
    }
    print(f"\ncontrol characters: {len(pages)} HTML files read, {len(bad)} with any")
    assert len(pages) >= 14
    assert not bad


def test_every_page_has_the_urgent_help_link_and_a_checklist_skip_link(crawl, site_server) -> None:
    """The top bar on every page; pages with a checklist also skip straight to it."""
    urgent_target = urljoin(site_server.url, "#red-flags")
    with_checklist = 0
    for url, by_scheme in crawl.items():
        report = by_scheme["light"]
        assert urgent_target in report.links, f"{url}: no 'Urgent help' link to {urgent_target}"
        checklists = sorted(i for i in report.ids if i.startswith("checklist-") and "--" not in i)
        skip = [link for link in report.links if urldefrag(link).fragment.startswith("checklist-")
                and urldefrag(link).url == url]
        if checklists:
            with_checklist += 1
            assert skip, f"{url}: has a checklist but no skip link to it"
    print(f"\ntop bar: {len(crawl)} pages with the urgent-help link, {with_checklist} with a checklist skip link")
    assert with_checklist >= 3
