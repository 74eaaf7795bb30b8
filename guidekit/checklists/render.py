"""Render a checklist (or its errors) as an element tree; the JavaScript reads the data-* contract.

The DOM contract, read by docs/javascripts/checklists.js:

- ``[data-checklist]`` on the root: the checklist id; ``data-checklist-version``
  the items' hash; ``data-checklist-strings`` the script's UI strings (JSON).
- ``input[data-checklist-item]``: one native checkbox per item (value = item id).
- ``[data-checklist-progress]``: the role=status progress line, empty until the script runs.
- ``[data-checklist-when]``: each outcome, ``hidden`` until its condition (JSON) holds;
  ``data-gk-outcome`` its id (when it has one), ``data-gk-kind="note"`` on notes.

With ``answer: first`` (``data-checklist-mode="first"`` on the root):

- ``[data-checklist-result]``: the result panel (sticky at the bottom of the
  checklist), holding ``[data-checklist-answer]``, the role=status slot the
  script moves *the* answer into; that outcome then carries ``data-gk-answer``.
- ``[data-checklist-notes]``: the matching ``kind: note`` outcomes, visibly secondary.
- ``[data-checklist-pool]``: where outcomes wait, hidden, until they match.
- ``[data-checklist-rules]``: "What your answers mean", the rules in words, for
  readers without JavaScript; the script hides it.
- ``data-checklist-daily`` on the root: the JSON list of items whose ticks
  clear on the reader's next calendar day.
- ``[data-checklist-redflags]``: a red-flag line the Print button prints when
  the page has no ``#red-flags`` box.
- ``[data-checklist-action=reset|undo|print|copy]`` inside ``[data-checklist-actions]``.
- ``[data-checklist-message]``, ``[data-checklist-privacy]``, ``[data-checklist-storage-notice]``,
  ``[data-checklist-summary]``: status line, privacy line, storage notice, copy fallback.

Everything the script needs is ``hidden`` in the HTML, so without JavaScript
the reader gets a plain list of empty boxes that prints well.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree
from collections.abc import Callable, Sequence
from typing import Any

from markdown.util import AtomicString

from .errors import ChecklistError
from .model import Checklist, Item, Outcome
from .rules import rule_opening

#: Parses block-level Markdown into a parent element (the extension passes Markdown's own parser).
BlockParser = Callable[[etree.Element, str], None]


def _sub(parent: etree.Element, tag: str, text: str | None = None, **attrs: str) -> etree.Element:
    """A child element; `text` is literal (never parsed as Markdown); `class_` is class, `aria_live` aria-live."""
    el = etree.SubElement(parent, tag, {key.rstrip("_").replace("_", "-"): value for key, value in attrs.items()})
    if text is not None:
        el.text = AtomicString(text)
    return el


def _dom_id(checklist: Checklist, item: Item | None = None, suffix: str = "") -> str:
    # Prefixed so ids never clash with heading slugs such as "could-this-be-a-relapse".
    base = f"checklist-{checklist.id}"
    if item is not None:
        base += f"--{item.id}"
    return base + suffix


def render_checklist(el: etree.Element, checklist: Checklist, parse: BlockParser, strings: dict[str, Any]) -> None:
    """Turn the block's <div> into the checklist widget."""
    text = strings["html"]
    el.set("class", "checklist")
    el.set("id", _dom_id(checklist))
    el.set("data-checklist", checklist.id)
    el.set("data-checklist-version", checklist.version)
    el.set("data-checklist-strings", json.dumps(strings["script"], ensure_ascii=False, sort_keys=True))
    if checklist.answer:
        el.set("data-checklist-mode", checklist.answer)
        el.set("class", "checklist checklist--answer-first")
    if checklist.daily:
        el.set("data-checklist-daily", json.dumps(list(checklist.daily)))

    if checklist.answer == "first":
        # Printed first by the Print button when the page has no red-flag box of its own.
        _sub(el, "p", text["red_flags"], class_="checklist__redflags", data_checklist_redflags="", hidden="hidden")
    fieldset = _sub(el, "fieldset", class_="checklist__fieldset")
    legend = _sub(fieldset, "legend", class_="checklist__title")
    # The title may carry inline Markdown (abbreviations, emphasis), like an admonition title.
    legend.text = checklist.title
    if checklist.intro:
        parse(_sub(fieldset, "div", class_="checklist__intro"), checklist.intro)
    # When every line resets daily, say so once (under each line it read as clutter to
    # a PEMAT rater); each box still points at the one hint for screen readers.
    shared = _dom_id(checklist, suffix="-daily") if all_daily(checklist) else None
    if shared:
        _sub(fieldset, "p", text["daily_hint"], class_="checklist__daily", id=shared)
    items = _sub(fieldset, "ul", class_="checklist__items")
    for item in checklist.items:
        _render_item(items, checklist, item, parse, text if item.id in checklist.daily else None, shared)

    _sub(el, "p", class_="checklist__progress", role="status", data_checklist_progress="")
    if checklist.answer == "first":
        _render_answer_regions(el, checklist, parse, text)
    else:
        outcomes = _sub(el, "div", class_="checklist__outcomes", aria_live="polite", data_checklist_outcomes="")
        for outcome in checklist.outcomes:
            _render_outcome(outcomes, outcome, parse, text)

    actions = _sub(el, "div", class_="checklist__actions", data_checklist_actions="", hidden="hidden")
    for action in ("reset", "undo", "print", "copy"):
        button = _sub(
            actions, "button", text[action], type="button", class_="checklist__button", data_checklist_action=action
        )
        if action == "undo":
            button.set("hidden", "hidden")
    _sub(el, "p", class_="checklist__message", role="status", data_checklist_message="")
    _sub(el, "p", text["privacy"], class_="checklist__privacy", data_checklist_privacy="", hidden="hidden")
    notice = text["storage_blocked"]
    _sub(el, "p", notice, class_="checklist__notice", data_checklist_storage_notice="", hidden="hidden")
    summary = _sub(el, "div", class_="checklist__summary", data_checklist_summary="", hidden="hidden")
    _sub(summary, "label", text["summary_label"], for_=_dom_id(checklist, suffix="-summary"))
    _sub(summary, "textarea", "", id=_dom_id(checklist, suffix="-summary"), rows="10", readonly="readonly")
    # Paper only: a clinic may want to know who filled it in, and when.
    sign = _sub(el, "div", class_="checklist__sign")
    for key in ("print_name", "print_date"):
        _sub(sign, "p", f"{text[key]}: ")


