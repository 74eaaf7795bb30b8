"""Per-layer reference lists: the patient list holds only what the patient text cites.

Works cited only inside a clinician box (``/// details`` with ``type: clinician``,
or a ``clinician`` admonition) go in a second list, itself a collapsed clinician
box. Numbering is one sequence per page, in order of first citation, so every
number links to exactly one entry, in whichever list holds it.

``pytest tests/test_citations_layers.py -s`` prints each page's lists.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from citation_support import clean_library
from conftest import make_site, run_mkdocs_build, warning_lines
from html_support import Node, parse_html

from guidekit.citations import CitationsExtension, PageCitations, fill_references
from guidekit.citations.library import find_bib_files, load_library
from scripts.reference_layers import read_page

GOLDEN_LIBRARY = Path(__file__).parent / "golden" / "citations"
EXTENSIONS = ["admonition", "pymdownx.details", "pymdownx.blocks.details", "attr_list", "md_in_html", "toc"]

#: patient-only: beck1992, report2021; clinician-only: muller2020, nice2022; both: kalb2012.
LAYERED = """# Layers

Steroids speed recovery [@beck1992]. Rehabilitation helps [@kalb2012].

/// details | For clinicians: doses
    type: clinician

The dose [@muller2020; @kalb2012]. A guideline says so [@nice2022].
///

Back in the patient text [@report2021]. Again [@kalb2012].
"""
#: Number -> key, in order of first citation, whichever layer cites first.
LAYERED_NUMBERS = {1: "beck1992", 2: "kalb2012", 3: "muller2020", 4: "nice2022", 5: "report2021"}
CLINICIAN_ONLY = """# Only clinicians cite

Plain text with no citation.

??? clinician "For clinicians: evidence"

    A trial [@beck1992]. A book [@kalb2012].

!!! clinician "For clinicians: more"

    A chapter [@chapter2019].
"""


def _render(source: str, **options: object) -> str:
    ext = CitationsExtension(bibliography=str(GOLDEN_LIBRARY), cache_dir="", reporter=lambda problem: None,
                             **options)
    return markdown.markdown(source, extensions=[ext, *EXTENSIONS])


def _lists(html: str) -> tuple[list[Node], list[Node]]:
    """(patient lists, clinician lists): every ol.gk-references, by whether a clinician box holds it."""
    patient, clinician = [], []
    for ol in parse_html(html).find_all("ol", cls="gk-references"):
        (clinician if _in_clinician_box(ol) else patient).append(ol)
    return patient, clinician


def _in_clinician_box(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if "clinician" in parent.attrs.get("class", "").split():
            return True
        parent = parent.parent
    return False


def _entries(ol: Node) -> list[tuple[int, str]]:
    return [(int(li.attrs["value"]), li.attrs["id"].removeprefix("ref-")) for li in ol.find_all("li", cls="gk-ref")]


def _numbers_link_to_one_entry(html: str) -> dict[int, str]:
    """Every citation number's target: exactly one entry, whose number is the number shown."""
    root = parse_html(html)
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    shown: dict[int, str] = {}
    for link in root.find_all("a", cls="gk-cite__link"):
        target = link.attrs["href"].removeprefix("#")
        assert ids.count(target) == 1, f"{link.attrs['href']} names {ids.count(target)} elements"
        entry = root.find("li", id=target)
        assert entry is not None and "gk-ref" in entry.attrs["class"]
        label = link.text()
        if label.isdigit():
            assert entry.attrs["value"] == label, f"{label} links to entry {entry.attrs['value']}"
            shown[int(label)] = target.removeprefix("ref-")
    return shown


def test_patient_list_holds_only_what_the_patient_text_cites() -> None:
    html = _render(LAYERED)
    (patient,), (clinician,) = _lists(html)
    assert _entries(patient) == [(1, "beck1992"), (2, "kalb2012"), (5, "report2021")]
    assert _entries(clinician) == [(3, "muller2020"), (4, "nice2022")]


def test_one_sequence_per_page_and_every_number_links_to_its_entry() -> None:
    html = _render(LAYERED)
    assert _numbers_link_to_one_entry(html) == LAYERED_NUMBERS
    values = [int(li.attrs["value"]) for li in parse_html(html).find_all("li", cls="gk-ref")]
    assert sorted(values) == list(range(1, 6))


def test_clinician_list_is_a_collapsed_clinician_box_with_a_heading() -> None:
    root = parse_html(_render(LAYERED))
    section = root.find(id="refs")
    assert section is not None and "gk-references-section" in section.attrs["class"]
    box = section.find("details", cls="clinician")
    assert box is not None and "open" not in box.attrs
    summary = box.find("summary")
    assert summary is not None and summary.text() == "For clinicians: sources cited only in the clinician notes"
    # The section's own heading comes first; the clinician box follows the patient list.
    children = [c for c in section.children if isinstance(c, Node)]
    assert [c.tag for c in children] == ["h2", "ol", "details"]


def test_a_work_cited_in_both_layers_is_listed_once_with_every_back_link() -> None:
    root = parse_html(_render(LAYERED))
    assert len(root.find_all("li", id="ref-kalb2012")) == 1
    entry = root.find("li", id="ref-kalb2012")
    assert entry is not None and not _in_clinician_box(entry)
    backs = [a.attrs["href"] for a in entry.find_all("a") if a.parent is not None
             and "gk-ref__back" in a.parent.attrs.get("class", "")]
    assert backs == ["#cite-2", "#cite-3", "#cite-6"]


