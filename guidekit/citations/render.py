"""Numbering, range compression and element-tree rendering of citations.

Everything here is a pure function of its arguments; all text goes through
``xml.etree`` so every BibTeX field is escaped on output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Container, Iterable, Sequence
from urllib.parse import quote

from pybtex.richtext import BaseMultipartText, Protected, String, Symbol, Tag, Text

from .metadata import coins
from .model import Citation, CiteItem, Reference
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


def render_group(
    citation: Citation,
    numbers: dict[str, int],
    refs: dict[str, Reference],
    cite_id: str,
) -> ET.Element:
    """The superscript for one citation: ``<sup id=cite-N>1,2,4–6</sup>``."""
    # Citation numbers are noise in search results (and slow Material's indexer).
    sup = ET.Element("sup", {"class": "gk-cite", "id": cite_id, "data-search-exclude": ""})
    known = [item for item in citation.items if item.key.lower() in numbers]
    known.sort(key=lambda item: numbers[item.key.lower()])
    plain = [item for item in known if not (item.prefix or item.locator or item.suffix)]
    plain_numbers = {numbers[item.key.lower()]: refs[item.key.lower()].key for item in plain}
    pieces: list[tuple[int, ET.Element]] = []
    for start, end in compress(list(plain_numbers)):
        keys = [plain_numbers[n] for n in range(start, end + 1)]
        label = str(start) if start == end else f"{start}{EN_DASH}{end}"
        holder = ET.Element("span")
        _cite_link(holder, keys, label)
        pieces.append((start, holder))
    for item in known:
        if item in plain:
            continue
        holder = ET.Element("span")
        _annotated(holder, item, numbers[item.key.lower()], refs[item.key.lower()].key)
        pieces.append((numbers[item.key.lower()], holder))
    pieces.sort(key=lambda piece: piece[0])
    for index, (_, holder) in enumerate(pieces):
        if index:
            # AMA packs numbers ("1,2"); a prefix after the comma needs a space.
            _append_text(sup, "," if len(holder) and not holder.text else ", ")
        _append_text(sup, holder.text or "")
        for child in holder:
            sup.append(child)
    return sup


def _cite_link(parent: ET.Element, keys: list[str], label: str) -> None:
    noun = "Reference" if len(keys) == 1 else "References"
    _link(
        parent, f"#{ref_id(keys[0])}", label,
        **{"class": "gk-cite__link", "data-gk-refs": " ".join(keys), "aria-label": f"{noun} {label}"},
    )


def _annotated(parent: ET.Element, item: CiteItem, number: int, key: str) -> None:
    if item.prefix:
        _append_text(parent, f"{item.prefix} ")
    _cite_link(parent, [key], str(number))
    if item.locator:
        _append_text(parent, f"({item.locator})")
    if item.suffix:
        _append_text(parent, f", {item.suffix}")  # as Pandoc prints a suffix: "1(p3), emphasis added"


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


def render_reference_list(
    ordered: Sequence[Reference],
    bodies: dict[str, str],
    backlinks: dict[str, list[str]],
    numbers: dict[str, int],
    stash: Callable[[str], str] = lambda html: html,
) -> ET.Element:
    """``<ol>`` of AMA entries, each with its links and back-links to the text.

    Each entry's body is finished HTML from :func:`render_entry_body`; ``stash``
    turns it into a placeholder (Python-Markdown's htmlStash), so later tree
    passes need not walk markup that never changes. The ``li`` ids stay in the
    tree, where MkDocs' anchor validation looks for them. Each entry carries its
    number on the page (``numbers``, lower-cased keys): a page's two lists share
    one sequence, so neither list need count from 1 or run without gaps.
    """
    ol = ET.Element("ol", {"class": "gk-references"})
    for ref in ordered:
        number = numbers[ref.key.lower()]
        li = ET.SubElement(ol, "li", {"id": ref_id(ref.key), "class": "gk-ref", "value": str(number)})
        li.text = stash(bodies[ref.key.lower()])
        back = ET.SubElement(li, "span", {"class": "gk-ref__back"})
        cites = backlinks.get(ref.key.lower(), [])
        for index, cite in enumerate(cites, start=1):
            _append_text(back, " ")
            label = "Back to the text" if len(cites) == 1 else f"Back to citation {index} of {len(cites)}"
            _link(back, f"#{cite}", "↑" if len(cites) == 1 else f"↑{index}", **{"aria-label": label})
    return ol


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