def all_daily(checklist: Checklist) -> bool:
    """Every line of the checklist clears itself each day."""
    return bool(checklist.items) and all(item.id in checklist.daily for item in checklist.items)


def _render_item(
    parent: etree.Element,
    checklist: Checklist,
    item: Item,
    parse: BlockParser,
    daily: dict[str, Any] | None,
    shared_daily: str | None = None,
) -> None:
    li = _sub(parent, "li", class_="checklist__item")
    box_id = _dom_id(checklist, item)
    box = _sub(
        li,
        "input",
        type="checkbox",
        class_="checklist__box",
        id=box_id,
        name=_dom_id(checklist),
        value=item.id,
        autocomplete="off",
        data_checklist_item=item.id,
    )
    label = _sub(li, "label", class_="checklist__label", for_=box_id)
    label.text = item.label
    described: list[str] = []
    if item.help:
        described.append(_dom_id(checklist, item, "-help"))
        parse(_sub(li, "div", class_="checklist__help", id=described[-1]), item.help)
    if daily is not None and shared_daily:
        described.append(shared_daily)
    elif daily is not None:
        described.append(_dom_id(checklist, item, "-daily"))
        _sub(li, "p", daily["daily_hint"], class_="checklist__daily", id=described[-1])
    if described:
        box.set("aria-describedby", " ".join(described))


