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


class _InlineScripts(HTMLParser):
    """Collects the exact text of each executable inline ``<script>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        kind = (values.get("type") or "").strip().lower()
        self._current = [] if "src" not in values and kind in EXECUTABLE_TYPES else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_scripts(html: str) -> list[str]:
    """The source text of every executable inline script, in document order."""
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


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
