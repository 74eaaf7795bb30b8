"""Answer-first checklists in a real Chromium: one answer per state, on screen on a phone, daily resets, print.

The long demo (tests/checklist_support.py) has ten items, help text, a note and
a daily item, on a page that scrolls; a second page has its own #red-flags box.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from checklist_support import LONG_ID, LONG_ITEMS, LONG_PAGES, build_site, long_checklist
from conftest import wait_for_js

from guidekit.checklists.model import all_states
from scripts.pages_server import PagesServer

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
UTC = datetime.UTC
# Reads the widget's state in one round trip: the answer, the notes, and every shown outcome in DOM order.
READ_STATE = """root => {
  const shown = [...root.querySelectorAll("[data-gk-outcome]")].filter(el => !el.hidden && el.offsetParent);
  return {
    answers: [...root.querySelectorAll("[data-gk-answer]")].map(el => el.dataset.gkAnswer),
    shown: shown.map(el => el.dataset.gkOutcome),
    inSlot: [...root.querySelector("[data-checklist-answer]").children].map(el => el.dataset.gkOutcome),
  };
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    root = tmp_path_factory.mktemp("long")
    pages = PagesServer(root / "site")
    code, warnings, _ = build_site(root, LONG_PAGES, site_url=pages.url)
    assert (code, warnings) == (0, [])
    with pages:
        yield pages


def _open(context, server: PagesServer, path: str = "", checklist: str = LONG_ID):
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server.url + path)
    page.wait_for_selector(f'[data-checklist="{checklist}"][data-checklist-ready]', state="attached")
    return page, errors


def _ticked(page) -> list[str]:
    return page.eval_on_selector_all("[data-checklist-item]", "els => els.filter(e => e.checked).map(e => e.value)")


def test_every_state_shows_the_models_answer_first_then_its_notes(browser, server) -> None:
    context = browser.new_context()
    page, errors = _open(context, server)
    model = long_checklist()
    root = page.locator(f'[data-checklist="{LONG_ID}"]')
    walked = 0
    wrong = []
    previous: frozenset[str] = frozenset()
    for state in all_states(LONG_ITEMS):
        for item in previous ^ state:  # Gray code: one click per state (none for the first)
            page.evaluate("id => document.getElementById(id).click()", f"checklist-{LONG_ID}--{item}")
        previous = state
        seen = root.evaluate(READ_STATE)
        answer, notes = model.shown(state)
        assert answer is not None and answer.id is not None
        expected = {"answers": [answer.id], "shown": [answer.id] + [o.id for o in notes], "inSlot": [answer.id]}
        if seen != expected:
            wrong.append((sorted(state), seen, expected))
        walked += 1
    assert walked == 2 ** len(LONG_ITEMS) == 1024
    assert wrong == [], wrong[:5]
    assert errors == []
    context.close()


def test_on_a_phone_the_answer_is_on_screen_after_every_tick(browser, server) -> None:
    context = browser.new_context(**PHONE)
    page, errors = _open(context, server)
    model = long_checklist()
    slot = page.locator("[data-checklist-answer]")
    assert slot.get_attribute("role") == "status" and slot.get_attribute("aria-live") == "polite"
    ticked: set[str] = set()
    # Tick all ten from the bottom up (the red flag last), then untick them from the top down.
    order = list(reversed(LONG_ITEMS)) + LONG_ITEMS
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    announced = []
    for item in order:
        page.locator(f"#checklist-{LONG_ID}--{item}").click()  # scrolls the box into view if needed
        ticked ^= {item}
        answer = page.locator("[data-gk-answer]")
        assert answer.get_attribute("data-gk-answer") == model.answer_for(ticked).id
        box = answer.bounding_box()
        assert box is not None
        # Wholly inside the viewport, below the sticky header: no scrolling needed to read it.
        assert box["y"] >= header and box["y"] + box["height"] <= 740, (item, box)
        # The tapped box is not hidden under the panel.
        target = page.evaluate(
            """id => { const r = document.getElementById(id).getBoundingClientRect();
                       const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                       return hit && hit.id; }""",
            f"checklist-{LONG_ID}--{item}",
        )
        assert target == f"checklist-{LONG_ID}--{item}", item
        # Outcome text at 15px or more.
        sizes = answer.evaluate(
            "el => [...el.querySelectorAll('p, li')].map(p => parseFloat(getComputedStyle(p).fontSize))"
        )
        assert sizes and min(sizes) >= 15, sizes
        announced.append(slot.inner_text())
    assert len(announced) == 20
    # The live region's text changed whenever the answer did (that change is what is announced).
    assert len(set(announced)) >= 4
    assert errors == []
    context.close()


