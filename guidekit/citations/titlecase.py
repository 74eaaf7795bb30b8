"""Title case for book and report titles (AMA 3.9; the CSL style's ``text-case="title"``).

Works on the raw LaTeX value, so braces keep protecting what they protect in
BibTeX (``{MS}``, ``{pH}``) and command names (``\\emph``) are never touched.
"""

from __future__ import annotations

import re

#: CSL's stop words: lower case inside a title, unless first, last or after a colon.
STOP_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on", "onto", "or",
    "over", "so", "the", "till", "to", "up", "via", "vs", "with", "yet",
})
RE_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
RE_ALNUM = re.compile(r"[A-Za-z0-9]")


def title_case(latex: str) -> str:
    """Capitalise the first letter of each unbraced lower-case word; lower-case stop words."""
    words = _top_level_words(latex)
    if not words:
        return latex
    out = list(latex)
    for index, (start, end, after_colon) in enumerate(words):
        word = latex[start:end]
        last = not RE_ALNUM.search(latex, end)  # a braced {MS} after it is a word too
        edge = index == 0 or last or after_colon
        if word.lower() in STOP_WORDS and not edge:
            out[start:end] = list(word.lower()) if word[:1].isupper() and word[1:].islower() else list(word)
        elif word[0].islower():
            out[start] = word[0].upper()
    return "".join(out)


def _top_level_words(latex: str) -> list[tuple[int, int, bool]]:
    """(start, end, follows a colon) of each word outside braces, math and command names."""
    words: list[tuple[int, int, bool]] = []
    depth, i, after_colon, math = 0, 0, False, False
    while i < len(latex):
        ch = latex[i]
        if ch == "\\":
            command = re.match(r"\\([A-Za-z]+|.)", latex[i:])
            i += len(command.group(0)) if command else 1
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(depth - 1, 0)
        elif ch == "$":
            math = not math
        elif ch in ":?!":
            after_colon = True
        elif depth == 0 and not math and (match := RE_WORD.match(latex, i)) and not _inside_word(latex, i):
            words.append((i, match.end(), after_colon))
            after_colon = False
            i = match.end()
            continue
        elif not ch.isspace():
            after_colon = False if ch.isalnum() else after_colon
        i += 1
    return words


def _inside_word(latex: str, i: int) -> bool:
    # Only a letter that starts a word counts: "CO2e" stays, and "x-ray" becomes "X-Ray" as in Chicago/AMA.
    return i > 0 and (latex[i - 1].isalnum() or latex[i - 1] in "}'’")
