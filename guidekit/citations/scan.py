"""Finding citations in a page's element tree, once Python-Markdown has parsed its inline markup.

One walk over the text of the tree, after inline parsing, in place of two inline
patterns: Python-Markdown tries every inline pattern on every run of text and
rebuilds the run after each match, which made 4,000 citations a quarter of a
warm build's citation cost. What the patterns saw, this sees too: code spans
are AtomicString and never read, escaped characters are still placeholders
(``\\[`` is not a bracket), raw HTML is a stash placeholder, and link text is
read as the link pattern left it. Brackets are found first; in-text ``@key``
only in the text between them, as when the bracket pattern ran first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from markdown.util import AtomicString

from .model import Citation
from .syntax import RE_BRACKET, RE_IN_TEXT, in_text_citation, parse_bracket


def find_in_text(text: str, known: Callable[[str], bool]) -> list[tuple[int, int, Citation]]:
    """(start, end, citation) of each citation in ``text``, in order.

    A bracket that is not a citation stays text; an in-text ``@word`` counts
    only when ``known(word)`` (a handle or a decorator is ordinary text).
    """
    brackets = []
    for match in RE_BRACKET.finditer(text):
        items = parse_bracket(match.group("body"))
        if items is not None:
            brackets.append((match.start(), match.end(), Citation(items=items, source=match.group(0))))
    found: list[tuple[int, int, Citation]] = []
    gap = 0
    for start, end, citation in [*brackets, (len(text), len(text), None)]:
        # The lookbehind still sees the character before the gap, as it saw a bracket's placeholder.
        for match in RE_IN_TEXT.finditer(text, gap, start) if text.find("@", gap, start) >= 0 else ():
            key = match.group("key") or match.group("bkey")
            if known(key):
                found.append((match.start(), match.end(), in_text_citation(key, match.group("loc"), match.group(0))))
        if citation is not None:
            found.append((start, end, citation))
        gap = end
    return found


def mark_citations(root: ET.Element, known: Callable[[str], bool], placeholder: Callable[[Citation], ET.Element],
                   ) -> None:
    """Put ``placeholder(citation)`` where each citation stands in the tree's text and tails."""
    for parent in list(root.iter()):
        if _readable(parent.text):
            split = _split(parent.text or "", known, placeholder)
            if split:
                parent.text, elements = split
                for index, element in enumerate(elements):
                    parent.insert(index, element)
        for child in list(parent):
            if _readable(child.tail):
                split = _split(child.tail or "", known, placeholder)
                if split:
                    child.tail, elements = split
                    at = list(parent).index(child) + 1
                    for offset, element in enumerate(elements):
                        parent.insert(at + offset, element)


def _readable(text: str | None) -> bool:
    return text is not None and "@" in text and not isinstance(text, AtomicString)


def _split(text: str, known: Callable[[str], bool], placeholder: Callable[[Citation], ET.Element],
           ) -> tuple[str, list[ET.Element]] | None:
    """The text before the first citation, and a placeholder per citation (its tail the text after it)."""
    found = find_in_text(text, known)
    if not found:
        return None
    elements = []
    for index, (_, end, citation) in enumerate(found):
        element = placeholder(citation)
        element.tail = text[end:found[index + 1][0]] if index + 1 < len(found) else text[end:]
        elements.append(element)
    return text[:found[0][0]], elements
