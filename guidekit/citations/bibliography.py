"""The site-wide bibliography: every cited entry once, with links back to each citing section.

Pure functions over the facts of every page (see guidekit.site); the result
depends only on that data, never on the order pages were processed in. The
``guidekit.site.bibliography`` extension puts it in the page: as HTML with final
URLs when the builder gives them (MkDocs), or as an element tree whose
``page.md`` links the builder rewrites (Zensical).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from .markup import escape_attr, escape_text
from .model import Library, Reference
from .records import Record

EXPORTS = (("references.bib", "BibTeX"), ("references.ris", "RIS"), ("references.json", "CSL-JSON"))


@dataclass(frozen=True, slots=True)
class Citer:
    """A section of a page that cites an entry."""

    page: str  # the page's source path: a stable sort key
    page_title: str
    url: str  # the page's URL relative to the bibliography page, with #section when known
    section_title: str


@dataclass(frozen=True, slots=True)
class PageData:
    """What one page cited: (key, section id) in document order, and its headings."""

    src: str
    title: str
    url: str
    occurrences: tuple[tuple[str, str], ...]
    headings: Mapping[str, str]


#: (first author's surname, year, title, key), case-folded
SortKey = tuple[str, str, str, str]


def sort_key(rec: Record) -> SortKey:
    """First author's surname (or organisation, or first editor), then year, title and key."""
    names = rec.authors or rec.editors
    first = names[0].family if names else ""
    return (first.casefold(), rec.year, rec.title.casefold(), rec.key.casefold())


def citers(pages: Iterable[PageData]) -> dict[str, list[Citer]]:
    """Lower-cased key -> the sections that cite it, each once, sorted by page path then position."""
    result: dict[str, dict[Citer, None]] = {}  # a dict keeps order and finds repeats at once
    for page in sorted(pages, key=lambda p: p.src):
        for key, section in page.occurrences:
            title = page.headings.get(section, "")
            citer = Citer(page.src, page.title, f"{page.url}#{section}" if section else page.url, title)
            result.setdefault(key.lower(), {})[citer] = None
    return {key: list(bucket) for key, bucket in result.items()}


def select(
    library: Library, cited: Mapping[str, list[Citer]], include_uncited: bool, key_of: Callable[[str], SortKey]
) -> tuple[list[Reference], list[Reference]]:
    """(cited references, uncited references), each sorted by author then year; ``key_of`` is entries.sort_key."""
    def order(keys: Iterable[str]) -> list[Reference]:
        return [library.references[k] for k in sorted(keys, key=key_of)]

    chosen = order(k for k in cited if k in library.references)
    rest = order(k for k in library.references if k not in cited) if include_uncited else []
    return chosen, rest


def bibliography_element(
    cited_refs: Sequence[Reference],
    uncited_refs: Sequence[Reference],
    cited: Mapping[str, list[Citer]],
    export_base: str,
    body: Callable[[str], str],
) -> ET.Element:
    """The bibliography block as an element tree; ``body(key)`` gives each entry's text (a placeholder)."""
    root = ET.Element("div", {"class": "gk-bibliography"})
    downloads = ET.SubElement(root, "p", {"class": "gk-bibliography__downloads"})
    downloads.text = "Download every cited reference for your reference manager: "
    for index, (name, label) in enumerate(EXPORTS):
        link = ET.SubElement(downloads, "a", {"href": f"{export_base}{name}", "download": name})
        link.text = label
        link.tail = _after_export(index)
    _entry_list(root, cited_refs, cited, body)
    if uncited_refs:
        uncited_heading(root)
        _entry_list(root, uncited_refs, {}, body)
    return root


def uncited_heading(parent: ET.Element) -> ET.Element:
    """The heading over the uncited entries: an element, so the table of contents lists it."""
    heading = ET.SubElement(parent, "h2", {"id": "not-cited"})
    heading.text = "In the library but not cited on any page"
    return heading


def _entry_list(
    parent: ET.Element,
    refs: Sequence[Reference],
    cited: Mapping[str, list[Citer]],
    body: Callable[[str], str],
) -> None:
    ul = ET.SubElement(parent, "ul", {"class": "gk-bibliography__list"})
    for ref in refs:
        li = ET.SubElement(ul, "li", {"id": ref.key, "class": "gk-ref"})
        li.text = body(ref.key.lower())
        places = cited.get(ref.key.lower(), [])
        if places:
            back = ET.SubElement(li, "span", {"class": "gk-bibliography__cited"})
            back.text = " Cited in: "
            for index, place in enumerate(places):
                link = ET.SubElement(back, "a", {"href": place.url})
                link.text = _place_label(place)
                link.tail = "; " if index < len(places) - 1 else "."


def _after_export(index: int) -> str:
    """What follows the download link at ``index``: "BibTeX, RIS or CSL-JSON."."""
    return ", " if index < len(EXPORTS) - 2 else (" or " if index == len(EXPORTS) - 2 else ".")


def _place_label(place: Citer) -> str:
    return f"{place.page_title} › {place.section_title}" if place.section_title else place.page_title


def downloads_html(export_urls: Sequence[str]) -> str:
    """The download links of :func:`bibliography_element`, as HTML, to final URLs (one per EXPORTS entry)."""
    links = []
    for index, ((name, label), url) in enumerate(zip(EXPORTS, export_urls, strict=True)):
        links.append(f'<a download="{escape_attr(name)}" href="{escape_attr(url)}">{label}</a>{_after_export(index)}')
    return ('<p class="gk-bibliography__downloads">Download every cited reference for your reference manager: '
            f'{"".join(links)}</p>')


def entry_list_html(refs: Sequence[Reference], cited: Mapping[str, list[Citer]], body: Callable[[str], str]) -> str:
    """One list of :func:`bibliography_element`, as HTML: each citer's URL is final (the builder's own).

    Attributes in the order Python-Markdown's serialiser writes them, so a page
    reads the same whichever path wrote its bibliography.
    """
    items = []
    link_of: dict[Citer, str] = {}  # 7,000 links to a few hundred sections: each written once
    for ref in refs:
        places = cited.get(ref.key.lower(), [])
        back = ""
        if places:
            for place in places:
                if place not in link_of:
                    link_of[place] = f'<a href="{escape_attr(place.url)}">{escape_text(_place_label(place))}</a>'
            back = f'<span class="gk-bibliography__cited"> Cited in: {"; ".join(link_of[p] for p in places)}.</span>'
        items.append(f'<li class="gk-ref" id="{escape_attr(ref.key)}">{body(ref.key.lower())}{back}</li>')
    return f'<ul class="gk-bibliography__list">{"".join(items)}</ul>'
