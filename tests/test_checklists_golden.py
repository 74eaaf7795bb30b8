"""Golden Markdown → HTML cases for the checklist block, rendered with no MkDocs.

Each tests/golden/checklists/NAME.md renders to NAME.html. After a deliberate
change, refresh them with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_checklists_golden.py`
and review the diff. Cases named error-*.md must report problems; others none.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import markdown
import pytest

from guidekit.checklists import CollectingReporter

GOLDEN = Path(__file__).parent / "golden" / "checklists"
CASES = sorted(GOLDEN.glob("*.md"))
# The site's extensions that touch checklist content.
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "pymdownx.superfences",
    "pymdownx.tasklist",
    "pymdownx.blocks.admonition",
    "guidekit.checklists",
]


def render(source: str) -> tuple[str, list[str]]:
    """HTML and the problems reported, as plain Python-Markdown renders them."""
    reporter = CollectingReporter()
    html = markdown.markdown(
        source, extensions=EXTENSIONS, extension_configs={"guidekit.checklists": {"reporter": reporter}}
    )
    return html + "\n", [str(error) for error in reporter.errors]


def test_there_are_cases() -> None:
    assert len(CASES) >= 8
    assert sum(case.name.startswith("error-") for case in CASES) >= 3


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_golden(case: Path) -> None:
    html, errors = render(case.read_text(encoding="utf-8"))
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
        pytest.fail("rendered HTML differs from the golden file:\n" + "\n".join(diff), pytrace=False)
