"""A reference as plain Unicode fields: the common input of exports and metadata.

BibTeX fields hold LaTeX; reference managers want plain text. Converting once
here keeps BibTeX, RIS, CSL-JSON, COinS and Highwire tags in agreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .latex import to_plain
from .model import Reference
from .names import names_of

RECORD_FIELDS = {
    "title", "journal", "booktitle", "howpublished", "year", "volume", "number", "pages", "publisher",
    "institution", "organization", "doi", "pmid", "pmcid", "url", "urldate", "note",
}
RE_PAGES = re.compile(r"^\s*([^-–—]+?)\s*(?:-{1,3}|–|—)\s*(.+?)\s*$")
RE_YEAR = re.compile(r"\d{4}")
#: The one URL-safety rule: http or https, and nothing that could leave an attribute.
RE_SAFE_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)
#: BibTeX type -> (CSL type, RIS type, COinS genre)
TYPES = {
    "article": ("article-journal", "JOUR", "article"),
    "book": ("book", "BOOK", "book"),
    "incollection": ("chapter", "CHAP", "bookitem"),
    "inbook": ("chapter", "CHAP", "bookitem"),
    "techreport": ("report", "RPRT", "report"),
    "report": ("report", "RPRT", "report"),
    "misc": ("webpage", "ELEC", "document"),
    "online": ("webpage", "ELEC", "document"),
}
DEFAULT_TYPE = ("document", "GEN", "document")


@dataclass(frozen=True, slots=True)
class Person:
    family: str
    given: str = ""
    suffix: str = ""
    #: an organisation named as author (NICE), not a person with one name
    institution: bool = False


@dataclass(frozen=True, slots=True)
class Record:
    """Plain-text view of one reference."""

    key: str
    type: str
    title: str
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    year: str
    container: str
    volume: str
    issue: str
    first_page: str
    last_page: str
    publisher: str
    doi: str
    pmid: str
    pmcid: str
    url: str
    urldate: str
    note: str
    #: the .bib cut the author list with "and others": more authors exist than are named
    authors_truncated: bool = False

    @property
    def csl_type(self) -> str:
        return TYPES.get(self.type, DEFAULT_TYPE)[0]

    @property
    def ris_type(self) -> str:
        return TYPES.get(self.type, DEFAULT_TYPE)[1]

    @property
    def coins_genre(self) -> str:
        return TYPES.get(self.type, DEFAULT_TYPE)[2]

    @property
    def pages(self) -> str:
        return f"{self.first_page}-{self.last_page}" if self.last_page else self.first_page


def _people(ref: Reference, role: str) -> tuple[Person, ...]:
    return tuple(
        Person(
            family=to_plain(n.last),
            given=" ".join(to_plain(g) for g in n.given),
            suffix=to_plain(n.lineage),
            # {National Institute for Health and Care Excellence}: one braced name is a body.
            institution=not n.given and n.last.startswith("{") and n.last.endswith("}"),
        )
        for n in names_of(ref, role)
        if not n.is_others
    )


def safe_url(url: str) -> str:
    """The URL when it is http(s) and well formed, else "" (validate() warns about it)."""
    url = url.strip()
    return url if RE_SAFE_URL.match(url) else ""


def split_pages(pages: str) -> tuple[str, str]:
    """``581--588`` -> (``581``, ``588``); ``e12`` -> (``e12``, ``""``)."""
    match = RE_PAGES.match(pages)
    return (match.group(1), match.group(2)) if match else (pages.strip(), "")


def to_record(ref: Reference) -> Record:
    """The plain-text record of a reference (entries.record caches it per library version)."""
    plain = {name: to_plain(value) for name, value in ref.fields.items() if name in RECORD_FIELDS}
    plain["title"] = to_plain(ref.get("title"), double_quotes=True)
    first, last = split_pages(plain.get("pages", ""))
    authors = _people(ref, "author")
    organization = plain.get("organization") or plain.get("institution", "")
    if not authors and organization:
        authors = (Person(family=organization, institution=True),)
    year = RE_YEAR.search(plain.get("year", ""))
    return Record(
        key=ref.key,
        type=ref.type,
        title=plain.get("title", ""),
        authors=authors,
        editors=_people(ref, "editor"),
        year=year.group(0) if year else "",
        container=plain.get("journal") or plain.get("booktitle") or plain.get("howpublished", ""),
        volume=plain.get("volume", ""),
        issue=plain.get("number", ""),
        first_page=first,
        last_page=last,
        publisher=plain.get("publisher") or plain.get("institution", ""),
        doi=plain.get("doi", "").strip(),
        pmid=plain.get("pmid", "").strip(),
        pmcid=plain.get("pmcid", "").strip(),
        url=safe_url(plain.get("url", "")),
        urldate=plain.get("urldate", "").strip(),
        note=plain.get("note", ""),
        authors_truncated=any(n.is_others for n in names_of(ref, "author")),
    )
