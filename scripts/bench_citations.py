"""`make bench`: build time of the citation engine on a synthetic corpus.

Generates a 5,000-entry library (accents, LaTeX markup, @string macros in a
separate file) and 200 pages of 20 citations each (groups, locators, in-text),
then times, each in a fresh process, the median of N builds of:

- plain: the same pages with the citation extension and hook off;
- cold: the extension on, with no cache on disk;
- warm: the extension on, with the cache from a previous build.

Prints the medians and their ratios to plain side by side. The same three are
then repeated without Material's search plugin, whose HTML parser grows with
the page (citations add markup), to show the engine's own share. Set
BENCH_RUNS to change N (default 3).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.site_config import write_site  # noqa: E402

ENTRIES = 5000
PAGES = 200
CITES_PER_PAGE = 20
JOURNALS = 50
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
    pages = {"index.md": "# Benchmark\n\nSynthetic pages.\n"}
    for p in range(PAGES):
        lines = [f"# Page {p}\n"]
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


def _build(config: Path, out: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"bench: build failed\n{result.stderr[-2000:]}")
    return elapsed


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
        variants: tuple[tuple[str, dict[str, object]], ...] = (
            ("site as configured (search on)", {}), ("without the search plugin", {"plugins": []}),
        )
        for label, extra in variants:
            rows = _measure(root / label.split()[0], pages, refs, runs, extra)
            _report(label, rows)
    print("targets: cold <= 2.00x plain, warm <= 1.15x plain")


def _measure(root: Path, pages: dict[str, str], refs: Path, runs: int, extra: dict) -> list[tuple[str, list[float]]]:
    plain_cfg = write_site(root / "plain", pages, citations=False, **extra)
    cite_cfg = write_site(root / "cited", pages, bibliography=refs, **extra)
    cache = root / "cited" / ".cache"
    plain = [_build(plain_cfg, root / "out-plain") for _ in range(runs)]
    cold = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(_build(cite_cfg, root / "out-cold"))
    warm = [_build(cite_cfg, root / "out-warm") for _ in range(runs)]  # cache left by the last cold run
    return [("plain", plain), ("cold", cold), ("warm", warm)]


def _report(label: str, rows: list[tuple[str, list[float]]]) -> None:
    base = statistics.median(rows[0][1])
    print(f"\n{label}\n{'build':<8}{'median s':>10}{'ratio':>8}   runs")
    for name, times in rows:
        median = statistics.median(times)
        print(f"{name:<8}{median:>10.2f}{median / base:>7.2f}x   {', '.join(f'{t:.2f}' for t in times)}")


if __name__ == "__main__":
    main()
