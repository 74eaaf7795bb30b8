"""The claims register: every citation on a page matched to a row that says what its source shows.

`references/claims/<page>.yaml` holds one row per cited claim:

    page: treatment-options.md
    claims:
      - id: steroids-speed-recovery          # a short handle, unique in the file
        text: speed up recovery              # words of the page's own sentence, before the citation
        keys: [citterio2013cochrane]         # exactly the keys of that citation
        locator: abstract, main results      # where in the source
        shows: In our words, what the source found.
        address: https://pubmed.ncbi.nlm.nih.gov/.../
        verdict: supported                   # supported | qualified (reworded to what the source shows)
    removed:                                 # claims the audit took off the page
      - id: ...
        keys: [...]
        was: What the page used to say, in short.
        why: Why it went.

A citation matches a row when the row's keys are the citation's keys and the
row's `text` appears in the Markdown between the previous citation (or the
start of the paragraph or table cell) and this one. Run as a script, it prints
the register's figures.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from guidekit.citations.syntax import RE_BRACKET, RE_IN_TEXT, parse_bracket  # noqa: E402

CLAIMS_DIR = REPO / "references" / "claims"
DOCS = REPO / "docs"
VERDICTS = ("supported", "qualified")
ROW_FIELDS = {"id", "text", "keys", "locator", "shows", "address", "verdict"}
REMOVED_FIELDS = {"id", "keys", "was", "why"}

RE_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
RE_CODE_SPAN = re.compile(r"(?P<ticks>`+).+?(?P=ticks)", re.S)
RE_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
#: What ends a claim's context: a blank line, a table cell edge, a list bullet.
RE_BOUNDARY = re.compile(r"\n[ \t]*\n|\||\n[ \t]*(?:[-*+]|\d+\.)[ \t]")
RE_SPACE = re.compile(r"\s+")
RE_MARKUP = re.compile(r"[*_`]")


@dataclass(frozen=True)
class Cite:
    """One citation in a page's source: its keys, its line, and the text it follows."""

    page: str
    line: int
    keys: frozenset[str]
    context: str


@dataclass(frozen=True)
class Row:
    """One register row (or a removed claim) as read from YAML."""

    page: str
    id: str
    keys: frozenset[str]
    text: str
    line: int
    verdict: str = ""


def _blank(match: re.Match[str]) -> str:
    """Keep offsets and newlines while hiding code from the citation scan."""
    return re.sub(r"[^\n]", " ", match.group(0))


def normalise(text: str) -> str:
    """Lowercase, markup-free, single-spaced text for matching."""
    return RE_SPACE.sub(" ", RE_MARKUP.sub("", text)).strip().lower()


def page_cites(page: str, source: str, keys: Iterable[str]) -> list[Cite]:
    """Every citation of a known key in a page's Markdown, in order."""
    known = set(keys)
    text = RE_FRONT_MATTER.sub(_blank, source)
    text = RE_FENCE.sub(_blank, text)
    text = RE_CODE_SPAN.sub(_blank, text)
    found: list[tuple[int, int, frozenset[str]]] = []
    taken: list[tuple[int, int]] = []
    for match in RE_BRACKET.finditer(text):
        items = parse_bracket(match.group("body"))
        if items:
            found.append((match.start(), match.end(), frozenset(item.key for item in items)))
            taken.append((match.start(), match.end()))
    for match in RE_IN_TEXT.finditer(text):
        key = match.group("key") or match.group("bkey")
        inside = any(start <= match.start() < end for start, end in taken)
        if key in known and not inside:
            found.append((match.start(), match.end(), frozenset({key})))
    found.sort()
    cites: list[Cite] = []
    previous_end = 0
    for start, end, cite_keys in found:
        window = text[previous_end:start]
        cut = 0
        for boundary in RE_BOUNDARY.finditer(window):
            cut = boundary.end()
        cites.append(Cite(page, text.count("\n", 0, start) + 1, cite_keys, normalise(window[cut:])))
        previous_end = end
    return cites


def load_register(path: Path) -> tuple[list[Row], list[Row], list[str]]:
    """Rows, removed claims and problems (`file:line: reason`) of one register file."""
    label = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path.name
    problems: list[str] = []
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        return [], [], [f"{label}: not valid YAML: {exc}"]
    lines = {m.group(1): text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"-\s+id:\s*(\S+)", text)}
    page = data.get("page")
    if not isinstance(page, str) or not (DOCS / page).is_file():
        problems.append(f"{label}:1: `page` must name a file in docs/, got {page!r}")
        page = str(page)
    rows = list(_rows(label, page, data.get("claims") or [], ROW_FIELDS, lines, problems))
    removed = list(_rows(label, page, data.get("removed") or [], REMOVED_FIELDS, lines, problems))
    return rows, removed, problems


