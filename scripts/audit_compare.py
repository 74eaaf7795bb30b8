"""`make audit-compare`: Lighthouse performance of this checkout beside earlier commits, in one run.

Lighthouse's mobile score moves by 5 to 10 points from run to run on a shared
machine, so a figure from another day says little. This builds each commit
given in AUDIT_REFS (default: the first version, tag or commit in
FIRST_VERSION) in a temporary git worktree, builds this checkout as it is,
serves each under the GitHub Pages sub-path, and audits every page of
AUDIT_PAGES round-robin: every site once per round, AUDIT_RUNS rounds
(default 3). It prints the median score, FCP, LCP and TBT per site and page,
side by side. Older commits are built with this checkout's installed packages
(their own guidekit and hooks, via PYTHONPATH), so only the site's code differs.
A report, not a test.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.audit import CHROME_FLAGS, LIGHTHOUSE, _chromium, _load  # noqa: E402
from scripts.pages_server import PagesServer  # noqa: E402

#: The last commit of the first version (2026-11-26), before the second round of issues.
FIRST_VERSION = "98b15da"
DEFAULT_PAGES = "/ what-to-do-now/ clinician-quick-reference/ about/"
METRICS = (("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"), ("total-blocking-time", "TBT"))


def _build(source: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(source)}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
                   cwd=source, env=env, check=True)


def _lighthouse(url: str, chrome: str) -> tuple[float, ...]:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         "--only-categories=performance", f"--chrome-flags={CHROME_FLAGS}"],
        capture_output=True, text=True, check=True, env={**os.environ, "CHROME_PATH": chrome},
    )
    report = json.loads(result.stdout)
    audits = report["audits"]
    return (report["categories"]["performance"]["score"] * 100,
            *(audits[metric]["numericValue"] for metric, _ in METRICS))


def main() -> None:
    chrome = _chromium()
    refs = os.environ.get("AUDIT_REFS", FIRST_VERSION).split()
    pages = [p.lstrip("/") for p in os.environ.get("AUDIT_PAGES", DEFAULT_PAGES).split()]
    runs = int(os.environ.get("AUDIT_RUNS", "3"))
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        sources: dict[str, Path] = {}
        for ref in refs:
            tree = Path(tmp) / f"tree-{ref}"
            subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree), ref], cwd=REPO, check=True)
            stack.callback(subprocess.run, ["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
            sources[ref] = tree
        sources["this checkout"] = REPO
        servers: dict[str, PagesServer] = {}
        for name, source in sources.items():
            site = Path(tmp) / f"site-{len(servers)}" / "site"
            _build(source, site)
            servers[name] = stack.enter_context(PagesServer(site))
        print(f"load average before: {_load()}; {runs} rounds, sites interleaved", flush=True)
        results: dict[tuple[str, str], list[tuple[float, ...]]] = {}
        for _ in range(runs):
            for page in pages:
                for name, server in servers.items():
                    results.setdefault((name, page), []).append(_lighthouse(server.url + page, chrome))
        print(f"{'page':30} {'site':16} {'perf':>5} {'FCP':>7} {'LCP':>7} {'TBT':>7}  scores")
        for page in pages:
            for name in servers:
                rows = results[(name, page)]
                perf, fcp, lcp, tbt = (statistics.median(column) for column in zip(*rows, strict=True))
                scores = " ".join(str(round(row[0])) for row in rows)
                print(f"{'/' + page:30} {name:16} {perf:>5.0f} {fcp:>5.0f}ms {lcp:>5.0f}ms {tbt:>5.0f}ms  {scores}")
        print(f"load average after: {_load()} (performance is timed on this machine: see scripts/audit.py)")


if __name__ == "__main__":
    main()
