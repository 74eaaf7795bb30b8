"""Warm builds (issue 12, part 4): what the on-disk cache keeps never outlives what it was made from."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from conftest import make_site, run_mkdocs_build

from guidekit.citations import entries
from guidekit.citations.library import parse_sources

LIB = (
    "@article{alpha, author = {Alpha, Ann}, title = {First}, journal = {J}, year = {2020}, volume = {1}}\n"
    "@article{beta, author = {Beta, Bob}, title = {Second}, journal = {J}, year = {2021}, volume = {2}}\n"
)
FRONT = "---\nreviewed: 2026-11-26\n---\n\n"
BIBLIOGRAPHY = '<div class="gk-bibliography-here"></div>\n'


def _site(tmp_path: Path, page: str) -> Path:
    refs = tmp_path / "references"
    refs.mkdir(exist_ok=True)
    (refs / "lib.bib").write_text(LIB, encoding="utf-8")
    return make_site(tmp_path / "src", {
        "index.md": f"{FRONT}# Home\n\n{page}\n",
        "references.md": f"{FRONT}# References\n\n{BIBLIOGRAPHY}",
    }, bibliography=refs)


def _bibliography(config: Path, out: Path) -> str:
    result = run_mkdocs_build(config, out)
    assert result.returncode == 0, result.stderr
    html = (out / "references" / "index.html").read_text(encoding="utf-8")
    return html.split('class="gk-bibliography"', 1)[1]


def test_warm_bibliography_follows_an_edited_page(tmp_path: Path) -> None:
    config = _site(tmp_path, "## Start\n\nOne claim [@alpha].")
    first = _bibliography(config, tmp_path / "out")
    assert 'id="alpha"' in first and 'id="beta"' not in first
    assert "Home › Start" in first
    cache = config.parent / ".cache" / "guidekit"
    assert list(cache.glob("entries-*.pickle")), "the first build left no per-entry cache"
    # Same library, same engine: only the page changed. The warm build must not reuse the old list.
    index = config.parent / "docs" / "index.md"
    index.write_text(f"{FRONT}# Home\n\n## Later\n\nAnother claim [@beta].\n", encoding="utf-8")
    second = _bibliography(config, tmp_path / "out")
    assert 'id="beta"' in second and 'id="alpha"' not in second
    assert "Home › Later" in second and "Start" not in second
    # One cache file, holding finished outputs only (records are cheaper to rebuild than to load).
    (stored,) = cache.glob("entries-*.pickle")
    kept = pickle.loads(stored.read_bytes())  # noqa: S301 - the file this test's build just wrote
    assert kept.bodies and not kept.records


def test_a_second_warm_build_gives_the_same_site(tmp_path: Path) -> None:
    config = _site(tmp_path, "## Start\n\nClaims [@alpha; @beta] and as @beta showed.")
    outputs = []
    for run in range(3):  # cold, then warm twice (the second warm build reads what the first one kept)
        out = tmp_path / f"out{run}"
        assert run_mkdocs_build(config, out).returncode == 0
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1] == outputs[2]
    assert any("gk-bibliography" in v.decode("utf-8", "replace") for k, v in outputs[0].items() if k.endswith(".html"))


def test_warm_bibliography_follows_an_edited_entry(tmp_path: Path) -> None:
    # The sort keys live in the per-entry cache: an edited author must re-sort the list.
    config = _site(tmp_path, "## Start\n\nClaims [@alpha; @beta].")
    first = _bibliography(config, tmp_path / "out")
    assert first.index('id="alpha"') < first.index('id="beta"')
    lib = tmp_path / "references" / "lib.bib"
    lib.write_text(LIB.replace("Alpha, Ann", "Zeta, Zed"), encoding="utf-8")
    second = _bibliography(config, tmp_path / "out")
    assert second.index('id="beta"') < second.index('id="alpha"')
    assert "Zeta Z" in second and "Alpha A" not in second


def test_warm_bibliography_follows_the_set_of_cited_keys(tmp_path: Path) -> None:
    config = _site(tmp_path, "## Start\n\nOne claim [@alpha].")
    assert 'id="beta"' not in _bibliography(config, tmp_path / "out")
    index = config.parent / "docs" / "index.md"
    index.write_text(f"{FRONT}# Home\n\n## Start\n\nClaims [@beta; @alpha].\n", encoding="utf-8")
    second = _bibliography(config, tmp_path / "out")
    assert second.index('id="alpha"') < second.index('id="beta"')


def test_a_warm_store_sorts_without_rebuilding_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A warm build used to rebuild 3,500 records only to sort the site bibliography (issue 12).
    library = parse_sources([("lib.bib", LIB)])
    library.digest = "lib-v1"  # load_library sets it from the .bib text and the engine source
    expected = {key: entries.sort_key(library, key) for key in ("alpha", "beta")}
    entries.save(tmp_path, library)
    monkeypatch.setattr(entries, "_store", entries._Store(digest=""))  # a new process
    entries.load(tmp_path, library)

    def no_records(*_: object) -> None:
        raise AssertionError("a warm store rebuilt a record")

    monkeypatch.setattr(entries, "to_record", no_records)
    assert {key: entries.sort_key(library, key) for key in ("alpha", "beta")} == expected
    assert expected["alpha"][0] == "alpha"


def test_search_index_skips_citations_and_the_page_keeps_them(tmp_path: Path) -> None:
    # The superscripts leave the page while Material indexes it, then come back.
    config = _site(tmp_path, "## Start\n\nOne claim [@alpha] and more text.")
    out = tmp_path / "out"
    assert run_mkdocs_build(config, out).returncode == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<sup class="gk-cite" data-search-exclude="" id="cite-1">' in page and "gk-markup" not in page
    assert 'href="#ref-alpha">1</a></sup> and more text.' in page
    index = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))
    (start,) = [doc for doc in index["docs"] if doc["location"] == "#start"]
    assert start["text"] == "<p>One claim and more text.</p>"
