"""The Content Security Policy module (guidekit.csp) and the policy on every built page."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guidekit.csp import EXECUTABLE_TYPES, CspError, inline_scripts, policy, script_hash, secure_page

PAGE = '<!doctype html><html><head>\n<meta charset="utf-8">\n<title>t</title>{head}</head><body>{body}</body></html>'
#: The inline scripts the pages carry, by how they start: Material 9.8.2's, and the site's
#: colour switch (overrides/partials/javascripts/palette.html, in place of Material's). A theme
#: upgrade that adds another makes this test fail, so that someone reviews what the new script does.
THEME_INLINE_SCRIPTS = ("__md_scope=new URL(",
                        '\n(function () {\n  var inputs = [].slice.call(document.querySelectorAll("[data-gk-palette]',
                        "var target=document.getElementById(location.hash.slice(1))")
RE_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def _expected_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<script>a()</script>", ["a()"]),
        ("<script type='module'>b()</script><script type=\"text/javascript\">c()</script>", ["b()", "c()"]),
        ('<script src="x.js"></script><script type="application/json">{"a": 1}</script>', []),
        ("<script>if (a < b && c > d) { x('</p>') }</script>", ["if (a < b && c > d) { x('</p>') }"]),
        ("<script>\n  multi\n  line &amp; kept\n</script>", ["\n  multi\n  line &amp; kept\n"]),
        # What hides a script, or looks like one and is not (the scanner is a regex, not a parser).
        ("<!-- <script>no()</script> --><script>yes()</script>", ["yes()"]),
        ("<!--><script>a()</script><!---><script>b()</script>", ["a()", "b()"]),
        ("<style>.a{} <script>no()</script></style><script>yes()</script>", ["yes()"]),
        ('<a title="<!--"><script>yes()</script><!-- -->', ["yes()"]),
        ("<a title='<script>no()</script>'>x</a><script>yes()</script>", ["yes()"]),
        ('<a title="x>y"><script data-x="a>b">yes()</script>', ["yes()"]),
        ("<script>var s='<!--'; a()</script><script>b()</script>", ["var s='<!--'; a()", "b()"]),
        ("<SCRIPT Type=MODULE>m()</SCRIPT ><scripty>no</scripty>", ["m()"]),
        ('<script type="text&#x2f;javascript">d()</script><svg><script>e()</script></svg>', ["d()", "e()"]),
        # HTML ends a script at "</script" then space, "/" or ">"; one never closed never runs.
        ("<script>x</script\n><script>y</script/><script>never()", ["x", "y"]),
    ],
)
def test_inline_scripts_are_found_exactly(body: str, expected: list[str]) -> None:
    assert inline_scripts(PAGE.format(head="", body=body)) == expected


def test_script_hash_matches_the_csp_algorithm() -> None:
    assert script_hash("alert(1)") == _expected_hash("alert(1)")
    # A one-character change gives another hash, so an edited script is blocked.
    assert script_hash("alert(1)") != script_hash("alert(2)")


def test_policy_has_every_directive_and_no_unsafe_script_source() -> None:
    text = policy(["'sha256-x'", "'sha256-x'", "'sha256-y'"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == "'self' 'sha256-x' 'sha256-y'"
    for name, value in {"default-src": "'self'", "connect-src": "'self'", "img-src": "'self' data:",
                        "worker-src": "'self'", "object-src": "'none'", "base-uri": "'self'",
                        "form-action": "'none'"}.items():
        assert directives[name] == value
    assert "unsafe" not in directives["script-src"] and "unsafe-eval" not in text


def test_secure_page_puts_the_policy_before_every_script() -> None:
    html = PAGE.format(head="<script>first()</script>", body="<script>later()</script>")
    out = secure_page(html)
    csp = out.index("Content-Security-Policy")
    assert out.index('<meta charset="utf-8">') < csp < out.index("<script")
    assert _expected_hash("first()") in out and _expected_hash("later()") in out
    assert '<meta name="referrer" content="no-referrer">' in out


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<p>no head</p>", "no <head>"),
        (PAGE.format(head='<meta http-equiv="Content-Security-Policy" content="x">', body=""), "already has"),
    ],
)
def test_pages_that_cannot_carry_a_policy_are_refused(html: str, message: str) -> None:
    with pytest.raises(CspError, match=message):
        secure_page(html)


class _ParserOracle(HTMLParser):
    """The scanner's reference: html.parser's tokenizer, which the policy used before (too slow at scale)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        runs = "src" not in values and (values.get("type") or "").strip().lower() in EXECUTABLE_TYPES
        if tag == "script":
            self._current = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def test_the_scanner_finds_what_html_parser_finds_on_every_built_page(built_site: Path) -> None:
    pages = _built_pages(built_site)
    assert len(pages) >= 14
    for path in pages:
        html = path.read_text(encoding="utf-8")
        oracle = _ParserOracle()
        oracle.feed(html)
        oracle.close()
        assert inline_scripts(html) == oracle.scripts, path


def _built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_built_page_has_its_policy_first_and_every_inline_script_hashed(built_site: Path) -> None:
    pages = _built_pages(built_site)
    assert len(pages) >= 14  # 13 pages and the 404 page
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = RE_CSP.search(html)
        assert match, f"{path}: no Content-Security-Policy"
        assert match.start() < html.index("<script"), f"{path}: a script comes before the policy"
        assert html.count("Content-Security-Policy") == 1
        assert '<meta name="referrer" content="no-referrer">' in html
        scripts = inline_scripts(html)
        assert scripts, f"{path}: Material always writes inline scripts; none found"
        for source in scripts:
            assert source.startswith(THEME_INLINE_SCRIPTS), f"{path}: new inline script to review: {source[:60]!r}"
            assert _expected_hash(source) in match.group(1), f"{path}: inline script without its hash"


def test_links_that_open_a_new_tab_have_noopener(built_site: Path) -> None:
    opened = 0
    for path in _built_pages(built_site):
        for tag in re.findall(r"<a\b[^>]*\btarget=\"_blank\"[^>]*>", path.read_text(encoding="utf-8")):
            opened += 1
            assert re.search(r'\brel="[^"]*\bnoopener\b', tag), f"{path}: {tag}"
    assert opened >= 1


def _hook(name: str) -> object:
    import importlib.util

    path = Path(__file__).parent.parent / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"hooks_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_markup_goes_back_after_the_policy_is_written() -> None:
    # The policy hashes the scripts the theme and authors wrote. The citation hook puts the
    # deferred reference lists back later: nothing from a .bib file can then be hashed as a
    # script (were one ever to get through the escaping, the policy would block it), and the
    # policy's scan need not read the lists.
    security, citations = _hook("security"), _hook("citations")
    policy_at = security.on_post_page.mkdocs_priority  # type: ignore[attr-defined]
    fill_at = citations.on_post_page.mkdocs_priority  # type: ignore[attr-defined]
    assert fill_at < policy_at
