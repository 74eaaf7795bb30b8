"""MkDocs glue for guidekit.citations.

The engine is the ``guidekit.citations`` Markdown extension (listed in
``markdown_extensions``), so pages also render where hooks do not run
(Zensical). This module does only what needs the whole site:

1. load and check the library once per build (cached across ``mkdocs serve``);
2. name ``docs/PAGE.md:LINE`` in content warnings;
3. collect each page's citations, sections and ``citation_reference`` metadata;
4. render the site-wide bibliography on the page that asks for it, once every
   page has been converted (MkDocs converts all pages before it renders any);
5. write the cited library as ``references.bib``, ``.ris`` and ``.json``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from guidekit.citations import BibError, Library, PageCitations, Problem, entries, find_bib_files, load_library
from guidekit.citations.bibliography import PageData, citers, render_bibliography, select
from guidekit.citations.citepage import cite_page
from guidekit.citations.export import to_bibtex, to_csl_json, to_ris
from guidekit.citations.metadata import citation_reference
from guidekit.pagesource import body_offset, source_label

EXTENSION = "guidekit.citations"
LOG = logging.getLogger("mkdocs.plugins.citations")
#: The per-page list the extension renders (it carries data-search-exclude).
RE_REFERENCE_SECTION = re.compile(r'<div [^>]*class="gk-references-section"[^>]*>.*?</ol>\s*</div>', re.DOTALL)
#: Where an author asks for the site-wide bibliography (raw HTML in the page).
RE_BIBLIOGRAPHY = re.compile(r'<div [^>]*class="gk-bibliography-here"[^>]*>\s*</div>')
HOLD = "<!-- gk-references -->"


class _Build:
    """Per-build state; reset in on_pre_build because `mkdocs serve` reuses the module."""

    def __init__(self) -> None:
        self.library: Library | None = None
        self.page_label = ""
        self.line_offset = 0
        self.cited: dict[str, PageCitations] = {}
        self.pages: dict[str, PageData] = {}
        self.held: dict[str, str] = {}


_build = _Build()


def _options(config: MkDocsConfig) -> dict:
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"hooks/citations.py needs '{EXTENSION}' in markdown_extensions")
    return config.mdx_configs.setdefault(EXTENSION, {})


def _cache_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / ".cache" / "guidekit"


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Load and check the library once per build; wire reporter and collector."""
    global _build
    _build = _Build()
    options = _options(config)
    root = Path(config.config_file_path).resolve().parent
    try:
        library = load_library(
            find_bib_files(root / options.get("bibliography", "references")), root=root, cache_dir=_cache_dir(config)
        )
    except BibError as exc:
        raise PluginError(str(exc)) from None
    entries.load(_cache_dir(config), library)
    for problem in library.problems:
        LOG.warning(problem.message)
    options.update(library=library, reporter=_report, collector=_collect)
    _build.library = library


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str | None:
    """Remember which page is rendering, and where its body starts after front matter."""
    _build.page_label = source_label(page.file.abs_src_path or page.file.src_path, config.config_file_path)
    _build.line_offset = body_offset(page.file.content_string, markdown)
    return None


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str | None:
    """Record the page's citations; hold its reference list back from the search indexer.

    The list is excluded from search (data-search-exclude), but Material's search
    parser would still read every tag of it, which was most of the build time.
    """
    cited = _build.cited.get(_build.page_label, PageCitations())
    keys = list(dict.fromkeys(key for key, _, _ in cited.occurrences))
    library = _build.library
    page.meta["citation_references"] = (
        [citation_reference(entries.record(library, k.lower())) for k in keys] if library else []
    )
    _build.pages[page.file.src_uri] = PageData(
        src=page.file.src_uri,
        title=page.title or page.file.src_uri,
        url=page.url,
        occurrences=tuple((key, section) for key, _, section in cited.occurrences),
        headings=_headings(page.toc),
    )
    match = RE_REFERENCE_SECTION.search(html)
    if not match:
        return None
    _build.held[page.file.src_uri] = match.group(0)
    return html[: match.start()] + HOLD + html[match.end() :]


@event_priority(-100)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict | None:
    """After search indexing: restore the reference list, fill in the bibliography, and "Cite this page"."""
    reviewed = page.meta.get("reviewed")
    if isinstance(reviewed, dt.date):
        cite = cite_page(author=config.site_author or config.site_name, title=page.title or "", site=config.site_name,
                         reviewed=reviewed, url=page.canonical_url or page.abs_url or "", src_uri=page.file.src_uri)
        page.meta["cite_ama"], page.meta["cite_bibtex"] = cite.ama, cite.bibtex
    held = _build.held.pop(page.file.src_uri, None)
    if held is not None and page.content:
        page.content = page.content.replace(HOLD, held, 1)
    if page.content and _build.library is not None:
        page.content = RE_BIBLIOGRAPHY.sub(lambda m: _bibliography(m.group(0), page), page.content, count=1)
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the exports and the format cache; report how much of the library is unused."""
    library = _build.library
    if library is None:
        return
    cited = [k for k in sorted(citers(_build.pages.values())) if k in library.references]
    records = [entries.record(library, k) for k in cited]
    site = Path(config.site_dir)
    (site / "references.bib").write_text(to_bibtex([library.references[k] for k in cited]), encoding="utf-8")
    (site / "references.ris").write_text(to_ris(records), encoding="utf-8")
    (site / "references.json").write_text(to_csl_json(records), encoding="utf-8")
    entries.save(_cache_dir(config), library)
    LOG.info("%d of %d references are never cited", len(library) - len(cited), len(library))


def _bibliography(marker: str, page: Page) -> str:
    cited = citers(_relative_to(page))
    chosen, uncited = select(_build.library, cited, include_uncited='data-uncited="show"' in marker)
    element = render_bibliography(chosen, uncited, cited, export_base=get_relative_url(".", page.url).rstrip("/") + "/")
    return ET.tostring(element, encoding="unicode", method="html")


def _relative_to(page: Page) -> list[PageData]:
    """Every page's data with URLs relative to `page` (the bibliography's own page)."""
    return [
        PageData(p.src, p.title, get_relative_url(p.url or ".", page.url), p.occurrences, p.headings)
        for p in _build.pages.values()
    ]


def _headings(toc: list[AnchorLink]) -> dict[str, str]:
    found: dict[str, str] = {}
    for link in toc:
        found[link.id] = link.title
        found.update(_headings(link.children))
    return found


def _report(problem: Problem) -> None:
    line = (problem.line or 1) + _build.line_offset
    LOG.warning("%s:%d: %s", _build.page_label, line, problem.message)


def _collect(page: PageCitations) -> None:
    _build.cited[_build.page_label] = page
