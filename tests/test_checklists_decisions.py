"""Decision tables as pure data: parsing, overlaps, gaps, and fit with the checklist (no browser)."""

from __future__ import annotations

import datetime
import itertools

import pytest

from guidekit.checklists.decisions import checklist_problems, parse_table, table_problems
from guidekit.checklists.model import all_states

HEAD = "checklist: demo\npage: demo.md\nreviewed: 2026-12-01\nitems: [red-flag, fever, new]\nrows:\n"
# Line 6 onwards are the rows.
GOOD_ROWS = (
    '  - {when: "Y - -", answer: emergency, why: Red flags first.}\n'
    '  - {when: "N Y -", answer: same-day, why: Fever needs a doctor today.}\n'
    '  - {when: "N N Y", answer: call-team, why: A new symptom needs the team.}\n'
    '  - {when: "N N N", answer: start, why: Nothing ticked.}\n'
)
ANSWERS = ["emergency", "same-day", "call-team", "start"]

VALID = {
    "spaced": HEAD + GOOD_ROWS,
    "unspaced marks": HEAD + GOOD_ROWS.replace('"Y - -"', '"Y--"'),
    "block rows": HEAD
    + "  - when: Y - -\n    answer: emergency\n    why: Red flags first.\n"
    + GOOD_ROWS.split("\n", 1)[1],
    "one row covers all": HEAD + '  - {when: "- - -", answer: start, why: Anything.}\n',
}


@pytest.mark.parametrize("text", VALID.values(), ids=VALID.keys())
def test_valid_tables(text: str) -> None:
    table, problems = parse_table(text, "decisions/demo.yml")
    assert problems == []
    assert table is not None
    assert table.reviewed == datetime.date(2026, 12, 1)
    assert table_problems(table) == []
    assert checklist_problems(table, ["red-flag", "fever", "new"], ANSWERS) == []
    assert len(table.answers()) == 8


def test_answers_and_lines() -> None:
    table, _ = parse_table(HEAD + GOOD_ROWS, "decisions/demo.yml")
    assert table is not None
    assert [row.line for row in table.rows] == [6, 7, 8, 9]
    answers = table.answers()
    assert answers[frozenset()] == "start"
    assert answers[frozenset({"red-flag", "fever"})] == "emergency"
    assert answers[frozenset({"fever", "new"})] == "same-day"
    assert answers[frozenset({"new"})] == "call-team"
    assert table.pattern({"fever"}) == "N Y N"


