"""Pure-function tables for the citation engine: syntax, LaTeX, names, library, links."""

from __future__ import annotations

import pytest

from guidekit.citations.latex import to_plain, to_rich
from guidekit.citations.library import BibError, parse_sources, validate
from guidekit.citations.model import CiteItem, Reference
from guidekit.citations.records import to_record
from guidekit.citations.render import compress, reference_links
from guidekit.citations.style import format_reference, short_author
from guidekit.citations.syntax import RE_BRACKET, RE_IN_TEXT, parse_bracket, parse_locator


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("@a", [CiteItem("a")]),
        ("@a; @b; @c", [CiteItem("a"), CiteItem("b"), CiteItem("c")]),
        ("see @a, p. 33; @b, ch. 2", [CiteItem("a", prefix="see", locator="p33"), CiteItem("b", locator="chap2")]),
        ("-@a", [CiteItem("a", suppress_author=True)]),
        ("@a, pp. 33-35", [CiteItem("a", locator="pp33-35")]),
        ("@a, 12", [CiteItem("a", locator="p12")]),
        ("@a, sec. 4, emphasis added", [CiteItem("a", locator="sec4", suffix="emphasis added")]),
        ("@a, and elsewhere", [CiteItem("a", suffix="and elsewhere")]),
        ("@Smith_2020:x.y-z/1+2", [CiteItem("Smith_2020:x.y-z/1+2")]),
        ("@{doi:10.1/x}", [CiteItem("doi:10.1/x")]),
        ("e.g. @a; @b, fig. 3", [CiteItem("a", prefix="e.g."), CiteItem("b", locator="fig3")]),
    ],
)
def test_parse_bracket_valid(body: str, expected: list[CiteItem]) -> None:
    assert parse_bracket(body) == tuple(expected)


@pytest.mark.parametrize(
    "body",
    ["write to jane@example.com", "@a; no key here", "", "@", "@a @b", "see@a", "@a; ; @b"],
)
def test_parse_bracket_rejects_non_citations(body: str) -> None:
    assert parse_bracket(body) is None


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("[@a] and [see @b, p. 2]", ["@a", "see @b, p. 2"]),
        ("[@a](https://x.org) is a link", []),
        ("[@a][ref] is a reference link", []),
        ("[^1] footnote, [text] brackets", []),
    ],
)
def test_bracket_pattern(text: str, matches: list[str]) -> None:
    assert [m.group("body") for m in RE_BRACKET.finditer(text)] == matches


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("As @beck1992 showed", ["beck1992"]),
        ("Mail jane@example.com today", []),
        ("See https://x.org/@handle", []),
        ("Ends a sentence @key.", ["key"]),
        ("@a [p. 33] said", ["a"]),
        ("escaped \\@a stays", []),
    ],
)
def test_in_text_pattern(text: str, keys: list[str]) -> None:
    assert [m.group("key") for m in RE_IN_TEXT.finditer(text)] == keys


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        (", p. 33", ("p33", "")),
        (", pp. 33–35", ("pp33-35", "")),
        (", chapter 2", ("chap2", "")),
        (", para. 4 and notes", ("para4", "and notes")),
        (", 7", ("p7", "")),
        (" suffix without comma", ("", "suffix without comma")),
        ("", ("", "")),
    ],
)
def test_parse_locator(rest: str, expected: tuple[str, str]) -> None:
    assert parse_locator(rest) == expected


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        ([1], [(1, 1)]),
        ([2, 1], [(1, 1), (2, 2)]),
        ([1, 2, 4, 5, 6], [(1, 1), (2, 2), (4, 6)]),
        ([3, 3, 1, 2], [(1, 3)]),
        ([], []),
        ([9, 7, 8, 1], [(1, 1), (7, 9)]),
    ],
)
def test_compress(numbers: list[int], expected: list[tuple[int, int]]) -> None:
    assert compress(numbers) == expected


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"M{\"u}ller and \'Eric", "Müller and Éric"),
        (r"Ji{\v r}{\'\i}", "Jiří"),
        (r"10--20, a---b, x~y", "10–20, a—b, x\u00a0y"),
        (r"R\&D at 5\% \$ \#1", "R&D at 5% $ #1"),
        (r"\emph{In vivo}, {\em a}, \textit{b}, \textbf{c}", "In vivo, a, b, c"),
        (r"CO\textsubscript{2} and x\textsuperscript{2}", "CO2 and x2"),
        (r"see \url{https://x.org/a_b}", "see https://x.org/a_b"),
        (r"$\alpha$ and $\beta_2$", "α and β2"),
        (r"{DNA} in {{Protected}} text", "DNA in Protected text"),
        (r"\unknowncommand{kept} \alsounknown z", "kept z"),
        ("stray } brace", "stray  brace"),
        ("trailing backslash \\", "trailing backslash "),
    ],
)
def test_latex_to_plain(latex: str, plain: str) -> None:
    assert to_plain(latex) == plain
    assert "\\" not in str(to_rich(latex))


