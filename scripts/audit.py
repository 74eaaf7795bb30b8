"""`make audit`: Lighthouse scores for every page of the built site.

Builds the site strictly, serves it under the GitHub Pages sub-path, runs the
pinned Lighthouse (tools/audit) in the system Chromium with networking flags
off, and prints performance (mobile), accessibility, best practices and SEO
side by side, with the three metrics that weigh most in the performance
score (LCP, TBT, CLS) so a low score can be read. A report, not a test.

Lighthouse times the page on this machine and then scales the CPU work by 4
(simulated mobile), so a loaded machine lowers the performance score: the
load average is printed with the table. AUDIT_PAGES="/ a/" audits only those
pages; AUDIT_JSON=DIR keeps each page's full Lighthouse report there.
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
#: (Lighthouse audit id, column): the metrics that weigh most in the performance score.
METRICS = (("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS"))
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


def _scores(url: str, chrome: str, name: str) -> dict[str, float | str]:
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
    keep = os.environ.get("AUDIT_JSON")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / f"{name}.json").write_text(result.stdout, encoding="utf-8")
    scores: dict[str, float | str] = {
        name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES
    }
    for metric, label in METRICS:
        scores[label] = report["audits"][metric].get("displayValue", "?").replace("\u00a0", " ")
    return scores


def main() -> None:
    chrome = _chromium()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=REPO, check=True,
        )
        wanted = [page.lstrip("/") for page in os.environ.get("AUDIT_PAGES", "").split()]  # "/" is Home
        paths = [p for p in _page_paths(site) if not wanted or p in wanted]
        with PagesServer(site) as server:
            print(f"load average before: {_load()}")
            print(f"{'page':36} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'LCP':>8} {'TBT':>9} {'CLS':>6}")
            for path in paths:
                s = _scores(server.url + path, chrome, path.strip("/").replace("/", "_") or "home")
                if not s:
                    print(f"{'/' + path:36} not scored (Lighthouse refuses non-200 pages)", flush=True)
                    continue
                print(f"{'/' + path:36} {s['performance']:>5} {s['accessibility']:>5} "
                      f"{s['best-practices']:>5} {s['seo']:>5} {s['LCP']:>8} {s['TBT']:>9} {s['CLS']:>6}", flush=True)
            print(f"load average after: {_load()} (performance is timed on this machine: see the docstring)")


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