INVALID = {
    "overlap": (
        HEAD + GOOD_ROWS + '  - {when: "- Y -", answer: same-day, why: Again.}\n',
        ["decisions/demo.yml:10: this row and the row on line 6 both cover Y Y N",
         "decisions/demo.yml:10: this row and the row on line 7 both cover N Y N"],
    ),
    "gap": (
        HEAD + GOOD_ROWS.replace('  - {when: "N N N", answer: start, why: Nothing ticked.}\n', ""),
        ["decisions/demo.yml:1: 1 states have no row: N N N"],
    ),
    "many gaps": (
        HEAD + '  - {when: "Y - -", answer: emergency, why: Red flags first.}\n',
        ["decisions/demo.yml:1: 4 states have no row: N N N; N Y N; N N Y and 1 more"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", INVALID)
def test_overlaps_and_gaps(name: str) -> None:
    text, expected = INVALID[name]
    table, problems = parse_table(text, "decisions/demo.yml")
    assert problems == [] and table is not None
    assert table_problems(table) == expected


UNREADABLE = {
    "not yaml": ("rows: [\n", "decisions/demo.yml:2: not valid YAML"),
    "not a mapping": ("- a\n", "decisions/demo.yml:1: a decision table is a mapping"),
    "missing key": (HEAD.replace("reviewed: 2026-12-01\n", "") + GOOD_ROWS, "decisions/demo.yml:1: missing 'reviewed'"),
    "unknown key": ("colour: red\n" + HEAD + GOOD_ROWS, "decisions/demo.yml:1: unknown key 'colour'"),
    "bad date": (HEAD.replace("2026-12-01", "soon") + GOOD_ROWS, "decisions/demo.yml:1: 'reviewed' must be a date"),
    "bad page": (HEAD.replace("demo.md", "demo") + GOOD_ROWS, "decisions/demo.yml:1: 'page' must be the page's path"),
    "short pattern": (
        HEAD + GOOD_ROWS.replace('"N N N"', '"N N"'),
        "decisions/demo.yml:9: row 4: 'when' must be 3 marks of Y, N or -, one per item (got 'N N')",
    ),
    "bad mark": (HEAD + GOOD_ROWS.replace('"N N Y"', '"N N X"'), "decisions/demo.yml:8: row 3: 'when' must be 3 marks"),
    "no why": (
        HEAD + GOOD_ROWS.replace(", why: Nothing ticked.", ""),
        "decisions/demo.yml:9: row 4: 'why' must give the reason",
    ),
    "bad answer": (
        HEAD + GOOD_ROWS.replace("answer: start", "answer: Start!"),
        "decisions/demo.yml:9: row 4: 'answer'",
    ),
    "unknown row key": (
        HEAD + GOOD_ROWS.replace("why: Nothing ticked.", "why: Nothing ticked., note: x"),
        "decisions/demo.yml:9: row 4: unknown key 'note'",
    ),
    "repeated item": (HEAD.replace("fever, new", "fever, fever") + GOOD_ROWS, "decisions/demo.yml:1: 'items' names"),
    "too many items": (
        HEAD.replace("[red-flag, fever, new]", "[" + ", ".join(f"i{n}" for n in range(11)) + "]")
        + '  - {when: "- - - - - - - - - - -", answer: start, why: Any.}\n',
        "decisions/demo.yml:1: 11 items: a checklist with outcomes keeps to 10 or fewer",
    ),
    "no rows": (HEAD + "  []\n", "decisions/demo.yml:5: 'rows' must be a list"),
}


@pytest.mark.parametrize("name", UNREADABLE)
def test_unreadable_tables_name_file_and_line(name: str) -> None:
    text, start = UNREADABLE[name]
    table, problems = parse_table(text, "decisions/demo.yml")
    assert table is None
    assert len(problems) == 1 and problems[0].startswith(start), problems


MISFITS = {
    "missing item": (
        ["red-flag", "fever", "new", "heat"], ANSWERS, [],
        ["decisions/demo.yml:1: 'items' must be every item of 'demo' (missing heat)"],
    ),
    "extra item": (
        ["red-flag", "fever"], ANSWERS, [],
        ["decisions/demo.yml:1: 'items' must be every item of 'demo' (not in the checklist: new)"],
    ),
    "unknown answer": (
        ["red-flag", "fever", "new"], ["emergency", "same-day", "call-team"], [],
        ["decisions/demo.yml:9: 'start' is not an outcome of 'demo' (outcomes: emergency, same-day, call-team)"],
    ),
    "note as answer": (
        ["red-flag", "fever", "new"], ["emergency", "same-day", "start"], ["call-team"],
        ["decisions/demo.yml:8: 'call-team' is a note (kind: note), never the answer"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", MISFITS)
def test_table_must_fit_its_checklist(name: str) -> None:
    items, answers, notes, expected = MISFITS[name]
    table, _ = parse_table(HEAD + GOOD_ROWS, "decisions/demo.yml")
    assert table is not None
    assert checklist_problems(table, items, answers, notes) == expected


def test_gray_code_changes_one_item_per_step_and_visits_every_state() -> None:
    items = ["a", "b", "c", "d"]
    states = list(all_states(items))
    assert len(states) == len(set(states)) == 16
    assert states[0] == frozenset()
    assert all(len(before ^ after) == 1 for before, after in itertools.pairwise(states))
