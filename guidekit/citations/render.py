"""Numbering, range compression and element-tree rendering of citations.

Everything here is a pure function of its arguments; all text goes through
``xml.etree`` so every BibTeX field is escaped on output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import NamedTuple
from urllib.parse import quote

from pybtex.richtext import BaseMultipartText, Protected, String, Symbol, Tag, Text

from .markup import escape_attr, escape_text
from .metadata import coins
from .model import Citation, Reference
from .records import Record

RE_PMID = re.compile(r"^\d{1,9}$")
RE_PMCID = re.compile(r"^PMC\d{1,9}$", re.IGNORECASE)
RE_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
SYMBOLS = {"ndash": "–", "nbsp": "\u00a0", "newblock": " "}
ALLOWED_TAGS = {"em", "strong", "sup", "sub"}
EN_DASH = "–"


def assign_numbers(citations: Iterable[Citation], known: Container[str]) -> dict[str, int]:
    """Number keys (lower-cased) 1, 2, ... in order of first citation; ``known`` holds the library's keys."""
    numbers: dict[str, int] = {}
    for citation in citations:
        for item in citation.items:
            key = item.key.lower()
            if key in known and key not in numbers:
                numbers[key] = len(numbers) + 1
    return numbers


def compress(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted, de-duplicated runs; a run of three or more becomes a range (1,2,4–6)."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if end - start == 1:  # two in a row read better as "1,2" than "1–2"
            out.extend([(start, start), (end, end)])
        else:
            out.append((start, end))
    return out


def ref_id(key: str) -> str:
    return f"ref-{key}"


def _append_text(parent: ET.Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def append_rich(parent: ET.Element, text: object) -> None:
    """Append pybtex rich text to an element; only em/strong/sup/sub survive as tags."""
    if isinstance(text, String):
        _append_text(parent, text.value)
    elif isinstance(text, Symbol):
        _append_text(parent, SYMBOLS.get(text.name, ""))
    elif isinstance(text, Tag) and text.name in ALLOWED_TAGS:
        child = ET.SubElement(parent, text.name)
        for part in text.parts:
            append_rich(child, part)
    elif isinstance(text, (BaseMultipartText, Text, Protected)):
        for part in text.parts:
            append_rich(parent, part)
    elif isinstance(text, str):
        _append_text(parent, text)


def _link(parent: ET.Element, href: str, text: str, **attrs: str) -> ET.Element:
    link = ET.SubElement(parent, "a", {"href": href, **attrs})
    link.text = text
    return link


class _Link(NamedTuple):
    """A superscript's link: to the first of ``keys``, the entries its ``label`` numbers."""

    keys: tuple[str, ...]
    label: str


def _group_parts(citation: Citation, numbers: dict[str, int], refs: dict[str, Reference]) -> list[str | _Link]:
    """A superscript's content in order: text (prefixes, locators, commas) and links."""
    if len(citation.items) == 1:  # most citations: one work, nothing around it
        item = citation.items[0]
        key = item.key.lower()
        if key in numbers and not (item.prefix or item.locator or item.suffix):
            return [_Link((refs[key].key,), str(numbers[key]))]
    known = [item for item in citation.items if item.key.lower() in numbers]
    known.sort(key=lambda item: numbers[item.key.lower()])
    plain_numbers = {numbers[item.key.lower()]: refs[item.key.lower()].key for item in known
                     if not (item.prefix or item.locator or item.suffix)}
    pieces: list[tuple[int, list[str | _Link]]] = []
    for start, end in compress(list(plain_numbers)):
        keys = tuple(plain_numbers[n] for n in range(start, end + 1))
        pieces.append((start, [_Link(keys, str(start) if start == end else f"{start}{EN_DASH}{end}")]))
    for item in known:
        if not (item.prefix or item.locator or item.suffix):
            continue
        number = numbers[item.key.lower()]
        parts: list[str | _Link] = [f"{item.prefix} "] if item.prefix else []
        parts.append(_Link((refs[item.key.lower()].key,), str(number)))
        if item.locator:
            parts.append(f"({item.locator})")
        if item.suffix:
            parts.append(f", {item.suffix}")  # as Pandoc prints a suffix: "1(p3), emphasis added"
        pieces.append((number, parts))
    pieces.sort(key=lambda piece: piece[0])
    out: list[str | _Link] = []
    for index, (_, parts) in enumerate(pieces):
        if index:
            # AMA packs numbers ("1,2"); a prefix after the comma needs a space.
            out.append(", " if isinstance(parts[0], str) else ",")
        out.extend(parts)
    return out


def _sup_attrs(cite_id: str) -> dict[str, str]:
    # Citation numbers are noise in search results (and slow Material's indexer).
    return {"class": "gk-cite", "id": cite_id, "data-search-exclude": ""}


def _cite_link_attrs(link: _Link) -> dict[str, str]:
    noun = "Reference" if len(link.keys) == 1 else "References"
    return {"href": f"#{ref_id(link.keys[0])}", "class": "gk-cite__link", "data-gk-refs": " ".join(link.keys),
            "aria-label": f"{noun} {link.label}"}


def render_group(
    citation: Citation,
    numbers: dict[str, int],
    refs: dict[str, Reference],
    cite_id: str,
) -> ET.Element:
    """The superscript for one citation: ``<sup id=cite-N>1,2,4–6</sup>``, as an element (see group_html)."""
    sup = ET.Element("sup", _sup_attrs(cite_id))
    for part in _group_parts(citation, numbers, refs):
        if isinstance(part, _Link):
            ET.SubElement(sup, "a", _cite_link_attrs(part)).text = part.label
        else:
            _append_text(sup, part)
    return sup


def group_html(citation: Citation, numbers: dict[str, int], refs: dict[str, Reference], cite_id: str) -> str:
    """The same superscript as :func:`render_group`, as HTML: what leaves the page's tree at once.

    Written out attribute by attribute, in the serialiser's (lexical) order: 4,000
    superscripts made a general tag writer a measurable part of a warm build.
    """
    inner = []
    for part in _group_parts(citation, numbers, refs):
        if isinstance(part, _Link):  # labels are digits and en dashes
            noun = "Reference" if len(part.keys) == 1 else "References"
            inner.append(f'<a aria-label="{noun} {part.label}" class="gk-cite__link" '
                         f'data-gk-refs="{escape_attr(" ".join(part.keys))}" '
                         f'href="#{escape_attr(ref_id(part.keys[0]))}">{part.label}</a>')
        else:
            inner.append(escape_text(part))
    return f'<sup class="gk-cite" data-search-exclude="" id="{escape_attr(cite_id)}">{"".join(inner)}</sup>'


def render_missing(keys: Sequence[str]) -> ET.Element:
    """A visible marker for citations of unknown keys."""
    mark = ET.Element("span", {"class": "gk-cite-missing", "role": "note"})
    mark.text = f"[unknown reference: {', '.join(keys)}]"
    return mark


def render_entry_body(formatted: Text, record: Record) -> str:
    """One entry's formatted text and its links, as escaped HTML (entries.body_html keeps it per library)."""
    holder = entry_body(formatted, record)
    return "".join(ET.tostring(child, encoding="unicode", method="html") for child in holder)


def entry_body(formatted: Text, record: Record) -> ET.Element:
    """A holder element whose children are the entry's text, links and COinS span."""
    holder = ET.Element("div")
    body = ET.SubElement(holder, "span", {"class": "gk-ref__text"})
    append_rich(body, formatted)
    for label, href, text in reference_links(record):
        _append_text(holder, f" {label}" if label else " ")
        _link(holder, href, text, **{"class": "gk-ref__link"})
    # COinS: Zotero's connector finds the reference in this span and offers to save it.
    ET.SubElement(holder, "span", {"class": "Z3988", "title": coins(record)})
    return holder


def split_by_layer(
    ordered: Sequence[Reference], cited_in_patient_text: set[str]
) -> tuple[list[Reference], list[Reference]]:
    """(patient list, clinician list): a work cited only inside clinician boxes goes in the second.

    ``cited_in_patient_text`` holds lower-cased keys. A work both layers cite stays
    in the patient list, so it is listed once; each list keeps the page's order.
    """
    patient = [ref for ref in ordered if ref.key.lower() in cited_in_patient_text]
    clinician = [ref for ref in ordered if ref.key.lower() not in cited_in_patient_text]
    return patient, clinician


def reference_list_html(
    ordered: Sequence[Reference],
    bodies: Mapping[str, str],
    backlinks: Mapping[str, list[str]],
    numbers: Mapping[str, int],
) -> str:
    """``<ol>`` of AMA entries, each with its links and back-links to the text, as HTML.

    Each entry's body is finished HTML (entries.body_html). Each entry carries
    its number on the page (``numbers``, lower-cased keys): a page's two lists
    share one sequence, so neither list need count from 1 or run without gaps.
    A newline follows each block tag, as Python-Markdown's prettifier would put it.
    """
    items = []
    for ref in ordered:
        key = ref.key.lower()
        cites = backlinks.get(key, [])
        if len(cites) == 1:
            back = f' <a aria-label="Back to the text" href="#{escape_attr(cites[0])}">↑</a>'
        else:
            back = "".join(f' <a aria-label="Back to citation {index} of {len(cites)}" href="#{escape_attr(cite)}">'
                           f"↑{index}</a>" for index, cite in enumerate(cites, start=1))
        # Attributes in the serialiser's (lexical) order, as in group_html.
        items.append(f'<li class="gk-ref" id="{escape_attr(ref_id(ref.key))}" value="{numbers[key]}">{bodies[key]}'
                     f'<span class="gk-ref__back">{back}</span></li>\n')
    return f'<ol class="gk-references">\n{"".join(items)}</ol>\n'


def reference_links(record: Record) -> list[tuple[str, str, str]]:
    """(label, href, text) for DOI, PubMed, PMC and web address, from the decoded record.

    The record's URL is already safe (http or https, or empty): see records.safe_url.
    """
    links = []
    if RE_DOI.match(record.doi):
        links.append(("doi:", "https://doi.org/" + quote(record.doi, safe="/()._-:;"), record.doi))
    if RE_PMID.match(record.pmid):
        links.append(("PMID: ", f"https://pubmed.ncbi.nlm.nih.gov/{record.pmid}/", record.pmid))
    if RE_PMCID.match(record.pmcid):
        pmcid = record.pmcid.upper()
        links.append(("PMCID: ", f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/", pmcid))
    if record.url and not (record.doi and "doi.org" in record.url):
        links.append(("", record.url, record.url))
    return links
