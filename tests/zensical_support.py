"""Compare a MkDocs build with a Zensical build of the same site: pages, article content, citation meta tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

EXPORTS = ("references.bib", "references.ris", "references.json")
#: Tokens are (kind, tag or text, sorted attributes).
Token = tuple[str, str, tuple[tuple[str, str], ...]]


@dataclass
class PageParts:
    """What the parity test compares on one page."""

    article: list[Token] = field(default_factory=list)
    citation_meta: list[tuple[str, str]] = field(default_factory=list)


class _Parts(HTMLParser):
    """Collects the first <article>'s tokens and the <meta name="citation_*"> tags."""

    def __init__(self, drop_attributes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.drop = drop_attributes
        self.parts = PageParts()
        self.depth = 0  # >0 inside the article
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("name", "").startswith("citation_"):
            self.parts.citation_meta.append((values["name"], values.get("content", "")))
        if tag == "article" and not self.done and self.depth == 0:
            self.depth = 1
            return
        if self.depth:
            if tag == "article":
                self.depth += 1
            kept = tuple(sorted((k, v) for k, v in values.items() if k not in self.drop))
            self.parts.article.append(("start", tag, kept))

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
            if not self.depth:
                self.done = True
                return
        self.parts.article.append(("end", tag, ()))

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if self.depth and text:
            self.parts.article.append(("text", text, ()))


def page_files(site: Path) -> set[str]:
    """Every built HTML page, relative to the site (assets and search excluded)."""
    return {
        p.relative_to(site).as_posix() for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith(("assets/", "search/", "overrides/"))
    }


def page_parts(path: Path, drop_attributes: frozenset[str]) -> PageParts:
    parser = _Parts(drop_attributes)
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.parts


def differences(a: list, b: list, limit: int = 6) -> list[str]:
    """Readable first differences of two token lists."""
    import difflib

    out = [line for line in difflib.unified_diff([repr(x) for x in a], [repr(x) for x in b], lineterm="", n=0)
           if not line.startswith(("---", "+++"))]
    return out[:limit]