def _ref(key: str = "k", kind: str = "article", persons: dict | None = None, **fields: str) -> Reference:
    base = {"title": "A title", "year": "2020", "journal": "J Test"}
    people = {role: " and ".join(names) for role, names in (persons or {"author": ("Beck, Roy",)}).items()}
    return Reference(key, kind, {**base, **people, **fields}, "references/x.bib", 3)


@pytest.mark.parametrize(
    ("authors", "expected_start", "short"),
    [
        (("Beck, Roy W.",), "Beck RW. ", "Beck"),
        (("Beck, Roy", "Cleary, Pat"), "Beck R, Cleary P. ", "Beck and Cleary"),
        (tuple(f"N{i}, A" for i in range(6)), "N0 A, N1 A, N2 A, N3 A, N4 A, N5 A. ", "N0 et al"),
        (tuple(f"N{i}, A" for i in range(7)), "N0 A, N1 A, N2 A, et al. ", "N0 et al"),
        (("van Gogh, Vincent", "Anderson, Jr., Malcolm M."), "van Gogh V, Anderson MM Jr. ", "van Gogh and Anderson"),
        (("Dupont, Jean-Pierre",), "Dupont JP. ", "Dupont"),
        (("{World Health Organization}",), "World Health Organization. ", "World Health Organization"),
    ],
)
def test_ama_names(authors: tuple[str, ...], expected_start: str, short: str) -> None:
    ref = _ref(persons={"author": authors})
    assert str(format_reference(ref)).startswith(expected_start)
    assert short_author(ref) == short


def test_article_format() -> None:
    ref = _ref(volume="326", number="9", pages="581--588", note="Guideline retired")
    assert str(format_reference(ref)) == "Beck R. A title. J Test. 2020;326(9):581-588. Guideline retired."


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"doi": "10.1056/NEJM1992"}, [("doi:", "https://doi.org/10.1056/NEJM1992", "10.1056/NEJM1992")]),
        ({"pmid": "1734247"}, [("PMID: ", "https://pubmed.ncbi.nlm.nih.gov/1734247/", "1734247")]),
        ({"pmcid": "pmc123"}, [("PMCID: ", "https://pmc.ncbi.nlm.nih.gov/articles/PMC123/", "PMC123")]),
        ({"url": "https://x.org/a"}, [("", "https://x.org/a", "https://x.org/a")]),
        ({"url": "javascript:alert(1)"}, []),
        ({"url": "data:text/html,<b>"}, []),
        ({"doi": "not a doi", "pmid": "12ab"}, []),
    ],
)
def test_reference_links(fields: dict[str, str], expected: list) -> None:
    assert reference_links(to_record(_ref(**fields))) == expected


