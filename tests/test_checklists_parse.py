"""Pure functions of guidekit.checklists: parsing, conditions, ids, version hash, source lines."""

from __future__ import annotations

import pytest
from checklist_support import DEMO_BLOCK, DEMO_ITEMS, demo_checklist

from guidekit.checklists import Condition, Item, build_checklist, parse_body, parse_condition
from guidekit.checklists.model import slugify, version_hash
from guidekit.checklists.source import find_blocks
from guidekit.pagesource import body_offset as front_matter_lines

# --- conditions -------------------------------------------------------------------------------

VALID_CONDITIONS = [
    ({"all": ["a", "b"]}, Condition(all=("a", "b"))),
    ({"any": ["a"]}, Condition(any=("a",))),
    ({"unticked": "a"}, Condition(unticked=("a",))),
    ({"count": 0}, Condition(min=0, max=0)),
    ({"count": ">= 2"}, Condition(min=2)),
    ({"count": ">2"}, Condition(min=3)),
    ({"count": "<= 1"}, Condition(max=1)),
    ({"count": "< 2"}, Condition(max=1)),
    ({"count": "== 3"}, Condition(min=3, max=3)),
    ({"count": "4"}, Condition(min=4, max=4)),
    ({"all": ["a"], "unticked": ["b"], "count": ">= 1"}, Condition(all=("a",), unticked=("b",), min=1)),
    # The catch-all: matches every state.
    ({}, Condition()),
]


@pytest.mark.parametrize(("raw", "expected"), VALID_CONDITIONS)
def test_parse_condition(raw: dict, expected: Condition) -> None:
    assert parse_condition(raw, 1) == (expected, [])


INVALID_CONDITIONS = [
    ("all", "outcome 2: 'when' must map a condition (all, any, unticked, count) to items, or be {} to match always"),
    (None, "outcome 2: 'when' must map a condition (all, any, unticked, count) to items, or be {} to match always"),
    ({"every": ["a"]}, "outcome 2: unknown condition 'every' (allowed: all, any, unticked, count)"),
    ({"all": []}, "outcome 2: 'all' needs a list of item ids"),
    ({"any": [1]}, "outcome 2: 'any' needs a list of item ids"),
    ({"count": "lots"}, "outcome 2: count must be a number or a comparison like '>= 3'"),
    ({"count": -1}, "outcome 2: count must be a number or a comparison like '>= 3'"),
    ({"count": True}, "outcome 2: count must be a number or a comparison like '>= 3'"),
    ({"count": "< 0"}, "outcome 2: count must be a number or a comparison like '>= 3'"),
]


@pytest.mark.parametrize(("raw", "message"), INVALID_CONDITIONS)
def test_parse_condition_rejects(raw: object, message: str) -> None:
    condition, problems = parse_condition(raw, 2)
    assert condition is None
    assert [p.message for p in problems] == [message]
    assert problems[0].outcome == 1


MATCHES = [
    (Condition(all=("a", "b")), {"a", "b"}, True),
    (Condition(all=("a", "b")), {"a"}, False),
    (Condition(any=("a", "b")), {"b"}, True),
    (Condition(any=("a", "b")), set(), False),
    (Condition(unticked=("a",)), {"b"}, True),
    (Condition(unticked=("a",)), {"a", "b"}, False),
    (Condition(min=0, max=0), set(), True),
    (Condition(min=0, max=0), {"a"}, False),
    (Condition(min=2), {"a", "b"}, True),
    (Condition(max=1), {"a", "b"}, False),
    (Condition(any=("a",), unticked=("b",)), {"a"}, True),
    (Condition(any=("a",), unticked=("b",)), {"a", "b"}, False),
    (Condition(), set(), True),
    (Condition(), {"a", "b"}, True),
]


@pytest.mark.parametrize(("condition", "ticked", "expected"), MATCHES)
def test_condition_matches(condition: Condition, ticked: set[str], expected: bool) -> None:
    assert condition.matches(ticked) is expected


def test_condition_json_has_only_set_clauses() -> None:
    assert Condition(all=("a",), min=1).to_json() == {"all": ["a"], "min": 1}
    assert Condition(min=0, max=0).to_json() == {"min": 0, "max": 0}


def test_demo_outcomes() -> None:
    demo = demo_checklist()
    assert [o.type for o in demo.matching(set(DEMO_ITEMS))] == ["warning"]
    assert [o.type for o in demo.matching({"new-symptom"})] == ["danger"]
    assert [o.type for o in demo.matching(set())] == ["info"]
    assert demo.matching({"no-fever"}) == []


