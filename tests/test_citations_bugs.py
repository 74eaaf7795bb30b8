"""Correctness bugs the code review found (issue 12, part 3): each reproduced here before its fix."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import yaml
from conftest import REPO, make_site, run_mkdocs_build
from pybtex.database import parse_string

from guidekit.citations import CitationsExtension, Problem
from guidekit.citations.latex import to_plain
from guidekit.citations.library import parse_sources
from guidekit.citations.records import to_record

AHEAD = "@article{ahead, author = {Smith, Ann}, title = {Early view}, journal = {Mult Scler}, year = {2025}}\n"


def _build_with_engine(config: Path, site: Path, engine: Path) -> subprocess.CompletedProcess[str]:
    """A strict build that imports guidekit from `engine` (a copy we can edit) instead of the repo."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(engine)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True, text=True, env=env, check=False, cwd=config.parent,
    )


def test_warm_build_after_a_style_edit_shows_the_new_style(tmp_path: Path) -> None:
    engine = tmp_path / "engine"
    shutil.copytree(REPO / "guidekit", engine / "guidekit", ignore=shutil.ignore_patterns("__pycache__"))
    refs = tmp_path / "references"
    refs.mkdir()
    (refs / "lib.bib").write_text(AHEAD, encoding="utf-8")
    config = make_site(tmp_path / "site-src", {"index.md": "# Home\n\nEarly [@ahead].\n"}, bibliography=refs)
    first = _build_with_engine(config, tmp_path / "out", engine)
    assert first.returncode == 0, first.stderr
    assert "Published online 2025." in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    style = engine / "guidekit" / "citations" / "style.py"
    style.write_text(style.read_text(encoding="utf-8").replace("Published online", "Epub ahead of print"))
    second = _build_with_engine(config, tmp_path / "out", engine)  # warm: the first build's cache is on disk
    assert second.returncode == 0, second.stderr
    assert list((config.parent / ".cache" / "guidekit").glob("*.pickle")), "the first build left no cache"
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Epub ahead of print 2025." in html
    assert "Published online" not in html


def test_links_are_built_from_the_decoded_record() -> None:
    library = parse_sources([("x.bib", (
        "@misc{web, organization = {X}, title = {T}, year = {2020}, url = {https://example.org/a\\_b}}\n"
        "@article{doi, author = {A, B}, title = {T}, journal = {J}, year = {2020}, volume = {1},"
        " doi = {10.1000/x\\_y}}\n"
    ))])
    html = markdown.markdown("[@web; @doi]", extensions=[CitationsExtension(library=library)])
    hrefs = re.findall(r'class="gk-ref__link" href="([^"]+)"|href="([^"]+)" class="gk-ref__link"', html)
    links = sorted(a or b for a, b in hrefs)
    assert links == ["https://doi.org/10.1000/x_y", "https://example.org/a_b"]
    assert to_record(library.find("web")).url == "https://example.org/a_b"
    assert "\\_" not in html.split('class="gk-references"')[1].split("Z3988")[0]


def test_a_citation_after_nested_fences_is_reported_at_its_line() -> None:
    source = "\n".join([
        "# Fences",              # 1
        "",                      # 2
        "````markdown",          # 3
        "```python",             # 4
        "[@nowhere]",            # 5: inside the outer fence: code, not a citation
        "```",                   # 6: closes nothing (shorter than ````)
        "````",                  # 7
        "",                      # 8
        "Real one [@nowhere].",  # 9
    ])
    problems: list[Problem] = []
    library = parse_sources([("x.bib", AHEAD)])
    markdown.markdown(source, extensions=[CitationsExtension(library=library, reporter=problems.append),
                                          "fenced_code"])
    assert [(p.line, p.message) for p in problems] == [(9, "unknown citation key 'nowhere' in [@nowhere]")]


