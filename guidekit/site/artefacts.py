"""The site-wide artefacts, from the facts of every page: plain functions, no builder.

The MkDocs hooks gather :class:`PageFacts` while MkDocs renders; ``prepare``
gathers the same facts by rendering every page itself. Either way the outputs
below depend only on those facts and the library, never on the order pages
were rendered in.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from guidekit.citations import Library, entries
from guidekit.citations.bibliography import PageData
from guidekit.citations.citepage import cite_page
from guidekit.citations.export import join_bibtex, join_csl_json, join_ris
from guidekit.citations.metadata import corporate, highwire_name

#: The first checklist on a page, for the urgent bar's "Skip to the checklist" link.
RE_CHECKLIST = re.compile(r'data-checklist="([^"]*)"')


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the site-wide artefacts need from one rendered page."""

    src: str  # source path under docs/, e.g. "pregnancy.md"
    title: str
    url: str  # the builder's page URL, e.g. "pregnancy/" ("" for the home page)
    #: (library key, id of the nearest preceding heading), in document order
    occurrences: tuple[tuple[str, str], ...] = ()
    headings: Mapping[str, str] = field(default_factory=dict)


def cited_keys(occurrences: Iterable[tuple[str, str]]) -> list[str]:
    """Lower-cased keys in order of first citation, each once."""
    return list(dict.fromkeys(key.lower() for key, _ in occurrences))


def citation_references(library: Library, occurrences: Iterable[tuple[str, str]]) -> list[str]:
    """The page's ``citation_reference`` meta values, in order of first citation."""
    return [entries.highwire(library, key) for key in cited_keys(occurrences) if key in library.references]


def page_citation(*, site_author: str, site_name: str, title: str, reviewed: dt.date, url: str,
                  src: str) -> dict[str, str]:
    """ "Cite this page" (AMA and BibTeX) and the page's own ``citation_author``, as the templates read them."""
    cite = cite_page(author=site_author or site_name, title=title, site=site_name, reviewed=reviewed, url=url,
                     src_uri=src)
    # The editors are one corporate author: "Name," keeps Zotero and Scholar from splitting it.
    author = highwire_name(corporate(site_author or site_name))
    return {"cite_ama": cite.ama, "cite_bibtex": cite.bibtex, "citation_author": author}


def first_checklist(html: str) -> str:
    """The id of the page's first checklist, or ""."""
    found = RE_CHECKLIST.search(html)
    return found.group(1) if found else ""


def cited_in_library(library: Library, pages: Iterable[PageFacts]) -> list[str]:
    """Every cited key the library holds, sorted (the exports' order)."""
    return sorted({key.lower() for page in pages for key, _ in page.occurrences} & set(library.references))


def exports(library: Library, cited: Sequence[str]) -> dict[str, str]:
    """``references.bib``, ``.ris`` and ``.json``: each of ``cited`` (:func:`cited_in_library`), from its record."""
    return {
        "references.bib": join_bibtex([entries.bibtex(library, key) for key in cited]),
        "references.ris": join_ris([entries.ris(library, key) for key in cited]),
        "references.json": join_csl_json([entries.csl(library, key) for key in cited]),
    }


def bibliography_pages(pages: Sequence[PageFacts], marker_src: str,
                       urls: Mapping[str, str] | None = None) -> list[PageData]:
    """Every page's citations for the bibliography on ``marker_src``, linked from that page.

    With ``urls`` (source path -> final URL relative to the bibliography page, from
    the builder), the links are those URLs. Without, they are Markdown links to
    ``*.md`` files, so the builder rewrites them to its own URLs and reports any
    that point nowhere.
    """
    base = posixpath.dirname(marker_src)
    return [
        PageData(page.src, page.title, urls[page.src] if urls is not None else posixpath.relpath(page.src, base or "."),
                 page.occurrences, dict(page.headings))
        for page in pages
    ]


def export_base(marker_src: str) -> str:
    """The exports' folder (the docs root) relative to the bibliography page's source file."""
    base = posixpath.dirname(marker_src)
    return "" if not base else posixpath.relpath(".", base) + "/"
