"""Shared pieces for the checklist tests: the demo checklist, and a throwaway site that uses it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml
from conftest import make_site, run_mkdocs_build, warning_lines

from guidekit.checklists import Checklist, build_checklist

DEMO_ID = "could-this-be-a-relapse"
DEMO_TITLE = "Could this be a relapse?"
DEMO_OPTIONS = """\
    id: could-this-be-a-relapse
    outcomes:
      - when: {all: [new-symptom, over-24h, over-30-days, no-fever, no-other-cause]}
        type: warning
        message: All five signs point to a relapse. Contact your MS team today.
      - when: {any: [new-symptom, over-24h, over-30-days, no-other-cause], unticked: [no-fever]}
        type: danger
        title: Check for fever or infection first
        message: A fever or an infection can bring back old symptoms for a while. Ask your GP to check.
      - when: {count: 0}
        message: Tick each sign that fits you.
"""
DEMO_BODY = """\
Tick each sign that fits you today.

- [ ] A new symptom, or an old one clearly worse {#new-symptom}

    For example new numbness, weakness, double or blurred vision, or problems
    with balance.

- [ ] It has lasted more than 24 hours {#over-24h}
- [ ] At least 30 days since the last relapse began {#over-30-days}
- [ ] No fever, and no sign of an infection such as a urine infection or a cold {#no-fever}
- [ ] No other explanation, such as heat, a hot bath, stress or poor sleep {#no-other-cause}
"""
DEMO_BLOCK = f"/// checklist | {DEMO_TITLE}\n{DEMO_OPTIONS}{DEMO_BODY}///\n"
DEMO_ITEMS = ["new-symptom", "over-24h", "over-30-days", "no-fever", "no-other-cause"]

# The first page is long enough that the checklist starts below the fold, and can scroll to the top.
DEMO_PAGES = {
    "index.md": (
        "---\ntitle: Is it a relapse?\ndescription: A demo checklist.\n---\n\n"
        "# Is it a relapse?\n\n"
        + "".join(
            f"Paragraph {n} of background text about new or worse symptoms, so the page scrolls.\n\n"
            for n in range(1, 9)
        )
        + DEMO_BLOCK
        + "\nRead [what to do next](next.md) when you are done.\n\n"
        + "".join(f"Closing paragraph {n}, so the checklist can scroll under the header.\n\n" for n in range(1, 13))
    ),
    "next.md": "# What to do next\n\nCall your MS team. Go [back to the checklist](index.md).\n",
}


def demo_checklist() -> Checklist:
    """The demo as the Python model sees it (for its version hash and expected outcomes)."""
    checklist, problems = build_checklist(DEMO_TITLE, yaml.safe_load(textwrap.dedent(DEMO_OPTIONS)), DEMO_BODY)
    assert checklist is not None, problems
    return checklist


def build_site(tmp_path: Path, pages: dict[str, str], **overrides: object) -> tuple[int, list[str], Path]:
    """Build a throwaway site strictly; return the exit code, the WARNING lines and the site dir."""
    site_dir = tmp_path / "site"
    result = run_mkdocs_build(make_site(tmp_path, pages, **overrides), site_dir)
    return result.returncode, warning_lines(result.stderr + result.stdout), site_dir
