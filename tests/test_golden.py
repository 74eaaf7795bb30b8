"""One golden runner for every guidekit extension (model: pymdown-extensions' tests/test_syntax.py).

Each folder under tests/golden/ holds NAME.md -> NAME.html pairs for one
extension, rendered with plain ``markdown.markdown`` (no MkDocs). After a
deliberate change, refresh them with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py`` and review
the diff. A case whose name starts with ``error-`` must report problems; any
other case must report none (citation cases list their problems as comments).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest

from guidekit.checklists import CollectingReporter
from guidekit.citations import CitationsExtension, Problem

GOLDEN = Path(__file__).parent / "golden"


def _citations(source: str) -> tuple[str, list[str]]:
    problems: list[Problem] = []
    ext = CitationsExtension(bibliography=str(GOLDEN / "citations"), cache_dir="", reporter=problems.append)
    # admonition and blocks.details: the clinician boxes, whose citations get their own list.
    html = markdown.markdown(source, extensions=[ext, "toc", "footnotes", "md_in_html", "fenced_code", "admonition",
                                                 "pymdownx.blocks.details"])
    notes = "".join(f"\n<!-- problem: line {p.line}: {p.message} -->" for p in problems)
    # Citation goldens record their problems in the file itself (unknown keys are content, not errors).
    return html + notes + "\n", []


def _checklists(source: str) -> tuple[str, list[str]]:
    reporter = CollectingReporter()
    html = markdown.markdown(
        source,
        extensions=["abbr", "admonition", "attr_list", "pymdownx.superfences", "pymdownx.tasklist",
                    "pymdownx.blocks.admonition", "guidekit.checklists"],
        extension_configs={"guidekit.checklists": {"reporter": reporter}},
    )
    return html + "\n", [str(error) for error in reporter.errors]


#: golden folder -> renderer: (HTML to compare, problems that fail a non-error case)
RENDERERS: dict[str, Callable[[str], tuple[str, list[str]]]] = {"citations": _citations, "checklists": _checklists}
CASES = sorted(case for folder in RENDERERS for case in (GOLDEN / folder).glob("*.md"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.stem}" for c in CASES])
def test_golden(case: Path) -> None:
    html, errors = RENDERERS[case.parent.name](case.read_text(encoding="utf-8"))
    if case.parent.name == "checklists":
        assert bool(errors) == case.name.startswith("error-"), errors
    expected_path = case.with_suffix(".html")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(html, encoding="utf-8")
    if not expected_path.exists():
        pytest.fail(f"{expected_path.name} is missing: run with UPDATE_GOLDEN=1 and review it", pytrace=False)
    expected = expected_path.read_text(encoding="utf-8")
    if html != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), html.splitlines(), f"{expected_path.name} (expected)", "rendered", lineterm=""
        )
        pytest.fail(f"{case.parent.name}/{case.stem}: rendered HTML differs from the golden file:\n"
                    + "\n".join(diff), pytrace=False)


def test_every_extension_has_golden_cases() -> None:
    counts = {folder: len(list((GOLDEN / folder).glob("*.md"))) for folder in RENDERERS}
    assert all(count >= 8 for count in counts.values()), counts