def test_cite_this_page_bibtex_round_trips_hostile_titles(tmp_path: Path) -> None:
    title = "Steroids_2 & #1 {braces} at 50% ~ ^ \\ end"
    page = f"---\ntitle: '{title}'\nreviewed: 2026-01-15\n---\n\n# Heading\n\nText.\n"
    result = run_mkdocs_build(make_site(tmp_path, {"index.md": page}), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<code id="gk-cite-bibtex">(.*?)</code>', html, re.DOTALL)
    assert block is not None
    import html as html_lib

    bibtex = html_lib.unescape(block.group(1))
    entry = next(iter(parse_string(bibtex, "bibtex").entries.values()))
    assert to_plain(entry.fields["title"]) == title
    assert entry.fields["year"] == "2026"
    ama = html_lib.unescape(re.search(r'id="gk-cite-ama">(.*?)</p>', html, re.DOTALL).group(1))
    assert f"{title}. MS Relapse Guide. Updated January 15, 2026." in ama


def test_serve_does_not_pretend_to_reload_engine_code() -> None:
    # MkDocs loads hooks once per process and keeps guidekit imported: watching them would rebuild with old code.
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader)  # noqa: S506 - a loader that only ignores !ENV tags
    assert not {"guidekit", "hooks"} & set(config.get("watch", []))


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", lambda loader, node: None)


def test_deferred_reference_section_fills_back_to_the_inline_output() -> None:
    # The MkDocs hook defers the section past search indexing; what it puts back must equal the inline list.
    from guidekit.citations import PageCitations, fill_references

    library = parse_sources([("x.bib", AHEAD + "@book{b, author = {Kalb, R}, title = {B}, year = {2012}}\n")])
    text = "# T\n\nOne [@ahead]. Two [@b; @ahead].\n"
    inline = markdown.markdown(text, extensions=[CitationsExtension(library=library), "toc"])
    held: list[PageCitations] = []
    deferred = markdown.markdown(text, extensions=[
        CitationsExtension(library=library, defer_entries=True, collector=held.append), "toc"])
    assert "gk-ref__text" not in deferred and "<!--gk-references-->" in deferred
    # The superscripts wait outside the page too (Material's search parser reads every tag).
    assert "<sup" not in deferred and "<!--gk-markup:1-->" in deferred
    assert len(held) == 1 and held[0].references_html and len(held[0].markup) == 2
    filled = fill_references(deferred, held[0].references_html, held[0].markup)
    # Python-Markdown's serialiser puts a newline between block tags; ElementTree's does not.
    assert re.sub(r">\s+<", "><", filled) == re.sub(r">\s+<", "><", inline)


def test_deferred_reference_heading_keeps_its_permalink_sign() -> None:
    # Found by a PEMAT rater: with toc permalinks the deferred References heading showed
    # "amppara;" between control bytes, because the list was serialised before
    # Python-Markdown turned its ampersand placeholder back into "&".
    from guidekit.citations import PageCitations, fill_references

    library = parse_sources([("x.bib", AHEAD)])
    text = "# T\n\nOne [@ahead].\n"
    configs = {"toc": {"permalink": True}}
    inline = markdown.markdown(text, extensions=[CitationsExtension(library=library), "toc"], extension_configs=configs)
    held: list[PageCitations] = []
    deferred = markdown.markdown(text, extensions=[
        CitationsExtension(library=library, defer_entries=True, collector=held.append), "toc"],
        extension_configs=configs)
    filled = fill_references(deferred, held[0].references_html, held[0].markup)
    assert '<a class="headerlink" href="#references" title="Permanent link">&para;</a>' in filled
    assert "\x02" not in filled and "\x03" not in filled
    assert re.sub(r">\s+<", "><", filled) == re.sub(r">\s+<", "><", inline)


