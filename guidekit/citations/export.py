"""The cited library as files reference managers import: BibTeX, RIS, CSL-JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence

import rispy

from .model import Reference
from .records import Person, Record

FIELD_ORDER = ("author", "editor", "organization", "institution", "title", "booktitle", "journal", "edition",
               "publisher", "howpublished", "year", "volume", "number", "pages", "doi", "pmid", "pmcid", "url",
               "urldate", "note")
#: The editors' checking fields (see references/VERIFICATION.md): why a field or a PMID is absent, and
#: which work replaces a superseded one. They describe our process, not the work, so no export carries them.
EDITORIAL_FIELDS = frozenset({"missing", "nopmid", "superseded"})


def to_bibtex(refs: Sequence[Reference]) -> str:
    """Normalised BibTeX: sorted keys, lower-case field names in a fixed order, braced values."""
    return join_bibtex([bibtex_entry(ref) for ref in sorted(refs, key=lambda r: r.key.lower())])


def bibtex_entry(ref: Reference) -> str:
    """One entry of the BibTeX export (entries.py keeps it per library version).

    Values are written as they were read (they are already BibTeX). pybtex's own
    writer escapes LaTeX a second time (``\\%`` becomes ``\\\\%``), which corrupts them.
    """
    kept = [name for name in ref.fields if name.lower() not in EDITORIAL_FIELDS]
    names = sorted(kept, key=lambda n: (FIELD_ORDER.index(n) if n in FIELD_ORDER else len(FIELD_ORDER), n))
    body = ",\n".join(f"  {name} = {{{_one_line(ref.fields[name])}}}" for name in names)
    return f"@{ref.type}{{{ref.key},\n{body}\n}}\n"


def join_bibtex(entries: Sequence[str]) -> str:
    return "\n".join(entries)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def to_ris(records: Sequence[Record]) -> str:
    """RIS, written by rispy; the PubMed id goes in AN (accession number)."""
    return join_ris([ris_entry(rec) for rec in sorted(records, key=lambda r: r.key.lower())])


def ris_entry(rec: Record) -> str:
    """One RIS record as rispy writes it, without the running number rispy puts before each."""
    return rispy.dumps([_ris_entry(rec)]).split("\n", 1)[1]


def join_ris(entries: Sequence[str]) -> str:
    """The file rispy would write for all of them: numbered "1.", "2.", ... and a blank line between."""
    return "\n".join(f"{number}.\n{entry}" for number, entry in enumerate(entries, start=1))


def _ris_entry(rec: Record) -> dict[str, object]:
    entry: dict[str, object] = {"type_of_reference": rec.ris_type, "id": rec.key, "title": rec.title}
    optional = {
        "authors": [_ris_name(p) for p in rec.authors],
        "secondary_authors": [_ris_name(p) for p in rec.editors],
        "year": rec.year,
        "secondary_title": rec.container,
        "journal_name": rec.container if rec.type == "article" else "",
        "volume": rec.volume,
        "number": rec.issue,
        "start_page": rec.first_page,
        "end_page": rec.last_page,
        "publisher": rec.publisher,
        "doi": rec.doi,
        "accession_number": rec.pmid,
        "urls": [rec.url] if rec.url else [],
        "access_date": rec.urldate,
        "notes": [rec.note] if rec.note else [],
    }
    entry.update({name: value for name, value in optional.items() if value})
    return entry


def _ris_name(person: Person) -> str:
    """RIS names are "Last, First, Suffix"."""
    return ", ".join(part for part in (person.family, person.given, person.suffix) if part)


def to_csl_json(records: Sequence[Record]) -> str:
    """CSL-JSON, the format of Zotero, Pandoc and citeproc."""
    return join_csl_json([csl_entry(rec) for rec in sorted(records, key=lambda r: r.key.lower())])


def csl_entry(rec: Record) -> str:
    """One CSL-JSON item on one line: readable, and json's C encoder stays in use (indent= disables it)."""
    return json.dumps(_csl_item(rec), ensure_ascii=False)


def join_csl_json(entries: Sequence[str]) -> str:
    return "[\n" + ",\n".join(entries) + "\n]\n"


def _csl_item(rec: Record) -> dict[str, object]:
    item: dict[str, object] = {"id": rec.key, "type": rec.csl_type, "title": rec.title}
    # A list the .bib cut with "and others" ends in the literal name "others": the
    # form Pandoc's BibTeX reader gives "and others", which its citeproc prints as "et al".
    others = [{"literal": "others"}] if rec.authors_truncated else []
    optional = {
        "author": [_csl_name(p) for p in rec.authors] + others,
        "editor": [_csl_name(p) for p in rec.editors],
        "issued": {"date-parts": [[int(rec.year)]]} if rec.year else None,
        "container-title": rec.container,
        "volume": rec.volume,
        "issue": rec.issue,
        "page": rec.pages,
        "publisher": rec.publisher,
        "DOI": rec.doi,
        "PMID": rec.pmid,
        "PMCID": rec.pmcid,
        "URL": rec.url,
        "accessed": {"date-parts": [[int(p) for p in rec.urldate.split("-")]]} if _iso(rec.urldate) else None,
        "note": rec.note,
    }
    item.update({name: value for name, value in optional.items() if value})
    return item


def _csl_name(person: Person) -> dict[str, str]:
    if person.institution:
        return {"literal": person.family}
    name = {"family": person.family, "given": person.given, "suffix": person.suffix}
    return {part: value for part, value in name.items() if value}


def _iso(value: str) -> bool:
    parts = value.split("-")
    return len(parts) == 3 and all(p.isdigit() for p in parts)
