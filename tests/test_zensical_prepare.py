"""guidekit.site without a builder: prepare on a tiny site, its generated files, and the bibliography extension."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jinja2
import markdown
import pytest

from guidekit.site import generated
from guidekit.site.artefacts import PageFacts
from guidekit.site.config import load_config
from guidekit.site.pages import page_url, split_front_matter
from guidekit.site.prepare import main, prepare

BIB = """@article{beck1992,
  author = {Beck, Roy W. and Cleary, Patricia A.},
  title = {A randomized, controlled trial of corticosteroids in the treatment of acute optic neuritis},
  journal = {N Engl J Med}, year = {1992}, volume = {326}, number = {9}, pages = {581--588},
  doi = {10.1056/NEJM199202273260901}, pmid = {1734247}
}
"""
CONFIG = """site_name: Tiny
site_url: !ENV [TINY_SITE_URL, "https://example.org/tiny/"]
site_author: The editors
extra:
  review: {required: true, max_age_days: 730}
nav:
  - Home: index.md
  - Alpha page: sub/alpha.md
  - References: references.md
markdown_extensions:
  - toc
  - guidekit.citations:
      bibliography: refs.bib
      cache_dir: ""
  - guidekit.site.bibliography
  - guidekit.checklists
"""
CHECKLIST = "/// checklist | Before you call\n    id: before-you-call\n- [ ] Write down when it started\n///\n"
FRONT = "---\nreviewed: 2026-01-15\n---\n\n"


def _site(root: Path, pages: dict[str, str]) -> Path:
    (root / "refs.bib").write_text(BIB, encoding="utf-8")
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(CONFIG, encoding="utf-8")
    return config


PAGES = {
    "index.md": FRONT + "# Home\n\n" + CHECKLIST,
    "sub/alpha.md": FRONT + "# Alpha\n\n## First part\n\nA claim [@beck1992].\n",
    "references.md": FRONT + '# References\n\n<div class="gk-bibliography-here"></div>\n',
}


@pytest.mark.parametrize(("src", "url"), [
    ("index.md", ""), ("about.md", "about/"), ("a/b.md", "a/b/"), ("a/index.md", "a/"), ("a/README.md", "a/"),
])
def test_page_url_is_the_builders_directory_url(src: str, url: str) -> None:
    assert page_url(src) == url


def test_front_matter_is_split_as_mkdocs_splits_it() -> None:
    meta, body = split_front_matter("---\ntitle: X\nreviewed: 2026-01-15\n---\n\n\n# X\n")
    assert meta == {"title": "X", "reviewed": dt.date(2026, 1, 15)}
    assert body == "# X\n"
    assert split_front_matter("# No front matter\n") == ({}, "# No front matter\n")


def test_env_tags_resolve_like_mkdocs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = _site(tmp_path, {})
    assert load_config(config).get("site_url") == "https://example.org/tiny/"
    monkeypatch.setenv("TINY_SITE_URL", "https://other.example/")
    assert load_config(config).get("site_url") == "https://other.example/"


def test_prepare_writes_what_the_pages_need(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769904000")  # 2026-02-01, after the pages' review date
    outcome = prepare(_site(tmp_path, PAGES))
    assert outcome.warnings == []
    assert [p.src for p in outcome.pages] == ["index.md", "references.md", "sub/alpha.md"]
    assert {p.relative_to(tmp_path).as_posix() for p in outcome.written} == {
        "overrides/partials/generated/site-data.html", "includes/generated/site-citations.json",
        "docs/references.bib", "docs/references.ris", "docs/references.json",
    }
    data = json.loads((tmp_path / generated.BIBLIOGRAPHY_DATA).read_text(encoding="utf-8"))
    assert data["page"] == "references.md"
    alpha = next(p for p in data["pages"] if p["src"] == "sub/alpha.md")
    assert alpha["title"] == "Alpha page" and alpha["occurrences"] == [["beck1992", "first-part"]]
    assert "@article{beck1992," in (tmp_path / "docs/references.bib").read_text(encoding="utf-8")
    # A second run changes nothing, so the builder's cache stays warm.
    assert prepare(tmp_path / "mkdocs.yml").written == []


def test_generated_site_data_reads_back_in_jinja(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769904000")
    prepare(_site(tmp_path, PAGES))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path / "overrides"), autoescape=True)
    template = env.from_string('{% from "partials/generated/site-data.html" import pages %}{{ pages | tojson }}')
    pages = json.loads(template.render())
    assert set(pages) == {"index", "references", "sub/alpha"}
    alpha = pages["sub/alpha"]
    assert alpha["citation_references"][0].startswith("citation_title=A randomized, controlled trial")
    assert alpha["cite_ama"].endswith("https://example.org/tiny/sub/alpha/")
    assert alpha["citation_author"] == "The editors,"
    assert pages["index"]["gk_checklist"] == "before-you-call" and alpha["gk_checklist"] == ""


def test_site_data_literal_keeps_awkward_strings() -> None:
    awkward = 'quote " apostrophe \' backslash \\ newline \n brace %} {{ x }} ünïcode ›'
    text = generated.site_data_partial({"p": {"cite_bibtex": awkward, "citation_references": [awkward]}})
    env = jinja2.Environment(loader=jinja2.DictLoader({"d.html": text}), autoescape=True)
    rendered = env.from_string('{% from "d.html" import pages %}{{ pages | tojson }}').render()
    assert json.loads(rendered) == {"p": {"cite_bibtex": awkward, "citation_references": [awkward]}}


def test_strict_prepare_names_page_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1769904000")
    pages = {
        **PAGES,
        "sub/alpha.md": FRONT + "# Alpha\n\nA claim [@nosuch].\n\n" + CHECKLIST,  # line 7; checklist id again
        "references.md": "# References\n",
    }
    config = _site(tmp_path, pages)
    assert main(["-f", str(config), "--strict"]) == 1
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("WARNING")]
    assert warnings == [
        "WARNING  -  docs/references.md: no 'reviewed: YYYY-MM-DD' in the front matter",
        "WARNING  -  docs/sub/alpha.md:10: duplicate checklist id 'before-you-call' (first used at docs/index.md:8)",
        "WARNING  -  docs/sub/alpha.md:7: unknown citation key 'nosuch' in [@nosuch]",
    ]
    assert main(["-f", str(config)]) == 0  # without --strict the warnings are printed, not fatal


def test_bibliography_extension_links_to_markdown_sources(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text(generated.site_citations_json("references.md", [
        PageFacts("sub/alpha.md", "Alpha page", "sub/alpha/", (("beck1992", "first-part"),), {"first-part": "First"}),
    ]), encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    html = markdown.markdown(
        '# References\n\n<div class="gk-bibliography-here"></div>\n',
        extensions=["guidekit.citations", "guidekit.site.bibliography"],
        extension_configs={"guidekit.citations": {"bibliography": str(tmp_path / "refs.bib"), "cache_dir": ""},
                           "guidekit.site.bibliography": {"data": str(data)}},
    )
    assert '<a download="references.bib" href="references.bib">BibTeX</a>' in html
    assert '<a href="sub/alpha.md#first-part">Alpha page › First</a>' in html
    assert '<li class="gk-ref" id="beck1992">' in html and "Beck RW, Cleary PA." in html
    assert "gk-bibliography-here" not in html


def test_bibliography_without_prepare_says_what_to_run(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    with pytest.raises(ValueError, match=r"missing\; run `python -m guidekit prepare` before the build"):
        markdown.markdown('<div class="gk-bibliography-here"></div>\n',
                          extensions=["guidekit.citations", "guidekit.site.bibliography"],
                          extension_configs={"guidekit.citations": {"bibliography": str(tmp_path / "refs.bib")},
                                             "guidekit.site.bibliography": {"data": str(tmp_path / "none.json")}})


def test_page_meta_comes_from_a_rendering_context_when_the_builder_has_one() -> None:
    from markdown.preprocessors import Preprocessor

    from guidekit.pagecontext import meta_option, page_meta

    class Page:
        meta = {"audience": "clinician", "title": "X"}  # noqa: RUF012 - a stand-in for Zensical's page

    class Context(Preprocessor):
        page = Page()

        def run(self, lines: list[str]) -> list[str]:
            return lines

    plain = markdown.Markdown()
    assert page_meta(plain) is None
    assert meta_option(plain, "audience", "patient", ("patient", "clinician")) == "patient"
    md = markdown.Markdown()
    md.preprocessors.register(Context(md), "rendering_context", 0)
    assert page_meta(md) == {"audience": "clinician", "title": "X"}
    assert meta_option(md, "audience", "patient", ("patient", "clinician")) == "clinician"
    Page.meta = {"audience": "nobody"}
    assert meta_option(md, "audience", "patient", ("patient", "clinician")) == "patient"


def test_prepare_shares_front_matter_as_zensical_does() -> None:
    from guidekit.pagecontext import PageContextExtension, page_meta

    md = markdown.Markdown(extensions=[PageContextExtension({"audience": "clinician"})])
    assert page_meta(md) == {"audience": "clinician"}


@pytest.mark.parametrize(("meta", "expected"), [
    ({}, ("patient", "")),
    ({"audience": "clinician"}, ("clinician", "")),
    ({"audience": "nurses"}, ("patient", "docs/x.md:3: audience must be 'patient' or 'clinician', not 'nurses'")),
])
def test_page_audience_is_checked_the_same_for_every_builder(meta: dict, expected: tuple[str, str]) -> None:
    from guidekit.site.audience import page_audience

    assert page_audience("docs/x.md", meta, "---\ntitle: X\naudience: nurses\n---\n") == expected