def _render_answer_regions(el: etree.Element, checklist: Checklist, parse: BlockParser, text: dict[str, Any]) -> None:
    """The result panel and notes (filled by the script), the outcome pool, and the rules in words."""
    result = _sub(el, "div", class_="checklist__result", data_checklist_result="", hidden="hidden")
    heading_id = _dom_id(checklist, suffix="-answer")
    # A heading readers can jump back to (role, not <h3>, so it stays out of the page's table of contents).
    _sub(
        result,
        "p",
        text["answer_heading"],
        class_="checklist__result-heading",
        id=heading_id,
        role="heading",
        aria_level="3",
    )
    # role=status is polite and atomic: a new answer is read whole, an unchanged one not again.
    _sub(
        result,
        "div",
        class_="checklist__answer",
        role="status",
        aria_live="polite",
        aria_atomic="true",
        aria_labelledby=heading_id,
        data_checklist_answer="",
    )
    notes = _sub(el, "div", class_="checklist__notes", data_checklist_notes="", hidden="hidden")
    _sub(notes, "p", text["notes_heading"], class_="checklist__notes-heading")
    _sub(notes, "div", class_="checklist__notes-list", data_checklist_notes_list="")
    pool = _sub(el, "div", class_="checklist__pool", data_checklist_pool="", hidden="hidden")
    for outcome in checklist.outcomes:
        _render_outcome(pool, outcome, parse, text)
    _render_rules(el, checklist, parse, text)


def _render_rules(el: etree.Element, checklist: Checklist, parse: BlockParser, text: dict[str, Any]) -> None:
    """ "What your answers mean": every answer rule in order, then the notes, in words."""
    labels = {item.id: item.label for item in checklist.items}
    words = text["rule_words"]
    rules = _sub(el, "div", class_="checklist__rules", data_checklist_rules="")
    _sub(rules, "p", text["rules_heading"], class_="checklist__rules-heading", role="heading", aria_level="3")
    _sub(rules, "p", text["rules_intro"])
    answers = _sub(rules, "ol", class_="checklist__rules-list")
    for outcome in checklist.outcomes:
        if outcome.is_answer:
            _render_rule(answers, outcome, rule_opening(outcome.when, labels, words), parse, text)
    notes = [outcome for outcome in checklist.outcomes if not outcome.is_answer]
    if notes:
        _sub(rules, "p", text["rules_notes"])
        listing = _sub(rules, "ul", class_="checklist__rules-list")
        for outcome in notes:
            _render_rule(listing, outcome, rule_opening(outcome.when, labels, words), parse, text)


def _render_rule(
    parent: etree.Element, outcome: Outcome, opening: str, parse: BlockParser, text: dict[str, Any]
) -> None:
    li = _sub(parent, "li", class_="checklist__rule", data_checklist_rule=outcome.id or "")
    when = _sub(li, "p", class_="checklist__rule-when")
    # Inline Markdown: the item labels inside the opening may carry links, emphasis, abbreviations.
    when.text = opening + " "
    strong = _sub(when, "strong")
    strong.text = outcome.title or text["outcome_titles"][outcome.type]
    parse(_sub(li, "div", class_="checklist__rule-message"), outcome.message)


def _render_outcome(parent: etree.Element, outcome: Outcome, parse: BlockParser, text: dict[str, Any]) -> None:
    when = json.dumps(outcome.when.to_json(), sort_keys=True)
    classes = f"admonition {outcome.type} checklist__outcome"
    if not outcome.is_answer:
        classes += " checklist__outcome--note"
    box = _sub(parent, "div", class_=classes, data_checklist_when=when, hidden="hidden")
    if outcome.id is not None:
        box.set("data-gk-outcome", outcome.id)
    if outcome.kind != "answer":
        box.set("data-gk-kind", outcome.kind)
    title = _sub(box, "p", class_="admonition-title", data_checklist_outcome_title="")
    title.text = outcome.title or text["outcome_titles"][outcome.type]
    parse(_sub(box, "div", class_="checklist__outcome-message", data_checklist_outcome_message=""), outcome.message)


def render_error(el: etree.Element, errors: Sequence[ChecklistError], source: str, strings: dict[str, Any]) -> None:
    """Turn the block's <div> into a visible error box listing each problem, followed by the block's source."""
    el.set("class", "admonition danger checklist-error")
    el.set("data-checklist-error", "")
    _sub(el, "p", strings["html"]["error_title"], class_="admonition-title")
    problems = _sub(el, "ul")
    for error in errors:
        _sub(problems, "li", str(error))
    _sub(_sub(el, "pre"), "code", source)
