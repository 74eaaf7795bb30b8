"""The same site from MkDocs and from Zensical: the same pages, article content, citation meta tags and exports.

Zensical runs Markdown extensions but no hooks, so `python -m guidekit prepare`
runs first (as `make build-zensical` does). The Zensical build happens in a
copy of the project in tmp_path: Zensical only writes inside its project, and
prepare's generated files stay out of this checkout. Differences that are the
theme's, not ours, are listed with a reason in tests/data/zensical-parity-allowlist.yml.

Zensical's own `--strict` checks the links and anchors written in the
Markdown only: it ignores Python warnings, so unknown citation keys, bad
checklists and review dates are caught by prepare's `--strict` (tested below);
and it rewrites but does not check links that an extension emits (the
bibliography's), so a test here resolves them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from zensical_support import EXPORTS, page_files, page_parts

ZENSICAL_VENV = Path(os.environ.get("ZENSICAL_VENV", REPO / ".venv-zensical"))
ALLOWLIST = REPO / "tests" / "data" / "zensical-parity-allowlist.yml"
PROJECT = ("mkdocs.yml", "docs", "includes", "overrides", "references")
RE_READER_LINKS = re.compile(r'class="gk-urgent-bar__link" href="[^"]*"|<a href="#checklist-[^"]*" class="md-skip')
RE_BACKLINK = re.compile(r'<a href="(\.\./[^"#]*#[^"]+)">')
#: prepare's outputs: a stale copy from `make build-zensical` must not stand in for this run's.
GENERATED = ("generated", "references.bib", "references.ris", "references.json")


def _zensical_python() -> Path:
    python = ZENSICAL_VENV / "bin" / "python"
    if not (ZENSICAL_VENV / "bin" / "zensical").is_file():
        pytest.fail(f"Zensical is not installed in {ZENSICAL_VENV}: run `make test` (it installs "
                    "requirements-zensical.txt) or `make build-zensical`")
    return python


def _copy_project(root: Path) -> Path:
    for name in PROJECT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns(*GENERATED))
        else:
            shutil.copy2(source, root / name)
    return root


def _run(python: Path, args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(python), *args], cwd=cwd, capture_output=True, text=True, check=False,
                          env={**os.environ, **env}, timeout=600)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    python = _zensical_python()
    root = _copy_project(tmp_path_factory.mktemp("zensical"))
    prepared = _run(python, ["-m", "guidekit", "prepare", "--strict"], root)
    assert prepared.returncode == 0, prepared.stderr
    built = _run(python, ["-m", "zensical", "build", "--strict"], root, ZENSICAL_SITE_DIR="site-zensical")
    assert built.returncode == 0, built.stderr + built.stdout
    return root / "site-zensical"


@pytest.fixture(scope="module")
def allowlist() -> dict:
    data = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    for entry in data["attributes"] + data["elements"]:
        assert str(entry.get("reason", "")).strip(), f"{ALLOWLIST.name}: every entry needs a reason: {entry}"
    return data


def test_zensical_installs_from_the_hashed_requirements_as_wheels() -> None:
    pinned = (REPO / "requirements-zensical.txt").read_text(encoding="utf-8")
    assert "zensical==0.0.73 \\" in pinned and "--hash=sha256:" in pinned
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --only-binary :all: -r requirements-zensical.txt" in makefile
    version = _run(_zensical_python(), ["-c", "import importlib.metadata as m; print(m.version('zensical'))"], REPO)
    assert version.stdout.strip() == "0.0.73"


def test_both_builders_make_the_same_pages(built_site: Path, zensical_site: Path) -> None:
    pages = page_files(built_site)
    assert len(pages) >= 14, pages  # 13 content pages and the 404
    assert page_files(zensical_site) == pages


def test_article_content_is_the_same_on_every_page(built_site: Path, zensical_site: Path, allowlist: dict) -> None:
    dropped = frozenset(entry["name"] for entry in allowlist["attributes"])
    ignored = {(e["tag"], tuple(sorted((k, str(v)) for k, v in e["attributes"].items())))
               for e in allowlist["elements"]}
    used: set[object] = set()
    differing: dict[str, list[str]] = {}
    compared = 0
    for rel in sorted(page_files(built_site)):
        raw_m = page_parts(built_site / rel, frozenset()).article
        raw_z = page_parts(zensical_site / rel, frozenset()).article
        used |= {name for kind, _, attrs in raw_m + raw_z if kind == "start" for name, _ in attrs} & dropped
        mkdocs, zensical = (_without(page_parts(site / rel, dropped).article, ignored, used)
                            for site in (built_site, zensical_site))
        assert len(mkdocs) > 10, f"{rel}: no article found"
        compared += len(mkdocs)
        if mkdocs != zensical:
            from zensical_support import differences

            differing[rel] = differences(mkdocs, zensical)
    print(f"\nzensical parity: {compared} article tokens compared on {len(page_files(built_site))} pages")
    assert differing == {}
    stale = (dropped | ignored) - used
    assert not stale, f"allow-list entries that match nothing any more: {stale}"


def test_citation_meta_tags_are_the_same(built_site: Path, zensical_site: Path) -> None:
    references = 0
    for rel in sorted(page_files(built_site)):
        mkdocs = page_parts(built_site / rel, frozenset()).citation_meta
        assert page_parts(zensical_site / rel, frozenset()).citation_meta == mkdocs, rel
        references += sum(1 for name, _ in mkdocs if name == "citation_reference")
    assert references >= 100  # the guide cites its sources: every page's list is in its head


def test_urgent_bar_and_skip_links_are_the_same(built_site: Path, zensical_site: Path) -> None:
    """Outside the article, but what a frightened reader uses first: the same targets under both."""
    found = 0
    for rel in sorted(page_files(built_site)):
        mkdocs = RE_READER_LINKS.findall((built_site / rel).read_text(encoding="utf-8"))
        assert RE_READER_LINKS.findall((zensical_site / rel).read_text(encoding="utf-8")) == mkdocs, rel
        found += len(mkdocs)
    assert found >= 20  # an urgent link on every page, a skip link on each checklist page


def test_zensical_bibliography_links_all_resolve(zensical_site: Path) -> None:
    """Zensical 0.0.73 rewrites the .md links an extension emits but does not check them: this does."""
    page = zensical_site / "references" / "index.html"
    hrefs = RE_BACKLINK.findall(page.read_text(encoding="utf-8"))
    assert len(hrefs) >= 100
    for href in set(hrefs):
        path, _, anchor = href.partition("#")
        target = (page.parent / path / "index.html").resolve()
        assert target.is_file(), href
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_exports_are_byte_identical(built_site: Path, zensical_site: Path) -> None:
    for name in EXPORTS:
        mkdocs = (built_site / name).read_bytes()
        assert len(mkdocs) > 1000, name
        assert (zensical_site / name).read_bytes() == mkdocs, name


def test_prepare_strict_fails_naming_page_and_line(tmp_path: Path) -> None:
    python = _zensical_python()
    root = _copy_project(tmp_path)
    page = root / "docs" / "about.md"
    text = page.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    page.write_text(text + "\nA claim [@nosuchkey2099].\n", encoding="utf-8")
    glossary = root / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("reviewed:", "checked:", 1), encoding="utf-8")
    result = _run(python, ["-m", "guidekit", "prepare", "--strict"], root)
    assert result.returncode == 1, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        f"WARNING  -  docs/about.md:{line}: unknown citation key 'nosuchkey2099' in [@nosuchkey2099]",
        "WARNING  -  docs/glossary.md: no 'reviewed: YYYY-MM-DD' in the front matter",
    ], result.stderr


def _without(tokens: list, ignored: set, used: set) -> list:
    """The tokens without the allow-listed elements (their start and end tags)."""
    out: list = []
    skip_end: list[str] = []
    for kind, name, attrs in tokens:
        if kind == "start" and (name, attrs) in ignored:
            used.add((name, attrs))
            skip_end.append(name)
            continue
        if kind == "end" and skip_end and name == skip_end[-1]:
            skip_end.pop()
            continue
        out.append((kind, name, attrs))
    return out
