"""Phones and eyes: every page at 360 and 1280 px, measured in Chromium.

Text in boxes, tables and checklist answers is at least 15 px (tooltips: test_glossary_browser),
the H1 is full contrast, citation numbers are 24 x 24 px targets, and a table
on a phone is either cards or a focusable, named region that scrolls.
"""

from __future__ import annotations

import re

import pytest
from crawl_support import nav_page_urls

WIDTHS = (360, 1280)
MIN_BOX_TEXT_PX = 15
MIN_TARGET_PX = 24

MEASURE_JS = """(minPx) => {
  const boxes = '.md-content :is(.admonition, details:not(.gk-cite-page), table, .checklist__outcomes)';
  const small = [];
  let texts = 0;
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.closest(boxes) || el.closest('sup, sub, code, pre, kbd')) continue;
    texts += 1;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < minPx) small.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  const targets = Array.from(document.querySelectorAll('.md-content .gk-cite__link')).map(a => {
    const r = a.getBoundingClientRect();
    return [Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10];
  });
  const shown = Array.from(document.querySelectorAll('.md-content table')).filter(t => t.getClientRects().length);
  const tables = shown.map(t => {
    const wrap = t.closest('.md-typeset__scrollwrap');
    return {
      cards: t.hasAttribute('data-gk-cards'),
      fits: t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1,
      scrolls: !!wrap && wrap.scrollWidth > wrap.clientWidth + 1,
      region: !!wrap && wrap.getAttribute('tabindex') === '0' && wrap.getAttribute('role') === 'region'
        && !!wrap.getAttribute('aria-label'),
    };
  });
  const h1 = document.querySelector('.md-content h1');
  const h1Style = getComputedStyle(h1);
  return {texts, small, targets, tables, h1: {color: h1Style.color, weight: h1Style.fontWeight,
          bg: getComputedStyle(document.body).backgroundColor}};
}"""


@pytest.fixture(scope="module")
def measured(browser, site_server) -> dict[tuple[str, int, str], dict]:
    result = {}
    for scheme in ("light", "dark"):
        for width in WIDTHS:
            mobile = width < 600
            context = browser.new_context(
                viewport={"width": width, "height": 740}, is_mobile=mobile, has_touch=mobile, color_scheme=scheme
            )
            page = context.new_page()
            for url in sorted(nav_page_urls(site_server.url)):
                page.goto(url, wait_until="networkidle")
                page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
                result[(url, width, scheme)] = page.evaluate(MEASURE_JS, MIN_BOX_TEXT_PX)
            context.close()
    return result


def _rgb(css: str, under: str | None = None) -> list[float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    rgb, alpha = [v / 255 for v in values[:3]], values[3] if len(values) > 3 else 1.0
    if under is None or alpha == 1.0:
        return rgb
    return [alpha * c + (1 - alpha) * b for c, b in zip(rgb, _rgb(under), strict=True)]


def _contrast(fg: list[float], bg: list[float]) -> float:
    def lum(channels: list[float]) -> float:
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(fg), lum(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_box_table_and_answer_text_is_at_least_15px(measured) -> None:
    texts = sum(m["texts"] for m in measured.values())
    small = [f"{url} @{w}px: {s}" for (url, w, _), m in measured.items() for s in m["small"]]
    print(f"\ntext in boxes, tables and answers: {texts} text runs measured, {len(small)} under {MIN_BOX_TEXT_PX}px")
    assert texts > 100
    assert small == []


def test_citation_numbers_are_24px_targets(measured) -> None:
    targets = [t for m in measured.values() for t in m["targets"]]
    tiny = [t for t in targets if min(t) < MIN_TARGET_PX - 0.5]
    print(f"\ncitation links: {len(targets)} measured, {len(tiny)} under {MIN_TARGET_PX}x{MIN_TARGET_PX}px")
    assert len(targets) > 50
    assert tiny == []


def test_h1_is_full_contrast_and_bold(measured) -> None:
    ratios = {}
    for (url, width, scheme), m in measured.items():
        h1 = m["h1"]
        ratios[(url, width, scheme)] = _contrast(_rgb(h1["color"], h1["bg"]), _rgb(h1["bg"]))
        assert int(h1["weight"]) >= 600, url
    worst = min(ratios.values())
    print(f"\nH1 contrast: lowest {worst:.1f}:1 over {len(ratios)} page views")
    assert worst >= 7


def test_phone_tables_are_cards_or_focusable_regions(measured) -> None:
    phone = [(url, t) for (url, w, _), m in measured.items() if w == 360 for t in m["tables"]]
    cards = sum(t["cards"] for _, t in phone)
    bad = [url for url, t in phone if not (t["cards"] and t["fits"]) and not (t["scrolls"] and t["region"])
           and not (t["fits"] and not t["scrolls"])]
    print(f"\nphone tables: {len(phone)} seen, {cards} as cards, {len(bad)} neither fitting nor reachable")
    assert cards >= 1
    assert bad == []
