"""Search finds help-seeking words: the reader's own words put the right page first.

Queries are typed into Material's search box in Chromium, as a reader would,
so the test covers the index, the boosts in front matter and the ranking.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import wait_for_js

#: A frightened reader's words, and the page that must come first.
FIRST_RESULT = {
    "what to do": "what-to-do-now/",
    "emergency": "what-to-do-now/",
    "urgent": "what-to-do-now/",
    "flare": "what-is-a-relapse/",
    "attack": "what-is-a-relapse/",
    "side effects": "steroid-course/",
    "steroid": "steroid-course/",
    "pseudorelapse": "relapse-or-pseudorelapse/",
}
# A space left in front of punctuation, where a citation was taken out of the text.
STRAY_SPACE = re.compile(r"\w \s*[.,;:!?)](?=\s|$)")


@pytest.fixture(scope="module")
def search_page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url, wait_until="networkidle")
    yield page
    context.close()


def _first_results(page, query: str) -> list[str]:
    search = page.locator(".md-search__input")
    search.click()
    search.fill("")
    # Material reads the query on key events, as a reader types it.
    search.press_sequentially(query, delay=20)
    wait_for_js(page,
        "q => document.querySelector('.md-search-result__list > li a[href]')?.href.includes('h=' + q)",
        arg=query.replace(" ", "+"),
        timeout=15000,
    )
    return page.eval_on_selector_all(
        ".md-search-result__list > li > a[href]", "els => els.map(a => a.getAttribute('href'))"
    )


@pytest.mark.parametrize("query", sorted(FIRST_RESULT))
def test_help_seeking_words_put_the_right_page_first(search_page, site_server, query) -> None:
    results = _first_results(search_page, query)
    pages = [href.split("#")[0].split("?")[0].replace(site_server.url, "") for href in results]
    print(f"\nsearch {query!r}: {pages[:4]}")
    assert pages, f"{query!r} found nothing"
    assert pages[0].endswith(FIRST_RESULT[query]), f"{query!r} puts {pages[0]} first: {pages[:4]}"


def test_snippets_have_no_stray_spaces(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    stray = [f"{d['location']}: …{m.group(0)}…" for d in docs for m in STRAY_SPACE.finditer(d["text"])]
    print(f"\nsearch index: {len(docs)} entries, {len(stray)} stray spaces before punctuation")
    assert len(docs) > 10
    assert stray == []
