"""MkDocs glue for guidekit.citations and the site-wide artefacts of guidekit.site.

The engines are Markdown extensions (``guidekit.citations``, and
``guidekit.site.bibliography`` for the bibliography), so pages render where
hooks do not run (Zensical, after ``python -m guidekit prepare``). This module
gathers each page's facts while MkDocs renders and hands them to guidekit.site:

1. ``on_config``: fresh per-build state; the extensions' reporter, collector and bibliography data;
2. ``on_files``: the three exports as generated files, so links to them are checked;
3. ``on_pre_build``: load and check the library once per build (cached by content and engine source);
4. ``on_page_markdown``: which page is rendering, for ``docs/PAGE.md:LINE`` in warnings, and its audience;
5. ``on_page_content``: the page's facts and its ``citation_reference`` metadata; the reference
   lists' ids for MkDocs' anchor validation;
6. ``on_env``, once every page is converted: the exports' content, and the bibliography page rendered again;
7. ``on_page_context``: "Cite this page";
8. ``on_post_page``, after search indexing and the page's Content Security Policy: put back the
   deferred reference lists, superscripts and bibliography entries.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
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
from guidekit.pagesource import front_matter_lines, source_label
from guidekit.site import artefacts
from guidekit.site.audience import page_audience
from guidekit.site.bibliography import SiteCitations
from guidekit.site.generated import EXPORT_NAMES
from guidekit.site.reporting import located

EXTENSION = "guidekit.citations"
BIBLIOGRAPHY = "guidekit.site.bibliography"
LOG = logging.getLogger("mkdocs.plugins.citations")


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
        self.pages: dict[str, artefacts.PageFacts] = {}
        #: page src_uri -> its deferred reference section and markup, put back after search indexing
        self.references: dict[str, PageCitations] = {}
        #: pages holding the bibliography marker, rendered again once every page is known
        self.marker_pages: list[Page] = []
        self.site: SiteCitations | None = None
        #: every cited key the library holds (the exports' entries), once every page is converted
        self.cited_keys: list[str] = []

    def report(self, problem: Problem) -> None:
        LOG.warning("%s", located(self.page_label, problem.line, self.line_offset, problem.message))

    def collect(self, page: PageCitations) -> None:
        self.cited[self.page_label] = page


_build: _Build | None = None


def _state() -> _Build:
    if _build is None:
        raise PluginError("hooks/citations.py: on_config has not run")
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start a build: resolve the bibliography once (relative to mkdocs.yml) and hand the extensions their callbacks."""
    global _build
    for name in (EXTENSION, BIBLIOGRAPHY):
        if name not in config.markdown_extensions:
            raise PluginError(f"hooks/citations.py needs '{name}' in markdown_extensions")
    options = config.mdx_configs.setdefault(EXTENSION, {})
    root = Path(config.config_file_path).resolve().parent
    build = _build = _Build(root, root / options.get("bibliography", "references"))
    # The reference section goes back after search indexing (on_post_page): see fill_references.
    options.update(reporter=build.report, collector=build.collect, defer_entries=True)
    config.mdx_configs.setdefault(BIBLIOGRAPHY, {})["data"] = lambda: build.site
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """The exports as generated files (content in on_env): MkDocs then checks the bibliography's links to them."""
    for name in EXPORT_NAMES:
        stale = files.get_file_from_path(name)  # left in docs/ by `python -m guidekit prepare`
        if stale is not None:
            files.remove(stale)
        files.append(File.generated(config, name, content=""))
    return files


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
    content = page.file.content_string  # read from disk on each access
    build.line_offset = front_matter_lines(content, markdown)
    audience, warning = page_audience(build.page_label, page.meta, content)
    if warning:
        LOG.warning("%s", warning)
    # MkDocs makes a Markdown instance per page from these options, after this event.
    config.mdx_configs[EXTENSION]["audience"] = audience
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Record the page's facts and its citation_reference metadata."""
    build = _state()
    cited = build.cited.get(build.page_label, PageCitations())
    occurrences = tuple((key, section) for key, _, section in cited.occurrences)
    library = build.library
    page.meta["citation_references"] = artefacts.citation_references(library, occurrences) if library else []
    build.references[page.file.src_uri] = cited
    _add_anchor_ids(page, cited)
    build.pages[page.file.src_uri] = artefacts.PageFacts(
        page.file.src_uri, page.title or page.file.src_uri, page.url, occurrences, _headings(page.toc)
    )
    if 'class="gk-bibliography-here"' in html:  # the bibliography extension had no data yet
        build.marker_pages.append(page)
    return None


@event_priority(100)
def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
    """Every page is converted: fill the exports, and render the bibliography page again, now with its data."""
    build = _state()
    library = build.library
    if library is None:
        return None
    build.cited_keys = artefacts.cited_in_library(library, build.pages.values())
    for name, text in artefacts.exports(library, build.cited_keys).items():
        export = files.get_file_from_path(name)
        if export is not None:
            export.content_string = text
    for page in build.marker_pages:
        build.site = SiteCitations(page.file.src_uri, list(build.pages.values()), _urls(page, build, files))
        build.page_label = source_label(page.file.abs_src_path or page.file.src_path, config.config_file_path)
        page.render(config, files)
        build.references[page.file.src_uri] = held = build.cited.get(build.page_label, PageCitations())
        _add_anchor_ids(page, held)
    return None


def on_page_context(context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    """Put "Cite this page" (AMA text and BibTeX) in the page's metadata, for the template."""
    reviewed = page.meta.get("reviewed")
    if isinstance(reviewed, dt.date):
        page.meta.update(artefacts.page_citation(
            site_author=config.site_author or "", site_name=config.site_name, title=page.title or "",
            reviewed=reviewed, url=page.canonical_url or page.abs_url or "", src=page.file.src_uri))
    return None


# After hooks/security.py (-100) wrote the page's Content Security Policy: the policy
# hashes the inline scripts that the theme and authors wrote, and nothing put back
# here can add one (every field is escaped), so a script smuggled in through a .bib
# file would be blocked, not hashed. It also spares the policy's scan the lists.
@event_priority(-200)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    """Put back the page's deferred reference section, superscripts and entries (search has indexed it)."""
    build = _state()
    library = build.library
    held = build.references.get(page.file.src_uri)
    if library is None or held is None:
        return None
    return fill_references(output, held.references_html, held.markup)


def on_post_build(*, config: MkDocsConfig) -> None:
    """Save the per-entry results for the next build."""
    build = _state()
    library = build.library
    if library is None:
        return
    entries.save(build.cache_dir, library)
    LOG.info("%d of %d references are never cited", len(library) - len(build.cited_keys), len(library))


def _add_anchor_ids(page: Page, cited: PageCitations) -> None:
    """The ids in the page's deferred markup, which never were in its tree, for MkDocs' anchor validation."""
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(cited.anchor_ids)


def _urls(marker: Page, build: _Build, files: Files) -> dict[str, str]:
    """Every page's and export's URL relative to the bibliography page, as MkDocs writes a link to it."""
    urls = {}
    for src in (*build.pages, *EXPORT_NAMES):
        file = files.get_file_from_path(src)
        if file is not None:
            urls[src] = get_relative_url(file.url, marker.file.url)
    return urls


def _headings(toc: list[AnchorLink] | Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for link in toc:
        found[link.id] = link.title
        found.update(_headings(link.children))
    return found