def _rows(
    label: str, page: str, raw: object, fields: set[str], lines: dict[str, int], problems: list[str]
) -> Iterator[Row]:
    if not isinstance(raw, list):
        problems.append(f"{label}: expected a list of rows")
        return
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            problems.append(f"{label}: row {number} is not a mapping")
            continue
        handle = str(item.get("id", f"row {number}"))
        line = lines.get(handle, 0)
        where = f"{label}:{line}: {handle}"
        missing = sorted(name for name in fields if not str(item.get(name) or "").strip())
        unknown = sorted(set(item) - fields)
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
        if unknown:
            problems.append(f"{where}: unknown field(s) {', '.join(unknown)}")
        if "verdict" in fields and item.get("verdict") not in VERDICTS:
            problems.append(f"{where}: verdict must be one of {VERDICTS}, got {item.get('verdict')!r}")
        if "address" in fields and not str(item.get("address", "")).startswith(("https://", "http://")):
            problems.append(f"{where}: address must be the http(s) address you read")
        keys = item.get("keys") or []
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            problems.append(f"{where}: keys must be a list of citation keys")
            keys = []
        verdict = str(item.get("verdict", "")) if "verdict" in fields else ""
        yield Row(page, handle, frozenset(keys), normalise(str(item.get("text", ""))), line, verdict)


def check(
    sources: dict[str, str], registers: Iterable[Path], library_keys: Iterable[str]
) -> tuple[list[Cite], list[Row], list[Row], list[str]]:
    """Match every citation to a row; return citations, rows, removed claims and problems."""
    keys = set(library_keys)
    rows: list[Row] = []
    removed: list[Row] = []
    problems: list[str] = []
    for path in registers:
        file_rows, file_removed, file_problems = load_register(path)
        rows += file_rows
        removed += file_removed
        problems += file_problems
    for row in rows + removed:
        for key in sorted(row.keys - keys):
            problems.append(f"references/claims: {row.page} {row.id}: unknown key {key!r}")
    handles = Counter((row.page, row.id) for row in rows + removed)
    problems += [
        f"references/claims: {page} {handle}: id used {n} times" for (page, handle), n in handles.items() if n > 1
    ]
    cites = [cite for page, source in sorted(sources.items()) for cite in page_cites(page, source, keys)]
    used: set[tuple[str, str]] = set()
    for cite in cites:
        matches = [row for row in rows if row.page == cite.page and row.keys == cite.keys and row.text in cite.context]
        if not matches:
            problems.append(
                f"docs/{cite.page}:{cite.line}: citation of {', '.join(sorted(cite.keys))} has no register row "
                f"(context: {cite.context[-80:]!r})"
            )
        used.update((row.page, row.id) for row in matches)
    for row in rows:
        if (row.page, row.id) not in used:
            problems.append(
                f"references/claims/{Path(row.page).stem}.yaml:{row.line}: row {row.id!r} matches no citation of "
                f"{', '.join(sorted(row.keys))} on docs/{row.page} (text {row.text!r})"
            )
    return cites, rows, removed, problems


def site_sources() -> dict[str, str]:
    """Every page's Markdown, by its path under docs/."""
    return {path.relative_to(DOCS).as_posix(): path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md"))}


def library_keys() -> set[str]:
    """Every key in references/*.bib."""
    from pybtex.database import parse_file

    return {key for path in sorted((REPO / "references").glob("*.bib")) for key in parse_file(str(path)).entries}


def main() -> int:
    """Print the register's figures; exit 1 when a citation has no row."""
    cites, rows, removed, problems = check(site_sources(), sorted(CLAIMS_DIR.glob("*.yaml")), library_keys())
    verdicts = Counter(row.verdict for row in rows)
    per_page = Counter(cite.page for cite in cites)
    rows_per_page = Counter(row.page for row in rows)
    print(f"{'page':36} {'citations':>9} {'rows':>5}")
    for page in sorted(per_page | rows_per_page):
        print(f"{page:36} {per_page[page]:>9} {rows_per_page[page]:>5}")
    print(f"citations: {len(cites)}; rows: {len(rows)}; removed claims: {len(removed)}; problems: {len(problems)}")
    print("verdicts: " + ", ".join(f"{name} {verdicts[name]}" for name in VERDICTS))
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
