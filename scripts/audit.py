"""`make audit`: Lighthouse scores for every page of the built site.

Builds the site strictly, serves it under the GitHub Pages sub-path, runs the
pinned Lighthouse (tools/audit) in the system Chromium with networking flags
off, and prints performance (mobile), accessibility, best practices and SEO
side by side. A report, not a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.pages_server import PagesServer  # noqa: E402

LIGHTHOUSE = REPO / "tools" / "audit" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/google-chrome"):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("audit: no Chromium found (set CHROMIUM_PATH)")


def _page_paths(site: Path) -> list[str]:
    """Site-relative paths of every page, from the sitemap, plus the 404 page."""
    tree = ET.parse(site / "sitemap.xml")  # noqa: S314 - our own build output
    paths = []
    for loc in tree.getroot().findall("s:url/s:loc", SITEMAP_NS):
        path = urlsplit(loc.text or "").path
        # sitemap holds the public site_url path; keep the part after the sub-path.
        paths.append(path.split("/", 2)[2] if path.count("/") >= 2 else "")
    return [*paths, "no-such-page/"]


def _scores(url: str, chrome: str) -> dict[str, float]:
    result = subprocess.run(
        [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True, text=True, check=False, env={**os.environ, "CHROME_PATH": chrome},
    )
    if result.returncode != 0:
        # Lighthouse refuses to score a page served with an error status (the 404 page).
        return {}
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> None:
    chrome = _chromium()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=REPO, check=True,
        )
        with PagesServer(site) as server:
            print(f"{'page':40} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
            for path in _page_paths(site):
                s = _scores(server.url + path, chrome)
                if not s:
                    print(f"{'/' + path:40} not scored (Lighthouse refuses non-200 pages)", flush=True)
                    continue
                print(f"{'/' + path:40} {s['performance']:>5} {s['accessibility']:>5} "
                      f"{s['best-practices']:>5} {s['seo']:>5}", flush=True)


if __name__ == "__main__":
    main()
