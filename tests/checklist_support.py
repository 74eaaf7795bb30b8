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


# A long answer-first checklist: ten items, help text, a daily item and a note.
LONG_ID = "long-triage"
LONG_OPTIONS = """\
    id: long-triage
    answer: first
    daily: [took-tablets]
    outcomes:
      - id: emergency
        when: {any: [red-flag]}
        type: danger
        title: Call 999 or 911 now
        message: A red-flag sign needs help now. Do not wait to see if it gets better.
      - id: fever-same-day
        when: {all: [fever]}
        type: warning
        title: See a doctor today
        message: A fever or an infection needs a doctor the same day. Tell your MS team too.
      - id: medicine-same-day
        when: {all: [new-symptom, strong-medicine]}
        type: warning
        title: Call your MS team today
        message: Tell them which medicine you take. They may want to see you soon.
      - id: note-diary
        kind: note
        when: {any: [new-symptom]}
        title: Keep a diary
        message: Write down what you notice each day, so you can tell your team.
      - id: cool-down
        when: {all: [heat], unticked: [new-symptom]}
        title: Cool down and look again
        message: Rest somewhere cool. If the old symptom has not settled in a few hours, call your MS team.
      - id: too-soon
        when: {all: [new-symptom], unticked: [over-24h]}
        title: Watch it today
        message: Look again later today. If it is still there after a whole day, call your MS team.
      - id: fits
        when: {all: [new-symptom, over-24h, over-30-days]}
        type: warning
        title: This fits a relapse
        message: Contact your MS team today or tomorrow.
      - id: part-of-last
        when: {all: [new-symptom, over-24h]}
        title: Maybe part of your last relapse
        message: Tell your MS team. They may want to see you.
      - id: start
        when: {count: 0}
        title: Start with the first line
        message: Tick each line that is true for you today.
      - id: otherwise
        when: {}
        title: Nothing urgent
        message: Keep an eye on how you feel, and tick again if anything changes.
"""
LONG_BODY = """\
Tick each line that is true for you today.

- [ ] I have a red-flag sign from the list above {#red-flag}

    For example, a drooping face, a seizure, or a sudden very bad headache.

- [ ] I have a new symptom, or an old one is clearly worse {#new-symptom}

    For example, blurred sight in one eye, numbness, weakness or poor balance.

- [ ] It has lasted more than 24 hours {#over-24h}
- [ ] My last relapse began at least 30 days ago {#over-30-days}
- [ ] I have a fever, or signs of an infection {#fever}

    For example a cold, a cough with phlegm, or burning when you pee.

- [ ] I have been very hot, or done hard exercise, in the last few hours {#heat}
- [ ] I take natalizumab or another strong MS medicine {#strong-medicine}
- [ ] I took today's tablets {#took-tablets}
- [ ] I wrote in my diary today {#wrote-diary}
- [ ] I told someone close to me {#told-someone}
///
"""
LONG_BLOCK = f"/// checklist | Check your symptoms\n{LONG_OPTIONS}{LONG_BODY}"
LONG_ITEMS = [
    "red-flag", "new-symptom", "over-24h", "over-30-days", "fever",
    "heat", "strong-medicine", "took-tablets", "wrote-diary", "told-someone",
]  # fmt: skip
RED_FLAGS_BOX = (
    '<div id="red-flags" markdown>\n\n**Red flags.** Call 999 or 911 for a drooping face or a seizure.\n\n</div>\n\n'
)
LONG_PAGES = {
    "index.md": (
        "---\ntitle: Check your symptoms\ndescription: A long demo checklist.\n---\n\n"
        "# Check your symptoms\n\n"
        + "".join(f"Background paragraph {n} before the checklist.\n\n" for n in range(1, 4))
        + LONG_BLOCK
        + "".join(f"Closing paragraph {n} after the checklist.\n\n" for n in range(1, 10))
    ),
    "with-red-flags.md": (
        "---\ntitle: With red flags\ndescription: A page with its own red-flag box.\n---\n\n"
        "# With red flags\n\nAn opening paragraph that must not print.\n\n"
        + RED_FLAGS_BOX
        + LONG_BLOCK.replace("id: long-triage", "id: long-triage-two")
        + "\nA closing paragraph that must not print.\n"
    ),
}


def long_checklist() -> Checklist:
    """The long demo as the Python model sees it."""
    checklist, problems = build_checklist(
        "Check your symptoms", yaml.safe_load(textwrap.dedent(LONG_OPTIONS)), LONG_BODY.removesuffix("///\n")
    )
    assert checklist is not None, problems
    return checklist
