"""Decision tables (decisions/<checklist-id>.yml): what every state of a checklist must answer.

A table is written for clinicians to review, apart from the checklist's
outcome rules; tests check that the page shows exactly the table's answer
first, for every state. These are pure functions: parse a table, expand its
rows, and list what is wrong with it, each problem naming the file and line.

```
checklist: could-this-be-a-relapse
page: what-is-a-relapse.md
reviewed: 2026-12-01
items: [red-flag, new-or-worse, fever]     # the columns; Y ticked, N not, - either
rows:
  - {when: "Y - -", answer: emergency, why: Red flags come first.}
  ...
```
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

import yaml

from .model import is_valid_id

KEYS = ("checklist", "page", "reviewed", "items", "rows")
ROW_KEYS = ("when", "answer", "why")
MARKS = {"Y": (True,), "N": (False,), "-": (False, True)}
#: The browser test walks every state, one click each: keep tables small.
MAX_ITEMS = 10
#: How many uncovered states a problem lists before it says "and N more".
EXAMPLES = 3


@dataclass(frozen=True)
class Row:
    """One row: a pattern of Y/N/- per item, the answer's outcome id, the reason, and its line."""

    when: tuple[str, ...]
    answer: str
    why: str
    line: int

    def states(self, items: Sequence[str]) -> Iterator[frozenset[str]]:
        """Every state (the ticked ids) the pattern covers."""
        for choice in itertools.product(*(MARKS[mark] for mark in self.when)):
            yield frozenset(item for item, ticked in zip(items, choice, strict=True) if ticked)


@dataclass(frozen=True)
class DecisionTable:
    """A parsed table; `source` names the file in messages."""

    source: str
    checklist: str
    page: str
    reviewed: datetime.date
    items: tuple[str, ...]
    rows: tuple[Row, ...]

    def answers(self) -> dict[frozenset[str], str]:
        """The answer for each state (the first row's, where rows overlap; `problems` reports overlaps)."""
        table: dict[frozenset[str], str] = {}
        for row in self.rows:
            for state in row.states(self.items):
                table.setdefault(state, row.answer)
        return table

    def pattern(self, state: Collection[str]) -> str:
        """A state written as the table writes it, e.g. 'Y N N'."""
        return " ".join("Y" if item in state else "N" for item in self.items)


def _lines(text: str) -> tuple[int, list[int]]:
    """The line of `rows:` and of each row (1-based), read from the YAML node tree."""
    root = yaml.compose(text)
    if not isinstance(root, yaml.MappingNode):
        return 1, []
    for key, value in root.value:
        if key.value == "rows" and isinstance(value, yaml.SequenceNode):
            return key.start_mark.line + 1, [node.start_mark.line + 1 for node in value.value]
    return 1, []


def parse_table(text: str, source: str) -> tuple[DecisionTable | None, list[str]]:
    """Read a table's YAML; return it, or None and every problem (as 'SOURCE:LINE: message')."""
    try:
        data = yaml.safe_load(text)
        rows_line, row_lines = _lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return None, [f"{source}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}"]
    if not isinstance(data, Mapping):
        return None, [f"{source}:1: a decision table is a mapping with keys {', '.join(KEYS)}"]
    problems = [f"{source}:1: unknown key '{key}' (allowed: {', '.join(KEYS)})" for key in data if key not in KEYS]
    problems += [f"{source}:1: missing '{key}'" for key in KEYS if key not in data]
    checklist = data.get("checklist")
    if "checklist" in data and not is_valid_id(checklist):
        problems.append(f"{source}:1: 'checklist' must be a checklist id")
    page = data.get("page")
    if "page" in data and (not isinstance(page, str) or not page.endswith(".md")):
        problems.append(f"{source}:1: 'page' must be the page's path under docs/, e.g. what-is-a-relapse.md")
    reviewed = data.get("reviewed")
    if "reviewed" in data and not isinstance(reviewed, datetime.date):
        problems.append(f"{source}:1: 'reviewed' must be a date, e.g. 2026-12-01")
    items = data.get("items")
    if "items" in data:
        if not isinstance(items, list) or not items or not all(is_valid_id(i) for i in items):
            problems.append(f"{source}:1: 'items' must list the checklist's item ids")
            items = None
        elif len(set(items)) != len(items):
            problems.append(f"{source}:1: 'items' names an item twice")
        elif len(items) > MAX_ITEMS:
            problems.append(f"{source}:1: {len(items)} items: a checklist with outcomes keeps to {MAX_ITEMS} or fewer")
    rows: list[Row] = []
    raw_rows = data.get("rows")
    if "rows" in data and (not isinstance(raw_rows, list) or not raw_rows):
        problems.append(f"{source}:{rows_line}: 'rows' must be a list of {{when, answer, why}}")
    elif isinstance(raw_rows, list) and isinstance(items, list):
        for number, raw in enumerate(raw_rows, start=1):
            line = row_lines[number - 1] if number - 1 < len(row_lines) else rows_line
            row, found = _parse_row(raw, number, line, len(items), source)
            problems += found
            if row is not None:
                rows.append(row)
    if problems:
        return None, problems
    return DecisionTable(source, str(checklist), str(page), reviewed, tuple(items), tuple(rows)), []


