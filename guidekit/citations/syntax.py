"""Pandoc citation syntax: ``[see @a, p. 33; @b]``, ``[-@a]`` and in-text ``@a``."""

from __future__ import annotations

import re

from .model import Citation, CiteItem

#: A key: letters, digits and ``_:.-/+``; punctuation only between word characters, as in Pandoc.
KEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_]|[:.\-/+](?=[A-Za-z0-9_]))*"
#: ``@key`` or Pandoc's braced ``@{key}``.
CITE_KEY = rf"@(?:\{{(?P<bkey>[^{{}}\s]+)\}}|(?P<key>{KEY}))"
#: A bracketed group holding at least one ``@``; not a link ``[..](..)`` or ``[..][..]``. A colon may
#: follow (``were [@a]:``): a reference definition ``[id]: url`` is a block, taken before inline parsing.
RE_BRACKET = re.compile(r"\[(?P<body>[^\[\]\n]*@[^\[\]]*)\](?![(\[])")
#: An in-text key: not inside a word, an e-mail address or a URL path.
RE_IN_TEXT = re.compile(rf"(?<![\w@./:+\-\\]){CITE_KEY}(?:\s\[(?P<loc>[^\[\]@\n]+)\](?![(\[]))?")
#: An item that is a key and nothing else.
RE_PLAIN_ITEM = re.compile(rf"@({KEY})")
RE_ITEM = re.compile(rf"^(?P<prefix>.*?)(?:(?<=\s)|^)(?P<minus>-)?{CITE_KEY}(?P<rest>.*)$", re.DOTALL)
#: What authors write -> the AMA label (CSL's short terms with periods stripped: p, pp, chap, sec, ...).
LOCATOR_TERMS = {
    "p.": "p", "p": "p", "page": "p", "pp.": "pp", "pp": "pp", "pages": "pp",
    "ch.": "chap", "chap.": "chap", "chapter": "chap", "sec.": "sec", "section": "sec", "§": "sec",
    "fig.": "fig", "figure": "fig", "tab.": "tab", "table": "tab",
    "vol.": "vol", "volume": "vol", "para.": "para", "paragraph": "para",
}
RE_LOCATOR = re.compile(
    # Longest terms first, so "pp." is not read as "p" followed by "p.".
    r"^(?P<term>" + "|".join(re.escape(t) for t in sorted(LOCATOR_TERMS, key=len, reverse=True)) + r")?"
    r"\s*(?P<value>[0-9ivxlcdmIVXLCDM]+[A-Za-z]?(?:\s*[-–,]\s*(?=[0-9])[0-9]+[A-Za-z]?)*)"
    r"(?P<suffix>.*)$",
    re.DOTALL | re.IGNORECASE,
)
RE_SPACES = re.compile(r"\s+")
RE_RANGE_OR_LIST = re.compile(r"[-,]")


def parse_bracket(body: str) -> tuple[CiteItem, ...] | None:
    """Items of a bracketed citation, or None when the text is not a citation.

    As in Pandoc, every ``;``-separated part must hold exactly one key.
    """
    items = []
    for part in body.split(";"):
        plain = RE_PLAIN_ITEM.fullmatch(part.strip())
        if plain:  # the common case, "@key" alone: what RE_ITEM would make of it, at a third of the cost
            items.append(CiteItem(key=plain.group(1)))
            continue
        match = RE_ITEM.match(part.strip())
        if not match or "@" in match.group("rest") or "@" in match.group("prefix"):
            return None
        locator, suffix = parse_locator(match.group("rest"))
        items.append(
            CiteItem(
                key=match.group("key") or match.group("bkey"),
                prefix=match.group("prefix").strip(),
                locator=locator,
                suffix=suffix,
                suppress_author=bool(match.group("minus")),
            )
        )
    return tuple(items) or None


def parse_locator(rest: str) -> tuple[str, str]:
    """Split what follows a key into an AMA locator (``p33``) and a suffix."""
    text = rest.strip()
    if not text.startswith(","):
        return "", text
    text = text[1:].strip()
    match = RE_LOCATOR.match(text)
    if not match or (match.group("term") is None and not match.group("value")[0].isdigit()):
        return "", text
    term = LOCATOR_TERMS[(match.group("term") or "p").lower()]
    # AMA joins page ranges with a hyphen (its CSL style's page-range-delimiter is "-" too).
    value = RE_SPACES.sub("", match.group("value")).replace("–", "-")
    if term == "p" and RE_RANGE_OR_LIST.search(value):
        term = "pp"
    suffix = match.group("suffix").strip().lstrip(",").strip()
    return f"{term}{value}", suffix


def in_text_citation(key: str, locator_text: str | None, source: str) -> Citation:
    """An in-text citation ``@key`` or ``@key [p. 33]``."""
    locator, suffix = parse_locator(f", {locator_text}") if locator_text else ("", "")
    return Citation(items=(CiteItem(key=key, locator=locator, suffix=suffix),), in_text=True, source=source)
