"""Home's first screen on a 360 x 740 phone, in light and dark, measured in Chromium.

Issue 13: a frightened reader on a phone must see, without scrolling, the red-flag
box (its heading, every tap-to-call number and every sign) and the three doors.
Each element's bottom edge is printed with `-s`. Set GK_SCREENSHOT_DIR to keep
the screenshots (quality/screenshots/ holds the committed pair).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import wait_for_js

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
#: WCAG 2.5.5 (AAA) target size, which the site holds its urgent targets to.
TARGET_PX = 44
DOORS = ("I have a new or worse symptom", "I'm helping someone", "I'm a clinician")

# Every element the first screen must show, with its box, whether it is the topmost
# element at its own centre (not covered by the sticky header or a notice), and its
# font size. Runs in the page through the DevTools protocol, which the CSP allows.
MEASURE_JS = """() => {
  const region = document.querySelector('#red-flags');
  const box = (label, el) => {
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 10), 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    return {label, top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
            uncovered: !!hit && (el === hit || el.contains(hit)),
            font: parseFloat(getComputedStyle(el).fontSize)};
  };
  const items = [];
  items.push(box('h1', document.querySelector('article h1')));
  if (!region) return {items, header: 0, body: 0, collapsed: 0, signs: 0};
  items.push(box('heading', region.querySelector('#' + region.getAttribute('aria-labelledby'))));
  region.querySelectorAll('a[href^="tel:"]').forEach(a => items.push(box('call ' + a.getAttribute('href'), a)));
  region.querySelectorAll('li').forEach((li, i) => items.push(box('sign ' + (i + 1), li)));
  items.push(box('red-flag box', region));
  document.querySelectorAll('article .gk-paths a.gk-paths__link')
    .forEach(a => items.push(box('door ' + a.textContent.trim(), a)));
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const body = parseFloat(getComputedStyle(document.querySelector('article > p')).fontSize);
  return {items, header, body, collapsed: region.querySelectorAll('details, [hidden]').length,
          signs: region.querySelectorAll('li').length, scrollY: scrollY, width: innerWidth,
          pageWidth: document.documentElement.scrollWidth};
}"""


@pytest.fixture(scope="module")
def first_screens(browser, site_server) -> dict[str, dict]:
    """Home loaded at 360 x 740 in each colour scheme: the measurements, and a screenshot."""
    keep = os.environ.get("GK_SCREENSHOT_DIR")
    result: dict[str, dict] = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(**PHONE, color_scheme=scheme)
        page = context.new_page()
        page.goto(site_server.url, wait_until="networkidle")
        wait_for_js(page, "() => document.readyState === 'complete' && document.fonts.status === 'loaded'")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
            "slate" if scheme == "dark" else "default"
        )
        result[scheme] = page.evaluate(MEASURE_JS)
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(keep) / f"home-360x740-{scheme}.png"))
        context.close()
    return result


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_red_flags_and_doors_fit_the_first_screen(first_screens, scheme: str) -> None:
    screen = first_screens[scheme]
    items = screen["items"]
    print(f"\nHome at 360x740 ({scheme}), bottom edge of each element (px):")
    for item in items:
        print(f"  {item['label']:40} {item['bottom']:6.0f}")
    labels = [item["label"] for item in items]
    assert screen["scrollY"] == 0, "Home must open at the top"
    assert screen["pageWidth"] <= screen["width"], "the page scrolls sideways"
    # SAFETY.md principle 5: ten signs, shown as text (nothing collapsed or hidden).
    assert screen["signs"] == 10 and screen["collapsed"] == 0
    assert {"heading", "red-flag box", "call tel:999", "call tel:911", "call tel:112",
            "call tel:116123", "call tel:988"} <= set(labels)
    assert [label for label in labels if label.startswith("door ")] == [f"door {door}" for door in DOORS]
    off_screen = [f"{i['label']}: {i['top']:.0f}-{i['bottom']:.0f}px" for i in items
                  if i["top"] < screen["header"] - 1 or i["bottom"] > 740 or i["left"] < 0 or i["right"] > 360]
    assert off_screen == [], f"not on the first screen (below the {screen['header']:.0f}px header)"
    covered = [i["label"] for i in items if not i["uncovered"]]
    assert covered == [], "covered by another element"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_screen_text_and_targets_stay_large(first_screens, scheme: str) -> None:
    screen = first_screens[scheme]
    by_label = {item["label"]: item for item in screen["items"]}
    small_text = [label for label, item in by_label.items()
                  if label.startswith(("sign ", "heading", "call ")) and item["font"] < screen["body"]]
    assert small_text == [], f"smaller than the {screen['body']}px body text"
    small_targets = [f"{label}: {item['height']:.0f}px" for label, item in by_label.items()
                     if label.startswith(("door ", "call tel:999", "call tel:911", "call tel:112"))
                     and item["height"] < TARGET_PX]
    assert small_targets == []
