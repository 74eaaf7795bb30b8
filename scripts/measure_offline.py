"""Figures for the offline copy: precache size, and what a first visit transfers with and without the worker.

Run: `.venv/bin/python scripts/measure_offline.py`. Builds the real site into a
temporary folder, serves it like GitHub Pages (gzip) and counts the bytes the
server sends, headers included, so the service worker's own downloads count too.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402
from offline_support import RecordingServer, build_real_site, precache_of, wait_until_saved  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from guidekit.offline import page_path  # noqa: E402


def first_visit(browser: object, server: RecordingServer, *, worker: bool, files: int) -> tuple[int, int, int, int]:
    """(bytes, requests) of a first visit to Home, then of a second page view."""
    context = browser.new_context(service_workers="allow" if worker else "block")  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        server.reset_counts()
        page.goto(server.url, wait_until="networkidle")
        if worker:
            wait_until_saved(page, files)
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
        build_real_site(site, server.url)
        listed = precache_of(site)["files"]
        raw = gzipped = 0
        for url, _ in listed:
            data = (site / page_path("" if url == "./" else url)).read_bytes()
            raw += len(data)
            gzipped += len(gzip.compress(data))
        print(f"precache: {len(listed)} files, {raw / 1024:.0f} KiB ({gzipped / 1024:.0f} KiB gzipped)")
        with server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            for worker in (False, True):
                b1, r1, b2, r2 = first_visit(browser, server, worker=worker, files=len(listed))
                label = "with the worker   " if worker else "without the worker"
                print(
                    f"{label}: first visit {b1 / 1024:.0f} KiB in {r1} requests; "
                    f"next page {b2 / 1024:.1f} KiB in {r2} requests"
                )
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
