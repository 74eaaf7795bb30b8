"""The site-wide bibliography, exports and machine-readable metadata, on a tiny multi-page site."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import rispy
from citation_support import clean_library
from conftest import make_site, run_mkdocs_build, warning_lines
from html_support import Node, parse_html, preceding_heading_ids
from pybtex.database import parse_string

from guidekit.citations import find_bib_files, load_library
from guidekit.citations.records import to_record

SITE = "https://example.org/guide/"
FRONT = "---\nreviewed: 2026-01-15\n---\n\n"
PAGES = {
    # Links to ids that only the deferred lists hold: MkDocs' anchor validation must know them (--strict).
    "index.md": FRONT + "# Home\n\nNo citations here. See [Beck](references.md#beck1992) and "
    "[Beta's entry for NICE](sub/beta.md#ref-nice2022).\n",
    "alpha.md": FRONT + "# Alpha\n\n## First section\n\nClaim [@beck1992; @kalb2012].\n\n"
    "## Second section\n\nAgain [@beck1992] and as @muller2020 showed.\n",
    "sub/beta.md": FRONT + "# Beta\n\nIntro [@chapter2019; @nice2022; @report2021, p. 3].\n\n"
    "## Only section\n\nOnce more [@kalb2012].\n",
    "references.md": FRONT + '# References\n\n<div class="gk-bibliography-here" data-uncited="show"></div>\n',
}
NAV = [{"Home": "index.md"}, {"Alpha": "alpha.md"}, {"Beta": "sub/beta.md"}, {"References": "references.md"}]
CONTENT_PAGES = ["index.html", "alpha/index.html", "sub/beta/index.html", "references/index.html"]


def _build(root: Path, nav: list) -> Path:
    refs = clean_library(root / "references")
    result = run_mkdocs_build(make_site(root, PAGES, bibliography=refs, nav=nav, site_url=SITE), root / "site")
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr) == []
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("bib"), NAV)


@pytest.fixture(scope="module")
def library(site: Path):
    return load_library(find_bib_files(site.parent / "references"))


def _page(site: Path, rel: str) -> Node:
    return parse_html((site / rel).read_text(encoding="utf-8"))


def _bibliography(site: Path) -> Node:
    node = _page(site, "references/index.html").find("div", cls="gk-bibliography")
    assert node is not None
    return node


def _citations_in_site(site: Path) -> set[tuple[str, str, str]]:
    """(key, page URL, section id) for every citation on every page, read from the HTML."""
    found = set()
    for rel in CONTENT_PAGES:
        root = _page(site, rel)
        heading_of = preceding_heading_ids(root)
        page_url = urljoin(SITE, rel.removesuffix("index.html"))
        for sup in root.find_all("sup", cls="gk-cite"):
            for link in sup.find_all("a", cls="gk-cite__link"):
                for key in link.attrs["data-gk-refs"].split():
                    found.add((key, page_url, heading_of[id(sup)]))
    return found


def test_backlinks_match_the_citations_exactly(site: Path) -> None:
    expected = _citations_in_site(site)
    base = urljoin(SITE, "references/")
    actual = set()
    for li in _bibliography(site).find("ul", cls="gk-bibliography__list").find_all("li"):
        cited = li.find("span", cls="gk-bibliography__cited")
        assert cited is not None, li.attrs["id"]
        for link in cited.find_all("a"):
            target = urlsplit(urljoin(base, link.attrs["href"]))
            actual.add((li.attrs["id"], f"{target.scheme}://{target.netloc}{target.path}", target.fragment))
    assert len(expected) == 8
    assert actual == expected


def test_entries_sorted_by_author_then_year_with_uncited_apart(site: Path, library) -> None:
    bib = _bibliography(site)
    lists = bib.find_all("ul", cls="gk-bibliography__list")
    assert len(lists) == 2
    cited_ids = [li.attrs["id"] for li in lists[0].find_all("li")]
    # Beck, Kalb, Multiple Sclerosis Trust, Müller (ü after u), National Institute..., Smith.
    assert cited_ids == ["beck1992", "kalb2012", "report2021", "muller2020", "nice2022", "chapter2019"]
    assert [li.attrs["id"] for li in lists[1].find_all("li")] == ["many2018"]
    assert bib.find("h2", id="not-cited") is not None


def test_output_does_not_depend_on_page_order(site: Path, tmp_path: Path) -> None:
    reversed_site = _build(tmp_path, list(reversed(NAV)))
    # The page around it holds the (reversed) navigation; the bibliography itself must not change.
    first = (site / "references/index.html").read_text(encoding="utf-8")
    second = (reversed_site / "references/index.html").read_text(encoding="utf-8")

    def block(html: str) -> str:
        start = html.index('<div class="gk-bibliography"')
        return html[start : html.index("</div>", html.index("gk-bibliography__list", start)) + 6]

    assert block(first) == block(second)
    for name in ("references.bib", "references.ris", "references.json"):
        assert (site / name).read_bytes() == (reversed_site / name).read_bytes(), name


def _expected(library) -> dict[str, dict[str, object]]:
    cited = ["beck1992", "kalb2012", "muller2020", "chapter2019", "nice2022", "report2021"]
    out = {}
    for key in cited:
        rec = to_record(library.find(key))
        out[key] = {
            "title": rec.title, "authors": [p.family for p in rec.authors], "year": rec.year,
            "journal": rec.container if rec.type == "article" else "", "volume": rec.volume,
            "pages": rec.pages, "doi": rec.doi, "pmid": rec.pmid,
        }
    return out


def test_bibtex_export_round_trips(site: Path, library) -> None:
    from guidekit.citations.latex import to_plain

    data = parse_string((site / "references.bib").read_text(encoding="utf-8"), "bibtex")
    expected = _expected(library)
    assert sorted(data.entries) == sorted(expected)
    for key, want in expected.items():
        entry = data.entries[key]
        persons = [to_plain(" ".join(p.prelast_names + p.last_names)) for p in entry.persons.get("author", [])]
        got = {
            "title": to_plain(entry.fields.get("title", "")),
            "authors": persons or [to_plain(entry.fields.get("organization") or entry.fields.get("institution", ""))],
            "year": entry.fields.get("year", ""),
            "journal": entry.fields.get("journal", ""),
            "volume": entry.fields.get("volume", ""),
            "pages": to_plain(entry.fields.get("pages", "")).replace("–", "-"),
            "doi": entry.fields.get("doi", ""),
            "pmid": entry.fields.get("pmid", ""),
        }
        assert got == want, key


def test_ris_export_round_trips(site: Path, library) -> None:
    entries = {e["id"]: e for e in rispy.loads((site / "references.ris").read_text(encoding="utf-8"))}
    expected = _expected(library)
    assert sorted(entries) == sorted(expected)
    for key, want in expected.items():
        e = entries[key]
        pages = "-".join(p for p in (e.get("start_page", ""), e.get("end_page", "")) if p)
        got = {
            "title": e["title"], "authors": [a.split(",")[0] for a in e.get("authors", [])], "year": e.get("year", ""),
            "journal": e.get("journal_name", ""), "volume": e.get("volume", ""), "pages": pages,
            "doi": e.get("doi", ""), "pmid": e.get("accession_number", ""),
        }
        assert got == want, key


def test_csl_json_export_round_trips(site: Path, library) -> None:
    items = {i["id"]: i for i in json.loads((site / "references.json").read_text(encoding="utf-8"))}
    expected = _expected(library)
    assert sorted(items) == sorted(expected)
    for key, want in expected.items():
        i = items[key]
        got = {
            "title": i["title"], "authors": [a.get("family") or a.get("literal") for a in i.get("author", [])],
            "year": str(i["issued"]["date-parts"][0][0]) if "issued" in i else "",
            "journal": i.get("container-title", "") if i["type"] == "article-journal" else "",
            "volume": i.get("volume", ""), "pages": i.get("page", ""),
            "doi": i.get("DOI", ""), "pmid": i.get("PMID", ""),
        }
        assert got == want, key


def test_export_links_resolve(site: Path) -> None:
    links = _bibliography(site).find("p", cls="gk-bibliography__downloads").find_all("a")
    assert [a.attrs["href"] for a in links] == ["../references.bib", "../references.ris", "../references.json"]
    assert all((site / a.attrs["href"].removeprefix("../")).is_file() for a in links)


def _meta(root: Node, name: str) -> list[str]:
    return [m.attrs["content"] for m in root.find_all("meta") if m.attrs.get("name") == name or
            m.attrs.get("property") == name]


def test_head_metadata_on_every_content_page(site: Path) -> None:
    expected_refs = {"index.html": 0, "alpha/index.html": 3, "sub/beta/index.html": 4, "references/index.html": 0}
    for rel, count in expected_refs.items():
        head = _page(site, rel).find("head")
        url = urljoin(SITE, rel.removesuffix("index.html"))
        for name in ("citation_title", "citation_publisher", "citation_author", "og:title", "og:description"):
            assert len(_meta(head, name)) == 1 and _meta(head, name)[0], (rel, name)
        assert _meta(head, "citation_publication_date") == ["2026/01/15"]
        assert _meta(head, "citation_public_url") == [url]
        assert _meta(head, "og:url") == [url]
        assert _meta(head, "citation_language") == ["en"]
        assert len(_meta(head, "citation_reference")) == count, rel


def test_zotero_style_reading_of_coins_and_meta(site: Path, library) -> None:
    """What Zotero's connector reads: COinS spans in the body, citation_reference in the head."""
    root = _page(site, "alpha/index.html")
    spans = root.find_all("span", cls="Z3988")
    assert len(spans) == 3
    by_title = {}
    for span in spans:
        fields = parse_qs(span.attrs["title"])
        assert fields["ctx_ver"] == ["Z39.88-2004"]
        by_title[fields.get("rft.atitle", fields.get("rft.btitle", [""]))[0]] = fields
    beck = to_record(library.find("beck1992"))
    fields = by_title[beck.title]
    assert fields["rft.jtitle"] == [beck.container]
    assert fields["rft.date"] == [beck.year]
    assert fields["rft.spage"] == [beck.first_page] and fields["rft.epage"] == [beck.last_page]
    assert set(fields["rft_id"]) == {f"info:doi/{beck.doi}", f"info:pmid/{beck.pmid}"}
    assert fields["rft.aulast"][0] == "Beck"
    references = _meta(root.find("head"), "citation_reference")
    beck_meta = next(r for r in references if beck.title in r)
    assert f"citation_doi={beck.doi}" in beck_meta and "citation_author=Beck, Roy W." in beck_meta


