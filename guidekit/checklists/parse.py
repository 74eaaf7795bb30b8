"""Parse a checklist block (title, YAML options, Markdown body) into the model, collecting problems."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from .errors import Problem
from .model import (
    ANSWER_MODES,
    OUTCOME_KINDS,
    OUTCOME_TYPES,
    Checklist,
    Condition,
    Item,
    Outcome,
    is_valid_id,
    slugify,
    unanswered_state,
)

# A top-level list item: the marker sits in column 0 or 1, so anything indented
# two or more spaces belongs to the item above (help text, nested lists).
RE_LIST_ITEM = re.compile(r"^ ?(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?P<rest>.*))?$")
RE_TASK = re.compile(r"^\[(?P<mark>[ xX])\](?:[ \t]+(?P<text>.*))?$")
RE_NESTED_TASK = re.compile(r"^[ \t]+[-*+][ \t]+\[[ xX]\](?:[ \t]|$)")
RE_ITEM_ID = re.compile(r"[ \t]*\{:?[ \t]*#(?P<id>[^\s{}]*)[ \t]*\}[ \t]*$")
RE_COUNT = re.compile(r"^\s*(?P<op>>=|<=|==|>|<)?\s*(?P<n>\d+)\s*$")

OPTIONS = ("id", "answer", "daily", "outcomes")
OUTCOME_KEYS = ("id", "kind", "when", "message", "type", "title")
# The completeness check walks 2^n combinations of the items that answer conditions name.
MAX_NAMED_ITEMS = 16
CLAUSES = ("all", "any", "unticked", "count")


@dataclass
class _RawItem:
    mark: str
    label: list[str]
    help: list[str] = field(default_factory=list)
    in_label: bool = True


def parse_body(text: str) -> tuple[str, list[Item], list[Problem]]:
    """Split a block body into intro Markdown and items; the body is the Markdown between the header and ///."""
    intro: list[str] = []
    raw: list[_RawItem] = []
    problems: list[Problem] = []
    stray_reported = False
    for line in text.split("\n"):
        match = RE_LIST_ITEM.match(line)
        if match:
            task = RE_TASK.match(match.group("rest") or "")
            if task is None:
                problems.append(Problem(f"item {len(raw) + 1} has no box: write it as '- [ ] text'", item=len(raw)))
                raw.append(_RawItem(" ", [match.group("rest") or ""]))
            else:
                raw.append(_RawItem(task.group("mark"), [task.group("text") or ""]))
        elif not raw:
            intro.append(line)
        elif not line.strip():
            raw[-1].in_label = False
            raw[-1].help.append("")
        elif raw[-1].in_label:
            # A wrapped line continues the label, as in any Markdown paragraph.
            raw[-1].label.append(line.strip())
        elif line.startswith("  "):
            raw[-1].help.append(line)
        elif not stray_reported:
            stray_reported = True
            problems.append(
                Problem(
                    f"text after item {len(raw)} is not indented: indent it to make it help text, "
                    "or move it below the closing ///",
                    item=len(raw) - 1,
                )
            )
    items, item_problems = _build_items(raw)
    return "\n".join(intro).strip("\n"), items, problems + item_problems


def _build_items(raw: list[_RawItem]) -> tuple[list[Item], list[Problem]]:
    items: list[Item] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(raw):
        number = index + 1
        label = " ".join(part for part in entry.label if part)
        explicit = RE_ITEM_ID.search(label)
        if explicit:
            label = label[: explicit.start()].rstrip()
        help_text = textwrap.dedent("\n".join(entry.help)).strip("\n")
        if entry.mark != " ":
            message = f"item {number} is ticked in the source: write '- [ ]', readers tick it"
            problems.append(Problem(message, item=index))
        if not label:
            problems.append(Problem(f"item {number} has no text", item=index))
        if any(RE_NESTED_TASK.match(line) for line in entry.help):
            problems.append(Problem(f"item {number} has a nested box: make it an item of its own", item=index))
        if explicit:
            item_id = explicit.group("id")
            if not is_valid_id(item_id):
                problems.append(
                    Problem(
                        f"item {number} has an invalid id '{item_id}': use lowercase letters, digits and hyphens",
                        item=index,
                    )
                )
        else:
            item_id = slugify(label, fallback=f"item-{number}")
        if item_id in seen:
            problems.append(
                Problem(
                    f"items {seen[item_id] + 1} and {number} have the same id '{item_id}': "
                    "give one of them its own id with {#another-id}",
                    item=index,
                )
            )
        seen.setdefault(item_id, index)
        items.append(Item(id=item_id, label=label, help=help_text))
    return items, problems


