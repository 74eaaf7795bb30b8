"""The checklist model: items, outcome conditions, and the version hash."""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

RE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
RE_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Markdown punctuation that should not leak into an item's automatic id.
RE_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`~]")

OUTCOME_TYPES = ("info", "warning", "danger")
OUTCOME_KINDS = ("answer", "note")
ANSWER_MODES = ("first",)
SLUG_LENGTH = 48
VERSION_LENGTH = 12


@dataclass(frozen=True)
class Item:
    """One tickable item: its id, label (inline Markdown) and optional help (block Markdown)."""

    id: str
    label: str
    help: str = ""


@dataclass(frozen=True)
class Condition:
    """When an outcome shows: every clause that is set must hold."""

    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    unticked: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None

    def matches(self, ticked: Collection[str]) -> bool:
        """Whether the condition holds when exactly the items in `ticked` are ticked."""
        count = len(ticked)
        return (
            all(item in ticked for item in self.all)
            and (not self.any or any(item in ticked for item in self.any))
            and not any(item in ticked for item in self.unticked)
            and (self.min is None or count >= self.min)
            and (self.max is None or count <= self.max)
        )

    @property
    def counts(self) -> bool:
        """Whether the condition depends on how many items are ticked, not only which."""
        return self.min is not None or self.max is not None

    def items(self) -> tuple[str, ...]:
        """Every item id the condition names, in order of appearance."""
        return self.all + self.any + self.unticked

    def to_json(self) -> dict[str, object]:
        """The condition as the JavaScript reads it (only the clauses that are set)."""
        data: dict[str, object] = {}
        for key in ("all", "any", "unticked"):
            if getattr(self, key):
                data[key] = list(getattr(self, key))
        for key in ("min", "max"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class Outcome:
    """A message shown while its condition holds, styled as an admonition of `type`."""

    when: Condition
    message: str
    type: str = "info"
    title: str | None = None
    id: str | None = None
    kind: str = "answer"

    @property
    def is_answer(self) -> bool:
        """Whether the outcome can be *the* answer (a `kind: note` never is)."""
        return self.kind == "answer"


@dataclass(frozen=True)
class Checklist:
    """A whole checklist block, validated."""

    id: str
    title: str
    items: tuple[Item, ...]
    outcomes: tuple[Outcome, ...] = ()
    intro: str = ""
    answer: str | None = None
    daily: tuple[str, ...] = ()

    @property
    def version(self) -> str:
        """A short hash of the items' ids and texts, so edited checklists never restore stale ticks."""
        return version_hash(self.items)

    def matching(self, ticked: Collection[str]) -> list[Outcome]:
        """The outcomes shown when exactly `ticked` are ticked, in declared order."""
        return [outcome for outcome in self.outcomes if outcome.when.matches(ticked)]

    def answer_for(self, ticked: Collection[str]) -> Outcome | None:
        """In `answer: first` mode, the first answer outcome that matches: *the* answer; else None."""
        if self.answer != "first":
            return None
        return next((o for o in self.outcomes if o.is_answer and o.when.matches(ticked)), None)

    def shown(self, ticked: Collection[str]) -> tuple[Outcome | None, list[Outcome]]:
        """In answer-first mode, the answer and the matching notes shown after it as secondary; else every match.

        Later matching answers are not shown: beside the answer they would give
        mixed messages ("see a doctor today" and "nothing urgent"), which
        SAFETY.md principle 4 forbids. Advice meant to sit beside any answer is a
        `kind: note`.
        """
        answer = self.answer_for(ticked)
        if self.answer != "first":
            return None, self.matching(ticked)
        return answer, [o for o in self.matching(ticked) if not o.is_answer]


def unanswered_state(checklist: Checklist) -> frozenset[str] | None:
    """A state (the ticked ids) that no answer outcome matches, or None when every state has an answer.

    Only the items the answer conditions name decide which answer matches, plus,
    for `count` clauses, how many other items are ticked; so this walks
    2^named x (others + 1) states, not 2^items. Smaller states come first, so
    the example an author sees is the simplest one.
    """
    answers = [o.when for o in checklist.outcomes if o.is_answer]
    named = list(dict.fromkeys(item for when in answers for item in when.items()))
    others = [item.id for item in checklist.items if item.id not in named]
    extra = range(len(others) + 1) if any(when.counts for when in answers) else range(1)
    for size in range(len(named) + 1):
        for chosen in itertools.combinations(named, size):
            for count in extra:
                state = frozenset(chosen) | frozenset(others[:count])
                if not any(when.matches(state) for when in answers):
                    return state
    return None


def all_states(item_ids: Sequence[str]) -> Iterator[frozenset[str]]:
    """Every combination of ticks of `item_ids` (2^n of them), in Gray-code order: one change per step."""
    for step in range(2 ** len(item_ids)):
        code = step ^ (step >> 1)
        yield frozenset(item for bit, item in enumerate(item_ids) if code >> bit & 1)


def version_hash(items: Collection[Item]) -> str:
    """Hash of (id, label) pairs; whitespace is normalised and order ignored, since ticks are stored by id."""
    pairs = sorted([item.id, " ".join(item.label.split())] for item in items)
    digest = hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode("utf-8")).hexdigest()
    return digest[:VERSION_LENGTH]


def slugify(text: str, fallback: str = "") -> str:
    """A lowercase, hyphenated id from text, cut at a word boundary; `fallback` if nothing is left."""
    plain = RE_MARKUP.sub(lambda m: m.group(1) or "", text)
    ascii_text = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii")
    slug = RE_NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > SLUG_LENGTH:
        # One extra character tells whether the cut falls at the end of a word.
        head = slug[: SLUG_LENGTH + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:SLUG_LENGTH]
    return slug or fallback


def is_valid_id(value: object) -> bool:
    """Whether `value` is a usable checklist or item id (lowercase letters, digits, single hyphens)."""
    return isinstance(value, str) and RE_ID.fullmatch(value) is not None
