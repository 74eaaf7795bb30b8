"""MkDocs glue for guidekit.citations.

The engine is the ``guidekit.citations`` Markdown extension (listed in
``markdown_extensions``), so pages also render where hooks do not run
(Zensical). This module only wires in what needs the whole site:

1. ``on_config``: fresh per-build state; the reporter and collector for the extension;
2. ``on_pre_build``: load and check the library once per build (cached by content and engine source);
3. ``on_page_markdown``: which page is rendering, for ``docs/PAGE.md:LINE`` in warnings;
4. ``on_page_content``: record the page's citations and its ``citation_reference`` metadata;
5. ``on_env``: render the site-wide bibliography once, after every page is converted;
6. ``on_page_context`` (after search indexing): put back each page's reference section (the
   extension leaves a token: Material's search parser would read all its markup) and the
   bibliography; "Cite this page" and the page's own ``citation_author`` for every reviewed page;
7. ``on_post_build``: write ``references.bib``, ``.ris`` and ``.json`` from the same per-entry records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from guidekit.citations import (
    BibError,
    Library,
    PageCitations,
    Problem,
    entries,
    fill_references,
    find_bib_files,
    load_library,
)
from guidekit.citations.bibliography import PageData, citers, render_bibliography, select
from guidekit.citations.citepage import cite_page
from guidekit.citations.export import join_bibtex, join_csl_json, join_ris
from guidekit.citations.metadata import corporate, highwire_name
from guidekit.pagesource import front_matter_lines, source_label

EXTENSION = "guidekit.citations"
LOG = logging.getLogger("mkdocs.plugins.citations")
#: This file's own source, in the bibliography's cache key (the engine's is in the library digest).
HOOK_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
#: Where an author asks for the site-wide bibliography (raw HTML in the page, not the extension's markup).
RE_BIBLIOGRAPHY = re.compile(r'<div [^>]*class="gk-bibliography-here"[^>]*>\s*</div>')


class _Build:
    """One build's state. Created in on_config, because `mkdocs serve` keeps this module alive."""

    def __init__(self, root: Path, bibliography: Path) -> None:
        self.root = root
        self.bibliography = bibliography
        self.cache_dir = root / ".cache" / "guidekit"
        self.library: Library | None = None
        self.page_label = ""
        self.line_offset = 0
        self.cited: dict[str, PageCitations] = {}
        self.pages: dict[str, PageData] = {}
        #: page src_uri -> the bibliography HTML for that page (rendered once, in on_env)
        self.bibliographies: dict[str, str] = {}
        #: page src_uri -> its reference section, put back after search indexing
        self.references: dict[str, str] = {}
        #: page src_uri -> whether its marker asks for the uncited entries too
        self.show_uncited: dict[str, bool] = {}

    def report(self, problem: Problem) -> None:
        LOG.warning("%s:%d: %s", self.page_label, (problem.line or 1) + self.line_offset, problem.message)

    def collect(self, page: PageCitations) -> None:
        self.cited[self.page_label] = page


_build: _Build | None = None


def _state() -> _Build:
    if _build is None:
        raise PluginError("hooks/citations.py: on_config has not run")
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build: resolve the bibliography once (relative to mkdocs.yml) and hand the extension its callbacks."""
    global _build
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"hooks/citations.py needs '{EXTENSION}' in markdown_extensions")
    options = config.mdx_configs.setdefault(EXTENSION, {})
    root = Path(config.config_file_path).resolve().parent
    _build = _Build(root, root / options.get("bibliography", "references"))
    # The reference section goes back after search indexing (on_page_context): see fill_references.
    options.update(reporter=_build.report, collector=_build.collect, defer_entries=True)
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Load and check the library (the parse is cached by content and engine source)."""
    build = _state()
    try:
        library = load_library(find_bib_files(build.bibliography), root=build.root, cache_dir=build.cache_dir)
    except BibError as exc:
        raise PluginError(str(exc)) from None
    entries.load(build.cache_dir, library)
    for problem in library.problems:
        LOG.warning(problem.message)
    config.mdx_configs[EXTENSION]["library"] = library
    build.library = library


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Remember which page is rendering, and where its body starts after front matter."""
    build = _state()
    build.page_label = source_label(page.file.abs_src_path or page.file.src_path, config.config_file_path)
    build.line_offset = front_matter_lines(page.file.content_string, markdown)
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Record the page's citations, sections and citation_reference metadata."""
    build = _state()
    cited = build.cited.get(build.page_label, PageCitations())
    keys = list(dict.fromkeys(key.lower() for key, _, _ in cited.occurrences))
    library = build.library
    page.meta["citation_references"] = [entries.highwire(library, k) for k in keys] if library else []
    build.references[page.file.src_uri] = cited.references_html
    build.pages[page.file.src_uri] = PageData(
        src=page.file.src_uri,
        title=page.title or page.file.src_uri,
        url=page.url,
        occurrences=tuple((key, section) for key, _, section in cited.occurrences),
        headings=_headings(page.toc),
    )
    marker = RE_BIBLIOGRAPHY.search(html)
    if marker:  # rendered in on_env, once every page is known
        build.show_uncited[page.file.src_uri] = 'data-uncited="show"' in marker.group(0)
    return None