def test_deferred_superscripts_leave_before_later_passes_except_in_headings() -> None:
    # Superscripts leave the tree as soon as they are rendered (later passes walked 4,000 of
    # them for nothing); one in a heading waits until the table of contents has read it.
    # Page, table of contents and the collector's (key, id, section) must match the inline build.
    import xml.etree.ElementTree as ET

    from markdown.treeprocessors import Treeprocessor

    from guidekit.citations import PageCitations, fill_references

    seen: list[list[str]] = []

    class Probe(Treeprocessor):  # where attr_list runs: after the citation pass, before toc
        def run(self, root: ET.Element) -> None:
            seen.append([el.get("id", "") for el in root.iter("sup")])

    class ProbeExtension(markdown.extensions.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.treeprocessors.register(Probe(md), "probe", 8)

    library = parse_sources([("x.bib", AHEAD + "@book{b, author = {Kalb, R}, title = {B}, year = {2012}}\n")])
    text = "# T\n\n## Dose [@b]\n\nOne [@ahead]. As @b said.\n\n## Later\n\nTwo [@b; @ahead].\n"

    def build(**options: object) -> tuple[str, list[PageCitations], markdown.Markdown]:
        held: list[PageCitations] = []
        md = markdown.Markdown(extensions=[CitationsExtension(library=library, collector=held.append, **options),
                                           "toc", ProbeExtension()])
        return md.convert(text), held, md

    inline, inline_held, inline_md = build()
    deferred, held, deferred_md = build(defer_entries=True)
    assert seen[0] == ["cite-1", "cite-2", "cite-3", "cite-4"]
    assert seen[1] == ["cite-1"], "only the heading's superscript is still in the tree"
    filled = fill_references(deferred, held[0].references_html, held[0].markup)
    assert re.sub(r">\s+<", "><", filled) == re.sub(r">\s+<", "><", inline)
    assert held[0].occurrences == inline_held[0].occurrences
    assert [(key, cite, section) for key, cite, section in held[0].occurrences][:2] == [
        ("b", "cite-1", "dose"), ("ahead", "cite-2", "dose")]
    assert deferred_md.toc_tokens == inline_md.toc_tokens


def test_a_heading_keeps_its_citation_numbers_out_of_its_id_and_title() -> None:
    # "## Dose [@b]" was given the id "dose1" and the title "Dose1" in the table of contents:
    # toc read the superscript's number as part of the heading.
    library = parse_sources([("x.bib", AHEAD + "@book{b, author = {Kalb, R}, title = {B}, year = {2012}}\n")])
    text = "# T\n\n## Dose [@b], then more [@ahead]: after\n\nBody [@b].\n"
    for defer in (False, True):
        held: list = []
        citations = CitationsExtension(library=library, defer_entries=defer, collector=held.append)
        md = markdown.Markdown(extensions=[citations, "toc"], extension_configs={"toc": {"permalink": True}})
        html = md.convert(text)
        if defer:
            from guidekit.citations import fill_references
            html = fill_references(html, held[0].references_html, held[0].markup)
        dose = md.toc_tokens[0]["children"][0]
        assert (dose["id"], dose["name"]) == ("dose-then-more-after", "Dose, then more: after"), defer
        heading = re.search(r'<h2 id="dose-then-more-after">(.*?)</h2>', html)
        assert heading is not None, html
        # The superscripts are back where they were, close up to the words, before the permalink.
        expected = (r'Dose,<sup [^>]*id="cite-1"[^>]*>.*?</sup> then more<sup [^>]*id="cite-2"[^>]*>.*?</sup>: '
                    r'after<a class="headerlink" href="#dose-then-more-after"[^>]*>&para;</a>')
        assert re.fullmatch(expected, heading.group(1)), heading.group(1)


def test_with_toc_anchorlink_a_heading_superscript_still_leaves_the_tree_and_comes_back() -> None:
    # anchorlink moves a heading's content into a link, so its superscripts stay in while toc reads
    # the heading; with defer_entries they must still leave the tree afterwards, and come back whole.
    from guidekit.citations import fill_references

    library = parse_sources([("x.bib", "@book{b, author = {Kalb, R}, title = {B}, year = {2012}}\n")])
    held: list = []
    md = markdown.Markdown(extensions=[CitationsExtension(library=library, defer_entries=True, collector=held.append),
                                       "toc"], extension_configs={"toc": {"anchorlink": True}})
    deferred = md.convert("## Dose [@b]\n\nBody [@b].\n")
    assert "<sup" not in deferred
    filled = fill_references(deferred, held[0].references_html, held[0].markup)
    assert re.search(r'<a class="toclink" href="#[^"]+">Dose<sup [^>]*id="cite-1"', filled), filled
    assert "\x02" not in filled and "<!--gk-" not in filled
