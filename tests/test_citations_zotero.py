"""What Zotero reads from the built site (issue 18): COinS, Highwire tags, the exports and the page item.

Zotero's COinS reader keeps ``rft.aucorp`` as one single-field creator and
pairs ``rft.aulast``/``rft.aufirst``; its Embedded Metadata reader splits a
``citation_author`` at its first comma ("Last, First"), and without a comma at
the last space. These tests read the site the same way and compare with the
library: every corporate author and every suffix must arrive whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import rispy
from html_support import Node, parse_html
from pybtex.database import parse_string

from guidekit.citations.library import find_bib_files, load_library
from guidekit.citations.records import Person, Record, to_record

REPO = Path(__file__).resolve().parent.parent
#: Three pages whose page-level item the test prints (-s) and checks field by field.
SHOWN_PAGES = ("steroid-course/index.html", "treatment-options/index.html", "references/index.html")


@pytest.fixture(scope="module")
def records() -> dict[str, Record]:
    library = load_library(find_bib_files(REPO / "references"))
    return {key: to_record(ref) for key, ref in library.references.items()}


def _content_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("assets/", "search/")))


def _coins(site: Path) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    """(page, entry key, OpenURL pairs) for every COinS span of every page."""
    for page in _content_pages(site):
        root = parse_html(page.read_text(encoding="utf-8"))
        for li in root.find_all("li", cls="gk-ref"):
            span = li.find("span", cls="Z3988")
            assert span is not None, (page, li.attrs.get("id"))
            key = li.attrs["id"].removeprefix("ref-").lower()
            yield page.relative_to(site).as_posix(), key, parse_qsl(span.attrs["title"])


def _corporate(rec: Record) -> list[Person]:
    return [p for p in rec.authors if p.institution]


def _suffixed(rec: Record) -> list[Person]:
    return [p for p in rec.authors if p.suffix]


def test_library_has_corporate_and_suffixed_authors(records: dict[str, Record]) -> None:
    # Otherwise the tests below would pass on nothing.
    assert sum(len(_corporate(r)) for r in records.values()) >= 2
    assert sum(len(_suffixed(r)) for r in records.values()) >= 2


def test_coins_carry_corporate_authors_and_suffixes(built_site: Path, records: dict[str, Record]) -> None:
    seen_corporate, seen_suffix, spans = set(), set(), 0
    for page, key, pairs in _coins(built_site):
        spans += 1
        rec = records[key]
        values = [(k, v) for k, v in pairs if k.startswith("rft.")]
        for person in _corporate(rec):
            assert ("rft.aucorp", person.family) in values, (page, key)
            assert all(v != person.family for k, v in values if k in ("rft.creator", "rft.aulast", "rft.au")), key
            seen_corporate.add((key, person.family))
        people = [v for k, v in values if k in ("rft.aulast", "rft.aufirst", "rft.ausuffix", "rft.aucorp")]
        for person in _suffixed(rec):
            at = values.index(("rft.aulast", person.family))
            assert values[at + 1:at + 3] == [("rft.aufirst", person.given), ("rft.ausuffix", person.suffix)], key
            seen_suffix.add((key, person.family))
        assert people or any(k == "rft.creator" for k, _ in values), key
    cited = {k for _, k, _ in _coins(built_site)}
    assert seen_corporate == {(k, p.family) for k in cited for p in _corporate(records[k])}
    assert seen_suffix == {(k, p.family) for k in cited for p in _suffixed(records[k])}
    assert spans >= 100


def _meta(head: Node, name: str) -> list[str]:
    return [m.attrs["content"] for m in head.find_all("meta")
            if m.attrs.get("name") == name or m.attrs.get("property") == name]


def _highwire_authors(value: str) -> list[str]:
    """The citation_author values inside one citation_reference, in order."""
    return [part.split("=", 1)[1] for part in value.split("; ") if part.startswith("citation_author=")]


def _zotero_split(author: str) -> tuple[str, str]:
    """(last, first) as Zotero's cleanAuthor reads a Highwire author: at the first comma, else the last space."""
    if "," in author:
        last, _, first = author.partition(",")
        return last.strip(), first.strip()
    first, _, last = author.rpartition(" ")
    return last, first


