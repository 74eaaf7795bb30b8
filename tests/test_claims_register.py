"""The claims register keeps every citation on the site tied to what its source shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scripts import claims

KEYS = {"a2020", "b2021", "c2022"}
ROW = """\
  - id: {id}
    text: {text}
    keys: [{keys}]
    locator: abstract
    shows: What the source found, in our words.
    address: https://pubmed.ncbi.nlm.nih.gov/1/
    verdict: {verdict}
"""


@pytest.fixture()
def register(tmp_path: Path) -> Callable[..., Path]:
    """Write a one-file register for docs/index.md in tmp_path."""

    def make(rows: str, page: str = "index.md") -> Path:
        path = tmp_path / "index.yaml"
        path.write_text(f"page: {page}\nclaims:\n{rows}", encoding="utf-8")
        return path

    return make


def _problems(source: str, register_path: Path) -> list[str]:
    return claims.check({"index.md": source}, [register_path], KEYS)[3]


def test_a_matching_row_passes(register: Callable[..., Path]) -> None:
    path = register(ROW.format(id="x", text="steroids speed recovery", keys="a2020, b2021", verdict="supported"))
    assert _problems("Steroids speed **recovery** [@b2021; @a2020].\n", path) == []


def test_citations_are_counted_in_order_with_lines(register: Callable[..., Path]) -> None:
    source = "One claim [@a2020].\n\nAnother, as @b2021 showed.\n\n| cell [@c2022] |\n"
    cites = claims.page_cites("index.md", source, KEYS)
    assert [(sorted(cite.keys), cite.line) for cite in cites] == [(["a2020"], 1), (["b2021"], 3), (["c2022"], 5)]


@pytest.mark.parametrize(
    ("source", "row", "expected"),
    [
        # A citation with no row at all.
        ("Claim [@a2020].\n", "", "docs/index.md:1: citation of a2020 has no register row"),
        # A row whose keys differ from the citation's.
        ("Claim one [@a2020; @b2021].\n", ROW.format(id="x", text="claim one", keys="a2020", verdict="supported"),
         "citation of a2020, b2021 has no register row"),
        # A row whose text is not in the sentence before the citation.
        ("Claim one [@a2020].\n", ROW.format(id="x", text="another claim", keys="a2020", verdict="supported"),
         "row 'x' matches no citation"),
        # A row left behind after its citation went.
        ("No citations here.\n", ROW.format(id="gone", text="claim", keys="a2020", verdict="supported"),
         "row 'gone' matches no citation of a2020"),
        # Text after a citation belongs to the next claim, not this one.
        ("First [@a2020]. Second [@a2020].\n", ROW.format(id="x", text="second", keys="a2020", verdict="qualified"),
         "docs/index.md:1: citation of a2020 has no register row"),
        # An unknown verdict, and an unknown key.
        ("Claim [@a2020].\n", ROW.format(id="x", text="claim", keys="a2020", verdict="maybe"),
         "verdict must be one of"),
        ("Claim [@a2020].\n", ROW.format(id="x", text="claim", keys="a2020, zz1999", verdict="supported"),
         "unknown key 'zz1999'"),
    ],
)
def test_problems_are_reported(register: Callable[..., Path], source: str, row: str, expected: str) -> None:
    path = register(row or "  []\n")
    problems = _problems(source, path)
    assert any(expected in problem for problem in problems), problems


def test_missing_fields_are_named(register: Callable[..., Path]) -> None:
    path = register("  - id: x\n    text: claim\n    keys: [a2020]\n")
    problems = _problems("Claim [@a2020].\n", path)
    assert any("missing address, locator, shows, verdict" in problem for problem in problems), problems


def test_code_and_unknown_words_are_not_citations() -> None:
    source = "Mail me@a2020.org, `[@a2020]`, and\n\n```\n[@b2021]\n```\n\n@nobody said so.\n"
    assert claims.page_cites("index.md", source, KEYS) == []


def _site() -> tuple[list[claims.Cite], list[claims.Row], list[str]]:
    cites, rows, _removed, problems = claims.check(
        claims.site_sources(), sorted(claims.CLAIMS_DIR.glob("*.yaml")), claims.library_keys()
    )
    return cites, rows, problems


def test_the_site_cites_and_registers_many_claims() -> None:
    cites, rows, _problems = _site()
    # The guide cites well over a hundred claims; zero would mean the scan is broken.
    assert len(cites) >= 150
    assert len(rows) >= 100
    assert {cite.page for cite in cites} <= {row.page for row in rows}


@pytest.mark.parametrize("page", sorted(claims.site_sources()))
def test_every_citation_on_the_page_has_a_row(page: str) -> None:
    _cites, _rows, problems = _site()
    mine = [problem for problem in problems if f"docs/{page}:" in problem or f"/{Path(page).stem}.yaml" in problem
            or f" {page} " in problem]
    assert mine == [], "\n".join(mine[:40]) + (f"\n... {len(mine)} in all" if len(mine) > 40 else "")
