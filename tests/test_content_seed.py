"""Original prose: no 8-word run of the seed page appears on any built page.

The seed is copyrighted, so only SHA-1 hashes of its normalised 8-word runs are
kept (tests/data/seed_shingles.txt, written by scripts/seed_shingles.py).
Reference lists are left out: they quote the titles of cited works verbatim.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from content_support import prose_text

from scripts.seed_shingles import DEFAULT_SEED, OUTPUT, SIZE, read, shingle_hashes, words


@pytest.fixture(scope="module")
def seed_hashes() -> set[str]:
    return read(OUTPUT)


def test_hash_file_covers_the_whole_seed(seed_hashes: set[str]) -> None:
    assert len(seed_hashes) >= 500
    assert all(len(h) == 40 for h in seed_hashes)
    if DEFAULT_SEED.is_file():
        assert seed_hashes == shingle_hashes(words(DEFAULT_SEED.read_text(encoding="utf-8")))


def test_no_built_page_repeats_an_8_word_run_of_the_seed(built_site: Path, seed_hashes: set[str]) -> None:
    pages = sorted(built_site.rglob("*.html"))
    hits = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "<article" not in html:
            continue
        tokens = words(prose_text(html))
        runs = {" ".join(tokens[i : i + SIZE]) for i in range(len(tokens) - SIZE + 1)}
        copied = sorted(run for run in runs if shingle_hashes(run.split()) & seed_hashes)
        if copied:
            hits[str(page.relative_to(built_site))] = copied
    print(f"\nseed check: {len(pages)} pages, {len(seed_hashes)} seed shingles")
    assert len(pages) >= 10
    assert hits == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Don't copy: it's the Seed’s text!", ["dont", "copy", "its", "the", "seeds", "text"]),
        ("1 g/day for 3 days", ["1", "g", "day", "for", "3", "days"]),
    ],
)
def test_normalisation(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_copied_run_is_caught() -> None:
    source = words("one two three four five six seven eight nine ten")
    hashes = shingle_hashes(source)
    assert len(hashes) == 3
    assert shingle_hashes(words("Before. One, two; three four five six seven eight! After.")) & hashes
    assert not shingle_hashes(words("one two three four five six seven nine")) & hashes
