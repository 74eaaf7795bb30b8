"""The demo checklist in a real Chromium, served under a sub-path like GitHub Pages.

Each test gets a fresh browser context, so storage starts empty.
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from checklist_support import DEMO_ID, DEMO_ITEMS, DEMO_PAGES, DEMO_TITLE, build_site, demo_checklist
from conftest import wait_for_js

from scripts.pages_server import PagesServer

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
SCHEMES = {"light": "default", "dark": "slate"}
KEY_PREFIX = "guidekit-checklist|"

# Counts writes to the checklist's storage key, to prove handlers are not doubled.
COUNT_WRITES = """
window.__writes = 0;
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (key.startsWith("guidekit-checklist|") && !key.endsWith("|probe")) window.__writes += 1;
  return setItem.call(this, key, value);
};
"""
BLOCKED_STORAGE = {
    "disabled": """Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });""",
    "full": """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };""",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    """The demo site, built strictly and served under /ms-relapse-guide/."""
    root = tmp_path_factory.mktemp("demo")
    pages = PagesServer(root / "site")
    # Material's instant navigation only takes links found in sitemap.xml, whose
    # URLs keep site_url's port: build for the port the server got.
    code, warnings, _ = build_site(root, DEMO_PAGES, site_url=pages.url)
    assert (code, warnings) == (0, [])
    with pages:
        yield pages


@pytest.fixture
def context(browser) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1024, "height": 768})
    yield ctx
    ctx.close()


class Demo:
    """The demo page in a tab, and every error it logs."""

    def __init__(self, context, server: PagesServer) -> None:
        self.server = server
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(f"{exc}\n{exc.stack}"))

    def open(self) -> Demo:
        self.page.goto(self.server.url)
        self.wait_ready()
        return self

    def wait_ready(self) -> None:
        self.page.wait_for_selector(f'[data-checklist="{DEMO_ID}"][data-checklist-ready]', state="attached")

    def box(self, item: str):
        return self.page.locator(f"#checklist-{DEMO_ID}--{item}")

    def label(self, item: str):
        return self.page.locator(f'label[for="checklist-{DEMO_ID}--{item}"]')

    def part(self, name: str):
        return self.page.locator(f"[data-checklist-{name}]")

    def button(self, action: str):
        return self.page.locator(f'[data-checklist-action="{action}"]')

    def ticked(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "[data-checklist-item]", "els => els.filter(e => e.checked).map(e => e.value)"
        )

    def progress(self) -> str:
        return self.part("progress").inner_text()

    def outcomes(self) -> list[int]:
        """Indexes of the outcomes on show."""
        return self.page.eval_on_selector_all(
            "[data-checklist-when]", "els => els.flatMap((e, i) => e.hidden ? [] : [i])"
        )

    def own_errors(self) -> list[str]:
        """Errors from the checklist script (Material's own code fails when storage is disabled)."""
        return [error for error in self.errors if "checklist" in error]

    def settle(self) -> None:
        """Wait for CSS transitions (Material's header title fades in on scroll) to finish."""
        wait_for_js(self.page, "document.getAnimations().every(a => a.playState !== 'running')")

    def stored(self) -> dict[str, str]:
        return self.page.evaluate(
            f"() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('{KEY_PREFIX}')))"
        )

    def key(self, version: str | None = None) -> str:
        version = version or demo_checklist().version
        return f"{KEY_PREFIX}{self.server.url}||{DEMO_ID}|{version}"


def test_tick_and_reload_keeps_state_under_its_key(context, server) -> None:
    demo = Demo(context, server).open()
    assert demo.progress() == "0 of 5 ticked"
    assert demo.part("privacy").is_visible() and not demo.part("storage-notice").is_visible()
    demo.box("new-symptom").click()
    demo.label("over-24h").click()  # the whole label text is part of the target
    assert demo.ticked() == ["new-symptom", "over-24h"]
    assert demo.progress() == "2 of 5 ticked"
    # Site (origin + sub-path), page, checklist id and the items' version hash.
    assert demo.stored() == {demo.key(): '{"ticked":["new-symptom","over-24h"]}'}
    demo.page.reload()
    demo.wait_ready()
    assert demo.ticked() == ["new-symptom", "over-24h"]
    assert demo.progress() == "2 of 5 ticked"
    assert demo.errors == []


def test_outcomes_match_the_python_model_for_every_combination(context, server) -> None:
    demo = Demo(context, server).open()
    model = demo_checklist()
    set_state = """want => {
      for (const box of document.querySelectorAll("[data-checklist-item]"))
        if (box.checked !== want.includes(box.value)) box.click();
    }"""
    combinations = [list(c) for n in range(len(DEMO_ITEMS) + 1) for c in itertools.combinations(DEMO_ITEMS, n)]
    assert len(combinations) == 32
    for ticked in combinations:
        demo.page.evaluate(set_state, ticked)
        expected = [model.outcomes.index(o) for o in model.matching(set(ticked))]
        assert demo.outcomes() == expected, ticked
        assert demo.progress() == f"{len(ticked)} of 5 ticked"
    assert demo.part("outcomes").get_attribute("aria-live") == "polite"
    assert demo.errors == []


def test_reset_then_undo(context, server) -> None:
    demo = Demo(context, server).open()
    for item in ("new-symptom", "over-24h", "no-fever"):
        demo.box(item).click()
    assert not demo.button("undo").is_visible()
    demo.button("reset").click()
    assert demo.ticked() == []
    assert demo.progress() == "0 of 5 ticked"
    assert demo.part("message").inner_text().startswith("All ticks cleared.")
    assert demo.stored() == {demo.key(): '{"ticked":[]}'}
    demo.button("undo").click()
    assert demo.ticked() == ["new-symptom", "over-24h", "no-fever"]
    assert not demo.button("undo").is_visible()
    assert demo.page.evaluate("document.activeElement.dataset.checklistAction") == "reset"
    assert demo.part("message").inner_text() == "Your ticks are back."
    demo.page.reload()
    demo.wait_ready()
    assert demo.ticked() == ["new-symptom", "over-24h", "no-fever"]
    assert demo.errors == []


def test_undo_is_withdrawn_once_the_reader_ticks_again(context, server) -> None:
    demo = Demo(context, server).open()
    demo.box("new-symptom").click()
    demo.button("reset").click()
    demo.box("over-24h").click()
    assert not demo.button("undo").is_visible()
    assert demo.ticked() == ["over-24h"]


def test_instant_navigation_away_and_back(context, server) -> None:
    context.add_init_script(COUNT_WRITES)
    demo = Demo(context, server).open()
    demo.box("new-symptom").click()
    demo.page.evaluate("window.__sameDocument = true")
    demo.page.get_by_role("link", name="what to do next", exact=True).click()
    demo.page.wait_for_url("**/next/")
    demo.page.get_by_role("link", name="back to the checklist", exact=True).click()
    demo.page.wait_for_url(server.url)
    demo.wait_ready()
    # Material swapped the content in place: no full page load happened.
    assert demo.page.evaluate("window.__sameDocument") is True
    assert demo.ticked() == ["new-symptom"]
    assert demo.progress() == "1 of 5 ticked"
    # Re-initialised once: one tick is one write, not one per page visit.
    demo.page.evaluate("window.__writes = 0")
    demo.box("over-24h").click()
    assert demo.page.evaluate("window.__writes") == 1
    demo.page.go_back()
    demo.page.wait_for_url("**/next/")
    demo.page.go_forward()
    demo.page.wait_for_url(server.url)
    demo.wait_ready()
    assert demo.page.evaluate("window.__sameDocument") is True
    assert demo.ticked() == ["new-symptom", "over-24h"]
    assert demo.errors == []


def test_same_key_when_the_visit_starts_on_another_page(context, server) -> None:
    # The site root comes from the first page loaded (here one level down), not from the checklist's page.
    demo = Demo(context, server)
    demo.page.goto(f"{server.url}next/")
    demo.page.get_by_role("link", name="back to the checklist", exact=True).click()
    demo.wait_ready()
    demo.box("no-other-cause").click()
    assert demo.stored() == {demo.key(): '{"ticked":["no-other-cause"]}'}
    assert demo.errors == []


@pytest.mark.parametrize("how", BLOCKED_STORAGE)
def test_blocked_storage_still_works_and_says_so(context, server, how: str) -> None:
    context.add_init_script(BLOCKED_STORAGE[how])
    demo = Demo(context, server).open()
    notice = demo.part("storage-notice")
    assert notice.is_visible()
    assert "not letting the site save your ticks" in notice.inner_text()
    assert not demo.part("privacy").is_visible()
    demo.box("over-24h").click()
    assert demo.ticked() == ["over-24h"]
    assert demo.progress() == "1 of 5 ticked"
    assert demo.outcomes() == [1]
    # Kept in memory across instant navigation, though not across a reload.
    demo.page.get_by_role("link", name="what to do next", exact=True).click()
    demo.page.wait_for_url("**/next/")
    demo.page.get_by_role("link", name="back to the checklist", exact=True).click()
    demo.wait_ready()
    assert demo.ticked() == ["over-24h"]
    assert demo.own_errors() == []


@pytest.mark.parametrize("corrupt", ["{not json", '{"ticked": [1, 2]}', '"new-symptom"', "null", "[]"])
def test_corrupt_stored_data_is_ignored_and_replaced(context, server, corrupt: str) -> None:
    demo = Demo(context, server).open()
    demo.page.evaluate("([key, value]) => localStorage.setItem(key, value)", [demo.key(), corrupt])
    demo.page.reload()
    demo.wait_ready()
    assert demo.ticked() == []
    assert demo.stored() == {demo.key(): '{"ticked":[]}'}
    demo.box("no-fever").click()
    assert demo.stored() == {demo.key(): '{"ticked":["no-fever"]}'}
    assert demo.errors == []


def test_ticks_for_an_older_version_are_never_restored(context, server) -> None:
    demo = Demo(context, server).open()
    old = demo.key("0123456789ab")
    demo.page.evaluate("key => localStorage.setItem(key, JSON.stringify({ticked: ['new-symptom']}))", old)
    demo.page.reload()
    demo.wait_ready()
    assert demo.ticked() == []
    assert old not in demo.stored()


def test_unknown_item_ids_in_storage_are_dropped(context, server) -> None:
    demo = Demo(context, server).open()
    demo.page.evaluate(
        "key => localStorage.setItem(key, JSON.stringify({ticked: ['gone', 'no-fever']}))", demo.key()
    )
    demo.page.reload()
    demo.wait_ready()
    assert demo.ticked() == ["no-fever"]
    assert demo.progress() == "1 of 5 ticked"


def test_keyboard_only(context, server) -> None:
    demo = Demo(context, server).open()
    page = demo.page
    first = f"checklist-{DEMO_ID}--new-symptom"
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == first:
            break
    else:
        pytest.fail("Tab never reached the first box")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return [document.activeElement.matches(':focus-visible'), s.outlineStyle, s.outlineWidth]; }"""
    )
    assert style[0] is True and style[1] == "solid" and float(style[2].removesuffix("px")) >= 2
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert demo.ticked() == ["new-symptom", "over-24h"]
    page.keyboard.press("Space")
    assert demo.ticked() == ["new-symptom"]
    # Put the first box just under the sticky header, then Shift+Tab back to it.
    page.evaluate(f"""() => {{
        const box = document.getElementById("{first}");
        window.scrollBy(0, box.getBoundingClientRect().top - 10);
    }}""")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == first
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    box = demo.box("new-symptom").bounding_box()
    assert box is not None and box["y"] >= header_bottom, f"focused box at {box}, header ends at {header_bottom}"
    assert demo.errors == []


def _expected_summary(server: PagesServer, ticked: set[str], outcome: str) -> str:
    labels = {item.id: item.label for item in demo_checklist().items}
    lines = [DEMO_TITLE, ""]
    lines += [f"{'☑' if item in ticked else '☐'} {labels[item]}" for item in DEMO_ITEMS]
    lines += ["", f"{len(ticked)} of 5 ticked", outcome, ""]
    lines += [f"Page: {server.url}", f"Date: {datetime.date.today().isoformat()}"]
    return "\n".join(lines)


def test_copy_summary_to_the_clipboard(browser, server) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.origin)
    demo = Demo(context, server).open()
    demo.box("new-symptom").click()
    demo.box("over-30-days").click()
    demo.button("copy").click()
    wait_for_js(demo.page, "document.querySelector('[data-checklist-message]').textContent !== ''")
    copied = demo.page.evaluate("navigator.clipboard.readText()")
    outcome = (
        "Check for fever or infection first: A fever or an infection can bring back old symptoms for a while. "
        "Ask your GP to check."
    )
    assert copied == _expected_summary(server, {"new-symptom", "over-30-days"}, outcome)
    assert demo.part("message").inner_text().startswith("Summary copied.")
    assert not demo.part("summary").is_visible()
    assert demo.errors == []
    context.close()


def test_copy_summary_falls_back_to_a_text_box(context, server) -> None:
    context.add_init_script("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));")
    demo = Demo(context, server).open()
    demo.box("new-symptom").click()
    demo.button("copy").click()
    area = demo.page.locator(f"#checklist-{DEMO_ID}-summary")
    area.wait_for(state="visible")
    assert area.input_value().startswith(f"{DEMO_TITLE}\n\n☑ A new symptom")
    assert demo.page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    assert "did not allow copying" in demo.part("message").inner_text()


def _print_marks(page) -> list[str]:
    return page.eval_on_selector_all(
        ".checklist__label", "els => els.map(e => getComputedStyle(e, '::before').content)"
    )


def test_print_shows_text_boxes_and_lines_for_name_and_date(context, server) -> None:
    context.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    demo = Demo(context, server).open()
    demo.box("over-24h").click()
    demo.button("print").click()
    assert demo.page.evaluate("window.__printed") == 1
    assert not demo.page.locator(".checklist__sign").is_visible()
    demo.page.emulate_media(media="print")
    assert _print_marks(demo.page) == ['"☐\u00a0"', '"☑\u00a0"', '"☐\u00a0"', '"☐\u00a0"', '"☐\u00a0"']
    assert not demo.box("over-24h").is_visible()
    assert not demo.part("actions").is_visible()
    assert demo.page.locator(".checklist__sign").inner_text().split() == ["Name:", "Date:"]


def test_without_javascript_a_plain_printable_list(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url)
    boxes = page.locator(".checklist__box")
    assert boxes.count() == 5
    assert all(boxes.nth(i).is_visible() and not boxes.nth(i).is_checked() for i in range(5))
    assert page.locator(".checklist__label").all_inner_texts()[0] == "A new symptom, or an old one clearly worse"
    # Buttons and storage messages need the script, so they stay hidden; no outcome can be worked out.
    for hidden in ("actions", "privacy", "storage-notice", "summary"):
        assert not page.locator(f"[data-checklist-{hidden}]").is_visible(), hidden
    assert page.locator("[data-checklist-when]:visible").count() == 0
    # The status region is in the page from the start, so its first change is announced.
    assert page.locator("[data-checklist-progress]").get_attribute("role") == "status"
    assert page.locator("[data-checklist-progress]").inner_text() == ""
    page.emulate_media(media="print")
    assert _print_marks(page) == ['"☐\u00a0"'] * 5
    context.close()


def _contrast(fg: str, bg: str) -> float:
    def channels(color: str) -> list[float]:
        return [float(v) for v in re.findall(r"[\d.]+", color)] + [1.0]

    *rgb_fg, alpha = channels(fg)[:4]
    rgb_bg = channels(bg)[:3]
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(rgb_fg[:3], rgb_bg, strict=True)]

    def luminance(rgb: list[float]) -> float:
        lin = [(c / 255 / 12.92) if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted([luminance(blended), luminance(rgb_bg)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_boxes_are_big_enough_contrasting_and_not_colour_only(browser, server, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    demo = Demo(context, server).open()
    assert demo.page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    box = demo.box("no-fever")
    size = box.bounding_box()
    assert size is not None and size["width"] >= 24 and size["height"] >= 24
    label = demo.label("no-fever").bounding_box()
    assert label is not None and label["height"] >= 24
    style = "el => { const s = getComputedStyle(el); return [s.borderTopColor, s.backgroundColor, s.backgroundImage]; }"
    border, fill, mark = box.evaluate(style)
    page_bg = demo.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert mark == "none"
    assert _contrast(border, page_bg) >= 3, f"unchecked box border {border} on {page_bg}"
    box.click()
    border, fill, mark = box.evaluate(style)
    # Ticked shows a tick mark (a shape), drawn white on a fill that contrasts with it and the page.
    assert mark.startswith('url("data:image/svg+xml')
    assert _contrast("rgb(255, 255, 255)", fill) >= 3
    assert _contrast(border, page_bg) >= 3
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_axe_violations(browser, server, scheme: str) -> None:
    # Reduced motion: Material then swaps its header title without a fade that axe could catch halfway.
    context = browser.new_context(color_scheme=scheme, reduced_motion="reduce")
    demo = Demo(context, server).open()
    assert demo.page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    demo.box("new-symptom").click()
    assert demo.outcomes() == [1]
    reports = []
    for state in ("one ticked", "after reset"):
        demo.settle()
        results = Axe().run(demo.page, options=AXE_OPTIONS)
        if results.violations_count:
            reports.append(f"[{scheme}, {state}]\n{results.generate_report()}")
        demo.button("reset").click()
        assert demo.button("undo").is_visible()
    assert reports == [], "\n\n".join(reports)
    assert demo.errors == []
    context.close()
