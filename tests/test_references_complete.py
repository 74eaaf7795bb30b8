"""Every reference complete enough to print an AMA reference list, and current.

Rule table (``reference_rules.RULES``):

| rule           | applies to           | requires                                                            |
|----------------|----------------------|---------------------------------------------------------------------|
| initials       | all                  | each person has initials or a first name; organisations are braced  |
| others         | all                  | ``and others`` only last, after at least 3 named authors            |
| article-fields | @article             | journal, year, volume (issue for Cochrane) and pages, or a note     |
|                |                      | "Published online D Month YYYY."; gaps only via ``missing``         |
|                |                      | (``missing = {author: why}`` also covers the two author rules)      |
| sentence-case  | all                  | title in sentence case (AMA); proper nouns and acronyms braced      |
| pmid           | all but @misc/online | ``pmid``, or ``nopmid = {why PubMed has none / it is not verified}``|
| journal        | any with a journal   | the name is in references/nlm-journals.txt                          |
| superseded     | all                  | ``superseded = {key}`` names a current entry; the old key is cited  |
|                |                      | on no page                                                          |

Each rule has a failing example in the tiny library below, and the real library passes them all.
"""

from __future__ import annotations

import pytest
from conftest import REPO
from reference_rules import RULES, check, read_journals, read_library, read_library_files

JOURNALS = frozenset({"J Neurol", "Cochrane Database Syst Rev"})
#: An entry that passes every rule; each failing example below changes one thing.
GOOD = r"""
@article{good2020,
  author  = {Lin, R. and Taylor, Bruce V. and Simpson, S. and others},
  title   = {A title},
  journal = {J Neurol},
  year    = {2020},
  volume  = {267},
  pages   = {1--9},
  pmid    = {12345678}
}
"""

#: rule -> (tiny library, words the problem must contain)
FAILING = {
    "initials": (
        r"@article{bad, author = {Thrower}, title = {T}, journal = {J Neurol}, year = {2009},"
        r" volume = {1}, pages = {1}, pmid = {1}}",
        "'Thrower' has no initials",
    ),
    "others": (
        r"@article{bad, author = {Lattanzi, Simona and others}, title = {T}, journal = {J Neurol},"
        r" year = {2017}, volume = {1}, pages = {1}, pmid = {1}}",
        "'others' after 1 named author",
    ),
    "article-fields": (
        r"@article{bad, author = {Achiron, A. and Kishner, I. and Dolev, M.}, title = {T},"
        r" journal = {J Neurol}, year = {2004}, pmid = {1}}",
        "journal article without volume",
    ),
    "sentence-case": (
        r"@article{bad, author = {Khan, Fary}, title = {Rehabilitation in Multiple Sclerosis: A Systematic Review of"
        r" Systematic Reviews}, journal = {J Neurol}, year = {2017}, volume = {98}, pages = {353--367},"
        r" pmid = {27216225}}",
        "title looks like Title Case",
    ),
    "pmid": (
        r"@article{bad, author = {Frohman, T. C.}, title = {T}, journal = {J Neurol}, year = {2013},"
        r" volume = {9}, pages = {535--540}}",
        "no pmid",
    ),
    "journal": (
        r"@article{bad, author = {Xiao, W.}, title = {T}, journal = {Reproductive Toxicology}, year = {2017},"
        r" volume = {69}, pages = {99--105}, pmid = {28216406}}",
        "'Reproductive Toxicology' is not in references/nlm-journals.txt",
    ),
    "superseded": (
        r"@article{bad, author = {Filippini, G.}, title = {T}, journal = {Cochrane Database Syst Rev},"
        r" year = {2000}, number = {4}, pages = {CD001331}, pmid = {1}, superseded = {good2020}}",
        "still cited on page.md:1",
    ),
}
PAGES = [("page.md", "Steroids speed recovery [@bad; @good2020].")]


def _problems(bib: str, pages: list[tuple[str, str]] | None = None) -> list[str]:
    entries = read_library([("tiny.bib", GOOD + bib)])
    return check(entries, JOURNALS, pages if pages is not None else PAGES)


def test_the_good_entry_passes_every_rule() -> None:
    assert _problems("") == []


def test_every_rule_has_a_failing_example() -> None:
    assert set(FAILING) == set(RULES)


@pytest.mark.parametrize("rule", sorted(FAILING))
def test_rule_fails_its_example(rule: str) -> None:
    bib, words = FAILING[rule]
    problems = _problems("\n" + bib)
    mine = [p for p in problems if f"[{rule}]" in p]
    assert mine, problems
    assert any(words in p for p in mine), mine
    # The problem names the file and the line the entry starts on (the line after GOOD).
    line = (GOOD + "\n").count("\n") + 1
    assert all(p.startswith(f"tiny.bib:{line}: bad: ") for p in mine), mine
    # One broken thing breaks one rule.
    assert {p.split("[")[1].split("]")[0] for p in problems} == {rule}, problems


