"""Answer-first mode as pure functions: the answer per state, completeness, and the rules in words."""

from __future__ import annotations

import textwrap

import pytest
import yaml
from checklist_support import LONG_ITEMS, long_checklist

from guidekit.checklists import Condition, build_checklist
from guidekit.checklists.model import all_states, unanswered_state
from guidekit.checklists.rules import rule_opening
from guidekit.checklists.strings import load_strings

BODY = "- [ ] A red flag {#red}\n- [ ] A fever {#fever}\n- [ ] A new symptom {#new}\n"


def _build(options: str):
    return build_checklist("Triage", yaml.safe_load(textwrap.dedent(options)), BODY)


COMPLETE = {
    "catch-all": """\
        id: t
        answer: first
        outcomes:
          - {id: emergency, when: {any: [red]}, message: Now.}
          - {id: otherwise, when: {}, message: Else.}
        """,
    "by count": """\
        id: t
        answer: first
        outcomes:
          - {id: none, when: {count: 0}, message: Start.}
          - {id: some, when: {count: ">= 1"}, message: Some.}
        """,
    "every branch": """\
        id: t
        answer: first
        outcomes:
          - {id: emergency, when: {any: [red]}, message: Now.}
          - {id: fever, when: {all: [fever]}, message: Today.}
          - {id: note, kind: note, when: {}, message: Diary.}
          - {id: new, when: {all: [new]}, message: Call.}
          - {id: start, when: {unticked: [red, fever, new]}, message: Start.}
        """,
}


@pytest.mark.parametrize("options", COMPLETE.values(), ids=COMPLETE.keys())
def test_complete_checklists_build(options: str) -> None:
    checklist, problems = _build(options)
    assert problems == []
    assert checklist is not None
    assert unanswered_state(checklist) is None
    for state in all_states([item.id for item in checklist.items]):
        answer, others = checklist.shown(state)
        assert answer is not None and answer.is_answer
        assert answer not in others


INCOMPLETE = {
    # (options, the state reported)
    "nothing ticked": (
        """\
        id: t
        answer: first
        outcomes:
          - {id: emergency, when: {any: [red]}, message: Now.}
        """,
        "nothing ticked",
    ),
    "a note is not an answer": (
        """\
        id: t
        answer: first
        outcomes:
          - {id: emergency, when: {any: [red]}, message: Now.}
          - {id: start, when: {count: 0}, message: Start.}
          - {id: diary, kind: note, when: {}, message: Diary.}
        """,
        "only fever ticked",
    ),
    "count with unnamed items": (
        """\
        id: t
        answer: first
        outcomes:
          - {id: emergency, when: {any: [red]}, message: Now.}
          - {id: start, when: {count: 0}, message: Start.}
          - {id: one, when: {count: 1}, message: One.}
        """,
        "only fever, new ticked",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", INCOMPLETE)
def test_incomplete_checklists_fail_with_an_example_state(name: str) -> None:
    options, example = INCOMPLETE[name]
    checklist, problems = _build(options)
    assert checklist is not None
    assert [p.message for p in problems] == [
        f"not every state has an answer: with {example}, no answer outcome matches. "
        "Add an outcome for it, or a last catch-all: '- id: otherwise' with 'when: {}'"
    ]
    assert problems[0].option == "answer"


def test_old_mode_has_no_answer_and_needs_no_ids() -> None:
    checklist, problems = _build("id: t\noutcomes:\n  - {when: {any: [red]}, message: Now.}\n")
    assert problems == [] and checklist is not None
    assert checklist.answer is None
    assert checklist.answer_for({"red"}) is None
    assert [o.message for o in checklist.matching({"red"})] == ["Now."]


def test_the_first_match_is_the_answer_and_the_rest_follow_in_order() -> None:
    checklist = long_checklist()
    answer, others = checklist.shown({"new-symptom", "fever"})
    assert answer is not None and answer.id == "fever-same-day"
    # Only notes sit beside the answer; later matching answers (too-soon, otherwise) would be mixed messages.
    assert [o.id for o in others] == ["note-diary"]
    assert checklist.answer_for(set()).id == "start"
    assert checklist.answer_for({"red-flag", "fever"}).id == "emergency"
    assert checklist.answer_for({"told-someone"}).id == "otherwise"
    assert checklist.daily == ("took-tablets",)
    assert len(list(all_states(LONG_ITEMS))) == 1024


WORDS = load_strings()["html"]["rule_words"]
LABELS = {"a": "Alpha", "b": "*Beta*", "c": "Gamma"}
RULES = [
    (Condition(all=("a",)), "If you ticked “Alpha”:"),
    (Condition(all=("a", "b", "c")), "If you ticked “Alpha”, “*Beta*” and “Gamma”:"),
    (Condition(any=("a", "b")), "If you ticked any of “Alpha” or “*Beta*”:"),
    (Condition(any=("a",)), "If you ticked “Alpha”:"),
    (Condition(unticked=("b", "c")), "If you did not tick “*Beta*” or “Gamma”:"),
    (Condition(all=("a",), unticked=("b",)), "If you ticked “Alpha”, and you did not tick “*Beta*”:"),
    (Condition(min=0, max=0), "If you ticked nothing:"),
    (Condition(min=2, max=2), "If you ticked exactly 2 lines:"),
    (Condition(min=2), "If you ticked 2 or more lines:"),
    (Condition(max=1), "If you ticked no more than 1 line:"),
    (Condition(min=1, max=1), "If you ticked exactly 1 line:"),
    (Condition(min=0, max=2), "If you ticked no more than 2 lines:"),
    (Condition(min=1, max=3), "If you ticked 1 to 3 lines:"),
    (Condition(), "In every other case:"),
]


@pytest.mark.parametrize(("condition", "words"), RULES)
def test_rules_in_words(condition: Condition, words: str) -> None:
    assert rule_opening(condition, LABELS, WORDS) == words


def _daily_html(daily: str) -> str:
    import markdown

    source = (
        "/// checklist | Today\n    id: today\n    answer: first\n"
        f"    daily: {daily}\n"
        "    outcomes:\n      - {id: otherwise, when: {}, message: Else.}\n\n"
        "- [ ] I took it {#took}\n- [ ] I checked {#checked}\n///\n"
    )
    return markdown.markdown(source, extensions=["guidekit.checklists", "attr_list"])


def test_a_checklist_that_resets_entirely_says_so_once() -> None:
    # A PEMAT rater read the same hint under every line as clutter (item 2).
    html = _daily_html("[took, checked]")
    assert html.count('class="checklist__daily"') == 1
    assert html.count('aria-describedby="checklist-today-daily"') == 2
    partly = _daily_html("[took]")
    assert partly.count('class="checklist__daily"') == 1
    assert 'aria-describedby="checklist-today--took-daily"' in partly
