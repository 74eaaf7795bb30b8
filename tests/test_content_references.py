"""The reference library behind the guide: identifiers, printed notes, and the verification log."""

from __future__ import annotations

import re

import pytest
from conftest import REPO
from pybtex.database import BibliographyData, parse_file

BIB_FILES = sorted((REPO / "references").glob("*.bib"))
VERIFICATION = REPO / "references" / "VERIFICATION.md"
#: Words that belong in VERIFICATION.md, never in a printed `note`.
PROCESS_WORDS = re.compile(
    r"not found|not confirmed|not shown|stored|mirror|seed|forename|not cited|check the live|verified|PubMed record",
    re.IGNORECASE,
)


def _library() -> BibliographyData:
    data = BibliographyData()
    for path in BIB_FILES:
        for key, entry in parse_file(str(path)).entries.items():
            data.add_entry(key, entry)
    return data


@pytest.fixture(scope="module")
def library() -> BibliographyData:
    return _library()


def test_library_is_not_empty(library: BibliographyData) -> None:
    assert BIB_FILES
    assert len(library.entries) >= 40


def test_every_entry_has_a_doi_or_pmid_or_a_dated_url(library: BibliographyData) -> None:
    missing = [
        key for key, entry in library.entries.items()
        if not (entry.fields.get("doi") or entry.fields.get("pmid"))
        and not (entry.fields.get("url") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.fields.get("urldate", "")))
    ]
    assert missing == []


def test_web_pages_without_doi_or_pmid_are_guidelines_or_web_pages(library: BibliographyData) -> None:
    url_only = [k for k, e in library.entries.items() if not (e.fields.get("doi") or e.fields.get("pmid"))]
    assert url_only
    # An article may go without both only when `nopmid` says why (see test_references_complete.py).
    assert [
        k for k in url_only
        if library.entries[k].type.lower() not in {"misc", "online"} and not library.entries[k].fields.get("nopmid")
    ] == []


def test_every_entry_has_title_year_and_a_creator(library: BibliographyData) -> None:
    incomplete = [
        key for key, entry in library.entries.items()
        if not entry.fields.get("title") or not re.search(r"\d{4}", entry.fields.get("year", ""))
        or not (entry.persons.get("author") or entry.persons.get("editor") or entry.fields.get("organization"))
    ]
    assert incomplete == []


def test_identifiers_look_right(library: BibliographyData) -> None:
    bad = []
    for key, entry in library.entries.items():
        doi, pmid, pmcid = (entry.fields.get(f, "") for f in ("doi", "pmid", "pmcid"))
        if doi and not re.fullmatch(r"10\.\d{4,9}/\S+", doi):
            bad.append(f"{key} doi {doi}")
        if pmid and not re.fullmatch(r"\d{6,9}", pmid):
            bad.append(f"{key} pmid {pmid}")
        if pmcid and not re.fullmatch(r"PMC\d+", pmcid):
            bad.append(f"{key} pmcid {pmcid}")
    assert bad == []


def test_printed_notes_hold_only_reader_facts(library: BibliographyData) -> None:
    notes = {key: entry.fields["note"] for key, entry in library.entries.items() if "note" in entry.fields}
    assert notes, "expected at least the retired-guideline note"
    leaks = {key: note for key, note in notes.items() if PROCESS_WORDS.search(note)}
    assert leaks == {}


def test_brief_corrections_in_the_library(library: BibliographyData) -> None:
    entries = library.entries
    assert "retired" in entries["cortese2011aan"].fields["note"].lower()
    assert entries["winkelmann2019ivig"].fields["year"] == "2019"
    assert entries["beck1993ontt"].fields["year"] == "1993"
    assert entries["lattanzi2017metaanalysis"].fields["journal"] == "J Neurol"
    assert "Correction published" in entries["lepage2015copousep"].fields["note"]


def test_every_guide_bib_entry_is_in_the_verification_log() -> None:
    # guide.bib is logged in VERIFICATION.md; other .bib files keep their own logs.
    library = parse_file(str(REPO / "references" / "guide.bib"))
    log = VERIFICATION.read_text(encoding="utf-8")
    logged = set(re.findall(r"^\| `([a-z0-9]+)` \|", log, re.MULTILINE))
    keys = set(library.entries)
    assert logged == keys, f"not logged: {sorted(keys - logged)}; logged, not in guide.bib: {sorted(logged - keys)}"
    match = re.search(r"(\d+) entries are in `guide.bib`", log)
    assert match and int(match.group(1)) == len(library.entries)


def test_every_part2_bib_entry_is_in_its_verification_log() -> None:
    library = parse_file(str(REPO / "references" / "part2.bib"))
    log = (REPO / "references" / "VERIFICATION-part2.md").read_text(encoding="utf-8")
    # Entry rows give the PMID (or "—") in their second column; other tables re-check part-1 keys.
    logged = set(re.findall(r"^\| `([a-z0-9]+)` \| (?:\d+|—) \|", log, re.MULTILINE))
    assert len(library.entries) == 10
    assert set(library.entries) <= logged, sorted(set(library.entries) - logged)
