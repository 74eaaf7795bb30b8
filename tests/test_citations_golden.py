"""Golden Markdown -> HTML cases for guidekit.citations.

Regenerate after an intended change: ``UPDATE_GOLDEN=1 pytest tests/test_citations_golden.py``.
Each ``.html`` ends with the problems the engine reported, as comments.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import markdown
import pytest

from guidekit.citations import CitationsExtension, Problem

GOLDEN = Path(__file__).parent / "golden" / "citations"
CASES = sorted(p.stem for p in GOLDEN.glob("*.md"))


def render(text: str) -> str:
    problems: list[Problem] = []
    ext = CitationsExtension(bibliography=str(GOLDEN), cache_dir="", reporter=problems.append)
    html = markdown.markdown(text, extensions=[ext, "toc", "footnotes", "md_in_html", "fenced_code"])
    notes = "".join(f"\n<!-- problem: line {p.line}: {p.message} -->" for p in problems)
    return html + notes + "\n"


def test_there_are_cases() -> None:
    assert len(CASES) >= 8


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    actual = render((GOLDEN / f"{case}.md").read_text(encoding="utf-8"))
    expected_path = GOLDEN / f"{case}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(actual, encoding="utf-8")
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True), "expected", "actual",
        ))
        pytest.fail(f"{case}: output differs from golden file\n{diff}")
