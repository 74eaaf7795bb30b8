"""MkDocs glue for guidekit.citations: load the library once, name pages in warnings.

The engine itself is the ``guidekit.citations`` Markdown extension (listed in
``markdown_extensions``), so it also runs where hooks do not (Zensical).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from guidekit.citations import (
    BibError,
    PageCitations,
    Problem,
    find_bib_files,
    load_formatted,
    load_library,
    save_formatted,
)

EXTENSION = "guidekit.citations"
#: The per-page list the extension renders (it carries data-search-exclude).
RE_REFERENCE_SECTION = re.compile(r'<div [^>]*class="gk-references-section"[^>]*>.*?</ol>\s*</div>', re.DOTALL)
HOLD = "<!-- gk-references -->"
LOG = logging.getLogger("mkdocs.plugins.citations")


class _Build:
    """Per-build state; reset in on_pre_build because `mkdocs serve` reuses the module."""

    def __init__(self) -> None:
        self.page_label = ""
        self.line_offset = 0
        self.pages: dict[str, PageCitations] = {}
        self.held: dict[str, str] = {}


_build = _Build()


def _options(config: MkDocsConfig) -> dict:
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"hooks/citations.py needs '{EXTENSION}' in markdown_extensions")
    return config.mdx_configs.setdefault(EXTENSION, {})


def on_pre_build(*, config: MkDocsConfig) -> None:
    """Load and check the library once per build; wire reporter and collector."""
    global _build
    _build = _Build()
    options = _options(config)
    root = Path(config.config_file_path).parent
    location = root / options.get("bibliography", "references")
    cache_dir = root / ".cache" / "guidekit"
    try:
        library = load_library(find_bib_files(location), root=root, cache_dir=cache_dir)
    except BibError as exc:
        raise PluginError(str(exc)) from None
    load_formatted(cache_dir, library)
    for problem in library.problems:
        LOG.warning(problem.message)
    options.update(library=library, reporter=_report, collector=_collect)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str | None:
    """Remember which page is rendering, and where its body starts after front matter."""
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent).as_posix()
    _build.page_label = f"{docs}/{page.file.src_uri}"
    source = page.file.content_string
    start = source.find(markdown) if markdown else -1
    _build.line_offset = source.count("\n", 0, start) if start > 0 else 0
    return None


@event_priority(100)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str | None:
    """Hold the reference list back while the search plugin indexes the page.

    The list is excluded from search anyway (data-search-exclude), but Material's
    search parser still reads every tag of it: that was most of the build time.
    """
    match = RE_REFERENCE_SECTION.search(html)
    if not match:
        return None
    _build.held[page.file.src_uri] = match.group(0)
    return html[: match.start()] + HOLD + html[match.end() :]


@event_priority(-100)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict | None:
    """Put the reference list back after indexing, before the theme renders the page."""
    held = _build.held.pop(page.file.src_uri, None)
    if held is not None and page.content:
        page.content = page.content.replace(HOLD, held, 1)
    return None


def on_post_build(*, config: MkDocsConfig) -> None:
    """Save formatted entries for the next build; report how much of the library is unused."""
    library = _options(config).get("library")
    if library is None:
        return
    save_formatted(Path(config.config_file_path).parent / ".cache" / "guidekit", library)
    cited = {key.lower() for page in _build.pages.values() for key, _, _ in page.occurrences}
    LOG.info("%d of %d references are never cited", len(library) - len(cited), len(library))


def _report(problem: Problem) -> None:
    line = (problem.line or 1) + _build.line_offset
    LOG.warning("%s:%d: %s", _build.page_label, line, problem.message)


def _collect(page: PageCitations) -> None:
    _build.pages[_build.page_label] = page