def test_highwire_references_carry_corporate_authors_and_suffixes(built_site: Path,
                                                                  records: dict[str, Record]) -> None:
    checked = 0
    by_title = {r.title: r for r in records.values()}
    for page in _content_pages(built_site):
        head = parse_html(page.read_text(encoding="utf-8")).find("head")
        assert head is not None
        for value in _meta(head, "citation_reference"):
            title = value.split("; ")[0].removeprefix("citation_title=")
            rec = by_title[title.replace(",", ";")] if title not in by_title else by_title[title]
            authors = _highwire_authors(value)
            assert len(authors) == len(rec.authors), title
            for person, author in zip(rec.authors, authors, strict=True):
                last, first = _zotero_split(author)
                assert last == person.family, author
                if person.institution:
                    assert first == "", author
                if person.suffix:
                    assert author == f"{person.family}, {person.given}, {person.suffix}"
            checked += 1
    assert checked >= 100


def test_exports_round_trip_corporate_authors_and_suffixes(built_site: Path, records: dict[str, Record]) -> None:
    ris = {entry["id"]: entry for entry in rispy.loads((built_site / "references.ris").read_text(encoding="utf-8"))}
    csl = {item["id"]: item for item in json.loads((built_site / "references.json").read_text(encoding="utf-8"))}
    bib = parse_string((built_site / "references.bib").read_text(encoding="utf-8"), "bibtex").entries
    cited = {key.lower() for key in csl}
    assert len(cited) == len(ris) == len(bib) >= 50
    counts = {"corporate": 0, "suffix": 0}
    for key in cited:
        rec = records[key]
        for index, person in enumerate(rec.authors):
            csl_name = csl[rec.key]["author"][index]
            ris_name = ris[rec.key]["authors"][index]
            if person.institution:
                counts["corporate"] += 1
                assert csl_name == {"literal": person.family}
                assert ris_name == person.family and "," not in ris_name  # RIS: no comma, one field
                if rec.key in bib and bib[rec.key].persons.get("author"):
                    assert str(bib[rec.key].persons["author"][index]) == "{" + person.family + "}"
            if person.suffix:
                counts["suffix"] += 1
                assert csl_name.get("suffix") == person.suffix
                assert ris_name == f"{person.family}, {person.given}, {person.suffix}"
                assert bib[rec.key].persons["author"][index].lineage_names == [person.suffix]
    assert counts["corporate"] >= 2 and counts["suffix"] >= 2


def page_item(head: Node) -> dict[str, object]:
    """The item Zotero's Embedded Metadata reader makes of a page: type, title, site, date, URL, creators."""
    og_type = _meta(head, "og:type")
    return {
        "itemType": "webpage" if og_type == ["website"] else "journalArticle",
        "title": _meta(head, "citation_title"),
        "websiteTitle": _meta(head, "og:site_name"),
        "date": _meta(head, "citation_publication_date"),
        "url": _meta(head, "citation_public_url"),
        "creators": [_zotero_split(a) for a in _meta(head, "citation_author")],
    }


def test_page_is_saved_as_a_web_page(built_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pages = [p for p in _content_pages(built_site) if _meta(parse_html(p.read_text(encoding="utf-8")).find("head")
                                                                 or Node("x", {}), "citation_title")]
    assert len(pages) >= 12
    for page in pages:
        head = parse_html(page.read_text(encoding="utf-8")).find("head")
        assert head is not None
        item = page_item(head)
        rel = page.relative_to(built_site).as_posix()
        assert item["itemType"] == "webpage", rel
        assert item["websiteTitle"] == ["MS Relapse Guide"], rel
        assert item["creators"] == [("MS Relapse Guide editors", "")], rel  # one name, not split
        assert len(item["title"]) == 1 and item["title"][0], rel  # type: ignore[arg-type]
        assert len(item["date"]) == 1 and len(item["date"][0]) == 10, rel  # type: ignore[arg-type]
        assert item["url"] == _meta(head, "og:url"), rel
        # Google Scholar's minimum stays: title, author and publication date.
        assert _meta(head, "citation_author") == ["MS Relapse Guide editors,"]
        if rel in SHOWN_PAGES:
            with capsys.disabled():
                print(f"\n{rel}: {item}")


def test_page_item_fields_are_escaped(tmp_path: Path) -> None:
    from conftest import make_site, run_mkdocs_build

    page = "---\ntitle: 'Steroids & \"you\" <b>now</b>'\nreviewed: 2026-01-15\n---\n\n# Hi\n"
    config = make_site(tmp_path, {"index.md": page}, site_author='Editors & "Co" <x>', site_name="Guide <&>")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    head = parse_html(html).find("head")
    assert head is not None
    item = page_item(head)
    assert item["title"] == ['Steroids & "you" now']
    assert item["websiteTitle"] == ["Guide <&>"]
    assert item["creators"] == [('Editors & "Co" <x>', "")]
    assert "<x>" not in html.split("</head>")[0] and "<&>" not in html.split("</head>")[0]
