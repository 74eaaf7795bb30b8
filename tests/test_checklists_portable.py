"""The extension on its own: plain Python-Markdown, no MkDocs; errors, and properties of the parser."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from html.parser import HTMLParser

import markdown
import pytest
from checklist_support import DEMO_BLOCK, DEMO_ITEMS
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidekit.checklists import ChecklistError, CollectingReporter, build_checklist

SCRIPT = """
import sys, markdown
html = markdown.markdown(sys.stdin.read(), extensions=["guidekit.checklists"])
assert "mkdocs" not in sys.modules, sorted(m for m in sys.modules if m.startswith("mkdocs"))
print(html.count('class="checklist__box"'), html.count("data-checklist-when="))
"""


def test_works_with_plain_markdown_and_never_imports_mkdocs() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], input=DEMO_BLOCK, capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(len(DEMO_ITEMS)), "3"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("# Title\n\n/// checklist | No id\n- [ ] One\n///\n", "line 3: checklist has no id: add 'id: no-id'"),
        ("/// checklist | X\n    id: x\n    size: big\n- [ ] One\n///\n", "line 3: unknown checklist option 'size'"),
        ("/// checklist | A\n    id: a\n- [ ] One\n///\n\n/// checklist | B\n    id: a\n- [ ] Two\n///\n",
         r"line 7: duplicate checklist id 'a' \(first used at line 2\)"),
    ],
)
def test_without_a_reporter_the_first_problem_raises(source: str, message: str) -> None:
    with pytest.raises(ChecklistError, match=f"^{message}"):
        markdown.markdown(source, extensions=["guidekit.checklists"])


def test_collecting_reporter_keeps_going_and_marks_the_page() -> None:
    reporter = CollectingReporter()
    source = "/// checklist | A\n- [ ] One\n///\n\n/// checklist | B\n    id: b\n///\n"
    html = markdown.markdown(source, extensions=["guidekit.checklists"], extension_configs={
        "guidekit.checklists": {"reporter": reporter}
    })
    assert [(e.line, e.message.split(":")[0]) for e in reporter.errors] == [
        (1, "checklist has no id"),
        (5, "checklist has no items"),
    ]
    assert html.count("data-checklist-error") == 2


def test_one_markdown_instance_converts_twice() -> None:
    md = markdown.Markdown(extensions=["guidekit.checklists"])
    first = md.convert(DEMO_BLOCK)
    md.reset()
    # A second conversion starts afresh: the same id is not a duplicate.
    assert md.convert(DEMO_BLOCK) == first


# --- properties -----------------------------------------------------------------------------------


class _Collector(HTMLParser):
    """Boxes, labels and outcomes of rendered HTML, read back the way a browser would."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[dict[str, str | None]] = []
        self.labels: list[str] = []
        self.conditions: list[dict] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        data = dict(attrs)
        if tag == "input":
            self.boxes.append(data)
        elif tag == "label" and data.get("class") == "checklist__label":
            self._in = "label"
            self.labels.append("")
        elif tag == "legend":
            self._in = "legend"
        elif "data-checklist-when" in data:
            self.conditions.append(json.loads(data["data-checklist-when"] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("label", "legend"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "label":
            self.labels[-1] += data
        elif self._in == "legend":
            self.title += data


# Plain words with the characters HTML must escape; no Markdown or HTML syntax.
TEXT = st.text(st.sampled_from("abcdefghij XYZ0123456789&\"'>.,?-éß°"), min_size=1, max_size=40).map(
    lambda s: " ".join(s.split())
).filter(bool)
IDS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


@st.composite
def checklists(draw: st.DrawFn) -> tuple[str, str, list[tuple[str, str]], list[dict]]:
    title = draw(TEXT)
    items = draw(st.lists(st.tuples(IDS, TEXT), min_size=1, max_size=6, unique_by=lambda pair: pair[0]))
    ids = [item_id for item_id, _ in items]
    clause = st.sampled_from(["all", "any", "unticked"])
    whens = draw(st.lists(st.dictionaries(clause, st.lists(st.sampled_from(ids), min_size=1), min_size=1), max_size=3))
    return draw(IDS), title, items, whens


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(checklists())
def test_rendering_round_trips_every_text_and_condition(case) -> None:
    checklist_id, title, items, whens = case
    outcomes = "".join(f"      - when: {json.dumps(when)}\n        message: Outcome.\n" for when in whens)
    source = (
        f"/// checklist | {title}\n    id: {checklist_id}\n"
        + (f"    outcomes:\n{outcomes}" if whens else "")
        + "".join(f"- [ ] {text} {{#{item_id}}}\n" for item_id, text in items)
        + "///\n"
    )
    parsed = _Collector()
    parsed.feed(markdown.markdown(source, extensions=["guidekit.checklists"]))
    assert parsed.title == title
    assert parsed.labels == [text for _, text in items]
    assert [(box["type"], box["value"]) for box in parsed.boxes] == [("checkbox", item_id) for item_id, _ in items]
    assert len({box["id"] for box in parsed.boxes}) == len(items)
    assert [sorted(c) for c in parsed.conditions] == [sorted(w) for w in whens]


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.sampled_from("- [ ]xX{#}:\n  ab1*`<>&\t/|"), max_size=120),
    st.dictionaries(st.sampled_from(["id", "outcomes", "other"]), st.none() | st.integers() | TEXT | st.lists(TEXT)),
)
def test_any_body_or_options_give_a_checklist_or_problems(body: str, options: dict) -> None:
    checklist, problems = build_checklist("Title", options, body)
    assert (checklist is None) == bool(problems)
    assert all(problem.message for problem in problems)


@settings(max_examples=150, deadline=None)
@given(st.text(st.sampled_from("- [ ]xX{#}:\n    ab1*`<>&/|"), max_size=160))
def test_any_block_either_renders_or_raises_checklist_error(body: str) -> None:
    source = "/// checklist | Title\n" + textwrap.indent("id: t", "    ") + "\n" + body + "\n///\n"
    try:
        html = markdown.markdown(source, extensions=["guidekit.checklists"])
    except ChecklistError as error:
        assert error.line is not None and error.line >= 1
    else:
        assert html.count('class="checklist"') + html.count("data-checklist-error") <= 1


def test_readme_example_renders_cleanly() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add a checklist", 1)[1]
    example = section.split("````markdown\n", 1)[1].split("````", 1)[0]
    html = markdown.markdown(example, extensions=["attr_list", "guidekit.checklists"])
    assert html.count('class="checklist__box"') == 4
    assert html.count("data-checklist-when=") == 5
    assert 'data-checklist-mode="first"' in html
    assert html.count('class="checklist__rule"') == 5