def test_notes_are_visibly_secondary(browser, server) -> None:
    context = browser.new_context(**PHONE)
    page, _ = _open(context, server)
    page.locator(f"#checklist-{LONG_ID}--new-symptom").click()
    assert page.locator("[data-gk-answer]").get_attribute("data-gk-answer") == "too-soon"
    note = page.locator('[data-checklist-notes] [data-gk-outcome="note-diary"]')
    assert note.is_visible()
    assert page.locator("[data-checklist-notes]").inner_text().startswith("Also note")
    answer_title = page.locator("[data-gk-answer] .admonition-title")
    weight = "el => [getComputedStyle(el).borderTopWidth, getComputedStyle(el).boxShadow]"
    note_style = note.evaluate(weight)
    assert note_style[0] == "0px" and note_style[1] == "none"
    # The note comes after the answer on the page, its text at 15px or more too.
    assert note.bounding_box()["y"] > answer_title.bounding_box()["y"]
    sizes = note.evaluate("el => [...el.querySelectorAll('p')].map(p => parseFloat(getComputedStyle(p).fontSize))")
    assert sizes and min(sizes) >= 15, sizes
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, {"viewport": {"width": 1280, "height": 800}}], ids=["phone", "desk"])
def test_no_axe_violations_when_ticked(browser, server, viewport: dict, scheme: str) -> None:
    context = browser.new_context(reduced_motion="reduce", color_scheme=scheme, **viewport)
    page, _ = _open(context, server)
    for item in ("new-symptom", "over-24h", "took-tablets"):
        page.locator(f"#checklist-{LONG_ID}--{item}").click()
    wait_for_js(page, "document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    context.close()


def _stored(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('guidekit-checklist|')))"
    )


