"""Reading without JavaScript: the dark-mode preference still applies, search
says why it is missing, and the 404 page's home link is well formed."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from conftest import REPO

THEME_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
NOJS_CSS = REPO / "docs" / "stylesheets" / "nojs.css"
RE_DECLARATION = re.compile(r"(--[\w-]+|color-scheme)\s*:\s*([^;{}]+)")


def _declarations(block: str) -> dict[str, str]:
    return {name: re.sub(r"\s+", " ", value).strip() for name, value in RE_DECLARATION.findall(block)}


def _rule(css: str, selector: str) -> dict[str, str]:
    found = re.search(re.escape(selector) + r"\s*\{([^{}]*)\}", css)
    assert found, f"no rule {selector} in the CSS"
    return _declarations(found.group(1))


def test_no_js_dark_block_copies_the_theme_and_site_dark_variables() -> None:
    palette = next(THEME_CSS.glob("palette.*.min.css")).read_text(encoding="utf-8")
    expected = _rule(palette, "[data-md-color-scheme=slate]")
    expected |= _rule(palette, "[data-md-color-scheme=slate][data-md-color-primary=indigo]")
    expected |= _rule(palette, "[data-md-color-accent=light-blue]")
    for sheet in (REPO / "docs" / "stylesheets").glob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        for block in re.findall(r'\[data-md-color-scheme="slate"\]\s*\{([^{}]*)\}', css):
            expected |= _declarations(block)
    copied = _declarations(NOJS_CSS.read_text(encoding="utf-8"))
    missing = {name: value for name, value in expected.items() if copied.get(name) != value}
    print(f"\nno-JS dark block: {len(expected)} declarations expected, {len(missing)} missing or different")
    assert len(expected) > 30
    assert missing == {}


@pytest.fixture(scope="module")
def no_js_dark(browser):
    context = browser.new_context(java_script_enabled=False, color_scheme="dark")
    page = context.new_page()
    yield page
    context.close()


def _rgb(css: str, under: str | None = None) -> list[float]:
    """A computed colour as 0..1 channels, blended over `under` when it is translucent."""
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    rgb, alpha = [v / 255 for v in values[:3]], values[3] if len(values) > 3 else 1.0
    if under is None or alpha == 1.0:
        return rgb
    return [alpha * c + (1 - alpha) * b for c, b in zip(rgb, _rgb(under), strict=True)]


def _luminance(channels: list[float]) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_dark_preference_applies_without_javascript(no_js_dark, site_server) -> None:
    no_js_dark.goto(site_server.url + "what-is-a-relapse/")
    background = no_js_dark.evaluate("getComputedStyle(document.body).backgroundColor")
    text = no_js_dark.evaluate("getComputedStyle(document.querySelector('.md-content p')).color")
    assert no_js_dark.evaluate("document.documentElement.classList.contains('no-js')")
    ratio = (_luminance(_rgb(text, background)) + 0.05) / (_luminance(_rgb(background)) + 0.05)
    print(f"\nno JS, dark preference: background {background}, text {text}, contrast {ratio:.1f}:1")
    assert _luminance(_rgb(background)) < 0.05, "the page is not dark"
    assert ratio >= 4.5


def test_search_note_shows_without_javascript(no_js_dark, site_server) -> None:
    no_js_dark.goto(site_server.url)
    note = no_js_dark.locator(".gk-nojs-note")
    assert note.is_visible()
    assert "Search needs JavaScript" in note.inner_text()
    assert not no_js_dark.locator(".md-search__input").is_visible()


def test_404_home_link_has_no_double_slash(built_site: Path, site_server) -> None:
    html = (built_site / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)">Go to the home page', html)
    assert links == ["/ms-relapse-guide/"], links