def _parse_row(raw: object, number: int, line: int, width: int, source: str) -> tuple[Row | None, list[str]]:
    where = f"{source}:{line}: row {number}"
    if not isinstance(raw, Mapping):
        return None, [f"{where} must be a mapping with {', '.join(ROW_KEYS)}"]
    problems = [f"{where}: unknown key '{key}' (allowed: {', '.join(ROW_KEYS)})" for key in raw if key not in ROW_KEYS]
    when = raw.get("when")
    marks = tuple(str(when).split()) if isinstance(when, str) else ()
    if len(marks) == 1 and width > 1:
        marks = tuple(marks[0])
    if len(marks) != width or any(mark not in MARKS for mark in marks):
        problems.append(f"{where}: 'when' must be {width} marks of Y, N or -, one per item (got {when!r})")
    answer = raw.get("answer")
    if not is_valid_id(answer):
        problems.append(f"{where}: 'answer' must be an outcome id")
    why = raw.get("why")
    if not isinstance(why, str) or not why.strip():
        problems.append(f"{where}: 'why' must give the reason in a few words")
    if problems:
        return None, problems
    return Row(marks, str(answer), str(why).strip(), line), []


def table_problems(table: DecisionTable) -> list[str]:
    """Rows that overlap, and states no row covers: each state must have exactly one row."""
    problems: list[str] = []
    owner: dict[frozenset[str], Row] = {}
    for row in table.rows:
        clashes: dict[int, frozenset[str]] = {}
        for state in row.states(table.items):
            first = owner.setdefault(state, row)
            if first is not row:
                clashes.setdefault(first.line, state)
        for line, state in sorted(clashes.items()):
            problems.append(
                f"{table.source}:{row.line}: this row and the row on line {line} both cover {table.pattern(state)}"
            )
    missing = [state for step in range(2 ** len(table.items)) if (state := _state(table.items, step)) not in owner]
    if missing:
        shown = "; ".join(table.pattern(state) for state in missing[:EXAMPLES])
        more = f" and {len(missing) - EXAMPLES} more" if len(missing) > EXAMPLES else ""
        problems.append(f"{table.source}:1: {len(missing)} states have no row: {shown}{more}")
    return problems


def _state(items: Sequence[str], step: int) -> frozenset[str]:
    return frozenset(item for bit, item in enumerate(items) if step >> bit & 1)


def checklist_problems(
    table: DecisionTable, items: Sequence[str], answers: Collection[str], notes: Collection[str] = ()
) -> list[str]:
    """Whether the table fits its checklist: the same items, and answers that are answer outcomes of it."""
    problems: list[str] = []
    if set(table.items) != set(items):
        missing = [item for item in items if item not in table.items]
        extra = [item for item in table.items if item not in items]
        detail = "; ".join(
            part
            for part in (
                f"missing {', '.join(missing)}" if missing else "",
                f"not in the checklist: {', '.join(extra)}" if extra else "",
            )
            if part
        )
        problems.append(f"{table.source}:1: 'items' must be every item of '{table.checklist}' ({detail})")
    for row in table.rows:
        if row.answer in notes:
            problems.append(f"{table.source}:{row.line}: '{row.answer}' is a note (kind: note), never the answer")
        elif row.answer not in answers:
            known = ", ".join(answers) or "none"
            where = f"{table.source}:{row.line}"
            problems.append(f"{where}: '{row.answer}' is not an outcome of '{table.checklist}' (outcomes: {known})")
    return problems