@event_priority(100)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    """Render the bibliography once, after every page is converted, from the pages' own per-entry results."""
    build = _state()
    library = build.library
    if library is None:
        return None
    for src_uri, show_uncited in build.show_uncited.items():
        url = build.pages[src_uri].url
        cited = citers(_relative_to(url))
        export_base = get_relative_url(".", url).rstrip("/") + "/"

        def render(cited: dict = cited, show_uncited: bool = show_uncited, export_base: str = export_base) -> str:
            chosen, uncited = select(library, cited, show_uncited, record=lambda key: entries.record(library, key))
            return render_bibliography(chosen, uncited, cited, export_base=export_base,
                                       body=lambda key: entries.body_html(library, key))

        # Kept across builds: the same pages, library and engine give the same bibliography.
        build.bibliographies[src_uri] = entries.memo(library, (HOOK_VERSION, cited, show_uncited, export_base), render)
    return None


@event_priority(-100)
def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    """Fill in the page's reference entries and the bibliography, after search indexing; "Cite this page"."""
    build = _state()
    library = build.library
    if library is not None and page.content:  # after Material's search plugin (priority 0) indexed the page
        held = build.references.get(page.file.src_uri, "")
        page.content = fill_references(page.content, held, lambda key: entries.body_html(library, key))
    bibliography = build.bibliographies.get(page.file.src_uri)
    if bibliography and page.content:
        page.content = RE_BIBLIOGRAPHY.sub(lambda _: bibliography, page.content, count=1)
    reviewed = page.meta.get("reviewed")
    if isinstance(reviewed, dt.date):
        cite = cite_page(author=config.site_author or config.site_name, title=page.title or "", site=config.site_name,
                         reviewed=reviewed, url=page.canonical_url or page.abs_url or "", src_uri=page.file.src_uri)
        page.meta["cite_ama"], page.meta["cite_bibtex"] = cite.ama, cite.bibtex
        # The editors are one corporate author: "Name," keeps Zotero and Scholar from splitting it.
        page.meta["citation_author"] = highwire_name(corporate(config.site_author or config.site_name))
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the exports from the per-entry records; save the per-entry results for the next build."""
    build = _state()
    library = build.library
    if library is None:
        return
    # Sorted by key, as to_bibtex / to_ris / to_csl_json sort; each entry's text comes from the store.
    cited = sorted({k.lower() for p in build.pages.values() for k, _ in p.occurrences} & set(library.references))
    site = Path(config.site_dir)
    (site / "references.bib").write_text(join_bibtex([entries.bibtex(library, k) for k in cited]), encoding="utf-8")
    (site / "references.ris").write_text(join_ris([entries.ris(library, k) for k in cited]), encoding="utf-8")
    (site / "references.json").write_text(join_csl_json([entries.csl(library, k) for k in cited]), encoding="utf-8")
    entries.save(build.cache_dir, library)
    LOG.info("%d of %d references are never cited", len(library) - len(cited), len(library))


# Helper functions


def _relative_to(url: str) -> list[PageData]:
    """Every page's data with URLs relative to the bibliography's own page."""
    return [
        PageData(p.src, p.title, get_relative_url(p.url or ".", url), p.occurrences, p.headings)
        for p in _state().pages.values()
    ]


def _headings(toc: Iterable[AnchorLink]) -> dict[str, str]:
    found: dict[str, str] = {}
    for link in toc:
        found[link.id] = link.title
        found.update(_headings(link.children))
    return found
