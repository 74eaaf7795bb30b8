"""Figures for the offline copy: precache size, and what a first visit transfers with and without the worker.

Run: `.venv/bin/python scripts/measure_offline.py`. Builds the real site into a
temporary folder, serves it like GitHub Pages (gzip) and counts the bytes the
server sends, headers included, so the service worker's own downloads count too.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from guidekit.offline import page_path  # noqa: E402
from scripts.recording_server import RecordingServer  # noqa: E402

PRECACHE_LINE = re.compile(r"^const PRECACHE = (\{.*\});$", re.MULTILINE)
SAVED = """async (expected) => {
    const names = (await caches.keys()).filter((n) => n.startsWith("gk-offline|"));
    return names.length === 1 && (await (await caches.open(names[0])).keys()).length === expected;
}"""


def build(site: Path, site_url: str) -> list[list[str]]:
    """Build the real site for `site_url`; return its precache list."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)]
    subprocess.run(command, cwd=REPO, env=env, check=True)
    match = PRECACHE_LINE.search((site / "sw.js").read_text(encoding="utf-8"))
    if not match:
        sys.exit("measure: sw.js has no precache list")
    files: list[list[str]] = json.loads(match.group(1))["files"]
    return files


def visit(browser: Browser, server: RecordingServer, *, worker: bool, files: int) -> tuple[int, int, int, int]:
    """Bytes and requests of a first visit to Home, then of the next page."""
    context = browser.new_context(service_workers="allow" if worker else "block")
    try:
        page = context.new_page()
        server.reset_counts()
        page.goto(server.url, wait_until="networkidle")
        if worker:
            # Polled with evaluate: wait_for_function compiles its predicate in the page,
            # which the site's Content Security Policy forbids (no 'unsafe-eval').
            for _ in range(300):
                if page.evaluate("navigator.serviceWorker.controller !== null"):
                    break
                page.wait_for_timeout(200)
            else:
                sys.exit("measure_offline: the worker never took control of the page")
            # evaluate awaits the promise (the cache count), so poll it the same way.
            while not page.evaluate(SAVED, files):
                page.wait_for_timeout(200)
        page.wait_for_timeout(1000)
        first = (server.bytes_sent, len(server.paths))
        server.reset_counts()
        page.goto(server.url + "what-is-a-relapse/", wait_until="networkidle")
        page.wait_for_timeout(1000)
        return (*first, server.bytes_sent, len(server.paths))
    finally:
        context.close()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        server = RecordingServer(site)
        listed = build(site, server.url)
        raw = gzipped = 0
        for url, _ in listed:
            data = (site / page_path("" if url == "./" else url)).read_bytes()
            raw += len(data)
            gzipped += len(gzip.compress(data))
        print(f"precache: {len(listed)} files, {raw / 1024:.0f} KiB ({gzipped / 1024:.0f} KiB gzipped)")
        chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("google-chrome")
        with server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            for worker in (False, True):
                b1, r1, b2, r2 = visit(browser, server, worker=worker, files=len(listed))
                label = "with the worker   " if worker else "without the worker"
                print(
                    f"{label}: first visit {b1 / 1024:.0f} KiB in {r1} requests; "
                    f"next page {b2 / 1024:.1f} KiB in {r2} requests"
                )
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
