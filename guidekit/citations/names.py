"""Personal names: parsed lazily (only for cited entries) and printed AMA-style."""

from __future__ import annotations

import re
from functools import lru_cache

from pybtex.database import InvalidNameString, Person
from pybtex.database.input.bibtex import split_name_list

from .latex import to_plain
from .model import Name, Reference

#: AMA lists every author up to six; beyond that, the first three and "et al".
MAX_AUTHORS = 6
SHOWN_WHEN_TRUNCATED = 3
ROLES = ("author", "editor")


@lru_cache(maxsize=8192)
def parse_names(raw: str) -> tuple[Name, ...]:
    """Split a BibTeX name list ("A and B and others"); never raises (see `name_problems`)."""
    names = []
    for part in split_name_list(raw):
        try:
            person = Person(part)
        except InvalidNameString:
            names.append(Name(last=part))
            continue
        names.append(
            Name(
                last=" ".join(person.prelast_names + person.last_names),
                given=tuple(person.first_names + person.middle_names),
                lineage=" ".join(person.lineage_names),
            )
        )
    return tuple(names)


def names_of(ref: Reference, role: str) -> tuple[Name, ...]:
    raw = ref.get(role)
    return parse_names(raw) if raw else ()


def name_problems(raw: str) -> list[str]:
    """Why a name list is malformed, e.g. "Too many commas in 'A, B, C, D'".

    Checked for every entry on every build, so it counts commas instead of
    building pybtex Person objects (the only way a name string is invalid).
    """
    if "," not in raw:
        return []
    return [f"Too many commas in {part!r}" for part in split_name_list(raw) if _top_level_commas(part) > 2]


def _top_level_commas(text: str) -> int:
    depth = count = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "," and depth == 0:
            count += 1
    return count


def format_name(name: Name) -> str:
    """One name in AMA form: ``van Gogh V``, ``Anderson MM Jr``; institutions as written."""
    last = to_plain(name.last)
    if not name.given:
        return last
    initials = "".join(_initials(to_plain(part)) for part in name.given)
    lineage = to_plain(name.lineage).rstrip(".")
    return " ".join(part for part in (last, initials, lineage) if part)


def _initials(name: str) -> str:
    return "".join(part[0].upper() for part in re.split(r"[-.\s]+", name) if part and part[0].isalpha())


def format_names(names: tuple[Name, ...]) -> str:
    """Names comma-separated, "et al" past six (or where the .bib says "and others").

    Six names then "others" mean at least seven authors, so AMA's rule for more
    than six applies: the first three, then "et al".
    """
    truncated_in_bib = bool(names) and names[-1].is_others
    if truncated_in_bib:
        names = names[:-1]
    at_least = len(names) + truncated_in_bib
    shown = names if at_least <= MAX_AUTHORS else names[:SHOWN_WHEN_TRUNCATED]
    out = [format_name(n) for n in shown]
    if at_least > MAX_AUTHORS or truncated_in_bib:
        out.append("et al")
    return ", ".join(n for n in out if n)
