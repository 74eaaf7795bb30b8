"""Decision tables (decisions/*.yml) against the real built site, in Chromium.

For every table: the table itself is sound (rows disjoint, all 2^n states
covered), it fits its checklist (same items, answers that are answer outcomes),
the page's rules agree with it, and in the browser every state, walked in
Gray-code order with one click per state, shows exactly the table's answer
first. With JavaScript off, the rules are listed in words instead.

The harness's own tests run it on a throwaway site with a fixture table, and
on a deliberately wrong table, to show it fails when page and table differ.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from checklist_support import build_site
from conftest import REPO
from decision_support import fit_problems, load_table, page_url, site_checklists, walk

from guidekit.checklists.decisions import parse_table
from scripts.pages_server import PagesServer

TABLES = sorted((REPO / "decisions").glob("*.yml"))


def test_there_is_at_least_one_decision_table() -> None:
    assert len(TABLES) >= 1, "decisions/ holds no tables"


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_table_is_sound(path: Path) -> None:
    table, problems = load_table(path, REPO)
    assert problems == []
    assert table is not None
    assert (REPO / "docs" / table.page).is_file(), f"{table.source}: no page docs/{table.page}"


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_table_fits_its_checklist_on_the_built_site(built_site: Path, path: Path) -> None:
    table, problems = load_table(path, REPO)
    assert table is not None and problems == []
    assert fit_problems(table, site_checklists(built_site).get(table.checklist)) == []


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_page_shows_the_tables_answer_first_in_every_state(browser, site_server, path: Path) -> None:
    table, _ = load_table(path, REPO)
    assert table is not None
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site_server.url + page_url(table.page))
    page.wait_for_selector(f'[data-checklist="{table.checklist}"][data-checklist-ready]', state="attached")
    walked, wrong = walk(page, table)
    print(f"{table.checklist}: {walked} states walked, {walked - len(wrong)} showed the table's answer first")
    assert walked == 2 ** len(table.items)
    assert wrong == []
    assert errors == []
    context.close()


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_on_a_phone_the_answer_is_on_screen_after_each_tap(browser, site_server, path: Path) -> None:
    table, _ = load_table(path, REPO)
    assert table is not None
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_server.url + page_url(table.page))
    root = page.locator(f'[data-checklist="{table.checklist}"][data-checklist-ready]')
    root.wait_for(state="attached")
    answers = table.answers()
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    ticked: set[str] = set()
    for item in table.items + table.items:  # tick every box in turn, then untick them
        root.locator(f'input[data-checklist-item="{item}"]').click()
        ticked ^= {item}
        answer = root.locator("[data-gk-answer]")
        assert answer.get_attribute("data-gk-answer") == answers[frozenset(ticked)]
        box = answer.bounding_box()
        assert box is not None and box["y"] >= header and box["y"] + box["height"] <= 740, (item, box)
    context.close()


@pytest.mark.parametrize("path", TABLES, ids=[p.stem for p in TABLES])
def test_without_javascript_the_rules_are_listed_in_words(browser, site_server, built_site: Path, path: Path) -> None:
    table, _ = load_table(path, REPO)
    assert table is not None
    checklist = site_checklists(built_site)[table.checklist]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url + page_url(table.page))
    root = page.locator(f'[data-checklist="{table.checklist}"]')
    rules = root.locator("[data-checklist-rules]")
    assert rules.is_visible()
    assert rules.inner_text().startswith("What your answers mean")
    assert rules.locator("ol.checklist__rules-list > li").count() == len(checklist.answers) == checklist.rules
    assert root.locator("[data-gk-answer]").count() == 0
    context.close()


def test_every_checklist_with_outcomes_answers_first_and_has_a_table(built_site: Path) -> None:
    checklists = site_checklists(built_site)
    with_outcomes = {cid: c for cid, c in checklists.items() if c.conditions}
    # Six checklists on the site have outcomes (one per decision table); fewer means the scan lost some.
    assert len(with_outcomes) >= 6
    tables = {path.stem for path in TABLES}
    missing = sorted(
        f"{cid} (on {c.page or 'home'}): {'has no table' if c.mode == 'first' else 'does not use answer: first'}"
        for cid, c in with_outcomes.items()
        if c.mode != "first" or cid not in tables
    )
    assert missing == []
    assert sorted(tables - set(checklists)) == [], "tables whose checklist is on no page"


# --- the harness on a throwaway site ----------------------------------------------------------

FIXTURE_PAGE = """---
title: Fixture triage
description: A fixture checklist for the decision-table harness.
---

# Fixture triage

