"""The site's own stylesheets reach the reader as one file, in cascade order, with nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_site, run_mkdocs_build

from guidekit.stylesheets import BUNDLE_NAME, StylesheetError, bundle, joinable
from scripts.site_config import load_config

REPO = Path(__file__).resolve().parent.parent
RE_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')


def _extra_css() -> list[str]:
    return [str(item) for item in load_config()["extra_css"]]


def test_bundle_keeps_order_and_names_each_source() -> None:
    css = bundle([("docs/stylesheets/b.css", "b { color: red; }\n"), ("docs/stylesheets/a.css", "a { color: blue; }")])
    assert css.index("b { color: red; }") < css.index("a { color: blue; }")
    assert css.index("/* ---- docs/stylesheets/b.css ---- */") < css.index("b { color: red; }")
    assert "/* ---- docs/stylesheets/a.css ---- */" in css


@pytest.mark.parametrize("rule", ["@import url(x.css);", '@charset "utf-8";', "@NAMESPACE svg url(x);"])
def test_a_top_only_rule_is_an_error_naming_file_and_line(rule: str) -> None:
    # The comment spans lines and mentions @import: it must neither count as the rule nor shift the line.
    source = f"a {{ color: red; }}\n/* no @import here,\n   nor here */\n{rule}\n"
    with pytest.raises(StylesheetError, match=r"^docs/stylesheets/x\.css:4: @"):
        bundle([("docs/stylesheets/ok.css", "p {}"), ("docs/stylesheets/x.css", source)])


def test_only_plain_files_of_the_stylesheets_folder_are_joined() -> None:
    assert joinable("stylesheets/site.css")
    for path in ("assets/x.css", "stylesheets/sub/x.css", "https://example.org/x.css", "/stylesheets/x.css",
                 "stylesheets/x.css?v=1", "stylesheets/x.scss"):
        assert not joinable(path), path


def test_built_pages_link_one_site_stylesheet_holding_every_file(built_site: Path) -> None:
    sources = _extra_css()
    assert len(sources) >= 2 and all(joinable(path) for path in sources)
    joined = (built_site / BUNDLE_NAME).read_text(encoding="utf-8")
    positions = []
    for path in sources:
        text = (REPO / "docs" / path).read_text(encoding="utf-8").rstrip()
        assert text in joined, f"{path} is not in {BUNDLE_NAME} whole"
        positions.append(joined.index(text))
        # Joined, not also copied: the precache and the reader fetch it once.
        assert not (built_site / path).exists(), f"{path} was copied as well as joined"
    assert positions == sorted(positions), "the joined file changed the cascade order"
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) >= 13
    for page in pages:
        links = RE_LINK.findall(page.read_text(encoding="utf-8"))
        own = [href for href in links if "assets/" not in href]
        assert [href.rsplit("/", 2)[-2:] for href in own] == [BUNDLE_NAME.split("/")], (page, links)
    print(f"\n{len(sources)} stylesheets joined into {BUNDLE_NAME} ({len(joined):,} bytes); {len(pages)} pages link it")


def test_a_stylesheet_that_cannot_be_joined_stops_the_build_naming_file_and_line(tmp_path: Path) -> None:
    config = make_site(tmp_path, {"index.md": "# Home\n"})
    target = tmp_path / "docs" / "stylesheets" / "content.css"
    lines = target.read_text(encoding="utf-8").count("\n")
    target.write_text(target.read_text(encoding="utf-8") + '@import url("more.css");\n', encoding="utf-8")
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/stylesheets/content.css:{lines + 1}: @import is only valid at the top" in result.stderr
