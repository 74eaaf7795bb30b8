"""Plain data for the citation engine: references, citations and problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from guidekit.problems import Problem

__all__ = ["Citation", "CiteItem", "Library", "Name", "Problem", "Reference"]


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name split as BibTeX does; parts are raw LaTeX."""

    last: str
    #: first and middle names, one item each (a space may sit inside braces)
    given: tuple[str, ...] = ()
    lineage: str = ""

    @property
    def is_others(self) -> bool:
        """BibTeX's "and others": the author list was cut in the .bib file."""
        return not self.given and self.last.strip().lower() == "others"


@dataclass(frozen=True, slots=True)
class Reference:
    """One BibTeX entry, as raw (LaTeX) strings plus where it was defined."""

    key: str
    type: str
    #: every field, lower-cased names; "author" and "editor" hold the raw name lists
    #: (parsed lazily by names.parse_names, so uncited entries cost nothing)
    fields: dict[str, str]
    source: str
    line: int

    def get(self, name: str) -> str:
        return self.fields.get(name, "")

    # Pickled as a plain tuple: the dataclass default for a frozen, slotted class calls
    # dataclasses.fields() per object, a third of a warm build's library load (5,000 entries).
    def __getstate__(self) -> tuple[str, str, dict[str, str], str, int]:
        return self.key, self.type, self.fields, self.source, self.line

    def __setstate__(self, state: tuple[str, str, dict[str, str], str, int]) -> None:
        for name, value in zip(("key", "type", "fields", "source", "line"), state, strict=True):
            object.__setattr__(self, name, value)


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One key inside a citation, with Pandoc's prefix, locator and suffix."""

    key: str
    prefix: str = ""
    locator: str = ""
    suffix: str = ""
    suppress_author: bool = False


@dataclass(frozen=True, slots=True)
class Citation:
    """A bracketed group ``[@a; @b]`` or an in-text ``@a``."""

    items: tuple[CiteItem, ...]
    in_text: bool = False
    source: str = ""


@dataclass(slots=True)
class Library:
    """All references, keyed case-insensitively as BibTeX does."""

    references: dict[str, Reference] = field(default_factory=dict)
    digest: str = ""
    #: library.validate()'s findings, computed once and cached with the parse
    problems: list[Problem] = field(default_factory=list)

    def find(self, key: str) -> Reference | None:
        return self.references.get(key.lower())

    def __len__(self) -> int:
        return len(self.references)