/// checklist | Fixture triage
    id: fixture-triage
    answer: first
    outcomes:
      - id: emergency
        when: {any: [red-flag]}
        type: danger
        title: Call 999 or 911 now
        message: Get help now.
      - id: same-day
        when: {all: [fever]}
        type: warning
        title: See a doctor today
        message: A fever needs a doctor today.
      - id: note-diary
        kind: note
        when: {any: [new-symptom]}
        message: Keep a diary.
      - id: call-team
        when: {all: [new-symptom, over-24h]}
        title: Call your MS team
        message: Call them today or tomorrow.
      - id: start
        when: {count: 0}
        title: Start here
        message: Tick what is true.
      - id: otherwise
        when: {}
        title: Watch and wait
        message: Look again later today.
- [ ] A red-flag sign {#red-flag}
- [ ] A fever {#fever}
- [ ] A new symptom {#new-symptom}
- [ ] It has lasted more than 24 hours {#over-24h}
///
"""
FIXTURE_TABLE = """checklist: fixture-triage
page: triage.md
reviewed: 2026-12-01
items: [red-flag, fever, new-symptom, over-24h]
rows:
  - {when: "Y - - -", answer: emergency, why: Red flags first.}
  - {when: "N Y - -", answer: same-day,  why: Fever needs a doctor today.}
  - {when: "N N Y Y", answer: call-team, why: A new symptom over a day.}
  - {when: "N N N N", answer: start,     why: Nothing ticked.}
  - {when: "N N Y N", answer: otherwise, why: Too soon to tell.}
  - {when: "N N N Y", answer: otherwise, why: Duration alone.}
"""
# The same table, but it says a new symptom over a day with a fever is for the MS team:
# the page (fever first) disagrees in exactly one state, "N Y Y Y".
WRONG_TABLE = FIXTURE_TABLE.replace(
    '  - {when: "N Y - -", answer: same-day,  why: Fever needs a doctor today.}\n',
    '  - {when: "N Y Y Y", answer: call-team, why: Wrong on purpose.}\n'
    '  - {when: "N Y N -", answer: same-day,  why: Fever needs a doctor today.}\n'
    '  - {when: "N Y Y N", answer: same-day,  why: Fever needs a doctor today.}\n',
)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PagesServer, Path]]:
    root = tmp_path_factory.mktemp("decisions")
    code, warnings, site = build_site(root, {"index.md": "# Home\n", "triage.md": FIXTURE_PAGE})
    assert (code, warnings) == (0, [])
    with PagesServer(site) as server:
        yield server, site


def _fixture_table(text: str):
    table, problems = parse_table(text, "decisions/fixture-triage.yml")
    assert table is not None and problems == []
    return table


def _walk_fixture(browser, server: PagesServer, text: str) -> tuple[int, list[str]]:
    table = _fixture_table(text)
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + page_url(table.page))
    page.wait_for_selector('[data-checklist="fixture-triage"][data-checklist-ready]', state="attached")
    result = walk(page, table)
    context.close()
    return result


def test_harness_passes_a_matching_table(browser, fixture_site) -> None:
    server, site = fixture_site
    assert fit_problems(_fixture_table(FIXTURE_TABLE), site_checklists(site).get("fixture-triage")) == []
    assert _walk_fixture(browser, server, FIXTURE_TABLE) == (16, [])


def test_harness_reports_each_state_where_page_and_table_differ(browser, fixture_site) -> None:
    server, site = fixture_site
    expected = (
        "N Y Y Y: expected call-team shown first, page shows answer ['same-day'] (first shown: same-day, visible: True)"
    )
    assert _walk_fixture(browser, server, WRONG_TABLE) == (16, [expected])
    [problem] = fit_problems(_fixture_table(WRONG_TABLE), site_checklists(site)["fixture-triage"])
    assert problem == (
        "decisions/fixture-triage.yml: 1 states differ: N Y Y Y: the rules answer same-day, the table call-team"
    )


def test_harness_reports_a_table_that_does_not_fit(fixture_site) -> None:
    _, site = fixture_site
    checklist = site_checklists(site)["fixture-triage"]
    assert checklist.answers == ["emergency", "same-day", "call-team", "start", "otherwise"]
    assert checklist.notes == ["note-diary"]
    bad = FIXTURE_TABLE.replace("page: triage.md", "page: other.md").replace("answer: start", "answer: note-diary")
    assert fit_problems(_fixture_table(bad), checklist) == [
        "decisions/fixture-triage.yml:1: the checklist is on 'triage/', not on other.md",
        "decisions/fixture-triage.yml:9: 'note-diary' is a note (kind: note), never the answer",
    ]
    assert fit_problems(_fixture_table(FIXTURE_TABLE), None) == [
        "decisions/fixture-triage.yml:1: no checklist 'fixture-triage' in the built site"
    ]
