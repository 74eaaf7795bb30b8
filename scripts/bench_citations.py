"""`make bench`: build time of the citation engine on the real site configuration, at scale.

Generates a 5,000-entry library (accents, LaTeX markup, @string macros in a
separate file) and 200 pages of 20 citations each (groups, locators, in-text),
each page with a review date (so it gets meta tags and "Cite this page"), plus
the References page with the site-wide bibliography; the exports are written
too. Then times, each in a fresh process, the median of N interleaved rounds of:

- floor: the same configuration with the citation extension and hook removed;
- cold: everything on, with no cache on disk;
- warm: everything on, with the cache the round's cold build left.

Prints wall-clock and CPU medians side by side, and the ratios to the floor
(CPU time, which other work on a shared machine disturbs least). Set
BENCH_RUNS to change N (default 3), BENCH_NO_SEARCH=1 to add the same three
without Material's search plugin.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.site_config import write_site  # noqa: E402

ENTRIES = 5000
PAGES = 200
CITES_PER_PAGE = 20
JOURNALS = 50
REVIEWED = "2026-11-26"
COLD_TARGET = 2.0
WARM_TARGET = 1.15
SURNAMES = ["M{\\\"u}ller", "{\\v S}t{\\v e}p{\\'a}nek", "O'Connor", "Nguyen", "Garc{\\'\\i}a", "Smith", "Dubois"]


def _library() -> tuple[str, str]:
    macros = "".join(f'@string{{j{i} = "Journal of Neurology {i}"}}\n' for i in range(JOURNALS))
    entries = []
    for i in range(ENTRIES):
        authors = " and ".join(f"{SURNAMES[(i + k) % len(SURNAMES)]}, Anna-Maria {chr(65 + k)}." for k in range(i % 9))
        entries.append(
            f"@article{{ref{i:04d},\n"
            f"  author = {{{authors or 'Solo, Han'}}},\n"
            f"  title = {{Effect of \\emph{{high-dose}} steroids on CO\\textsubscript{{2}} and $\\beta_2$ in {{MS}} "
            f"cohort {i}}},\n"
            f"  journal = j{i % JOURNALS},\n  year = {{{1980 + i % 45}}},\n  volume = {{{i % 300}}},\n"
            f"  number = {{{i % 12}}},\n  pages = {{{i % 900}--{i % 900 + 9}}},\n"
            f"  doi = {{10.1000/bench.{i}}},\n  pmid = {{{10_000_000 + i}}}\n}}\n"
        )
    return macros, "".join(entries)


def _pages() -> dict[str, str]:
    rng = random.Random(20261126)  # noqa: S311 - a fixed seed for a repeatable corpus, not security
    front = f"---\nreviewed: {REVIEWED}\ndescription: A synthetic page.\n---\n\n"
    pages = {
        "index.md": f"{front}# Benchmark\n\nSynthetic pages.\n",
        # The site-wide bibliography, as docs/references.md asks for it.
        "references.md": f"{front}# References\n\n<div class=\"gk-bibliography-here\"></div>\n",
    }
    for p in range(PAGES):
        lines = [f"{front}# Page {p}\n"]
        for c in range(CITES_PER_PAGE):
            keys = [f"ref{rng.randrange(ENTRIES):04d}" for _ in range(3)]
            form = c % 4
            if form == 0:
                cite = f"[@{keys[0]}]"
            elif form == 1:
                cite = f"[@{keys[0]}; @{keys[1]}; @{keys[2]}]"
            elif form == 2:
                cite = f"[see @{keys[0]}, p. {c + 1}; @{keys[1]}, ch. 2]"
            else:
                cite = f"as @{keys[0]} reported"
            lines.append(f"Sentence {c} about relapse care {cite}.\n")
        pages[f"page{p:03d}.md"] = "\n".join(lines)
    return pages


class Timing(NamedTuple):
    wall: float
    cpu: float


def _build(config: Path, out: Path) -> Timing:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"bench: build failed\n{result.stderr[-2000:]}")
    for name in ("references/index.html", "references.bib", "references.ris", "references.json"):
        if not (out / name).is_file() and "cited" in str(config):
            sys.exit(f"bench: the build wrote no {name}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(elapsed, cpu)


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        refs = root / "references"
        refs.mkdir()
        macros, library = _library()
        (refs / "macros.bib").write_text(macros, encoding="utf-8")
        (refs / "library.bib").write_text(library, encoding="utf-8")
        pages = _pages()
        print(f"corpus: {ENTRIES} entries, {len(pages)} pages, {PAGES * CITES_PER_PAGE} citations; {runs} runs each")
        variants: list[tuple[str, list[str] | None]] = [("real site configuration (search on)", None)]
        if os.environ.get("BENCH_NO_SEARCH"):
            variants.append(("without the search plugin", []))
        for label, plugins in variants:
            rows = _measure(root / label.split()[0], pages, refs, runs, plugins)
            _report(label, rows)
    print(f"targets: cold <= {COLD_TARGET:.2f}x floor, warm <= {WARM_TARGET:.2f}x floor (CPU time)")


def _measure(root: Path, pages: dict[str, str], refs: Path, runs: int, plugins: list[str] | None
             ) -> list[tuple[str, list[Timing]]]:
    if plugins is None:  # the real configuration's plugins
        floor_cfg = write_site(root / "floor", pages, citations=False)
        cite_cfg = write_site(root / "cited", pages, bibliography=refs)
    else:
        floor_cfg = write_site(root / "floor", pages, citations=False, plugins=plugins)
        cite_cfg = write_site(root / "cited", pages, bibliography=refs, plugins=plugins)
    cache = root / "cited" / ".cache"
    floor: list[Timing] = []
    cold: list[Timing] = []
    warm: list[Timing] = []
    # Interleaved rounds (floor, cold, warm; floor, cold, warm; ...): on a shared
    # machine the load drifts, and a drift then lands on all three alike.
    for _ in range(runs):
        floor.append(_build(floor_cfg, root / "out-floor"))
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(_build(cite_cfg, root / "out-cold"))
        warm.append(_build(cite_cfg, root / "out-warm"))  # the cache the cold build just left
    return [("floor", floor), ("cold", cold), ("warm", warm)]


def _report(label: str, rows: list[tuple[str, list[Timing]]]) -> None:
    base_wall = statistics.median(t.wall for t in rows[0][1])
    base_cpu = statistics.median(t.cpu for t in rows[0][1])
    print(f"\n{label}")
    print(f"{'build':<7}{'wall s':>8}{'ratio':>8}{'cpu s':>8}{'ratio':>8}   cpu runs")
    ratios = {}
    for name, times in rows:
        wall = statistics.median(t.wall for t in times)
        cpu = statistics.median(t.cpu for t in times)
        ratios[name] = cpu / base_cpu
        print(f"{name:<7}{wall:>8.2f}{wall / base_wall:>7.2f}x{cpu:>8.2f}{cpu / base_cpu:>7.2f}x   "
              + ", ".join(f"{t.cpu:.2f}" for t in times))
    cold_ok = "ok" if ratios["cold"] <= COLD_TARGET else "OVER"
    warm_ok = "ok" if ratios["warm"] <= WARM_TARGET else "OVER"
    print(f"ratios to the floor (CPU): cold {ratios['cold']:.2f}x ({cold_ok}), warm {ratios['warm']:.2f}x ({warm_ok})")


if __name__ == "__main__":
    main()
