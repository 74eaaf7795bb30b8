"""Reading level of the plain layer: Flesch–Kincaid grade 8 or lower on every part-1 page.

Measured on the built HTML, without the clinician layer, tables, code, figure
drawings, references, headings and page chrome (see content_support). The
seed page the product owner started from reads at about grade 15 by the same
measure; its figure is printed when the seed is available beside the repo.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from content_support import PAGES, counts, fk_grade, plain_blocks, syllables
from html_support import parse_html

from scripts.seed_shingles import DEFAULT_SEED

MAX_GRADE = 8.0


def _grades(site: Path) -> dict[str, float]:
    return {src: fk_grade(plain_blocks((site / built).read_text(encoding="utf-8"))) for src, built in PAGES.items()}


#: The quick reference is almost all clinician layer; its plain layer is a short intro.
MIN_WORDS = {"clinician-quick-reference.md": 50}


def test_every_content_page_is_measured(built_site: Path) -> None:
    measured = {src for src, built in PAGES.items() if (built_site / built).is_file()}
    assert measured == set(PAGES), f"missing pages: {set(PAGES) - measured}"
    for src, built in PAGES.items():
        _, words, _ = counts(plain_blocks((built_site / built).read_text(encoding="utf-8")))
        assert words >= MIN_WORDS.get(src, 150), f"{src}: only {words} words of plain text measured"


def test_plain_layer_reads_at_grade_8_or_lower(built_site: Path) -> None:
    grades = _grades(built_site)
    print("\nFlesch–Kincaid grade of the plain layer (limit 8.0):")
    for src, grade in grades.items():
        sentences, words, syll = counts(plain_blocks((built_site / PAGES[src]).read_text(encoding="utf-8")))
        print(f"  {src:30} {grade:4.1f}  ({words} words, {sentences} sentences, {syll / words:.2f} syllables/word)")
    if DEFAULT_SEED.is_file():
        text = DEFAULT_SEED.read_text(encoding="utf-8")
        body = text[text.index("A relapse is considered") : text.index("Become a Research Champion")]
        seed_grade = fk_grade([line for line in body.splitlines() if line.strip()])
        print(f"  {'seed page (for comparison)':30} {seed_grade:4.1f}")
    too_hard = {src: round(grade, 1) for src, grade in grades.items() if grade > MAX_GRADE}
    assert too_hard == {}


def test_the_measure_excludes_the_clinician_layer_and_tables(built_site: Path) -> None:
    html = (built_site / PAGES["treatment-options.md"]).read_text(encoding="utf-8")
    article = parse_html(html).find("article")
    assert article is not None
    clinician = [n for n in article.iter() if "clinician" in n.attrs.get("class", "").split()]
    assert len(clinician) >= 2
    plain = " ".join(plain_blocks(html))
    assert "Placebo-controlled evidence" in clinician[0].text()
    assert "Placebo-controlled evidence" not in plain
    assert "How good is the evidence?" not in plain  # a table header
    assert "Not every relapse needs treatment" in plain


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        (["The cat sat on the mat."], 0.39 * 6 + 11.8 * 1 - 15.59),
        (["The cat sat.", "The dog ran."], 0.39 * 3 + 11.8 * 1 - 15.59),
        (["A short list item with no stop", "Another one"], 0.39 * 9 / 2 + 11.8 * 12 / 9 - 15.59),
    ],
)
def test_grade_formula(blocks: list[str], expected: float) -> None:
    assert fk_grade(blocks) == pytest.approx(expected)


def test_hard_text_scores_above_the_limit() -> None:
    hard = [
        "Pharmacokinetic equivalence of intravenous methylprednisolone and high-dose oral prednisone "
        "was demonstrated in a randomised comparative bioavailability investigation involving sixteen "
        "participants with relapsing-remitting multiple sclerosis."
    ]
    assert fk_grade(hard) > MAX_GRADE


@pytest.mark.parametrize(
    ("word", "count"),
    [("cat", 1), ("fever", 2), ("relapse", 2), ("inflammation", 4), ("methylprednisolone", 6), ("people", 2)],
)
def test_syllable_counts(word: str, count: int) -> None:
    assert syllables(word) == count
