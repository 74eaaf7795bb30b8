"""A new deploy in a real Chromium: the reader is told, keeps one whole version until Reload, then gets the new."""

from __future__ import annotations

import shutil
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from conftest import make_site, run_mkdocs_build, wait_for_js, warning_lines
from offline_support import CACHE_PREFIX, offline_caches, precache_of, wait_until_saved

from scripts.recording_server import RecordingServer

NOTICE = "#gk-offline-notice"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def pages(version: str) -> dict[str, str]:
    return {
        "index.md": f"# Home\n\nThis is version {version} of the guide. Read [the other page](other.md).\n",
        "other.md": f"# Other page\n\nThe other page, version {version}.\n",
    }


def build(root: Path, site_dir: Path, version: str, site_url: str) -> None:
    config = make_site(root, pages(version), site_url=site_url)
    result = run_mkdocs_build(config, site_dir)
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr + result.stdout) == []


def test_new_version_is_announced_then_loaded_whole(browser, tmp_path: Path) -> None:
    served = tmp_path / "served"
    server = RecordingServer(served)
    build(tmp_path / "v1", served, "one", server.url)
    old = precache_of(served)
    context = browser.new_context()
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        with server:
            page.goto(server.url)
            wait_until_saved(page, len(old["files"]))
            assert page.locator(NOTICE).inner_text() == ""

            # Deploy version two over version one.
            build(tmp_path / "v2", tmp_path / "v2-site", "two", server.url)
            new = precache_of(tmp_path / "v2-site")
            assert new["version"] != old["version"]
            shutil.rmtree(served)
            shutil.copytree(tmp_path / "v2-site", served)

            page.reload()
            reload_button = page.locator(f"{NOTICE} button[data-gk-offline-reload]")
            reload_button.wait_for(timeout=30_000)
            notice = page.locator(NOTICE)
            assert notice.get_attribute("role") == "status"
            assert "A newer version of this guide is ready:" in notice.inner_text()
            for scheme in ("default", "slate"):
                page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
                # Material fades colours on a scheme change; check the settled page.
                wait_for_js(page, "document.getAnimations().every((a) => a.playState !== 'running')")
                page.wait_for_timeout(300)
                # The rest of the page is the crawl's job; this checks the notice.
                result = Axe().run(page, context=NOTICE, options=AXE_OPTIONS)
                assert result.violations_count == 0, f"{scheme}: {result.generate_report()}"
            # Until the reader reloads, every page is still version one.
            assert "version one" in page.locator("article").inner_text()
            page.goto(server.url + "other/")
            assert "version one" in page.locator("article").inner_text()
            reload_button.wait_for()

            reload_button.focus()
            page.keyboard.press("Enter")
            wait_for_js(page, "document.querySelector('article').innerText.includes('version two')")
            assert "version two" in page.locator("article").inner_text()
            page.goto(server.url)
            assert "version two" in page.locator("article").inner_text()
            # The old cache is gone; only the new version's is left.
            assert offline_caches(page) == [f"{CACHE_PREFIX}{server.url}|{new['version']}"]
            assert page.locator(NOTICE).inner_text() == ""
    finally:
        context.close()
    assert errors == []
    print(f"\nupdate: notice shown, version {old['version']} -> {new['version']} after Reload, old cache deleted")
