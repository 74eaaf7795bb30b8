"""Bad checklists fail the strict build, naming docs/PAGE.md:LINE, with a visible marker on the page.

One throwaway site holds a page per bad case, so the table costs one build;
each page must produce exactly its own warning.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from checklist_support import DEMO_ITEMS, DEMO_PAGES, build_site

# Front matter shifts every line by 4: the hook must count it (1-3 front matter, 4 blank).
FRONT = "---\ntitle: Case\n---\n\n# Case\n\n"

# name: (block, line in the file, message). Each block's header is on line 7.
BAD_CASES: dict[str, tuple[str, int, str]] = {
    "duplicate-id-on-page": (
        "/// checklist | First\n    id: same-on-page\n- [ ] One\n///\n\n"
        "/// checklist | Second\n    id: same-on-page\n- [ ] Two\n///\n",
        13,
        "duplicate checklist id 'same-on-page' (first used at docs/duplicate-id-on-page.md:8)",
    ),
    "missing-id": (
        "/// checklist | Could this be a relapse?\n- [ ] A new symptom\n///\n",
        7,
        "checklist has no id: add 'id: could-this-be-a-relapse' under the /// checklist line",
    ),
    "no-items": (
        "/// checklist | No items\n    id: no-items\nJust some text, and no boxes.\n///\n",
        7,
        "checklist has no items: write each item as '- [ ] text'",
    ),
    "empty-block": (
        "/// checklist | Empty\n    id: empty-block\n///\n",
        7,
        "checklist has no items: write each item as '- [ ] text'",
    ),
    "unknown-item-in-outcome": (
        "/// checklist | Outcome typo\n    id: outcome-typo\n    outcomes:\n"
        "      - when: {all: [new-symptom, no-fevr]}\n        message: See your MS team.\n"
        "- [ ] A new symptom {#new-symptom}\n- [ ] No fever {#no-fever}\n///\n",
        10,
        "outcome 1 refers to unknown item 'no-fevr' (items: new-symptom, no-fever)",
    ),
    "unknown-option": (
        "/// checklist | Colours\n    id: colours\n    colour: red\n- [ ] One\n///\n",
        9,
        "unknown checklist option 'colour' (allowed: id, answer, daily, outcomes)",
    ),
    "missing-title": (
        "/// checklist\n    id: no-title\n- [ ] One\n///\n",
        7,
        "checklist has no title: write '/// checklist | Your title'",
    ),
    "invalid-id": (
        "/// checklist | Bad id title\n    id: Bad Id\n- [ ] One\n///\n",
        8,
        "checklist id 'Bad Id' is not valid: use lowercase letters, digits and hyphens, e.g. 'bad-id-title'",
    ),
    "invalid-yaml": (
        "/// checklist | Broken options\n    id: [unclosed\n- [ ] One\n///\n",
        7,
        "checklist options are not valid YAML: indent each option 4 spaces under the header, as 'key: value'",
    ),
    "not-closed": (
        "/// checklist | Open ended\n    id: open-ended\n- [ ] One\n",
        7,
        "checklist is not closed: end it with a line of ///, and give any block around it more slashes (////)",
    ),
    "item-without-box": (
        "/// checklist | Boxes\n    id: boxes\n- [ ] One\n- Two\n///\n",
        10,
        "item 2 has no box: write it as '- [ ] text'",
    ),
    "item-ticked-in-source": (
        "/// checklist | Ticked\n    id: ticked\n- [x] One\n///\n",
        9,
        "item 1 is ticked in the source: write '- [ ]', readers tick it",
    ),
    "item-without-text": (
        "/// checklist | Blank\n    id: blank-item\n- [ ]\n///\n",
        9,
        "item 1 has no text",
    ),
    "duplicate-item-id": (
        "/// checklist | Twins\n    id: twins\n- [ ] Same text\n- [ ] Same text\n///\n",
        10,
        "items 1 and 2 have the same id 'same-text': give one of them its own id with {#another-id}",
    ),
    "invalid-item-id": (
        "/// checklist | Item ids\n    id: item-ids\n- [ ] One {#One!}\n///\n",
        9,
        "item 1 has an invalid id 'One!': use lowercase letters, digits and hyphens",
    ),
    "nested-box": (
        "/// checklist | Nested\n    id: nested\n- [ ] One\n\n    - [ ] Inner\n///\n",
        9,
        "item 1 has a nested box: make it an item of its own",
    ),
    "unindented-text-after-items": (
        "/// checklist | Stray\n    id: stray\n- [ ] One\n\nNot indented, so not help text.\n///\n",
        9,
        "text after item 1 is not indented: indent it to make it help text, or move it below the closing ///",
    ),
    "outcomes-not-a-list": (
        "/// checklist | Outcomes map\n    id: outcomes-map\n    outcomes: {when: {all: [one]}}\n- [ ] One\n///\n",
        9,
        "'outcomes' must be a list; start each outcome with '- when:'",
    ),
    "unknown-condition": (
        "/// checklist | Every\n    id: every\n    outcomes:\n      - when: {every: [one]}\n"
        "        message: Hello.\n- [ ] One\n///\n",
        10,
        "outcome 1: unknown condition 'every' (allowed: all, any, unticked, count)",
    ),
    "empty-condition-list": (
        "/// checklist | Empty list\n    id: empty-list\n    outcomes:\n      - when: {all: []}\n"
        "        message: Hello.\n- [ ] One\n///\n",
        10,
        "outcome 1: 'all' needs a list of item ids",
    ),
    "bad-count": (
        "/// checklist | Count\n    id: bad-count\n    outcomes:\n      - when: {count: lots}\n"
        "        message: Hello.\n- [ ] One\n///\n",
        10,
        "outcome 1: count must be a number or a comparison like '>= 3'",
    ),
    "impossible-count": (
        "/// checklist | Too many\n    id: too-many\n    outcomes:\n      - when: {count: '>= 3'}\n"
        "        message: Hello.\n- [ ] One\n- [ ] Two\n///\n",
        10,
        "outcome 1 can never show: it needs 3 ticks but the checklist has 2 items",
    ),
    "unknown-outcome-type": (
        "/// checklist | Type\n    id: outcome-type\n    outcomes:\n      - when: {all: [one]}\n"
        "        type: urgent\n        message: Hello.\n- [ ] One\n///\n",
        10,
        "outcome 1: unknown type 'urgent' (allowed: info, warning, danger)",
    ),
    "unknown-outcome-key": (
        "/// checklist | Key\n    id: outcome-key\n    outcomes:\n      - when: {all: [one]}\n"
        "        text: Hello.\n        message: Hello.\n- [ ] One\n///\n",
        10,
        "outcome 1: unknown key 'text' (allowed: id, kind, when, message, type, title)",
    ),
    "outcome-without-message": (
        "/// checklist | Silent\n    id: silent\n    outcomes:\n      - when: {all: [one]}\n- [ ] One\n///\n",
        10,
        "outcome 1 has no 'message'",
    ),
    # answer: first. Header on line 7, options from line 8.
    "answer-first-incomplete": (
        "/// checklist | Gaps\n    id: gaps\n    answer: first\n    outcomes:\n"
        "      - id: fever\n        when: {all: [fever]}\n        message: See a doctor today.\n"
        "      - id: start\n        when: {count: 0}\n        message: Tick what is true.\n"
        "- [ ] A new symptom {#new-symptom}\n- [ ] A fever {#fever}\n///\n",
        9,
        "not every state has an answer: with only new-symptom ticked, no answer outcome matches. "
        "Add an outcome for it, or a last catch-all: '- id: otherwise' with 'when: {}'",
    ),
    "answer-first-outcome-without-id": (
        "/// checklist | No ids\n    id: no-ids\n    answer: first\n    outcomes:\n"
        "      - id: fever\n        when: {all: [fever]}\n        message: See a doctor today.\n"
        "      - when: {}\n        title: Keep watching\n        message: Look again tomorrow.\n"
        "- [ ] A fever {#fever}\n///\n",
        14,
        "outcome 2 has no id: 'answer: first' needs one, e.g. 'id: keep-watching'",
    ),
    "answer-first-repeated-id": (
        "/// checklist | Twice\n    id: twice\n    answer: first\n    outcomes:\n"
        "      - id: same\n        when: {all: [fever]}\n        message: See a doctor today.\n"
        "      - id: same\n        when: {}\n        message: Look again tomorrow.\n"
        "- [ ] A fever {#fever}\n///\n",
        14,
        "outcomes 1 and 2 have the same id 'same'",
    ),
    "answer-first-only-notes": (
        "/// checklist | Notes\n    id: only-notes\n    answer: first\n    outcomes:\n"
        "      - id: diary\n        kind: note\n        when: {}\n        message: Keep a diary.\n"
        "- [ ] A fever {#fever}\n///\n",
        9,
        "'answer: first' needs at least one outcome that is not 'kind: note'",
    ),
    "unknown-answer-mode": (
        "/// checklist | Mode\n    id: mode\n    answer: all\n    outcomes:\n"
        "      - id: any\n        when: {}\n        message: Hello.\n- [ ] One\n///\n",
        9,
        "unknown answer mode 'all' (allowed: first)",
    ),
    "unknown-outcome-kind": (
        "/// checklist | Kind\n    id: kind\n    outcomes:\n"
        "      - when: {}\n        kind: aside\n        message: Hello.\n- [ ] One\n///\n",
        10,
        "outcome 1: unknown kind 'aside' (allowed: answer, note)",
    ),
    "daily-unknown-item": (
        "/// checklist | Daily\n    id: daily\n    daily: [took-tablet]\n"
        "- [ ] I took today's tablets {#took-tablets}\n///\n",
        9,
        "'daily' names unknown item 'took-tablet' (items: took-tablets)",
    ),
    "outcome-without-when": (
        "/// checklist | Always\n    id: always\n    outcomes:\n      - message: Hello.\n- [ ] One\n///\n",
        10,
        "outcome 1 has no 'when'",
    ),
}

RE_WARNING = re.compile(r"^WARNING\s+-\s+(?P<text>.*)$")


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str], Path]:
    """One strict build of a site with one page per bad case."""
    pages = {f"{name}.md": FRONT + block for name, (block, _, _) in BAD_CASES.items()}
    return build_site(tmp_path_factory.mktemp("bad"), pages)


def _warnings(lines: list[str]) -> list[str]:
    return [RE_WARNING.match(line).group("text") for line in lines if RE_WARNING.match(line)]


def test_bad_site_fails_with_one_warning_per_case(bad_build) -> None:
    code, warnings, _ = bad_build
    assert code != 0
    assert len(warnings) == len(BAD_CASES), "\n".join(warnings)


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_input_warning_names_file_and_line(bad_build, name: str) -> None:
    _, warnings, site = bad_build
    _, line, message = BAD_CASES[name]
    expected = f"docs/{name}.md:{line}: {message}"
    mine = [text for text in _warnings(warnings) if text.startswith(f"docs/{name}.md:")]
    assert mine == [expected]
    # The page still renders, with the problem visible where the checklist would be.
    page = (site / name / "index.html").read_text(encoding="utf-8")
    assert page.count("data-checklist-error") == 1
    assert expected in html.unescape(page)
    # Only the valid first block of the duplicate pair renders as a widget.
    assert page.count("data-checklist-version") == (1 if name == "duplicate-id-on-page" else 0)


def test_duplicate_id_across_pages(tmp_path) -> None:
    block = "/// checklist | Shared\n    id: shared\n- [ ] One\n///\n"
    code, warnings, _ = build_site(tmp_path, {"index.md": FRONT + block, "other.md": "# Other\n\n" + block})
    assert code != 0
    assert _warnings(warnings) == ["docs/other.md:4: duplicate checklist id 'shared' (first used at docs/index.md:8)"]


def test_demo_site_builds_cleanly(tmp_path) -> None:
    code, warnings, site = build_site(tmp_path, DEMO_PAGES)
    assert (code, warnings) == (0, [])
    page = (site / "index.html").read_text(encoding="utf-8")
    assert page.count('data-checklist="could-this-be-a-relapse"') == 1
    assert page.count('class="checklist__box"') == len(DEMO_ITEMS)
    assert page.count("data-checklist-when=") == 3
    # The abbreviation glossary reaches outcome messages too.
    assert '<abbr title="Multiple sclerosis">MS</abbr> team today' in page
    # Both assets are linked: the script through the one module loader, which imports checklists.js.
    assert '<script src="javascripts/loader.js" type="module"></script>' in page
    assert (site / "javascripts" / "checklists.js").is_file()
    # The checklist styles reach the page inside the one joined stylesheet (hooks/stylesheets.py).
    assert '<link rel="stylesheet" href="stylesheets/guide.css">' in page
    joined = (site / "stylesheets" / "guide.css").read_text(encoding="utf-8")
    assert "---- docs/stylesheets/checklists.css ----" in joined
