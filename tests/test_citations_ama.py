"""AMA 11th edition rules the first site showed wrong (issue 12, part 1): one table row per rule."""

from __future__ import annotations

import json
import re

import markdown
import pytest

from guidekit.citations import CitationsExtension, Library, Problem
from guidekit.citations.export import to_csl_json
from guidekit.citations.library import parse_sources
from guidekit.citations.records import to_record
from guidekit.citations.style import format_reference, short_author

LIBRARY = r"""
@article{seven,
  author = {Beck, Roy W. and Cleary, Patricia A. and Anderson, Jr., Malcolm M. and Keltner, John L. and
            Shults, William T. and Kaufman, David I. and Buckley, Edward G.},
  title = {A trial}, journal = {N Engl J Med}, year = {1992}, volume = {326}, number = {9}, pages = {581--588}
}
@article{sixplus,
  author = {One, A. and Two, B. and Three, C. and Four, D. and Five, E. and Six, F. and others},
  title = {Cut list}, journal = {J Test}, year = {2018}, volume = {1}, pages = {1--2}
}
@article{fourplus,
  author = {One, A. and Two, B. and Three, C. and Four, D. and others},
  title = {Short cut list}, journal = {J Test}, year = {2018}, volume = {1}, pages = {3}
}
@article{quotes,
  author = {Smith, Ann},
  title = {Why `relapse' is a ``loaded'' word},
  journal = {J Test}, year = {2020}, volume = {2}, pages = {5}
}
@article{ahead,
  author = {Smith, Ann}, title = {Early view}, journal = {Mult Scler}, year = {2025}, month = {mar}, day = {4},
  doi = {10.1000/x}
}
@article{aheadyear,
  author = {Smith, Ann}, title = {Early view}, journal = {Mult Scler}, year = {2025}
}
@article{onlinenote,
  author = {Lin, R.}, title = {Early}, journal = {Mult Scler}, year = {2013}, note = {Published online 25 July 2013}
}
@book{third,
  author = {Kalb, Rosalind}, title = {multiple sclerosis: the questions you have and an answer for {MS}},
  edition = {3}, publisher = {Demos}, year = {2012}
}
@book{second,
  author = {Kalb, Rosalind}, title = {A book}, edition = {second}, publisher = {Demos}, year = {2012}
}
@techreport{report,
  institution = {{MS Trust}}, title = {the state of relapse services in the {UK}}, year = {2021}
}
@misc{suffix,
  author = {Anderson, Jr., Malcolm M.}, title = {A page}, year = {2020}
}
"""


@pytest.fixture(scope="module")
def library() -> Library:
    return parse_sources([("ama.bib", LIBRARY)])


def render(text: str, library: Library) -> str:
    problems: list[Problem] = []
    html = markdown.markdown(text, extensions=[CitationsExtension(library=library, reporter=problems.append)])
    assert problems == []
    return html


def body(html: str) -> str:
    """The first paragraph with each superscript shown as ^N^ (the reference list dropped)."""
    first = html.split("</p>")[0]
    first = re.sub(r"<sup[^>]*>(.*?)</sup>", lambda m: "^" + re.sub(r"<[^>]+>", "", m.group(1)) + "^", first)
    return re.sub(r"<[^>]+>", "", first)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # AMA 3.6.1: superscripts go outside periods and commas, inside colons and semicolons, close up.
        ("A claim [@seven].", "A claim.^1^"),
        ("A claim [@seven], and more.", "A claim,^1^ and more."),
        ("Were these [@seven]: one, two.", "Were these^1^: one, two."),
        ("A claim [@seven]; another.", "A claim^1^; another."),
        ("A claim [@seven] in the middle.", "A claim^1^ in the middle."),
        ("Ends *in emphasis* [@seven].", "Ends in emphasis.^1^"),
        ("A pair [@seven; @quotes].", "A pair.^1,2^"),
        # In-text: "et al" takes no period in AMA, and the number sits close up.
        ("As @seven showed.", "As Beck et al^1^ showed."),
        ("As @seven.", "As Beck et al.^1^"),
        # Page ranges take a hyphen in AMA (and its CSL style), in locators too.
        ("See [@seven, pp. 33-35].", "See.^1(pp33-35)^"),
        ("See [@seven, ch. 2].", "See.^1(chap2)^"),
    ],
)
def test_superscript_placement(source: str, shown: str, library: Library) -> None:
    assert body(render(source, library)) == shown


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("seven", "Beck RW, Cleary PA, Anderson MM Jr, et al. A trial. <em>N Engl J Med</em>. 1992;326(9):581-588."),
        ("sixplus", "One A, Two B, Three C, et al. Cut list. <em>J Test</em>. 2018;1:1-2."),
        ("fourplus", "One A, Two B, Three C, Four D, et al. Short cut list. <em>J Test</em>. 2018;1:3."),
        ("quotes", "Smith A. Why “relapse” is a “loaded” word. <em>J Test</em>. 2020;2:5."),
        ("ahead", "Smith A. Early view. <em>Mult Scler</em>. Published online March 4, 2025."),
        ("aheadyear", "Smith A. Early view. <em>Mult Scler</em>. Published online 2025."),
        # Found by the differential test: the note's date is used, once, in AMA's order.
        ("onlinenote", "Lin R. Early. <em>Mult Scler</em>. Published online July 25, 2013."),
        ("third", "Kalb R. <em>Multiple Sclerosis: The Questions You Have and an Answer for MS</em>. 3rd ed. "
                  "Demos; 2012."),
        ("second", "Kalb R. <em>A Book</em>. 2nd ed. Demos; 2012."),
        ("report", "MS Trust. <em>The State of Relapse Services in the UK</em>. 2021."),
    ],
)
def test_reference_entry(key: str, expected: str, library: Library) -> None:
    assert format_reference(library.find(key)).render_as("html") == expected


def test_short_author_has_no_period(library: Library) -> None:
    assert short_author(library.find("seven")) == "Beck et al"


def test_csl_json_keeps_suffixes_and_marks_truncation(library: Library) -> None:
    items = {item["id"]: item for item in json.loads(to_csl_json([to_record(library.find(k)) for k in (
        "seven", "sixplus", "suffix")]))}
    assert items["seven"]["author"][2] == {"family": "Anderson", "given": "Malcolm M.", "suffix": "Jr."}
    assert items["suffix"]["author"] == [{"family": "Anderson", "given": "Malcolm M.", "suffix": "Jr."}]
    # A list the .bib cut with "and others" ends in the name Pandoc's citeproc reads as "et al".
    assert items["sixplus"]["author"][-1] == {"literal": "others"}
    assert len(items["sixplus"]["author"]) == 7
    assert "author" not in items["seven"] or {"literal": "others"} not in items["seven"]["author"]
