"""PEMAT-P scoring record: each rater's 24 ratings per patient page, scored as AHRQ's guide says.

`quality/pemat/round-<n>/rater-<letter>.yml` holds one rater's record of one
round (a round rates one build; a later round re-rates the pages after changes):

    rater: A
    site: 1a2b3c4          # the commit of the built site that was rated
    date: 2026-12-02
    pages:
      index:               # docs/index.md
        1: {rating: agree, why: One line saying what in the page decided it.}
        ...                # items 1-12 and 15-26: every one, no other

Score (AHRQ PEMAT User's Guide): agree = 1, disagree = 0, N/A left out; a
scale's score is the points over the applicable items, times 100. N/A is only
allowed where the PEMAT-P form offers it. Run as a script, it prints, for each
round, each rater's scores side by side, the raters' agreement (per cent and
Cohen's kappa) and the items they differ on.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

REPO = Path(__file__).resolve().parent.parent
RECORD_DIR = REPO / "quality" / "pemat"

UNDERSTANDABILITY = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19)
ACTIONABILITY = (20, 21, 22, 23, 24, 25, 26)
ITEMS = UNDERSTANDABILITY + ACTIONABILITY
#: Items whose PEMAT-P form offers N/A: no numbers (6); very short material (8, 9, 11);
#: no visual aids (16-18); no tables (19); no calculations (24); no charts or tables (25).
NA_ALLOWED = frozenset({6, 8, 9, 11, 16, 17, 18, 19, 24, 25})
RATINGS = ("agree", "disagree", "n/a")
#: The patient pages, by the key a record uses, with their source file.
PATIENT_PAGES = {
    "index": "docs/index.md",
    "what-to-do-now": "docs/what-to-do-now.md",
    "what-is-a-relapse": "docs/what-is-a-relapse.md",
    "relapse-or-pseudorelapse": "docs/relapse-or-pseudorelapse.md",
    "treatment-options": "docs/treatment-options.md",
    "steroid-course": "docs/steroid-course.md",
    "recovery": "docs/recovery.md",
    "pregnancy": "docs/pregnancy.md",
    "emotional-support": "docs/emotional-support.md",
}
MAX_WHY = 240


class RecordError(ValueError):
    """A record that breaks the format; the message names the file and line."""


@dataclass(frozen=True)
class Rating:
    item: int
    rating: str
    why: str


@dataclass(frozen=True)
class Record:
    rater: str
    site: str
    path: Path
    pages: dict[str, dict[int, Rating]]


def _name(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else path.name


def _where(path: Path, node: Node) -> str:
    return f"{_name(path)}:{node.start_mark.line + 1}"


def _mapping(path: Path, node: Node, what: str) -> list[tuple[ScalarNode, Node]]:
    if not isinstance(node, MappingNode):
        raise RecordError(f"{_where(path, node)}: {what} must be a mapping")
    pairs = []
    for key, value in node.value:
        if not isinstance(key, ScalarNode):
            raise RecordError(f"{_where(path, key)}: {what} keys must be plain words or numbers")
        pairs.append((key, value))
    return pairs


def _scalar(path: Path, node: Node, what: str) -> str:
    if not isinstance(node, ScalarNode) or not str(node.value).strip():
        raise RecordError(f"{_where(path, node)}: {what} must be a non-empty text")
    return str(node.value).strip()


def _rating(path: Path, item: int, node: Node) -> Rating:
    fields = {key.value: value for key, value in _mapping(path, node, f"item {item}")}
    if set(fields) != {"rating", "why"}:
        raise RecordError(f"{_where(path, node)}: item {item} needs exactly 'rating' and 'why', has {sorted(fields)}")
    rating = _scalar(path, fields["rating"], f"item {item} rating").lower()
    if rating not in RATINGS:
        raise RecordError(f"{_where(path, fields['rating'])}: item {item} rating {rating!r} is not one of {RATINGS}")
    if rating == "n/a" and item not in NA_ALLOWED:
        raise RecordError(f"{_where(path, fields['rating'])}: item {item} has no N/A option in PEMAT-P")
    why = _scalar(path, fields["why"], f"item {item} why")
    if len(why) > MAX_WHY:
        raise RecordError(f"{_where(path, fields['why'])}: item {item} why is over {MAX_WHY} characters")
    return Rating(item, rating, why)


def _page(path: Path, key: str, node: Node) -> dict[int, Rating]:
    ratings: dict[int, Rating] = {}
    for item_node, value in _mapping(path, node, f"page {key}"):
        try:
            item = int(item_node.value)
        except ValueError:
            raise RecordError(f"{_where(path, item_node)}: {item_node.value!r} is not a PEMAT-P item number") from None
        if item not in ITEMS:
            raise RecordError(f"{_where(path, item_node)}: item {item} is not in PEMAT-P (items {ITEMS})")
        if item in ratings:
            raise RecordError(f"{_where(path, item_node)}: item {item} is rated twice on page {key}")
        ratings[item] = _rating(path, item, value)
    missing = [item for item in ITEMS if item not in ratings]
    if missing:
        raise RecordError(f"{_where(path, node)}: page {key} has no rating for items {missing}")
    return ratings


def parse_record(path: Path, text: str) -> Record:
    """One rater's record, checked against the format; errors name file and line."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        raise RecordError(f"{_name(path)}: not valid YAML: {error}") from None
    if root is None:
        raise RecordError(f"{_name(path)}:1: the record is empty")
    top = {key.value: value for key, value in _mapping(path, root, "the record")}
    for field in ("rater", "site", "date", "pages"):
        if field not in top:
            raise RecordError(f"{_where(path, root)}: the record has no '{field}'")
    pages: dict[str, dict[int, Rating]] = {}
    for key_node, value in _mapping(path, top["pages"], "pages"):
        key = key_node.value
        if key not in PATIENT_PAGES:
            raise RecordError(f"{_where(path, key_node)}: {key!r} is not a patient page ({sorted(PATIENT_PAGES)})")
        pages[key] = _page(path, key, value)
    missing = [key for key in PATIENT_PAGES if key not in pages]
    if missing:
        raise RecordError(f"{_where(path, top['pages'])}: no ratings for pages {missing}")
    return Record(_scalar(path, top["rater"], "rater"), _scalar(path, top["site"], "site"), path, pages)


