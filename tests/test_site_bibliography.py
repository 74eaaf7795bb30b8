"""The real site: the References page's back-links match every citation, and every
content page carries "Cite this page" and citation metadata."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from html_support import parse_html, preceding_heading_ids

BIBLIOGRAPHY = "references/index.html"


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("index.html")
        if not p.relative_to(site).as_posix().startswith(("assets/", "search/"))
    )


def _resolve(page: str, href: str) -> tuple[str, str]:
    """(site path of the page directory, fragment) for a link found on `page`."""
    parts = urlsplit(href)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    return ("" if path == "." else path.strip("/") + "/"), parts.fragment


def test_bibliography_backlinks_match_all_citations(built_site: Path) -> None:
    expected = set()
    for rel in _pages(built_site):
        root = parse_html((built_site / rel).read_text(encoding="utf-8"))
        heading_of = preceding_heading_ids(root)
        for sup in root.find_all("sup", cls="gk-cite"):
            for link in sup.find_all("a", cls="gk-cite__link"):
                for key in link.attrs["data-gk-refs"].split():
                    expected.add((key, rel.removesuffix("index.html"), heading_of[id(sup)]))
    bibliography = parse_html((built_site / BIBLIOGRAPHY).read_text(encoding="utf-8"))
    cited_list = bibliography.find("ul", cls="gk-bibliography__list")
    actual = set()
    for li in cited_list.find_all("li"):
        for link in li.find("span", cls="gk-bibliography__cited").find_all("a"):
            page, fragment = _resolve(BIBLIOGRAPHY, link.attrs["href"])
            actual.add((li.attrs["id"], page, fragment))
    print(f"\nbibliography: {len(cited_list.find_all('li'))} entries, {len(actual)} back-links")
    assert len(expected) >= 20, "the guide should cite its sources"
    assert actual == expected


def test_every_content_page_is_citable(built_site: Path) -> None:
    pages = _pages(built_site)
    assert len(pages) >= 3
    for rel in pages:
        root = parse_html((built_site / rel).read_text(encoding="utf-8"))
        metas = {m.attrs.get("name") for m in root.find("head").find_all("meta")}
        assert {"citation_title", "citation_publication_date", "citation_public_url"} <= metas, rel
        assert root.find("details", cls="gk-cite-page") is not None, rel
        assert root.find("p", cls="gk-reviewed") is not None, rel