def test_no_empty_patient_list_when_only_clinician_boxes_cite() -> None:
    html = _render(CLINICIAN_ONLY)
    patient, (clinician,) = _lists(html)
    assert patient == []
    assert _entries(clinician) == [(1, "beck1992"), (2, "kalb2012"), (3, "chapter2019")]
    assert _numbers_link_to_one_entry(html) == {1: "beck1992", 2: "kalb2012", 3: "chapter2019"}
    assert "<ol" not in html.split('id="refs"')[1].split("<details")[0]


def test_no_clinician_list_when_the_clinician_text_cites_nothing_new() -> None:
    html = _render("# P\n\nA [@beck1992].\n\n??? clinician \"For clinicians\"\n\n    Same [@beck1992].\n")
    (patient,), clinician = _lists(html)
    assert clinician == []
    assert _entries(patient) == [(1, "beck1992")]
    assert "<details" not in html.split('id="refs"')[1]


def test_a_clinician_page_keeps_one_list() -> None:
    """``audience: clinician``: the whole page is clinician text, so nothing is set apart."""
    html = _render(LAYERED, audience="clinician")
    (patient,), clinician = _lists(html)
    assert clinician == []
    assert [key for _, key in _entries(patient)] == list(LAYERED_NUMBERS.values())


def test_a_patient_page_is_the_default() -> None:
    assert _render(LAYERED, audience="patient") == _render(LAYERED)


@pytest.mark.parametrize("value", ["", "Clinician", "clinicians", "everyone"])
def test_an_unknown_audience_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match=f"audience must be 'patient' or 'clinician', not '{value}'"):
        _render(LAYERED, audience=value)


def test_deferred_lists_give_the_same_page() -> None:
    """The MkDocs path (entries filled after search indexing) gives the same HTML as the inline one."""
    library = load_library(find_bib_files(GOLDEN_LIBRARY))
    held: list[PageCitations] = []
    ext = CitationsExtension(library=library, reporter=lambda problem: None, defer_entries=True,
                             collector=held.append)
    deferred = markdown.markdown(LAYERED, extensions=[ext, *EXTENSIONS])
    assert "gk-ref__text" not in deferred and "<details" not in deferred.split('id="refs"')[1]
    assert 'class="gk-cite"' not in deferred and held[0].markup
    filled = fill_references(deferred, held[0].references_html, held[0].markup)
    assert filled == _render(LAYERED)


def test_meta_tags_bibliography_and_exports_keep_both_layers(tmp_path: Path) -> None:
    """A real build: the page's citation_reference tags and the site files list every work it cites."""
    refs = clean_library(tmp_path / "references")
    page = "---\ntitle: Layers\nreviewed: 2026-11-01\n---\n\n" + LAYERED
    result = run_mkdocs_build(make_site(tmp_path, {"index.md": page}, bibliography=refs), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr) == []
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<meta name="citation_reference"', html)) == len(LAYERED_NUMBERS)
    assert 'id="cite-this-page"' in html
    layers = read_page(html)
    assert layers.patient_list == ["beck1992", "kalb2012", "report2021"]
    assert layers.clinician_list == ["muller2020", "nice2022"]
    exported = (tmp_path / "site" / "references.bib").read_text(encoding="utf-8")
    assert sorted(re.findall(r"^@\w+\{(\w+),", exported, re.MULTILINE)) == sorted(LAYERED_NUMBERS.values())


def test_every_page_of_the_site_lists_by_layer(built_site: Path) -> None:
    """The real site: each list holds exactly the works of its layer, and each number links to one entry."""
    rows = []
    for path in sorted(built_site.rglob("index.html")):
        html = path.read_text(encoding="utf-8")
        page = read_page(html)
        if not (page.cited_patient or page.cited_clinician):
            continue
        name = str(path.parent.relative_to(built_site)).replace(".", "index")
        every = page.cited_patient | page.cited_clinician
        if page.clinician_page:
            assert set(page.patient_list) == every and page.clinician_list == [], name
        else:
            assert set(page.patient_list) == page.cited_patient, name
            assert set(page.clinician_list) == page.cited_clinician - page.cited_patient, name
        assert len(page.patient_list + page.clinician_list) == len(every), f"{name}: an entry listed twice"
        assert len(re.findall(r'<meta name="citation_reference"', html)) == len(every), name
        _numbers_link_to_one_entry(html.split("<article", 1)[1].split("</article>", 1)[0])
        rows.append((name, len(page.patient_list), len(page.clinician_list), page.clinician_page))
    print("\npage                           patient list  clinician list")
    for name, patient, clinician, whole in rows:
        print(f"  {name + (' (clinician page)' if whole else ''):38} {patient:4} {clinician:4}")
    assert len(rows) >= 10, rows
    assert any(clinician for _, _, clinician, _ in rows), "no page has a clinician list"


def test_an_unknown_audience_in_front_matter_names_file_and_line(tmp_path: Path) -> None:
    refs = clean_library(tmp_path / "references")
    page = "---\ntitle: Layers\naudience: clinicians\n---\n\n" + LAYERED
    result = run_mkdocs_build(make_site(tmp_path, {"index.md": page}, bibliography=refs), tmp_path / "site")
    assert result.returncode != 0
    assert warning_lines(result.stderr) == [
        "WARNING -  docs/index.md:3: audience must be 'patient' or 'clinician', not 'clinicians'"
    ]
