"""A Content Security Policy for each built page, with the theme's inline scripts allowed by hash.

GitHub Pages cannot send headers, so the policy travels as a ``<meta
http-equiv>`` tag. It must precede every script, so it goes straight after the
``<meta charset>`` that opens ``<head>``. Pure functions; the MkDocs hook only
calls :func:`secure_page` on each page's final HTML.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

#: Script types a browser executes; JSON data blocks (Material's ``__config``) are inert.
EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})

#: The fixed part of the policy. Styles keep 'unsafe-inline' because Material and
#: Python-Markdown write inline ``style`` attributes; styles cannot run code.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
)
#: No referrer leaves the site: the origin of a health guide says something about its reader.
REFERRER_META = '<meta name="referrer" content="no-referrer">'

RE_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
RE_CHARSET = re.compile(r"\s*<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
RE_EXISTING = re.compile(r"<meta\s+http-equiv=[\"']Content-Security-Policy[\"']", re.IGNORECASE)


class CspError(ValueError):
    """The page cannot carry a policy (no ``<head>``, or one is there already)."""


#: Whitespace, "/" or ">" ends a tag name (HTML tokenizer: "tag name state").
_NAME_END = r"(?=[\t\n\f\r />])"
#: The inside of a tag: unquoted runs and quoted values (which may hold ">").
_ATTRS = r"""(?:[^"'>]++|"[^"]*+"|'[^']*+')*+"""
#: One pass, in C, over the whole page. Only what can hide or hold a script is
#: matched: comments; script and style elements (raw text, so a "<script" in a
#: style is not a tag); and the rare tag with a "<" in an attribute value,
#: consumed whole so that an attribute's "<!--" or "<script" is not read as
#: markup. Every other tag is skipped inside the regex engine, which is why
#: this is ten times faster than html.parser on a 150 KB page (issue 12:
#: the policy was the largest per-page cost of a warm build).
RE_TOKENS = re.compile(
    r"<!--(?:-?>|.*?--!?>|.*\Z)"
    rf"|<(?P<raw>script|style){_NAME_END}(?P<attrs>{_ATTRS})>(?P<body>.*?)(?:(?P<end></(?P=raw)){_NAME_END}|\Z)"
    r"""|<[a-zA-Z/](?:[^"'<>]++|"[^"<]*+"|'[^'<]*+')*+(?:<|"[^"<]*+<[^"]*+"|'[^'<]*+<[^']*+')"""
    rf"{_ATTRS}>",
    re.DOTALL | re.IGNORECASE,
)


class _StartTag(HTMLParser):
    """The attributes of one start tag, exactly as html.parser reads them (entities decoded)."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=False)
        self.attrs: dict[str, str | None] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = dict(attrs)


def _executable(attrs: dict[str, str | None]) -> bool:
    kind = (attrs.get("type") or "").strip().lower()
    return "src" not in attrs and kind in EXECUTABLE_TYPES


def inline_scripts(html: str) -> list[str]:
    """The source text of every executable inline script, in document order."""
    return [
        match.group("body")
        for match in RE_TOKENS.finditer(html)
        # A script with no end tag never runs (HTML: the parser marks it "already started").
        if (match.group("raw") or "").lower() == "script" and match.group("end")
        and _executable(_StartTag(f"<script{match.group('attrs')}>").attrs)
    ]


def script_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: list[str]) -> str:
    """The policy text: the fixed directives, with `hashes` added to script-src."""
    unique = list(dict.fromkeys(hashes))
    parts = [f"{name} {value} {' '.join(unique)}" if name == "script-src" and unique else f"{name} {value}"
             for name, value in DIRECTIVES]
    return "; ".join(parts)


def secure_page(html: str) -> str:
    """`html` with the CSP (hashing its inline scripts) and the referrer policy first in ``<head>``."""
    head = RE_HEAD.search(html)
    if head is None:
        raise CspError("no <head> to carry a Content-Security-Policy")
    if RE_EXISTING.search(html):
        raise CspError("the page already has a Content-Security-Policy")
    content = policy([script_hash(source) for source in inline_scripts(html)])
    tags = f'\n<meta http-equiv="Content-Security-Policy" content="{content}">\n{REFERRER_META}'
    charset = RE_CHARSET.match(html, head.end())
    at = charset.end() if charset else head.end()
    return html[:at] + tags + html[at:]
