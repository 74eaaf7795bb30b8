"""Property tests: random Markdown with random citations, and hostile BibTeX fields."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidekit.citations import CitationsExtension, Problem
from guidekit.citations.library import parse_sources
from guidekit.citations.model import Library

GOLDEN = Path(__file__).parent / "golden" / "citations"
KEYS = ["beck1992", "muller2020", "kalb2012", "chapter2019", "nice2022", "nosuchkey", "Beck1992", "x:y.z"]
RE_CODE = re.compile(r"<pre><code[^>]*>.*?</code></pre>|<code>.*?</code>", re.DOTALL)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
keys = st.sampled_from(KEYS)
items = st.builds(
    lambda prefix, minus, key, loc: f"{prefix}{minus}@{key}{loc}",
    st.sampled_from(["", "see ", "e.g. "]), st.sampled_from(["", "-"]), keys,
    st.sampled_from(["", ", p. 3", ", pp. 3-5", ", ch. 2", ", 12", ", suffix text"]),
)
citation = st.lists(items, min_size=1, max_size=4).map(lambda xs: "[" + "; ".join(xs) + "]")
in_text = keys.map(lambda k: f"@{k}")
code_span = words.filter(lambda w: "`" not in w and w.strip()).map(lambda w: f"`{w} [@beck1992]`")
fence = words.map(lambda w: f"\n\n```\n@kalb2012 [@beck1992] {w}\n```\n\n")
fragment = st.one_of(words, citation, in_text, code_span, fence, st.just("\n\n"), st.just("<b>[@kalb2012]</b>"))
documents = st.lists(fragment, max_size=25).map(" ".join)


def _render(text: str, with_citations: bool) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    extensions: list = ["fenced_code"]
    if with_citations:
        extensions.append(CitationsExtension(bibliography=str(GOLDEN), cache_dir="", reporter=problems.append))
    return markdown.markdown(text, extensions=extensions), problems


@SETTINGS
@given(documents)
def test_random_markdown_only_reports_documented_problems(text: str) -> None:
    _, problems = _render(text, with_citations=True)
    for problem in problems:
        assert re.fullmatch(r"unknown citation key '[^']+' in \[.*\]", problem.message, re.DOTALL), problem
        assert problem.line is None or problem.line >= 1


@SETTINGS
@given(documents)
def test_code_comes_out_byte_identical(text: str) -> None:
    with_engine, _ = _render(text, with_citations=True)
    without_engine, _ = _render(text, with_citations=False)
    assert RE_CODE.findall(with_engine) == RE_CODE.findall(without_engine)


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs.extend(value or "" for name, value in attrs if name == "href")


hostile = st.lists(
    st.sampled_from([*"<>&\"'`={}\\$_^ ab/:;@", "script", "javascript:", "\\emph", "<img src=x>", "http://"]),
    max_size=20,
).map("".join)


@SETTINGS
@given(title=hostile, journal=hostile, author=hostile, url=hostile)
def test_no_field_can_inject_markup(title: str, journal: str, author: str, url: str) -> None:
    def braced(value: str) -> str:
        # Keep braces balanced so the entry parses; the point is what the fields contain.
        return value.replace("{", "(").replace("}", ")").replace("\\", "/")

    bib = (
        f"@article{{k, title = {{{braced(title)}}}, journal = {{{braced(journal)}}}, "
        f"author = {{{braced(author) or 'X'}}}, year = {{2000}}, url = {{{braced(url)}}}}}"
    )
    try:
        library: Library = parse_sources([("h.bib", bib)])
    except Exception as exc:
        assert type(exc).__name__ == "BibError", exc
        return
    ref = library.find("k")
    assert ref is not None
    # The whole pipeline, as a page renders it: stashed entry HTML and all.
    html = markdown.markdown("[@k]", extensions=[CitationsExtension(library=library)])
    collector = _TagCollector()
    collector.feed(html)
    assert set(collector.tags) <= {"p", "div", "h2", "ol", "li", "span", "a", "em", "strong", "sup", "sub"}
    assert collector.tags.count("li") == 1
    assert all(h.startswith(("https://", "http://", "#")) for h in collector.hrefs), collector.hrefs


prose_line = st.text(alphabet="abc def.,;", max_size=20)
#: A fenced block whose body may hold a shorter fence and a citation: all of it is code.
fenced_block = st.integers(min_value=3, max_value=5).flatmap(
    lambda n: st.integers(min_value=3, max_value=n - 1 if n > 3 else 3).map(
        lambda m: ["`" * n + "text", "`" * m if m < n else "~~~", "[@nosuchkey]", "`" * n]
    )
)
blocks = st.lists(st.one_of(prose_line.map(lambda line: [line]), fenced_block), max_size=8)


@SETTINGS
@given(before=blocks, after=blocks)
def test_unknown_key_is_reported_at_its_exact_line(before: list[list[str]], after: list[list[str]]) -> None:
    lines = [line for block in before for line in block]
    expected = len(lines) + 2  # a blank line, then the citation
    lines += ["", "Here [@nosuchkey].", ""] + [line for block in after for line in block]
    _, problems = _render("\n".join(lines), with_citations=True)
    first = [p.line for p in problems if "nosuchkey" in p.message]
    assert first[:1] == [expected], "\n".join(lines)
