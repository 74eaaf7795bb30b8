"""The decision-table harness: read decisions/*.yml, find its checklist in a built site, walk every state in Chromium.

Used by tests/test_decisions_browser.py on the real site and on a throwaway
fixture site (which proves the harness fails when a page and a table differ).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from html_support import Node, parse_html

from guidekit.checklists import Condition
from guidekit.checklists.decisions import DecisionTable, checklist_problems, parse_table, table_problems
from guidekit.checklists.model import all_states

# One round trip per state: click the box that changes (if any), then read what the widget shows.
STEP = """([checklist, item]) => {
  const root = document.querySelector(`[data-checklist="${checklist}"]`);
  if (item) root.querySelector(`input[data-checklist-item="${item}"]`).click();
  const answers = [...root.querySelectorAll("[data-gk-answer]")];
  const shown = [...root.querySelectorAll("[data-gk-outcome]")].filter((el) => !el.hidden && el.offsetParent);
  return {
    ticked: [...root.querySelectorAll("input[data-checklist-item]")].filter((b) => b.checked).map((b) => b.value),
    answers: answers.map((el) => el.dataset.gkAnswer),
    visible: answers.length === 1 && answers[0].offsetParent !== null && answers[0].innerText.trim() !== "",
    first: shown.length ? shown[0].dataset.gkOutcome : null,
  };
}"""


@dataclass
class PageChecklist:
    """A checklist as the built HTML has it: items, answer and note outcome ids, and their conditions."""

    id: str
    page: str
    mode: str | None
    items: list[str]
    answers: list[str]
    notes: list[str]
    conditions: list[tuple[str, bool, Condition]]
    rules: int

    def first_answer(self, ticked: frozenset[str]) -> str | None:
        """The answer the rules give, worked out in Python from the page's own condition JSON."""
        return next((oid for oid, is_answer, c in self.conditions if is_answer and c.matches(ticked)), None)


def load_table(path: Path, repo: Path) -> tuple[DecisionTable | None, list[str]]:
    """A table and its own problems (parse errors, overlaps, gaps), named by its path in the repository."""
    source = path.relative_to(repo).as_posix()
    table, problems = parse_table(path.read_text(encoding="utf-8"), source)
    if table is None:
        return None, problems
    problems = table_problems(table)
    if table.checklist != path.stem:
        problems.append(f"{source}:1: 'checklist' is '{table.checklist}' but the file is named {path.name}")
    return table, problems


def page_url(page: str) -> str:
    """docs-relative page.md -> its URL path under the site root (directory URLs)."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _condition(data: dict) -> Condition:
    return Condition(
        all=tuple(data.get("all", ())),
        any=tuple(data.get("any", ())),
        unticked=tuple(data.get("unticked", ())),
        min=data.get("min"),
        max=data.get("max"),
    )


def _checklist(node: Node, page: str) -> PageChecklist:
    items = [n.attrs["data-checklist-item"] for n in node.iter() if "data-checklist-item" in n.attrs]
    conditions = []
    for n in node.iter():
        if "data-checklist-when" in n.attrs:
            is_answer = n.attrs.get("data-gk-kind", "answer") != "note"
            when = _condition(json.loads(n.attrs["data-checklist-when"]))
            conditions.append((n.attrs.get("data-gk-outcome", ""), is_answer, when))
    # The answer rules in words: the direct <li>s of the no-JS list's <ol>.
    lists = [n for n in node.iter() if n.tag == "ol" and "checklist__rules-list" in n.attrs.get("class", "")]
    rules = sum(1 for ol in lists for c in ol.children if isinstance(c, Node) and c.tag == "li")
    return PageChecklist(
        id=node.attrs["data-checklist"],
        page=page,
        mode=node.attrs.get("data-checklist-mode"),
        items=items,
        answers=[oid for oid, is_answer, _ in conditions if is_answer],
        notes=[oid for oid, is_answer, _ in conditions if not is_answer],
        conditions=conditions,
        rules=rules,
    )


def site_checklists(site: Path) -> dict[str, PageChecklist]:
    """Every checklist widget in a built site, by id (ids are unique site-wide: the build checks)."""
    found: dict[str, PageChecklist] = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if "data-checklist=" not in text:
            continue
        page = path.relative_to(site).parent.as_posix()
        for node in parse_html(text).iter():
            if node.tag == "div" and "data-checklist" in node.attrs:
                found[node.attrs["data-checklist"]] = _checklist(node, "" if page == "." else page + "/")
    return found


def fit_problems(table: DecisionTable, checklist: PageChecklist | None) -> list[str]:
    """The table against the page's checklist: same page, answer-first, same items, real answer ids,
    and, worked out in Python from the page's conditions, the same answer in every state."""
    if checklist is None:
        return [f"{table.source}:1: no checklist '{table.checklist}' in the built site"]
    problems = []
    if checklist.page != page_url(table.page):
        problems.append(f"{table.source}:1: the checklist is on '{checklist.page}', not on {table.page}")
    if checklist.mode != "first":
        problems.append(f"{table.source}:1: '{table.checklist}' must use 'answer: first'")
    problems += checklist_problems(table, checklist.items, checklist.answers, checklist.notes)
    if problems:
        return problems
    answers = table.answers()
    wrong = [
        f"{table.pattern(state)}: the rules answer {checklist.first_answer(state)}, the table {answers[state]}"
        for state in all_states(table.items)
        if checklist.first_answer(state) != answers[state]
    ]
    if wrong:
        problems.append(f"{table.source}: {len(wrong)} states differ: " + "; ".join(wrong[:5]))
    return problems


def walk(page: object, table: DecisionTable) -> tuple[int, list[str]]:
    """Visit every state in Gray-code order on an open page, one click per state; return (states, mismatches)."""
    answers = table.answers()
    previous: frozenset[str] = frozenset()
    walked = 0
    wrong: list[str] = []
    for state in all_states(table.items):
        [item] = previous ^ state or [None]
        seen = page.evaluate(STEP, [table.checklist, item])  # type: ignore[attr-defined]
        previous = state
        walked += 1
        expected = answers[state]
        if sorted(seen["ticked"]) != sorted(state):
            wrong.append(f"{table.pattern(state)}: the boxes show {seen['ticked']}")
        elif seen["answers"] != [expected] or not seen["visible"] or seen["first"] != expected:
            wrong.append(
                f"{table.pattern(state)}: expected {expected} shown first, page shows answer {seen['answers']} "
                f"(first shown: {seen['first']}, visible: {seen['visible']})"
            )
    return walked, wrong
