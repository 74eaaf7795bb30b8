"""``python -m guidekit prepare``: the site-wide artefacts for a builder that runs no hooks (Zensical).

Steps, each from the same functions the MkDocs hooks call:

1. read mkdocs.yml, load and check the library once;
2. render every page under docs/ with the site's Markdown extensions, checking
   review dates, citation keys and checklists (ids unique across the site),
   and take each page's facts;
3. write the bibliography's data, the per-page template data and the three
   exports (each only when changed, so the builder's cache stays warm).

Problems are named ``docs/PAGE.md:LINE`` as under MkDocs. With ``strict`` any
warning makes the command fail; the build should not run then.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import markdown

from guidekit.citations import BibError, Library, PageCitations, Problem, entries, find_bib_files, load_library
from guidekit.pagecontext import PageContextExtension
from guidekit.pagesource import front_matter_lines, source_label

from . import artefacts, generated
from .audience import page_audience
from .config import SiteConfig, load_config
from .pages import headings, page_title, page_url, split_front_matter
from .reporting import SiteReporter, located
from .review import check_review, today

CITATIONS = "guidekit.citations"
CHECKLISTS = "guidekit.checklists"
BIBLIOGRAPHY = "guidekit.site.bibliography"


@dataclass
class Outcome:
    """What prepare found and wrote."""

    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages: list[artefacts.PageFacts] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def prepare(config_path: Path) -> Outcome:
    """Run the three steps for the site of ``config_path``; raises ValueError on a broken configuration or library."""
    config = load_config(config_path)
    outcome = Outcome()
    library = _library(config, outcome)
    names, options = config.extensions()
    nav = config.nav_titles()
    checklists = SiteReporter(warn=outcome.warnings.append)
    site_data: dict[str, dict[str, Any]] = {}
    marker_page = ""
    for path in sorted(config.docs_dir.rglob("*.md")):
        src = path.relative_to(config.docs_dir).as_posix()
        label = source_label(str(path), str(config.path))
        text = path.read_text(encoding="utf-8-sig")
        meta, body = split_front_matter(text)
        offset = front_matter_lines(text, body)
        audience = page_audience(label, meta, text)[1]
        outcome.warnings += [audience] if audience else []
        review = check_review(label, meta.get("reviewed"), (config.get("extra", {}) or {}).get("review"), today())
        outcome.warnings += [review.warning] if review.warning else []
        outcome.notes += [review.note] if review.note else []
        collected: list[PageCitations] = []
        checklists.start_page(label, offset)
        # The page's front matter reaches extensions as under Zensical (guidekit.pagecontext).
        md = markdown.Markdown(extensions=[PageContextExtension(meta), *names], extension_configs=_options(
            options, library, collected.append, checklists,
            lambda problem, label=label, offset=offset: outcome.warnings.append(  # type: ignore[misc]
                located(label, problem.line, offset, problem.message)),
        ))
        html = md.convert(body)
        tokens = getattr(md, "toc_tokens", [])
        occurrences = tuple((key, section) for page in collected for key, _, section in page.occurrences)
        url = page_url(src)
        title = page_title(nav.get(src), meta, tokens, src)
        outcome.pages.append(artefacts.PageFacts(src, title, url, occurrences, headings(tokens)))
        if 'class="gk-bibliography-here"' in html:
            marker_page = marker_page or src
        site_data[generated.page_key(url)] = _page_data(config, library, src, title, url, occurrences, review.date,
                                                        artefacts.first_checklist(html))
    _write(config, outcome, library, marker_page, site_data)
    entries.save(config.root / ".cache" / "guidekit", library)
    return outcome


def _library(config: SiteConfig, outcome: Outcome) -> Library:
    _, options = config.extensions()
    location = config.root / str(options.get(CITATIONS, {}).get("bibliography", "references"))
    cache_dir = config.root / ".cache" / "guidekit"
    try:
        library = load_library(find_bib_files(location), root=config.root, cache_dir=cache_dir)
    except BibError as error:
        raise ValueError(str(error)) from None
    entries.load(cache_dir, library)
    outcome.warnings += [problem.message for problem in library.problems]
    return library


def _options(options: dict[str, dict[str, Any]], library: Library, collect: Callable[[PageCitations], None],
             checklists: SiteReporter, report: Callable[[Problem], None]) -> dict[str, dict[str, Any]]:
    """This page's extension options: the site's, plus guidekit's library, reporters and collector."""
    result = {name: dict(opts) for name, opts in options.items()}
    result.setdefault(CITATIONS, {}).update(library=library, reporter=report, collector=collect)
    result.setdefault(CHECKLISTS, {})["reporter"] = checklists
    # The bibliography needs every page first; prepare only writes its data.
    result.setdefault(BIBLIOGRAPHY, {})["data"] = lambda: None
    return result


def _page_data(config: SiteConfig, library: Library, src: str, title: str, url: str,
               occurrences: tuple[tuple[str, str], ...], reviewed: Any, checklist: str) -> dict[str, Any]:
    """What page-meta.html, page-end.html and urgent-bar.html read for one page (strings and lists only)."""
    data: dict[str, Any] = {
        "citation_references": artefacts.citation_references(library, occurrences),
        "gk_checklist": checklist,
    }
    if reviewed is not None:
        site_url = str(config.get("site_url", ""))
        canonical = (site_url.rstrip("/") + "/" + url) if site_url else url
        data.update(artefacts.page_citation(site_author=str(config.get("site_author", "")),
                                            site_name=str(config.get("site_name", "")), title=title,
                                            reviewed=reviewed, url=canonical, src=src))
    return data


def _write(config: SiteConfig, outcome: Outcome, library: Library, marker_page: str,
           site_data: dict[str, dict[str, Any]]) -> None:
    outputs = {config.custom_dir / generated.SITE_DATA_PARTIAL: generated.site_data_partial(site_data)}
    if marker_page:
        outputs[config.root / generated.BIBLIOGRAPHY_DATA] = generated.site_citations_json(marker_page, outcome.pages)
    for name, text in artefacts.exports(library, artefacts.cited_in_library(library, outcome.pages)).items():
        outputs[config.docs_dir / name] = text
    for path, text in outputs.items():
        if generated.write_if_changed(path, text):
            outcome.written.append(path)


def main(argv: list[str], out: TextIO | None = None) -> int:
    """The command line: ``prepare [-f mkdocs.yml] [--strict]``; returns the exit status."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m guidekit prepare", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-s", "--strict", action="store_true", help="fail on any warning")
    args = parser.parse_args(argv)
    out = out or sys.stderr
    try:
        outcome = prepare(args.config_file)
    except ValueError as error:
        print(f"ERROR    -  {error}", file=out)
        return 1
    for warning in outcome.warnings:
        print(f"WARNING  -  {warning}", file=out)
    for note in outcome.notes:
        print(f"INFO     -  {note}", file=out)
    print(f"INFO     -  prepare: {len(outcome.pages)} pages, {len(outcome.written)} files written", file=out)
    if args.strict and outcome.warnings:
        print(f"ERROR    -  prepare: {len(outcome.warnings)} warnings in strict mode", file=out)
        return 1
    return 0