def parse_condition(raw: object, number: int) -> tuple[Condition | None, list[Problem]]:
    """Read an outcome's `when:` mapping; `number` is the outcome's 1-based position, for messages."""
    index = number - 1
    if not isinstance(raw, Mapping):
        allowed = ", ".join(CLAUSES)
        return None, [
            Problem(
                f"outcome {number}: 'when' must map a condition ({allowed}) to items, or be {{}} to match always",
                outcome=index,
            )
        ]
    lists: dict[str, tuple[str, ...]] = {}
    bounds: tuple[int | None, int | None] = (None, None)
    problems: list[Problem] = []
    for key, value in raw.items():
        if key not in CLAUSES:
            allowed = ", ".join(CLAUSES)
            problems.append(Problem(f"outcome {number}: unknown condition '{key}' (allowed: {allowed})", outcome=index))
        elif key == "count":
            parsed = _parse_count(value)
            if parsed is None:
                problems.append(
                    Problem(f"outcome {number}: count must be a number or a comparison like '>= 3'", outcome=index)
                )
            else:
                bounds = parsed
        else:
            ids = [value] if isinstance(value, str) else value
            if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
                problems.append(Problem(f"outcome {number}: '{key}' needs a list of item ids", outcome=index))
            else:
                lists[key] = tuple(ids)
    if problems:
        return None, problems
    return Condition(min=bounds[0], max=bounds[1], **lists), []


def _parse_count(value: object) -> tuple[int | None, int | None] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value, value) if value >= 0 else None
    match = RE_COUNT.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    n, op = int(match.group("n")), match.group("op") or "=="
    return {
        "==": (n, n),
        ">=": (n, None),
        ">": (n + 1, None),
        "<=": (None, n),
        "<": (None, n - 1) if n > 0 else None,
    }.get(op)


def parse_outcome(raw: object, number: int) -> tuple[Outcome | None, list[Problem]]:
    """Read one entry of `outcomes:`; `number` is its 1-based position."""
    index = number - 1
    if not isinstance(raw, Mapping):
        return None, [Problem(f"outcome {number} must be a mapping with 'when' and 'message'", outcome=index)]
    problems = [
        Problem(f"outcome {number}: unknown key '{key}' (allowed: {', '.join(OUTCOME_KEYS)})", outcome=index)
        for key in raw
        if key not in OUTCOME_KEYS
    ]
    condition = None
    if "when" not in raw:
        problems.append(Problem(f"outcome {number} has no 'when'", outcome=index))
    else:
        condition, condition_problems = parse_condition(raw["when"], number)
        problems += condition_problems
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        problems.append(Problem(f"outcome {number} has no 'message'", outcome=index))
    kind = raw.get("type", "info")
    if kind not in OUTCOME_TYPES:
        allowed = ", ".join(OUTCOME_TYPES)
        problems.append(Problem(f"outcome {number}: unknown type '{kind}' (allowed: {allowed})", outcome=index))
    title = raw.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(Problem(f"outcome {number}: 'title' must be text", outcome=index))
    outcome_id = raw.get("id")
    if outcome_id is not None and not is_valid_id(outcome_id):
        problems.append(
            Problem(
                f"outcome {number} has an invalid id '{outcome_id}': use lowercase letters, digits and hyphens",
                outcome=index,
            )
        )
    role = raw.get("kind", "answer")
    if role not in OUTCOME_KINDS:
        allowed = ", ".join(OUTCOME_KINDS)
        problems.append(Problem(f"outcome {number}: unknown kind '{role}' (allowed: {allowed})", outcome=index))
    if problems or condition is None:
        return None, problems
    return Outcome(
        when=condition,
        message=str(message).strip(),
        type=str(kind),
        title=title,
        id=None if outcome_id is None else str(outcome_id),
        kind=str(role),
    ), []


def build_checklist(
    title: str | None, options: Mapping[str, object], body: str
) -> tuple[Checklist | None, list[Problem]]:
    """Validate a whole block; return the checklist, or None and every problem found."""
    problems = [
        Problem(f"unknown checklist option '{key}' (allowed: {', '.join(OPTIONS)})", option=str(key))
        for key in options
        if key not in OPTIONS
    ]
    title = (title or "").strip()
    if not title:
        problems.append(Problem("checklist has no title: write '/// checklist | Your title'"))
    checklist_id = options.get("id")
    suggestion = slugify(title, fallback="my-checklist")
    if checklist_id is None:
        problems.append(Problem(f"checklist has no id: add 'id: {suggestion}' under the /// checklist line"))
    elif not is_valid_id(checklist_id):
        problems.append(
            Problem(
                f"checklist id '{checklist_id}' is not valid: use lowercase letters, digits and hyphens, "
                f"e.g. '{suggestion}'",
                option="id",
            )
        )
    intro, items, body_problems = parse_body(body)
    problems += body_problems
    if not items:
        problems.append(Problem("checklist has no items: write each item as '- [ ] text'"))
    item_ids = {item.id for item in items}
    outcomes, outcome_problems = _parse_outcomes(options.get("outcomes", []), item_ids)
    problems += outcome_problems
    answer, answer_problems = _parse_answer(options.get("answer"), outcomes, "outcomes" in options)
    problems += answer_problems
    daily, daily_problems = _parse_daily(options.get("daily", []), item_ids)
    problems += daily_problems
    if problems:
        return None, problems
    checklist = Checklist(
        id=str(checklist_id),
        title=title,
        items=tuple(items),
        outcomes=tuple(outcomes),
        intro=intro,
        answer=answer,
        daily=daily,
    )
    return (checklist, []) if answer is None else (checklist, _check_complete(checklist))


