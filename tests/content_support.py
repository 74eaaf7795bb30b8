"""Helpers for the content tests: the plain layer of a built page, and its reading grade.

The plain layer is what a person with MS reads: the article text without the
clinician layer, tables, code, figure drawings, references, page chrome
(checklist buttons, "Cite this page", review date) and headings. Each block
(paragraph, list item, caption...) ends a sentence, so lists are not merged
into one long sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pyphen
from html_support import Node, parse_html

from scripts.seed_shingles import words

#: The content pages (parts 1 and 2): source file -> built file (use_directory_urls).
PAGES = {
    "index.md": "index.html",
    "what-is-a-relapse.md": "what-is-a-relapse/index.html",
    "relapse-or-pseudorelapse.md": "relapse-or-pseudorelapse/index.html",
    "what-to-do-now.md": "what-to-do-now/index.html",
    "treatment-options.md": "treatment-options/index.html",
    "steroid-course.md": "steroid-course/index.html",
    "glossary.md": "glossary/index.html",
    "recovery.md": "recovery/index.html",
    "pregnancy.md": "pregnancy/index.html",
    "emotional-support.md": "emotional-support/index.html",
    "clinician-quick-reference.md": "clinician-quick-reference/index.html",
    "about.md": "about/index.html",
}

SKIP_TAGS = {"svg", "table", "pre", "code", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6",
             "summary", "button", "textarea", "nav", "sup", "form"}
SKIP_CLASSES = {
    "clinician",  # the clinician layer (admonition or details)
    "gk-references-section",  # the page's reference list
    "admonition-title",
    "headerlink",
    "gk-reviewed", "gk-cite-page",  # page-end chrome
    "checklist__progress", "checklist__actions", "checklist__message", "checklist__privacy",
    "checklist__notice", "checklist__summary", "checklist__sign",
    # Generated from the item labels and outcome messages, which are measured once already.
    "checklist__rules", "checklist__redflags",
    "abbr-glossary",
}
BLOCK_TAGS = {"p", "li", "dt", "dd", "div", "blockquote", "legend", "label", "figcaption", "details",
              "fieldset", "ul", "ol", "dl", "br", "section", "figure"}

RE_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"')\]]|$)")
RE_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def article(html: str) -> Node:
    """The page's <article> element."""
    found = parse_html(html).find("article")
    assert found is not None, "no <article> in page"
    return found


def _skipped(node: Node) -> bool:
    return node.tag in SKIP_TAGS or bool(SKIP_CLASSES & set(node.attrs.get("class", "").split()))


def _blocks(node: Node, out: list[str], buf: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            buf.append(child)
            continue
        if _skipped(child):
            continue
        if child.tag in BLOCK_TAGS:
            _flush(out, buf)
            _blocks(child, out, buf)
            _flush(out, buf)
        else:
            _blocks(child, out, buf)


def _flush(out: list[str], buf: list[str]) -> None:
    text = " ".join("".join(buf).split())
    buf.clear()
    if RE_WORD.search(text):
        out.append(text)


def plain_blocks(html: str) -> list[str]:
    """Text blocks of the plain layer, in page order."""
    out: list[str] = []
    buf: list[str] = []
    _blocks(article(html), out, buf)
    _flush(out, buf)
    return out


#: Reference lists quote the titles of cited works verbatim: bibliographic data, not our prose.
REFERENCE_LIST_CLASSES = {"gk-references-section", "gk-bibliography"}


def _prose(node: Node, out: list[str]) -> None:
    for child in node.children:
        if isinstance(child, str):
            out.append(child)
        elif not REFERENCE_LIST_CLASSES & set(child.attrs.get("class", "").split()):
            out.append(" ")
            _prose(child, out)
            out.append(" ")


def prose_text(html: str) -> str:
    """Every word we wrote on a page, both layers and figures included; reference lists left out."""
    out: list[str] = []
    _prose(article(html), out)
    return "".join(out)


RE_VOWEL_GROUP = re.compile(r"[aeiouy]+")


@cache
def _dictionary() -> pyphen.Pyphen:
    # left/right=1: let pyphen split near word edges too ("ste-roids"). This
    # errs towards more syllables (a stricter grade) and puts the seed page at
    # about grade 15, as the comparator research measured it.
    return pyphen.Pyphen(lang="en_US", left=1, right=1)


@cache
def syllables(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points plus one, floored by a vowel-group count.

    Hyphenation dictionaries skip breaks near word edges and in long medical
    words ("steroids" gets 1, "methylprednisolone" 3), which would flatter the
    grade; the floor (vowel groups, less a silent final e) keeps it honest.
    """
    lower = word.lower()
    by_pyphen = len(_dictionary().positions(lower)) + 1
    groups = len(RE_VOWEL_GROUP.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    return max(by_pyphen, groups, 1)


def sentences(blocks: list[str]) -> Iterator[str]:
    """Sentences: each block ends one, and so does every . ! or ? inside it."""
    for block in blocks:
        for part in RE_SENTENCE_END.split(block):
            if RE_WORD.search(part):
                yield part


def counts(blocks: list[str]) -> tuple[int, int, int]:
    """(sentences, words, syllables) of some text blocks."""
    n_sentences = sum(1 for _ in sentences(blocks))
    tokens = [w for block in blocks for w in RE_WORD.findall(block)]
    return n_sentences, len(tokens), sum(syllables(w) for w in tokens)


def fk_grade(blocks: list[str]) -> float:
    """Flesch–Kincaid grade level."""
    n_sentences, n_words, n_syllables = counts(blocks)
    assert n_sentences and n_words, "no text to measure"
    return 0.39 * n_words / n_sentences + 11.8 * n_syllables / n_words - 15.59


def seed_words(text: str) -> list[str]:
    """The normalised words the seed check uses (see scripts/seed_shingles.py)."""
    return words(text)
