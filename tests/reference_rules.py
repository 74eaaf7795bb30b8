"""Completeness rules for the reference library, one small function per rule.

An AMA reference list can only be printed right when each entry is complete: a
full author list with initials, the journal's NLM abbreviation, volume and pages
(or an online-first date), and a PubMed ID or a stated reason for none. These
rules read the BibTeX as written (no engine involved), so a content branch can
run them on its own ``references/NAME.bib``. Each problem names ``file:line``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pybtex.database import Entry, Person, parse_string

#: Journals that number issues but have no volumes; an issue ``number`` stands in for ``volume``.
ISSUE_ONLY_JOURNALS = frozenset({"Cochrane Database Syst Rev"})
#: AMA prints "Published online <date>" for an article not yet in an issue.
RE_ONLINE = re.compile(r"^Published online \d{1,2} [A-Z][a-z]+ \d{4}\b")
#: ``missing = {number: reason; volume: reason}``: a required field that no record shows.
RE_MISSING_ITEM = re.compile(r"^\s*(?P<field>[a-z]+)\s*:\s*(?P<reason>\S.*?)\s*$")
RE_PMID = re.compile(r"^\d{1,9}$")
RE_ENTRY = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(][ \t]*([^,\s{}()]+)[ \t]*,", re.MULTILINE)
RE_CITED_KEY = re.compile(r"(?<![\w@./:+\-\\])@\{?([A-Za-z0-9_](?:[A-Za-z0-9_]|[:.\-/+](?=[A-Za-z0-9_]))*)")
#: Entry types that are web pages or guidance documents, not indexed articles.
WEB_TYPES = frozenset({"misc", "online"})


@dataclass(frozen=True)
class BibEntry:
    """One entry and where it was written."""

    key: str
    entry: Entry
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}: {self.key}"

    def field(self, name: str) -> str:
        return str(self.entry.fields.get(name, "")).strip()


def read_library(sources: Iterable[tuple[str, str]]) -> list[BibEntry]:
    """Entries of ``(display_name, bibtex_text)`` sources, with the line each starts on."""
    found: list[BibEntry] = []
    for name, text in sources:
        lines = {m.group(2): text.count("\n", 0, m.start()) + 1 for m in RE_ENTRY.finditer(text)}
        data = parse_string(text, "bibtex")
        for key, entry in data.entries.items():
            found.append(BibEntry(key, entry, name, lines.get(key, 0)))
    return found


def read_library_files(paths: Iterable[Path], root: Path) -> list[BibEntry]:
    return read_library((str(p.relative_to(root)), p.read_text(encoding="utf-8")) for p in paths)


def _name(person: Person) -> str:
    return str(person)


def _is_corporate(person: Person) -> bool:
    """A braced name, ``{National Institute for Health and Care Excellence}``."""
    last = " ".join(person.last_names)
    return not person.first_names and not person.middle_names and last.startswith("{") and last.endswith("}")


def _is_others(person: Person) -> bool:
    return str(person) == "others"


def _missing(entry: BibEntry) -> dict[str, str]:
    """Fields named in ``missing`` with the reason given for each."""
    items: dict[str, str] = {}
    for part in entry.field("missing").split(";"):
        match = RE_MISSING_ITEM.match(part)
        if match:
            items[match.group("field")] = match.group("reason")
    return items


# ------------------------------------------------------------------ the rules


def rule_initials(entry: BibEntry, _ctx: Context) -> Iterator[str]:
    """Every person has initials or a first name; a one-word name is braced as an organisation."""
    if "author" in _missing(entry):
        return
    for role in ("author", "editor"):
        for person in entry.entry.persons.get(role, []):
            if _is_others(person) or _is_corporate(person):
                continue
            if not (person.first_names or person.middle_names):
                yield f"{role} {_name(person)!r} has no initials or first name (brace an organisation: {{{{Name}}}})"


def rule_others(entry: BibEntry, _ctx: Context) -> Iterator[str]:
    """``and others`` comes last, after at least three named authors."""
    if "author" in _missing(entry):
        return
    for role in ("author", "editor"):
        people = entry.entry.persons.get(role, [])
        for index, person in enumerate(people):
            if not _is_others(person):
                continue
            if index != len(people) - 1:
                yield f"{role}: 'others' must come last"
            elif index < 3:
                yield f"{role}: 'others' after {index} named author(s); name at least 3 (AMA prints 3, then et al)"


def rule_article_fields(entry: BibEntry, ctx: Context) -> Iterator[str]:
    """A journal article has journal, year, volume (or issue) and pages, or is published online."""
    if entry.entry.type.lower() != "article":
        return
    declared = _missing(entry)
    if entry.field("missing") and not declared:
        yield "field 'missing' must read 'field: reason; field: reason'"
    online = bool(RE_ONLINE.match(entry.field("note")))
    needed = ["author", "title", "journal", "year"]
    if not online:
        needed.append("number" if entry.field("journal") in ISSUE_ONLY_JOURNALS else "volume")
        needed.append("pages")
    for name in needed:
        present = bool(entry.entry.persons.get(name)) if name == "author" else bool(entry.field(name))
        if not present and name not in declared:
            hint = " (or a note 'Published online D Month YYYY.')" if name in {"volume", "number", "pages"} else ""
            yield f"journal article without {name}{hint}"
    for name in declared:
        # `author: reason` declares an incomplete list (no initials, or too few names), not an absent one.
        if name != "author" and entry.field(name):
            yield f"'missing' names {name}, but the entry has it"


def rule_sentence_case(entry: BibEntry, _ctx: Context) -> Iterator[str]:
    """A title is in sentence case, as AMA prints it; proper nouns and acronyms are braced."""
    # Braced groups are protected words; the first word and the word after a colon may be capitals.
    text = re.sub(r"\{[^{}]*\}", " ", entry.field("title"))
    words = [w for w in re.split(r"[\s/]+", re.sub(r"[:.?]\s+(\w)", r" \1", text)) if w[:1].isalpha()]
    later = [w for w in words[1:] if w.lower() not in {"a", "an", "and", "of", "the", "in", "on", "for", "to"}]
    capitals = [w for w in later if w[0].isupper() and not w.isupper()]
    if len(later) >= 3 and len(capitals) > len(later) / 2:
        yield f"title looks like Title Case ({', '.join(capitals[:4])}...): use sentence case, brace proper nouns"


def rule_pmid(entry: BibEntry, _ctx: Context) -> Iterator[str]:
    """An article has a PMID, or ``nopmid`` says why not."""
    if entry.entry.type.lower() in WEB_TYPES:
        return
    pmid, reason = entry.field("pmid"), entry.field("nopmid")
    if pmid and not RE_PMID.match(pmid):
        yield f"pmid {pmid!r} is not a PubMed ID"
    if pmid and reason:
        yield "has both pmid and nopmid"
    if not pmid and len(reason) < 20:
        yield "no pmid, and no 'nopmid' field saying why (at least a sentence)"


def rule_journal(entry: BibEntry, ctx: Context) -> Iterator[str]:
    """Every journal name is a verified NLM abbreviation."""
    journal = entry.field("journal")
    if journal and journal not in ctx.journals:
        yield f"journal {journal!r} is not in references/nlm-journals.txt (or nlm-journals-NAME.txt)"


def rule_superseded(entry: BibEntry, ctx: Context) -> Iterator[str]:
    """A superseded entry names its successor and is no longer cited on any page."""
    successor = entry.field("superseded")
    if not successor:
        return
    if successor not in ctx.keys:
        yield f"superseded by {successor!r}, which is not in the library"
    elif ctx.by_key[successor].field("superseded"):
        yield f"superseded by {successor!r}, which is itself superseded"
    for page in ctx.citing.get(entry.key, []):
        yield f"superseded by {successor!r} but still cited on {page}"


@dataclass
class Context:
    """What rules need beyond the entry: the journal list, every key, the citing pages."""

    journals: frozenset[str]
    by_key: dict[str, BibEntry]
    citing: dict[str, list[str]]

    @property
    def keys(self) -> set[str]:
        return set(self.by_key)


Rule = Callable[[BibEntry, Context], Iterator[str]]
#: The rule table: name -> (entry types it applies to, rule).
RULES: dict[str, tuple[str, Rule]] = {
    "initials": ("all", rule_initials),
    "others": ("all", rule_others),
    "article-fields": ("article", rule_article_fields),
    "sentence-case": ("all", rule_sentence_case),
    "pmid": ("all but misc/online", rule_pmid),
    "journal": ("any with a journal", rule_journal),
    "superseded": ("all", rule_superseded),
}


def read_journals(text: str) -> frozenset[str]:
    """One abbreviation a line; ``#`` starts a comment (the line's verification record)."""
    names = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(name for name in names if name)