def test_meta_values_are_escaped(tmp_path: Path) -> None:
    title = 'Quotes "q" <b>bold</b> & more'
    page = f"---\ntitle: '{title}'\ndescription: 'A \"quoted\" <i>description</i>'\nreviewed: 2026-01-15\n---\n\n# Hi\n"
    result = run_mkdocs_build(make_site(tmp_path, {"index.md": page}), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    head = parse_html(html).find("head")
    assert _meta(head, "citation_title") == ['Quotes "q" bold & more']  # tags stripped, the rest escaped
    assert _meta(head, "og:description") == ['A "quoted" <i>description</i>']
    assert _meta(head, "description") == ['A "quoted" <i>description</i>']
    assert "<b>bold</b>" not in html.split("</head>")[0]


def test_cite_this_page_block(site: Path) -> None:
    root = _page(site, "alpha/index.html")
    block = root.find("details", cls="gk-cite-page")
    assert block is not None and block.find("summary").text() == "Cite this page"
    ama = block.find("p", id="gk-cite-ama").text()
    assert ama == (
        f"MS Relapse Guide editors. Alpha. MS Relapse Guide. Updated January 15, 2026. Accessed [date]. {SITE}alpha/"
    )
    bibtex = block.find("code", id="gk-cite-bibtex").text()
    entry = parse_string(bibtex, "bibtex").entries["msrelapseguide-alpha"]
    assert entry.fields["title"] == "Alpha" and entry.fields["url"] == f"{SITE}alpha/"
    assert root.find("time").attrs["datetime"] == "2026-01-15"
    assert len(block.find_all("button", cls="gk-copy")) == 2
