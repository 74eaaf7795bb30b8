"""Walk Chromium's accessibility tree and the Tab order as a screen-reader or
keyboard user would, on Home and on "What is a relapse?".

The figures (how many landmark, heading, reading and Tab steps it takes to reach
the urgent content and the first checklist) are printed with `-s`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from conftest import wait_for_js

#: The name of a red-flag region, however the content words it.
URGENT = re.compile(r"urgent|emergenc|help now|red flag|999|911|112", re.IGNORECASE)
LANDMARKS = {"banner", "navigation", "main", "complementary", "contentinfo", "region", "search", "form"}
#: "A handful of steps": the most presses a reader should need.
HANDFUL = 5
PHONE = {"width": 360, "height": 740}


@dataclass
class AXNode:
    role: str
    name: str
    dom_id: int | None


def ax_reading_order(page) -> list[AXNode]:
    """The unignored nodes of the full accessibility tree, depth first, as a screen reader reads them."""
    cdp = page.context.new_cdp_session(page)
    nodes = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    cdp.detach()
    root = next(n for n in nodes.values() if "parentId" not in n)
    order: list[AXNode] = []

    def walk(node: dict) -> None:
        if not node.get("ignored"):
            order.append(AXNode(
                role=node.get("role", {}).get("value", ""),
                name=str(node.get("name", {}).get("value", "")),
                dom_id=node.get("backendDOMNodeId"),
            ))
        for child in node.get("childIds", []):
            if child in nodes:
                walk(nodes[child])

    walk(root)
    return order


def steps_to(order: list[AXNode], target: int, roles: set[str]) -> int:
    """How many presses of a screen reader's "next landmark" / "next heading" key reach order[target]."""
    return sum(1 for node in order[: target + 1] if node.role in roles)


def reading_steps(order: list[AXNode], start: int, target: int) -> int:
    """Text runs a reader's virtual cursor passes from order[start] to order[target]."""
    return sum(1 for node in order[start:target] if node.role in {"StaticText", "InlineTextBox"} and node.name.strip())


def tab_until(page, predicate_js: str, limit: int = 80) -> int:
    """Tab presses from the top of the page until predicate_js(document.activeElement) holds."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {predicate_js})(document.activeElement)"):
            return presses
    return limit + 1


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_urgent_help_link_is_one_of_the_first_tab_stops(phone, site_server) -> None:
    figures = {}
    for path in ("", "what-is-a-relapse/"):
        phone.goto(site_server.url + path, wait_until="networkidle")
        figures[path or "home"] = tab_until(phone, "el.classList.contains('gk-urgent-bar__link')")
    print(f"\nTab presses to the 'Urgent help' link: {figures}")
    assert all(presses <= 3 for presses in figures.values()), figures


def test_headings_are_read_without_a_pilcrow(phone, site_server) -> None:
    checked = 0
    for path in ("", "what-is-a-relapse/"):
        phone.goto(site_server.url + path, wait_until="networkidle")
        # a11y.js hides the permalinks once it has run; under load that can follow networkidle.
        wait_for_js(phone, "[...document.querySelectorAll('a.headerlink')].every(a => a.getAttribute('aria-hidden'))")
        headings = [n.name for n in ax_reading_order(phone) if n.role == "heading"]
        checked += len(headings)
        assert headings, path
        assert [h for h in headings if "¶" in h] == [], path
    print(f"\nheadings read: {checked}, none ending in a pilcrow")


def test_closed_drawer_takes_no_tab_stops(phone, site_server) -> None:
    phone.goto(site_server.url + "what-is-a-relapse/", wait_until="networkidle")
    phone.evaluate("document.activeElement && document.activeElement.blur()")
    hidden_stops, stops = [], 40
    for _ in range(stops):
        phone.keyboard.press("Tab")
        where = phone.evaluate("""() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          return {drawer: !!el.closest('.md-sidebar--primary'), off: r.right <= 0 || r.left >= innerWidth,
                  text: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 40)};
        }""")
        if where["drawer"] or where["off"]:
            hidden_stops.append(where["text"])
    print(f"\nphone, closed drawer: {len(hidden_stops)} of the first {stops} Tab stops out of sight")
    assert hidden_stops == []


def test_menu_button_opens_the_drawer_from_the_keyboard(phone, site_server) -> None:
    phone.goto(site_server.url + "what-is-a-relapse/", wait_until="networkidle")
    presses = tab_until(phone, "el.matches('label[for=__drawer] > button')", limit=10)
    assert presses <= 10, "the menu button takes no keyboard focus"
    phone.keyboard.press("Enter")
    phone.wait_for_timeout(400)
    assert phone.evaluate("document.getElementById('__drawer').checked")
    assert phone.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"), "focus did not enter the menu"
    phone.keyboard.press("Escape")
    assert not phone.evaluate("document.getElementById('__drawer').checked")
    assert phone.evaluate("document.activeElement.matches('label[for=__drawer] > button')"), "Escape lost the focus"
    phone.keyboard.press(" ")
    phone.wait_for_timeout(400)
    assert phone.evaluate("document.getElementById('__drawer').checked"), "Space does not open the menu"


def test_first_checklist_is_a_handful_of_steps_away(phone, site_server) -> None:
    phone.goto(site_server.url + "what-is-a-relapse/", wait_until="networkidle")
    first_box = "el.matches('.checklist input[type=checkbox]') && el === document.querySelector('.checklist input')"
    without_skip = tab_until(phone, first_box, limit=120)
    phone.goto(site_server.url + "what-is-a-relapse/", wait_until="networkidle")
    to_skip = tab_until(phone, "el.classList.contains('gk-skip-checklist')", limit=10)
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    via_skip = to_skip + 2 if phone.evaluate(f"(el => {first_box})(document.activeElement)") else None

    order = ax_reading_order(phone)
    legend = phone.evaluate("document.querySelector('.checklist legend').textContent.trim()")
    group = next(i for i, n in enumerate(order) if n.role == "group" and n.name.strip() == legend)
    main = next(i for i, n in enumerate(order) if n.role == "main")
    headings = steps_to(order, group, {"heading"})
    print(
        f"\nwhat-is-a-relapse, first checklist: {via_skip} key presses with the skip link, "
        f"{without_skip} Tab presses without it; {headings} heading steps from the top "
        f"(the heading just above it); {reading_steps(order, main, group)} text runs from the start of main"
    )
    assert via_skip is not None and via_skip <= HANDFUL
    assert without_skip <= 120


def test_home_red_flag_region_comes_first(phone, site_server) -> None:
    phone.goto(site_server.url, wait_until="networkidle")
    order = ax_reading_order(phone)
    main = next(i for i, n in enumerate(order) if n.role == "main")
    region = next(
        (i for i, n in enumerate(order) if i > main and n.role == "region" and URGENT.search(n.name)), None
    )
    assert region is not None, "Home has no named region for the red flags"
    landmarks_from_main = steps_to(order, region, LANDMARKS) - steps_to(order, main, LANDMARKS)
    headings = steps_to(order, region, {"heading"})
    print(
        f"\nhome, red-flag region {order[region].name!r}: {steps_to(order, region, LANDMARKS)} landmark steps "
        f"from the top ({landmarks_from_main} after main), {headings} heading steps before it, "
        f"{reading_steps(order, main, region)} text runs from the start of main"
    )
    assert landmarks_from_main <= 2
    assert reading_steps(order, main, region) <= HANDFUL