def cited_keys(pages: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Key -> ``page:line`` places where ``@key`` appears."""
    places: dict[str, list[str]] = {}
    for name, text in pages:
        for number, line in enumerate(text.splitlines(), start=1):
            for match in RE_CITED_KEY.finditer(line):
                places.setdefault(match.group(1), []).append(f"{name}:{number}")
    return places


def check(entries: list[BibEntry], journals: frozenset[str], pages: Iterable[tuple[str, str]]) -> list[str]:
    """Every problem in the library, as ``file:line: key: [rule] message``."""
    ctx = Context(journals, {e.key: e for e in entries}, cited_keys(pages))
    problems = []
    for entry in entries:
        for name, (_applies, rule) in RULES.items():
            problems.extend(f"{entry.where}: [{name}] {message}" for message in rule(entry, ctx))
    return problems


def main(argv: list[str]) -> int:
    """``python tests/reference_rules.py [FILE.bib ...]``: check those files (default: all) in the whole library."""
    root = Path(__file__).resolve().parent.parent
    references = root / "references"
    entries = read_library_files(sorted(references.glob("*.bib")), root)
    chosen = {str(Path(a).resolve().relative_to(root)) for a in argv} if argv else None
    lists = sorted(references.glob("nlm-journals*.txt"))
    journals = read_journals("\n".join(p.read_text(encoding="utf-8") for p in lists))
    page_files = sorted([*(root / "docs").rglob("*.md"), *(root / "includes").rglob("*.md")])
    pages = [(str(p.relative_to(root)), p.read_text(encoding="utf-8")) for p in page_files]
    problems = [p for p in check(entries, journals, pages) if chosen is None or p.split(":", 1)[0] in chosen]
    print("\n".join(problems) or f"{len(entries)} entries: every rule passes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
