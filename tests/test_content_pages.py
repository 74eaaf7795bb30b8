"""Content pages, checked in the built site: structure, layers, citations, checklists, figures."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from content_support import PAGES, plain_blocks
from html_support import Node, parse_html
from mkdocs.utils.yaml import get_yaml_loader

# The glossary and About have no clinician layer; the quick reference is all clinician layer, open;
# Home links to the quick reference instead of keeping a second one.
CLINICIAN_PAGES = [
    src for src in PAGES if src not in {"glossary.md", "about.md", "clinician-quick-reference.md", "index.md"}
]
#: SAFETY.md principle 5: the full red-flag list, one word from each sign.
RED_FLAG_WORDS = (
    "speech", "seizure", "headache", "confusion", "breathing", "swallowing", "urine", "sepsis", "sight",
    "vomit", "harming yourself",
)
#: Every emergency and crisis number as a tap-to-call link.
RED_FLAG_CALLS = {"tel:999": "UK", "tel:911": "US", "tel:112": "Europe", "tel:116123": "", "tel:988": ""}
RED_FLAG_PAGES = ("index.md", "what-to-do-now.md", "what-is-a-relapse.md", "relapse-or-pseudorelapse.md")
DIARY_DAYS = 14

RECOVERY_ITEMS, PREGNANCY_ITEMS, CARER_ITEMS = 10, 9, 10
#: page -> {checklist id: number of items}
CHECKLISTS = {
    "what-is-a-relapse.md": {"could-this-be-a-relapse": 10},
    "what-to-do-now.md": {"before-you-contact-your-ms-team": 10},
    "treatment-options.md": {"questions-for-your-team": 6},
    "steroid-course.md": {"during-a-steroid-course": 8},
    "recovery.md": {"rehab-needs": RECOVERY_ITEMS},
    "pregnancy.md": {"preg-appointment": PREGNANCY_ITEMS},
    "emotional-support.md": {"carer-checklist": CARER_ITEMS},
}
FIGURES = [
    # Home reuses the decision flowchart (PEMAT U15, A26: "call 999 now" or "go through these pages").
    ("index.md", "figure-decision"),
    ("what-is-a-relapse.md", "figure-timeline"),
    ("what-is-a-relapse.md", "figure-how-often"),
    ("relapse-or-pseudorelapse.md", "figure-infection"),
    ("relapse-or-pseudorelapse.md", "figure-decision"),
    ("what-to-do-now.md", "figure-decision"),
    ("what-to-do-now.md", "figure-who-to-call"),
    ("treatment-options.md", "figure-steroids-dots"),
    ("treatment-options.md", "figure-steroids-speed"),
    ("steroid-course.md", "figure-urgency"),
    ("steroid-course.md", "figure-side-effects"),
    ("recovery.md", "figure-recovery"),
    ("pregnancy.md", "figure-pregnancy"),
    ("pregnancy.md", "figure-breastfeeding"),
]
GLOSSARY_ABBREVIATIONS = ("IVMP", "ACTH", "IVIG", "PLEX", "UTI", "MRI", "EDSS", "DMT", "MS", "NICE", "GP", "IV")


def _front_matter(src: str) -> dict:
    text = (REPO / "docs" / src).read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"{src}: no front matter"
    return yaml.load(match.group(1), Loader=get_yaml_loader())  # noqa: S506 - MkDocs' own safe loader


def _article(site: Path, src: str) -> Node:
    node = parse_html((site / PAGES[src]).read_text(encoding="utf-8")).find("article")
    assert node is not None
    return node


def _classes(node: Node) -> set[str]:
    return set(node.attrs.get("class", "").split())


def _elements(node: Node) -> list[Node]:
    return [c for c in node.children if isinstance(c, Node)]


@pytest.mark.parametrize("src", list(PAGES))
def test_front_matter_has_title_description_and_review_date(src: str) -> None:
    meta = _front_matter(src)
    assert meta.get("title") and meta.get("description"), src
    assert isinstance(meta.get("reviewed"), dt.date), f"{src}: reviewed must be a YYYY-MM-DD date"


@pytest.mark.parametrize("src", list(PAGES))
def test_page_opens_with_an_in_short_summary_of_3_to_5_points(built_site: Path, src: str) -> None:
    children = _elements(_article(built_site, src))
    h1 = next(i for i, c in enumerate(children) if c.tag == "h1")
    first = children[h1 + 1]
    if src == "index.md":
        # Home puts the red-flag region first, then the three doors and NHS 111 (all on a
        # phone's first screen, test_home_first_screen.py), then "In short".
        assert first.tag == "section" and first.attrs.get("id") == "red-flags", first.attrs
        assert [c.attrs.get("id") or c.attrs.get("class") for c in children[h1 + 2 : h1 + 4]] == ["start", "gk-paths"]
        assert "tel:111" in {a.attrs.get("href") for a in children[h1 + 4].find_all("a")}, "NHS 111 after the doors"
        first = children[h1 + 5]
    assert {"admonition", "abstract"} <= _classes(first), f"{src}: first block after the title is {first.attrs}"
    title = first.find(cls="admonition-title")
    assert title is not None and title.text().strip() == "In short"
    points = first.find_all("li")
    assert 3 <= len(points) <= 5, f"{src}: {len(points)} points"


@pytest.mark.parametrize("src", list(PAGES))
def test_page_cites_at_least_one_reference(built_site: Path, src: str) -> None:
    article = _article(built_site, src)
    cites = article.find_all("sup", cls="gk-cite")
    refs = article.find_all("li", cls="gk-ref")
    assert cites, f"{src}: no citation"
    assert refs, f"{src}: no reference list"


@pytest.mark.parametrize("src", CLINICIAN_PAGES)
def test_clinician_layer_is_marked_collapsed_and_cited(built_site: Path, src: str) -> None:
    blocks = [n for n in _article(built_site, src).iter() if "clinician" in _classes(n)]
    assert blocks, f"{src}: no clinician block"
    for block in blocks:
        assert block.tag == "details" and "open" not in block.attrs, f"{src}: clinician block must start collapsed"
        summary = block.find("summary")
        assert summary is not None and summary.text().startswith("For clinicians")
        if "gk-references-clinician" in _classes(block):  # the sources of the boxes above: it cites nothing
            continue
        assert block.find_all("sup", cls="gk-cite"), f"{src}: uncited clinician block {summary.text()!r}"


@pytest.mark.parametrize("src", RED_FLAG_PAGES)
def test_red_flags_are_a_region_with_a_heading_and_call_links(built_site: Path, src: str) -> None:
    region = _article(built_site, src).find(id="red-flags")
    assert region is not None, f"{src}: no #red-flags"
    assert region.tag == "section" and "gk-red-flags" in _classes(region)
    heading = region.find(id=region.attrs["aria-labelledby"])
    assert heading is not None and heading.tag in {"h2", "h3"} and heading.text().strip()
    text = region.text().lower()
    assert [w for w in RED_FLAG_WORDS if w not in text] == []
    calls = {a.attrs["href"]: a.text() for a in region.find_all("a") if a.attrs.get("href", "").startswith("tel:")}
    assert set(RED_FLAG_CALLS) <= set(calls), calls
    for href, country in RED_FLAG_CALLS.items():
        assert country in calls[href], f"{src}: {href} is not labelled {country!r}"


def test_home_opens_with_the_red_flags_then_three_doors(built_site: Path) -> None:
    article = _article(built_site, "index.md")
    children = _elements(article)
    h1 = next(i for i, c in enumerate(children) if c.tag == "h1")
    assert children[h1 + 1].attrs.get("id") == "red-flags"
    paths = article.find(cls="gk-paths")
    assert paths is not None and children.index(paths) == h1 + 3
    assert "tel:111" in {a.attrs.get("href") for a in children[h1 + 4].find_all("a")}  # NHS 111, after the doors
    # The doors are a list (a screen reader hears "list, 3 items"), and the plain layer
    # keeps no clinician material: the clinician door is the way in.
    assert len(paths.find_all("li")) == 3
    assert not [n for n in article.iter() if "clinician" in _classes(n)]
    doors = [(a.text().strip(), a.attrs["href"]) for a in paths.find_all("a", cls="gk-paths__link")]
    assert doors == [
        ("I have a new or worse symptom", "what-to-do-now/"),
        ("I'm helping someone", "emotional-support/#family-and-friends"),
        ("I'm a clinician", "clinician-quick-reference/"),
    ]


def test_relapse_diary_is_a_printable_table_of_14_days(built_site: Path) -> None:
    diary = _article(built_site, "what-to-do-now.md").find(cls="gk-diary")
    assert diary is not None
    table = diary.find("table")
    headers = [th.text().lower() for th in table.find_all("th")]
    for column in ("date", "symptoms", "better, same or worse", "temperature"):
        assert any(column in h for h in headers), column
    days = [tr.find("td").text().strip() for tr in table.find_all("tr") if tr.find("td")]
    assert days == [str(n) for n in range(1, DIARY_DAYS + 1)]


@pytest.mark.parametrize(("src", "expected"), list(CHECKLISTS.items()))
def test_checklists_render_on_their_pages(built_site: Path, src: str, expected: dict[str, int]) -> None:
    article = _article(built_site, src)
    found = {}
    for block in article.find_all("div", cls="checklist"):
        fieldset = block.find("fieldset")
        assert fieldset is not None and fieldset.find("legend") is not None
        found[block.attrs["data-checklist"]] = len(fieldset.find_all("input", type="checkbox"))
    assert found == expected
    assert not article.find_all(cls="checklist-error")


def test_checklist_ids_are_unique_site_wide(built_site: Path) -> None:
    ids = [
        block.attrs["data-checklist"]
        for page in built_site.rglob("*.html")
        for block in parse_html(page.read_text(encoding="utf-8")).find_all("div", cls="checklist")
    ]
    assert len(ids) == sum(len(v) for v in CHECKLISTS.values())
    assert len(ids) == len(set(ids))


def test_relapse_checklist_has_the_required_outcomes(built_site: Path) -> None:
    block = _article(built_site, "what-is-a-relapse.md").find(id="checklist-could-this-be-a-relapse")
    assert block is not None
    titles = [t.text().strip() for t in block.find_all(cls="admonition-title")]
    for title in (
        "Get help now",
        "Call your MS team today, and name your medicine",
        "See a doctor today about the fever or infection",
        "Contact your MS team today about your eye",
        "Contact your MS team within a day or two",
        "This fits a relapse",
        "Cool down and rest, then check again in a few hours",
    ):
        assert title in titles, title


@pytest.mark.parametrize(("src", "figure_id"), FIGURES)
def test_figures_are_accessible_inline_svg_with_a_text_version(built_site: Path, src: str, figure_id: str) -> None:
    article = _article(built_site, src)
    figure = article.find("figure", id=figure_id)
    assert figure is not None
    svg = figure.find("svg")
    assert svg is not None and svg.attrs.get("role") == "img"
    assert "viewbox" in svg.attrs and "width" not in svg.attrs and "height" not in svg.attrs
    title_id, desc_id = svg.attrs["aria-labelledby"].split()
    assert svg.find("title", id=title_id) is not None and svg.find("desc", id=desc_id).text().strip()
    assert figure.find("figcaption") is not None and not figure.find_all("script")
    colours = [(n.tag, k) for n in svg.iter() for k in n.attrs if k in {"fill", "stroke", "style", "color"}]
    assert colours == [], f"{src}: hard-coded colours {colours}; use CSS classes"
    siblings = _elements(figure.parent)
    after = siblings[siblings.index(figure) + 1]
    assert after.tag == "details" and after.find("summary").text().startswith("Text version")
    assert len(after.find_all("li")) >= 2


def test_comparison_table_covers_five_options_and_five_columns(built_site: Path) -> None:
    section = _article(built_site, "treatment-options.md")
    table = next(t for t in section.find_all("table") if "Usual dose" in t.text())
    headers = [th.text().lower() for th in table.find_all("th")]
    for column in ("how it is given", "dose", "evidence", "us and uk", "cost"):
        assert any(column in h for h in headers), column
    rows = [tr.find("td").text() for tr in table.find_all("tr") if tr.find("td")]
    assert len(rows) == 5
    for option in ("IV methylprednisolone", "Steroid tablets", "ACTH", "Plasma exchange", "IVIG"):
        assert any(option in row for row in rows), option


def test_brief_corrections_appear_in_the_clinician_layer(built_site: Path) -> None:
    text = " ".join(_article(built_site, "treatment-options.md").text().split())
    assert "followed by oral prednisone 1 mg/kg/day for 11 days" in text
    assert "1993 follow-up" in text
    assert "that guideline is now retired" in text
    assert "did not help people get over a relapse" in text  # IVIG is not an acute treatment
    relapse = " ".join(_article(built_site, "what-is-a-relapse.md").text().split())
    assert "No SNP remained significant after correction for multiple testing" in relapse


def test_glossary_abbreviations_are_defined_and_shown(built_site: Path) -> None:
    defined = dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", (REPO / "includes" / "abbreviations.md").read_text(), re.M))
    assert [a for a in GLOSSARY_ABBREVIATIONS if a not in defined] == []
    glossary = _article(built_site, "glossary.md")
    terms = {dt_.text().strip() for dt_ in glossary.find_all("dt")}
    assert [a for a in GLOSSARY_ABBREVIATIONS if a not in terms] == []
    treatment = _article(built_site, "treatment-options.md")
    shown = {a.text() for a in treatment.find_all("abbr") if a.attrs.get("title")}
    assert {"IVIG", "ACTH", "PLEX", "MS"} <= shown


def test_navigation_sections_for_a_reader_on_a_phone() -> None:
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as handle:
        nav = yaml.load(handle, Loader=get_yaml_loader())["nav"]  # noqa: S506 - MkDocs' own safe loader
    sections = {next(iter(item)): next(iter(item.values())) for item in nav}
    assert list(sections) == [
        "Home", "What to do now", "Is it a relapse?", "Treatment", "After a relapse", "For clinicians",
        "About this guide",
    ]
    listed = {page for value in sections.values() for page in (
        [value] if isinstance(value, str) else [next(iter(v.values())) for v in value])}
    assert set(PAGES) <= listed


def test_plain_layer_has_no_unexplained_jargon(built_site: Path) -> None:
    # Words a reader must not meet unexplained in the plain layer.
    jargon = re.compile(r"\b(demyelinat\w*|non-inferior\w*|bioavailab\w*|pharmacokinetic\w*|glucocorticoid\w*)\b", re.I)
    found = {}
    for src in PAGES:
        html = (built_site / PAGES[src]).read_text(encoding="utf-8")
        hits = {m.group(0).lower() for block in plain_blocks(html) for m in jargon.finditer(block)}
        if hits:
            found[src] = sorted(hits)
    assert found == {}