def test_daily_ticks_clear_on_the_next_local_day_under_a_fake_clock(browser, server) -> None:
    # 10:00 UTC on 1 December is 23:00 in Auckland; 11:30 UTC is 00:30 on 2 December there.
    context = browser.new_context(timezone_id="Pacific/Auckland")
    context.clock.install(time=datetime.datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    page, errors = _open(context, server)
    page.locator(f"#checklist-{LONG_ID}--took-tablets").click()
    page.locator(f"#checklist-{LONG_ID}--wrote-diary").click()
    [value] = _stored(page).values()
    assert value == '{"ticked":["took-tablets","wrote-diary"],"days":{"took-tablets":"2026-12-01"}}'
    # Same day: a reload keeps both.
    page.reload()
    page.wait_for_selector("[data-checklist-ready]", state="attached")
    assert _ticked(page) == ["took-tablets", "wrote-diary"]
    # The page stays open past local midnight (still 1 December in UTC): the daily tick clears itself.
    page.clock.fast_forward("01:30:00")
    assert page.evaluate("new Date().toISOString().slice(0, 10)") == "2026-12-01"
    assert _ticked(page) == ["wrote-diary"]
    assert "new day" in page.locator("[data-checklist-message]").inner_text()
    # Ticked again on the new day, then the reader comes back two days later: cleared on load.
    page.locator(f"#checklist-{LONG_ID}--took-tablets").click()
    assert _ticked(page) == ["took-tablets", "wrote-diary"]
    page.clock.set_system_time(datetime.datetime(2026, 12, 3, 20, 0, tzinfo=UTC))
    page.reload()
    page.wait_for_selector("[data-checklist-ready]", state="attached")
    assert _ticked(page) == ["wrote-diary"]
    assert _stored(page) == {next(iter(_stored(page))): '{"ticked":["wrote-diary"]}'}
    assert errors == []
    context.close()


def test_a_daily_tick_from_yesterday_does_not_survive_a_tick_today(browser, server) -> None:
    context = browser.new_context(timezone_id="Europe/London")
    context.clock.install(time=datetime.datetime(2026, 12, 1, 23, 50, tzinfo=UTC))
    page, _ = _open(context, server)
    page.locator(f"#checklist-{LONG_ID}--took-tablets").click()
    # Midnight passes but no timer runs (a sleeping phone): set_system_time fires none. Then the reader ticks.
    page.clock.set_system_time(datetime.datetime(2026, 12, 2, 0, 10, tzinfo=UTC))
    assert _ticked(page) == ["took-tablets"]
    page.locator(f"#checklist-{LONG_ID}--heat").click()
    assert _ticked(page) == ["heat"]
    assert "new day" in page.locator("[data-checklist-message]").inner_text()
    [value] = _stored(page).values()
    assert value == '{"ticked":["heat"]}'
    context.close()


def test_undo_brings_back_todays_daily_tick_but_not_yesterdays(browser, server) -> None:
    context = browser.new_context(timezone_id="Europe/London")
    context.clock.install(time=datetime.datetime(2026, 12, 1, 12, 0, tzinfo=UTC))
    page, _ = _open(context, server)
    page.locator(f"#checklist-{LONG_ID}--took-tablets").click()
    page.locator(f"#checklist-{LONG_ID}--heat").click()
    reset = page.locator(f'[data-checklist="{LONG_ID}"] [data-checklist-action="reset"]')
    undo = page.locator(f'[data-checklist="{LONG_ID}"] [data-checklist-action="undo"]')
    reset.click()
    undo.click()
    assert _ticked(page) == ["heat", "took-tablets"]
    [value] = _stored(page).values()
    assert value == '{"ticked":["took-tablets","heat"],"days":{"took-tablets":"2026-12-01"}}'
    reset.click()
    page.clock.set_system_time(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    undo.click()
    assert _ticked(page) == ["heat"]
    context.close()


def _printed_text(page) -> str:
    page.emulate_media(media="print")
    text = page.evaluate("document.body.innerText")
    # "null" ends the emulation, so page.pdf() prints with print media again.
    page.emulate_media(media="null")
    return text


@pytest.mark.parametrize("path", ["", "with-red-flags/"], ids=["built-in-line", "page-box"])
def test_print_button_prints_only_the_checklist_answer_red_flags_and_sign_lines(browser, server, path: str) -> None:
    context = browser.new_context()
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    checklist = LONG_ID if not path else f"{LONG_ID}-two"
    page, errors = _open(context, server, path, checklist)
    page.locator(f"#checklist-{checklist}--fever").click()
    whole = _printed_text(page)
    page.locator(f'[data-checklist="{checklist}"] [data-checklist-action="print"]').click()
    assert page.evaluate("window.__printed") == 1
    printed = _printed_text(page)
    lines = [line.strip() for line in printed.splitlines() if line.strip()]
    assert "Check your symptoms" in lines  # the checklist's legend
    assert "I have a fever, or signs of an infection" in printed
    assert "See a doctor today" in printed and "A fever or an infection needs a doctor the same day." in printed
    assert "Name:" in printed and "Date:" in printed
    if path:
        assert "Red flags. Call 999 or 911 for a drooping face or a seizure." in printed
        assert "Red flags: call 999 (UK)" not in printed
        assert "An opening paragraph that must not print." in whole
        assert "opening paragraph" not in printed and "closing paragraph" not in printed
    else:
        assert "Red flags: call 999 (UK) or 911 (US) now" in printed
        assert "Background paragraph" in whole and "Background paragraph" not in printed
        assert "Closing paragraph" not in printed
    # Nothing of the site around it, nor the screen-only parts of the widget.
    for absent in ("0 of 10 ticked", "1 of 10 ticked", "Clear all ticks", "What your answers mean", "Skip to"):
        assert absent not in printed, absent
    # Chromium's own PDF of the handout: one A4 sheet, even for ten items, the answer and a note.
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    # After printing (printing to PDF fires afterprint too) the page is whole again.
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert _printed_text(page) == whole
    assert errors == []
    context.close()


def test_without_javascript_the_rules_are_listed_in_words(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url)
    rules = page.locator("[data-checklist-rules]")
    assert rules.is_visible()
    text = rules.inner_text()
    assert text.startswith("What your answers mean")
    model = long_checklist()
    answers = [o for o in model.outcomes if o.is_answer]
    assert page.locator("ol.checklist__rules-list > li").count() == len(answers)
    assert page.locator("ol.checklist__rules-list > li").first.inner_text().startswith(
        "If you ticked “I have a red-flag sign from the list above”: Call 999 or 911 now"
    )
    assert "In every other case: Nothing urgent" in text
    assert "If you ticked “I have a new symptom, or an old one is clearly worse”: Keep a diary" in text
    assert not page.locator("[data-checklist-result]").is_visible()
    assert page.locator("[data-gk-answer]").count() == 0
    sizes = rules.evaluate("el => [...el.querySelectorAll('p')].map(p => parseFloat(getComputedStyle(p).fontSize))")
    assert min(sizes) >= 15, sizes
    context.close()


def test_with_javascript_the_rules_list_gives_way_to_the_answer(browser, server) -> None:
    context = browser.new_context()
    page, _ = _open(context, server)
    assert not page.locator("[data-checklist-rules]").is_visible()
    assert page.locator("[data-checklist-result]").is_visible()
    assert page.locator("[data-gk-answer]").get_attribute("data-gk-answer") == "start"
    context.close()


def test_copy_summary_puts_the_answer_first(browser, server) -> None:
    context = browser.new_context()
    context.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    page, _ = _open(context, server)
    page.locator(f"#checklist-{LONG_ID}--new-symptom").click()
    page.locator(f'[data-checklist="{LONG_ID}"] [data-checklist-action="copy"]').click()
    area = page.locator(f"#checklist-{LONG_ID}-summary")
    area.wait_for(state="visible")
    lines = area.input_value().split("\n")
    start = lines.index("1 of 10 ticked")
    assert lines[start + 1] == (
        "Your answer: Watch it today: Look again later today. "
        "If it is still there after a whole day, call your MS team."
    )
    assert lines[start + 2] == (
        "Also note: Keep a diary: Write down what you notice each day, so you can tell your team."
    )
    context.close()
