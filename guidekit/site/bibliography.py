"""The ``guidekit.site.bibliography`` Markdown extension: the site-wide bibliography where a page asks for it.

An author writes ``<div class="gk-bibliography-here"></div>`` on a line of its
own (``data-uncited="show"`` lists the uncited entries too). It needs every
page's citations first, from one of:

- ``data``: a callable returning :class:`SiteCitations`, or None while they are
  not yet known (the MkDocs hook: it renders the page again once they are).
  The hook also gives each page's final URL, so the lists are written as
  finished HTML, held outside the tree like the other deferred markup;
- ``data``: a path to the JSON that ``python -m guidekit prepare`` writes
  (Zensical). The bibliography is then Markdown's element tree, with links to
  ``page.md#section`` and to the exports, which the builder rewrites like any
  other link. Zensical 0.0.73 does not check links an extension emits, so they
  come only from pages prepare has just rendered.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from guidekit.citations import CitationsExtension, Library, Reference, entries
from guidekit.citations.bibliography import (
    EXPORTS,
    Citer,
    bibliography_element,
    citers,
    downloads_html,
    entry_list_html,
    select,
    uncited_heading,
)

from .artefacts import PageFacts, bibliography_pages, export_base
from .generated import BIBLIOGRAPHY_DATA, read_site_citations

#: The author's marker, on a line of its own (raw HTML, so it reads as nothing on GitHub).
RE_MARKER = re.compile(r'^[ \t]*(<div [^>]*class="gk-bibliography-here"[^>]*>)[ \t]*</div>[ \t]*$')
#: What the marker line becomes before Markdown stashes raw HTML: a paragraph the tree processor finds.
TOKEN = "\x02gk-bibliography:{uncited}\x03"  # noqa: S105 - a placeholder, not a secret
RE_TOKEN = re.compile("^\x02gk-bibliography:(show|hide)\x03$")


@dataclass(frozen=True, slots=True)
class SiteCitations:
    """Every page's citations, and the page (source path under docs/) that holds the bibliography."""

    page: str
    pages: Sequence[PageFacts]
    #: each page's source path and each export's name -> its final URL relative to the bibliography
    #: page, when the builder gives them (MkDocs): the bibliography is then written as HTML at once.
    #: None: links to ``page.md`` files, as elements, for the builder to rewrite (Zensical).
    urls: Mapping[str, str] | None = None


class BibliographyExtension(Extension):
    """``markdown.Markdown(extensions=["guidekit.citations", "guidekit.site.bibliography"])``."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {
            "data": [BIBLIOGRAPHY_DATA, "Path of prepare's JSON, or a callable returning SiteCitations or None"],
        }
        super().__init__(**kwargs)

    def site(self) -> SiteCitations | None:
        data = self.getConfig("data")
        if callable(data):
            result = data()
            return result if isinstance(result, SiteCitations) else None
        page, pages = read_site_citations(Path(str(data)))
        return SiteCitations(page, pages)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # 25: after whitespace normalisation (30), before raw HTML is stashed (20).
        md.preprocessors.register(_MarkerLine(md), "gk_bibliography_marker", 25)
        # 6: after abbreviations (7), so entry text is left alone, and before toc (5) and
        # the builder's link rewriting (MkDocs 0), which must see the links.
        md.treeprocessors.register(_Bibliography(md, self), "gk_bibliography", 6)


class _MarkerLine(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            found = RE_MARKER.match(line)
            if found:
                line = TOKEN.format(uncited="show" if 'data-uncited="show"' in found.group(1) else "hide")
            out.append(line)
        return out


class _Bibliography(Treeprocessor):
    def __init__(self, md: Markdown, ext: BibliographyExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: ET.Element) -> None:
        found = [(parent, child) for parent in root.iter() for child in parent
                 if child.tag == "p" and RE_TOKEN.match(child.text or "") and not len(child)]
        if not found:
            return
        site = self.ext.site()
        for parent, marker in found:
            show = RE_TOKEN.match(marker.text or "").group(1) == "show"  # type: ignore[union-attr]
            element = self._render(site, show) if site is not None else _waiting(show)
            element.tail = marker.tail
            parent[list(parent).index(marker)] = element

    def _render(self, site: SiteCitations, show_uncited: bool) -> ET.Element:
        citations = _citations(self.md)
        library = citations.library()
        cited = citers(bibliography_pages(site.pages, site.page, site.urls))
        chosen, uncited = select(library, cited, show_uncited, lambda key: entries.sort_key(library, key))
        if site.urls is not None:
            element = _as_html(citations, library, site.urls, chosen, uncited, cited)
        else:
            element = bibliography_element(chosen, uncited, cited, export_base(site.page),
                                           self._body(library))
        # Kept out of search: a search for an author should find the pages, not this list.
        element.set("data-search-exclude", "")
        return element

    def _body(self, library: Library) -> Callable[[str], str]:
        """Each entry's text as stashed raw HTML (the element path: the builder rewrites the links)."""
        return lambda key: self.md.htmlStash.store(entries.body_html(library, key))


def _as_html(citations: CitationsExtension, library: Library, urls: Mapping[str, str], chosen: Sequence[Reference],
             uncited: Sequence[Reference], cited: Mapping[str, list[Citer]]) -> ET.Element:
    """The bibliography with final URLs: its lists as HTML, held outside the tree (see CitationsExtension.hold).

    3,500 entries and 7,000 links to citing sections were the largest part of a warm
    build's citation cost as elements: every later pass walked them, MkDocs rewrote
    each link, the serialiser wrote them out. The URLs are the builder's own page
    URLs and the sections' heading ids, so there is nothing left to check.
    """
    def body(key: str) -> str:  # with defer_entries, the lists wait outside the page whole, entries and all
        return entries.body_html(library, key)

    root = ET.Element("div", {"class": "gk-bibliography"})
    downloads = downloads_html([urls[name] for name, _ in EXPORTS])
    root.text = citations.hold(downloads + entry_list_html(chosen, cited, body), (ref.key for ref in chosen))
    if uncited:
        uncited_heading(root).tail = citations.hold(entry_list_html(uncited, {}, body), (ref.key for ref in uncited))
    return root


def _waiting(show_uncited: bool) -> ET.Element:
    """The marker as the author wrote it: the MkDocs hook renders the page again once every page is known."""
    attrs = {"class": "gk-bibliography-here"}
    if show_uncited:
        attrs["data-uncited"] = "show"
    return ET.Element("div", attrs)


def _citations(md: Markdown) -> CitationsExtension:
    for ext in md.registeredExtensions:
        if isinstance(ext, CitationsExtension):
            return ext
    raise ValueError("guidekit.site.bibliography needs guidekit.citations in the same Markdown")


def makeExtension(**kwargs: object) -> BibliographyExtension:
    return BibliographyExtension(**kwargs)
