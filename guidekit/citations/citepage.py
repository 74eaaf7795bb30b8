""""Cite this page": the page itself as an AMA web-page reference and a BibTeX ``@misc`` entry.

Built here, not in a template, so every BibTeX special character is escaped
(a title with ``_``, ``#`` or braces once gave broken BibTeX) and dates use the
same long form as the reference lists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .style import format_date

#: BibTeX/LaTeX specials and how to write them so that BibTeX reads the character back.
LATEX_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
RE_LATEX_SPECIAL = re.compile("|".join(re.escape(c) for c in LATEX_ESCAPES))
RE_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9:.-]+")


@dataclass(frozen=True, slots=True)
class PageCitation:
    """How to cite one page: the AMA text and a BibTeX entry, both plain text."""

    ama: str
    bibtex: str


def latex_escape(text: str) -> str:
    """Plain text -> a BibTeX field value that decodes back to the same text."""
    return RE_LATEX_SPECIAL.sub(lambda m: LATEX_ESCAPES[m.group()], " ".join(text.split()))


def bibtex_key(src_uri: str) -> str:
    """``treatment/steroids.md`` -> ``msrelapseguide-treatment-steroids``."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    return "msrelapseguide-" + RE_KEY_UNSAFE.sub("-", stem.replace("_", "-")).strip("-")


def cite_page(*, author: str, title: str, site: str, reviewed: dt.date, url: str, src_uri: str) -> PageCitation:
    """AMA 3.15 (websites): Author. Title. Site. Updated date. Accessed [date]. URL."""
    ama = f"{author}. {title}. {site}. Updated {format_date(reviewed.isoformat())}. Accessed [date]. {url}"
    fields = [
        ("author", f"{{{latex_escape(author)}}}"),  # braced twice: a corporate author, not "editors, MS"
        ("title", latex_escape(title)),
        ("howpublished", latex_escape(site)),
        ("year", str(reviewed.year)),
        ("url", url),
        ("note", f"Last reviewed {reviewed.isoformat()}"),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return PageCitation(ama=ama, bibtex=f"@misc{{{bibtex_key(src_uri)},\n{body}\n}}")