MACROS = ("macros.bib", '@string{nejm = "N Engl J Med"}\n')
ENTRY = "@article{a,\n  title = {T},\n  journal = nejm,\n  year = {2000}\n}\n"


def test_macros_cross_files_in_any_order() -> None:
    library = parse_sources([("entries.bib", ENTRY), MACROS])
    assert library.find("A").get("journal") == "N Engl J Med"
    assert library.find("a").source == "entries.bib" and library.find("a").line == 1


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        (
            [("bad.bib", "@article{a,\n  title = {T}\n  year = {2000}\n}\n")],
            r"^bad\.bib:3: syntax error: '}' expected$",
        ),
        ([("bad.bib", "@article{a,\n  title = {T,\n  year = {2000}\n")], r"^bad\.bib:\d+: syntax error: premature end"),
        ([("bad.bib", ENTRY)], r"^bad\.bib:3: undefined string: nejm$"),
        ([("a.bib", "@book{Key1, title={T}}\n"), ("b.bib", "\n@article{key1, title={U}}\n")],
         r"^b\.bib:2: duplicate key 'key1' \(keys ignore case\); first defined at a\.bib:1$"),
        ([("a.bib", "@book{k, title={T}}\n\n@book{K, title={U}}\n")], r"^a\.bib:3: duplicate key 'K'.*a\.bib:1$"),
        ([("a.bib", "@book{k,\n title={T},\n title={U}}\n")], r"^a\.bib:1: entry with key k has a duplicate title"),
    ],
)
def test_bad_bibtex(sources: list[tuple[str, str]], message: str) -> None:
    with pytest.raises(BibError, match=message):
        parse_sources(sources)


def test_validate_names_each_problem() -> None:
    library = parse_sources([("x.bib", (
        "@article{ok, author={A, B}, title={T}, year={2000}}\n"
        "@article{notitle, author={A, B}, year={2000}}\n"
        "@article{noyear, author={A, B}, title={T}}\n"
        "@misc{nobody, title={T}, year={2000}}\n"
        "@misc{org, organization={NICE}, title={T}, year={2000}, url={https://x.org}}\n"
        "@misc{evil, organization={X}, title={T}, year={2000}, url={javascript:alert(1)}}\n"
        "@misc{ftp, organization={X}, title={T}, year={2000}, url={ftp://x.org}}\n"
        "@book{commas, author={A, B, C, D and {E, F}, G}, title={T}, year={2000}}\n"
    ))])
    messages = [p.message for p in validate(library)]
    assert messages == [
        "x.bib:2: entry 'notitle' has no title",
        "x.bib:3: entry 'noyear' has no year",
        "x.bib:4: entry 'nobody' has no author, editor or organization",
        "x.bib:6: entry 'evil' field 'url' refused (unsafe scheme): javascript:alert(1)",
        "x.bib:7: entry 'ftp' field 'url' ignored (not http or https): ftp://x.org",
        "x.bib:8: entry 'commas' field 'author': Too many commas in 'A, B, C, D'",
    ]


def test_scan_finds_brackets_first_then_in_text_between_them() -> None:
    # As when the bracket pattern ran before the in-text one: "[@x @y]" is no citation
    # (two keys in one item), so its keys count as in-text; "@decorator" is no key.
    from guidekit.citations.scan import find_in_text

    text = "@a said [@b; @c] and [@x @y] @decorator, as @d [p. 4] did"
    found = find_in_text(text, known=lambda key: key != "decorator")
    assert [text[start:end] for start, end, _ in found] == ["@a", "[@b; @c]", "@x", "@y", "@d [p. 4]"]
    assert [citation.in_text for _, _, citation in found] == [True, False, True, True, True]
    # An escaped "[" is still Python-Markdown's placeholder when the scan runs: no bracket.
    escaped = "\x0291\x03@b]"
    assert [escaped[start:end] for start, end, _ in find_in_text(escaped, known=lambda key: True)] == ["@b"]