@pytest.mark.parametrize(
    ("bib", "words"),
    [
        # A braced organisation needs no initials; an unbraced one-word name does.
        (r"@misc{w, author = {{National Institute for Health and Care Excellence}}, title = {T}, year = {2022}}", None),
        (r"@misc{w, author = {NICE}, title = {T}, year = {2022}}", "'NICE' has no initials"),
        # `others` in the middle, or after two named authors.
        (r"@article{w, author = {A, B. and others and C, D.}, title = {T}, journal = {J Neurol}, year = {2000},"
         r" volume = {1}, pages = {1}, pmid = {1}}", "'others' must come last"),
        (r"@article{w, author = {A, B. and C, D. and others}, title = {T}, journal = {J Neurol}, year = {2000},"
         r" volume = {1}, pages = {1}, pmid = {1}}", "after 2 named author(s)"),
        # Online first: no volume or pages needed when the note gives the date.
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, pmid = {1},"
         r" note = {Published online 25 July 2013.}}", None),
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, pmid = {1},"
         r" note = {Online 2013.}}", "without volume"),
        # Cochrane reviews have an issue number, not a volume.
        (r"@article{w, author = {A, B.}, title = {T}, journal = {Cochrane Database Syst Rev}, year = {2013},"
         r" number = {4}, pages = {CD001331}, pmid = {1}}", None),
        (r"@article{w, author = {A, B.}, title = {T}, journal = {Cochrane Database Syst Rev}, year = {2013},"
         r" pages = {CD001331}, pmid = {1}}", "without number"),
        # A gap is allowed only when `missing` names the field and a reason.
        (r"@article{w, author = {A, B.}, title = {T}, journal = {Cochrane Database Syst Rev}, year = {2013},"
         r" pages = {CD001331}, pmid = {1}, missing = {number: not shown in any record read}}", None),
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, volume = {1},"
         r" pages = {1}, pmid = {1}, missing = {volume: not shown}}", "'missing' names volume, but the entry has it"),
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, volume = {1},"
         r" pages = {1}, pmid = {1}, missing = {no reason given}}", "must read 'field: reason"),
        # An author list no record completes is declared, with the reason, not silently passed.
        (r"@article{w, author = {Thrower and others}, title = {T}, journal = {J Neurol}, year = {2009},"
         r" volume = {1}, pages = {1}, pmid = {1}, missing = {author: forenames not shown in any record read}}", None),
        (r"@article{w, author = {Thrower and others}, title = {T}, journal = {J Neurol}, year = {2009},"
         r" volume = {1}, pages = {1}, pmid = {1}, missing = {volume: not shown}}", "'Thrower' has no initials"),
        # Braced proper nouns and words after a colon do not count as Title Case.
        (r"@misc{w, author = {{NICE}}, title = {Research recommendation: {Is Intravenous Methylprednisolone More}"
         r" effective?}, year = {2014}}", None),
        (r"@misc{w, author = {{NICE}}, title = {Acute Multiple Sclerosis Relapse Management Guide}, year = {2014}}",
         "Title Case"),
        # nopmid needs a real reason; a PMID must be digits; not both.
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, volume = {1},"
         r" pages = {1}, nopmid = {none}}", "no pmid"),
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, volume = {1},"
         r" pages = {1}, nopmid = {The journal is not indexed in MEDLINE or PubMed.}}", None),
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, volume = {1},"
         r" pages = {1}, pmid = {PMC123}}", "is not a PubMed ID"),
        # A successor that does not exist, or is itself superseded.
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, volume = {1},"
         r" pages = {1}, pmid = {1}, superseded = {nosuchkey}}", "which is not in the library"),
        (r"@article{w, author = {A, B.}, title = {T}, journal = {J Neurol}, year = {2013}, volume = {1},"
         r" pages = {1}, pmid = {1}, superseded = {w}}", "which is itself superseded"),
    ],
)
def test_rule_details(bib: str, words: str | None) -> None:
    problems = _problems("\n" + bib, pages=[])
    if words is None:
        assert problems == []
    else:
        assert any(words in p for p in problems), problems


def test_a_key_in_an_email_address_or_url_is_not_a_citation() -> None:
    pages = [("page.md", "Write to team@bad or see https://example.org/@bad.")]
    assert _problems("\n" + FAILING["superseded"][0], pages) == []


# ------------------------------------------------------------------ the real library

BIB_FILES = sorted((REPO / "references").glob("*.bib"))
PAGE_FILES = sorted([*(REPO / "docs").rglob("*.md"), *(REPO / "includes").rglob("*.md")])
#: references/nlm-journals.txt, plus nlm-journals-NAME.txt beside a content branch's NAME.bib.
JOURNAL_FILES = sorted((REPO / "references").glob("nlm-journals*.txt"))


def test_the_real_library_passes_every_rule() -> None:
    entries = read_library_files(BIB_FILES, REPO)
    journals = read_journals("\n".join(p.read_text(encoding="utf-8") for p in JOURNAL_FILES))
    pages = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in PAGE_FILES]
    # Not vacuous: the whole library and every page were read.
    assert len(entries) >= 50, len(entries)
    assert len(pages) >= 12, len(pages)
    problems = check(entries, journals, pages)
    assert problems == [], "\n".join(problems)


def test_every_listed_journal_says_how_it_was_verified() -> None:
    lines = [line for path in JOURNAL_FILES for line in path.read_text(encoding="utf-8").splitlines()]
    assert JOURNAL_FILES and len(read_journals("\n".join(lines))) >= 30
    unverified = [line for line in lines if line.split("#", 1)[0].strip() and "#" not in line]
    assert unverified == [], "each journal line ends with '# <record that shows the abbreviation>'"
