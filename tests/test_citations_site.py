"""Tiny throwaway sites: warnings (text and count), build errors, cache, no MkDocs needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, make_site, run_mkdocs_build, warning_lines

GOOD_BIB = """@article{beck1992,
  author = {Beck, Roy W. and Cleary, Patricia A.},
  title = {A trial of corticosteroids in optic neuritis},
  journal = {N Engl J Med}, year = {1992}, volume = {326}, pages = {581--588},
  doi = {10.1056/NEJM199202273260901}, pmid = {1734247}
}
@book{kalb2012, author = {Kalb, Rosalind}, title = {Multiple Sclerosis}, publisher = {Demos}, year = {2012}}
@misc{unused, organization = {Nobody}, title = {Never cited}, year = {2001}}
"""
PAGE = """---
title: A page
---

# A page

First claim [@beck1992].

Typo here [@beck1929].
"""


def _site(tmp_path: Path, pages: dict[str, str], bibs: dict[str, str]) -> subprocess.CompletedProcess[str]:
    refs = tmp_path / "references"
    refs.mkdir()
    for name, text in bibs.items():
        (refs / name).write_text(text, encoding="utf-8")
    config = make_site(tmp_path, pages, bibliography=refs)
    return run_mkdocs_build(config, tmp_path / "site")


def test_unknown_key_names_page_and_line(tmp_path) -> None:
    result = _site(tmp_path, {"index.md": PAGE}, {"lib.bib": GOOD_BIB})
    assert result.returncode != 0
    assert warning_lines(result.stderr) == [
        "WARNING -  docs/index.md:9: unknown citation key 'beck1929' in [@beck1929]"
    ]
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "[unknown reference: beck1929]" in html
    assert 'id="ref-beck1992"' in html


def test_clean_site_builds_with_references_and_uncited_count(tmp_path) -> None:
    page = "# Home\n\nClaim [@beck1992; @kalb2012]. As @kalb2012 wrote.\n"
    result = _site(tmp_path, {"index.md": page}, {"lib.bib": GOOD_BIB})
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr) == []
    assert "1 of 3 references are never cited" in result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count('class="gk-ref"') == 2
    assert "Kalb<sup" in html
    assert 'href="#references"' in html  # the list's heading is in the table of contents


def test_malformed_bib_names_file_and_line_without_traceback(tmp_path) -> None:
    bad = "@article{x,\n  title = {T}\n  year = {2000}\n}\n"
    result = _site(tmp_path, {"index.md": "# Home\n"}, {"ok.bib": GOOD_BIB, "bad.bib": bad})
    assert result.returncode != 0
    assert "references/bad.bib:3: syntax error: '}' expected" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_keys_across_files_name_both_places(tmp_path) -> None:
    dup = "\n\n@book{BECK1992, author = {X, Y}, title = {T}, year = {2000}}\n"
    result = _site(tmp_path, {"index.md": "# Home\n"}, {"a.bib": GOOD_BIB, "b.bib": dup})
    assert result.returncode != 0
    assert (
        "references/b.bib:3: duplicate key 'BECK1992' (keys ignore case); first defined at references/a.bib:1"
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_incomplete_entries_warn_naming_the_key(tmp_path) -> None:
    bib = GOOD_BIB + "@article{partial, journal = {J}}\n"
    result = _site(tmp_path, {"index.md": "# Home\n"}, {"lib.bib": bib})
    assert result.returncode != 0
    assert warning_lines(result.stderr) == [
        "WARNING -  references/lib.bib:9: entry 'partial' has no title",
        "WARNING -  references/lib.bib:9: entry 'partial' has no year",
        "WARNING -  references/lib.bib:9: entry 'partial' has no author, editor or organization",
    ]


def test_library_cache_is_written_and_invalidated(tmp_path) -> None:
    assert _site(tmp_path, {"index.md": "# Home\n\n[@beck1992]\n"}, {"lib.bib": GOOD_BIB}).returncode == 0
    cache = tmp_path / ".cache" / "guidekit"
    first = {p.name for p in cache.glob("library-*.pickle")}
    assert len(first) == 1
    (tmp_path / "references" / "lib.bib").write_text(GOOD_BIB.replace("Never cited", "Still never cited"))
    config = tmp_path / "mkdocs.yml"
    assert run_mkdocs_build(config, tmp_path / "site").returncode == 0
    second = {p.name for p in cache.glob("library-*.pickle")}
    assert len(second - first) == 1


def test_engine_renders_without_mkdocs() -> None:
    code = (
        "import sys, markdown\n"
        "html = markdown.markdown('Claim [@beck1992ontt].', extensions=['guidekit.citations'],"
        " extension_configs={'guidekit.citations': {'bibliography': 'references', 'cache_dir': ''}})\n"
        "assert 'id=\"ref-beck1992ontt\"' in html, html\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'mkdocs'], 'mkdocs was imported'\n"
        "print('ok', len(html))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok ")


def test_relative_config_path_names_pages_the_same_way(tmp_path) -> None:
    refs = tmp_path / "references"
    refs.mkdir()
    (refs / "lib.bib").write_text(GOOD_BIB, encoding="utf-8")
    make_site(tmp_path, {"index.md": PAGE}, bibliography=refs)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"],
        capture_output=True, text=True, cwd=tmp_path, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert warning_lines(result.stderr) == [
        "WARNING -  docs/index.md:9: unknown citation key 'beck1929' in [@beck1929]"
    ]