def _parse_answer(raw: object, outcomes: list[Outcome], has_outcomes: bool) -> tuple[str | None, list[Problem]]:
    """`answer: first`: every outcome needs an id, and some outcome must be able to be the answer."""
    if raw is None:
        return None, []
    if raw not in ANSWER_MODES:
        allowed = ", ".join(ANSWER_MODES)
        return None, [Problem(f"unknown answer mode '{raw}' (allowed: {allowed})", option="answer")]
    problems = [
        Problem(
            f"outcome {number} has no id: 'answer: first' needs one, e.g. 'id: {_suggest(outcome)}'",
            outcome=number - 1,
        )
        for number, outcome in enumerate(outcomes, start=1)
        if outcome.id is None
    ]
    if has_outcomes and outcomes and not any(outcome.is_answer for outcome in outcomes):
        problems.append(Problem("'answer: first' needs at least one outcome that is not 'kind: note'", option="answer"))
    elif not has_outcomes:
        problems.append(Problem("'answer: first' needs outcomes: add 'outcomes:' with one answer per state"))
    return str(raw), problems


def _suggest(outcome: Outcome) -> str:
    return slugify(outcome.title or outcome.message, fallback="my-answer")


def _parse_daily(raw: object, item_ids: set[str]) -> tuple[tuple[str, ...], list[Problem]]:
    """`daily: [item-id, ...]`: items whose ticks clear on the reader's next calendar day."""
    ids = [raw] if isinstance(raw, str) else raw
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        return (), [Problem("'daily' must be a list of item ids, e.g. 'daily: [took-tablets]'", option="daily")]
    known = ", ".join(sorted(item_ids)) or "none"
    problems = [
        Problem(f"'daily' names unknown item '{item}' (items: {known})", option="daily")
        for item in dict.fromkeys(ids)
        if item not in item_ids
    ]
    return tuple(dict.fromkeys(ids)), problems


def _check_complete(checklist: Checklist) -> list[Problem]:
    """Every state of the items must have an answer; the error shows one state that has none."""
    named = {item for o in checklist.outcomes if o.is_answer for item in o.when.items()}
    if len(named) > MAX_NAMED_ITEMS:
        return [
            Problem(
                f"answer conditions name {len(named)} items; at most {MAX_NAMED_ITEMS} can be checked "
                "for an answer in every state: split the checklist",
                option="answer",
            )
        ]
    state = unanswered_state(checklist)
    if state is None:
        return []
    ticked = [item.id for item in checklist.items if item.id in state]
    example = "nothing ticked" if not ticked else "only " + ", ".join(ticked) + " ticked"
    return [
        Problem(
            f"not every state has an answer: with {example}, no answer outcome matches. "
            "Add an outcome for it, or a last catch-all: '- id: otherwise' with 'when: {}'",
            option="answer",
        )
    ]


def _parse_outcomes(raw: object, item_ids: set[str]) -> tuple[list[Outcome], list[Problem]]:
    if not isinstance(raw, list):
        return [], [Problem("'outcomes' must be a list; start each outcome with '- when:'", option="outcomes")]
    outcomes: list[Outcome] = []
    problems: list[Problem] = []
    known = ", ".join(sorted(item_ids)) or "none"
    ids: dict[str, int] = {}
    for number, entry in enumerate(raw, start=1):
        outcome, found = parse_outcome(entry, number)
        problems += found
        if outcome is None:
            continue
        if outcome.id is not None:
            if outcome.id in ids:
                problems.append(
                    Problem(
                        f"outcomes {ids[outcome.id]} and {number} have the same id '{outcome.id}'",
                        outcome=number - 1,
                    )
                )
            ids.setdefault(outcome.id, number)
        problems += [
            Problem(f"outcome {number} refers to unknown item '{item}' (items: {known})", outcome=number - 1)
            for item in dict.fromkeys(outcome.when.items())
            if item not in item_ids
        ]
        if item_ids and outcome.when.min is not None and outcome.when.min > len(item_ids):
            problems.append(
                Problem(
                    f"outcome {number} can never show: it needs {outcome.when.min} ticks "
                    f"but the checklist has {len(item_ids)} items",
                    outcome=number - 1,
                )
            )
        outcomes.append(outcome)
    return outcomes, problems