# --- body ---------------------------------------------------------------------------------------

BODIES = [
    ("- [ ] One\n- [ ] Two", "", [Item("one", "One"), Item("two", "Two")]),
    ("* [ ] Star {#s}\n+ [ ] Plus {: #p }", "", [Item("s", "Star"), Item("p", "Plus")]),
    ("Intro line.\n\n- [ ] One", "Intro line.", [Item("one", "One")]),
    ("- [ ] A long item that\n  wraps {#long}", "", [Item("long", "A long item that wraps")]),
    ("- [ ] Lazy\ncontinuation", "", [Item("lazy-continuation", "Lazy continuation")]),
    ("- [ ] One\n\n    Help.\n\n    More help.", "", [Item("one", "One", "Help.\n\nMore help.")]),
    ("- [ ] One\n\n    - a bullet\n    - another", "", [Item("one", "One", "- a bullet\n- another")]),
    ("- [ ] **Bold** and [a link](x.md)", "", [Item("bold-and-a-link", "**Bold** and [a link](x.md)")]),
    ("- [ ] Fièvre ≥ 38 °C", "", [Item("fievre-38-c", "Fièvre ≥ 38 °C")]),
    ("- [ ] ???", "", [Item("item-1", "???")]),
]


@pytest.mark.parametrize(("body", "intro", "items"), BODIES)
def test_parse_body(body: str, intro: str, items: list[Item]) -> None:
    assert parse_body(body) == (intro, items, [])


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("It has lasted more than 24 hours", "it-has-lasted-more-than-24-hours"),
        ("A" * 60, "a" * 48),
        ("one two three four five six seven eight nine ten eleven", "one-two-three-four-five-six-seven-eight-nine-ten"),
        ("`code` and _emphasis_", "code-and-emphasis"),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug
    assert len(slug) <= 48


def test_version_hash_tracks_item_texts_not_order_or_wrapping() -> None:
    a, b = Item("a", "First item"), Item("b", "Second item")
    base = version_hash([a, b])
    assert len(base) == 12
    assert version_hash([b, a]) == base
    assert version_hash([Item("a", "First   item"), b]) == base
    assert version_hash([Item("a", "First item, edited"), b]) != base
    assert version_hash([Item("c", "First item"), b]) != base
    assert version_hash([a]) != base


def test_build_checklist_collects_every_problem() -> None:
    checklist, problems = build_checklist("", {"colour": "red", "outcomes": "x"}, "no items here")
    assert checklist is None
    assert [p.message for p in problems] == [
        "unknown checklist option 'colour' (allowed: id, answer, daily, outcomes)",
        "checklist has no title: write '/// checklist | Your title'",
        "checklist has no id: add 'id: my-checklist' under the /// checklist line",
        "checklist has no items: write each item as '- [ ] text'",
        "'outcomes' must be a list; start each outcome with '- when:'",
    ]


# --- source lines -------------------------------------------------------------------------------


def test_find_blocks_locates_options_outcomes_and_items() -> None:
    lines = ("# Page\n\n" + DEMO_BLOCK).split("\n")
    [block] = find_blocks(lines)
    assert block.line == 3
    assert block.title == "Could this be a relapse?"
    assert block.options == {"id": 4, "outcomes": 5}
    assert block.outcomes == [6, 9, 13]
    assert [lines[n - 1][:12] for n in block.items] == [
        "- [ ] A new ",
        "- [ ] It has",
        "- [ ] At lea",
        "- [ ] No fev",
        "- [ ] No oth",
    ]


def test_find_blocks_skips_fenced_code_and_handles_nesting() -> None:
    text = (
        "```markdown\n/// checklist | In code\n```\n\n"
        "- A list item\n\n    /// checklist | Nested\n        id: nested\n    - [ ] One\n    ///\n"
    )
    [block] = find_blocks(text.split("\n"))
    assert (block.line, block.title, block.options, block.items) == (7, "Nested", {"id": 8}, [9])


@pytest.mark.parametrize(
    ("content", "markdown", "offset"),
    [
        ("# Title\n", "# Title\n", 0),
        ("---\ntitle: x\n---\n# Title\n", "# Title\n", 3),
        ("---\ntitle: x\n---\n\n\n# Title\n", "# Title\n", 5),
        ("changed by another hook", "# Title\n", 0),
    ],
)
def test_front_matter_lines(content: str, markdown: str, offset: int) -> None:
    assert front_matter_lines(content, markdown) == offset