def load_records(directory: Path) -> list[Record]:
    return [parse_record(path, path.read_text(encoding="utf-8")) for path in sorted(directory.glob("rater-*.yml"))]


def rounds(directory: Path = RECORD_DIR) -> list[Path]:
    """The rounds' folders, oldest first (round-1, round-2, ...)."""
    found = [path for path in directory.glob("round-*") if path.is_dir() and path.name[6:].isdigit()]
    return sorted(found, key=lambda path: int(path.name[6:]))


def score(ratings: dict[int, Rating], items: tuple[int, ...]) -> tuple[int, int]:
    """(points, applicable items) on one scale."""
    applicable = [ratings[item] for item in items if ratings[item].rating != "n/a"]
    return sum(rating.rating == "agree" for rating in applicable), len(applicable)


def percent(points: int, applicable: int) -> int:
    """AHRQ's score, rounded to a whole per cent; a scale with no applicable item scores 100."""
    return round(100 * points / applicable) if applicable else 100


def cohen_kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa for two raters over the same items (1.0 when chance agreement is total)."""
    total = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / total
    expected = sum((first.count(r) / total) * (second.count(r) / total) for r in RATINGS)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def differences(first: Record, second: Record) -> list[tuple[str, int, Rating, Rating]]:
    return [
        (page, item, first.pages[page][item], second.pages[page][item])
        for page in PATIENT_PAGES
        for item in ITEMS
        if first.pages[page][item].rating != second.pages[page][item].rating
    ]


def report(records: list[Record]) -> str:
    head = ["Page"] + [f"{r.rater}: U / A" for r in records]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for page in PATIENT_PAGES:
        cells = [page]
        for record in records:
            u = score(record.pages[page], UNDERSTANDABILITY)
            a = score(record.pages[page], ACTIONABILITY)
            cells.append(f"{percent(*u)} % ({u[0]}/{u[1]}) / {percent(*a)} % ({a[0]}/{a[1]})")
        lines.append("| " + " | ".join(cells) + " |")
    for first, second in combinations(records, 2):
        mine = [first.pages[p][i].rating for p in PATIENT_PAGES for i in ITEMS]
        theirs = [second.pages[p][i].rating for p in PATIENT_PAGES for i in ITEMS]
        agreed = sum(x == y for x, y in zip(mine, theirs, strict=True))
        lines.append("")
        lines.append(
            f"Raters {first.rater} and {second.rater}: {agreed} of {len(mine)} ratings agree "
            f"({100 * agreed / len(mine):.1f} %), Cohen's kappa {cohen_kappa(mine, theirs):.2f}."
        )
        for page, item, x, y in differences(first, second):
            lines.append(
                f"- {page}, item {item}: {first.rater} {x.rating} ({x.why}); {second.rater} {y.rating} ({y.why})"
            )
    return "\n".join(lines)


def main() -> int:
    found = rounds()
    if not found:
        print("quality/pemat/ holds no round-<n>/ folder", file=sys.stderr)
        return 1
    for folder in found:
        try:
            records = load_records(folder)
        except RecordError as error:
            print(error, file=sys.stderr)
            return 1
        sites = ", ".join(sorted({record.site for record in records}))
        print(f"## {folder.name} (site {sites})\n\n{report(records)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
