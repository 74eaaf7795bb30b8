"""Every page printed to an A4 PDF by Chromium, as a reader's Print button would.

Each page is printed twice: as a patient handout (the default) and with the
"include the notes for clinicians" box ticked. The PDF's own text is read back
with pypdf, so the checks see what lands on paper, not what the DOM holds.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from crawl_support import nav_page_urls, public_site_address
from pypdf import PdfReader

#: A4 is 210 mm wide; print.css sets 12 mm side margins. At 96 px per inch.
A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)
#: The most A4 sheets a clinician handout may take (issue 13). The quick
#: reference (about 1,500 words and 36 references) prints in two columns on
#: sheets with 10 mm margins (print.css), with every table column kept.
CLINICIAN_SHEETS_MAX = 2

# Tables that print (in print media), with their header cells, and how far the
# widest cell reaches past the content box or a clipping ancestor.
TABLES_JS = """() => {
  const content = document.querySelector('.md-content');
  const box = content.getBoundingClientRect();
  return Array.from(content.querySelectorAll('table'))
    .filter(t => t.getClientRects().length > 0)
    .map(t => {
      // The narrowest box around the table: its column on paper, or a box that clips it.
      let limit = box.right;
      for (let el = t.parentElement; el && el !== content; el = el.parentElement) {
        const style = getComputedStyle(el);
        limit = Math.min(limit, el.getBoundingClientRect().right - parseFloat(style.borderRightWidth));
      }
      const cells = Array.from(t.querySelectorAll('th, td'));
      const right = Math.max(...cells.map(c => c.getBoundingClientRect().right));
      return {
        headers: Array.from(t.querySelectorAll('thead th')).map(th => th.textContent.trim()),
        overflow: Math.round(right - limit),
      };
    });
}"""

# Text that only the clinician layer and the reference list hold: the start of
# each clinician box's title and of each reference entry.
LAYER_JS = """() => Array.from(document.querySelectorAll(
    '.md-content :is(details.clinician > summary, .admonition.clinician > .admonition-title, '
    + '.gk-references .gk-ref__text)'
  )).map(el => el.textContent.trim().slice(0, 120)).filter(Boolean)"""

# Outside links in running text, whose address should print after them.
EXTERNAL_JS = """() => Array.from(document.querySelectorAll('.md-content a[href^="http"]:not([data-gk-internal])'))
  .filter(a => a.getClientRects().length > 0 && !a.closest('table, sup, .gk-references, .gk-bibliography'))
  .map(a => a.getAttribute('href'))"""


@dataclass
class Printout:
    url: str
    sheets: int
    text: str
    tables: list[dict] = field(default_factory=list)
    layer: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    clinician_page: bool = False
    has_opt_in: bool = False


def squash(text: str) -> str:
    """Text without whitespace or soft hyphens: line breaks on paper fall anywhere."""
    return re.sub(r"[\s\u00ad]+", "", text)


def _print(page, url: str, *, opt_in: bool) -> Printout:
    page.goto(url, wait_until="networkidle")
    has_opt_in = page.locator("#gk-print-clinician").count() == 1
    if opt_in and has_opt_in:
        page.check("#gk-print-clinician")
    clinician_page = page.locator('[data-gk-audience="clinician"]').count() > 0
    layer = page.evaluate(LAYER_JS)
    # What the browser does when a reader prints: Material opens every <details>.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    tables = page.evaluate(TABLES_JS)
    external = page.evaluate(EXTERNAL_JS)
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    page.emulate_media(media="null")  # back to the browser's own media: print when printing
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(sheet.extract_text() or "" for sheet in reader.pages)
    return Printout(url, len(reader.pages), text, tables, layer, external, clinician_page, has_opt_in)


@pytest.fixture(scope="module")
def printouts(browser, site_server) -> dict[str, dict[str, Printout]]:
    """Every navigation page printed as a patient handout and with the clinician layer."""
    context = browser.new_context(viewport={"width": A4_CONTENT_PX, "height": 1000})
    page = context.new_page()
    result: dict[str, dict[str, Printout]] = {}
    for url in sorted(nav_page_urls(site_server.url)):
        result[url] = {
            "patient": _print(page, url, opt_in=False),
            "clinician": _print(page, url, opt_in=True),
        }
    context.close()
    return result


def _name(url: str, base: str) -> str:
    return url[len(base):].strip("/") or "index"


def test_every_table_prints_every_column(printouts, built_site, site_server) -> None:
    site_tables = sum(
        (built_site / _name(url, site_server.url) / "index.html").read_text(encoding="utf-8").count("<table")
        if url != site_server.url else (built_site / "index.html").read_text(encoding="utf-8").count("<table")
        for url in printouts
    )
    lost: list[str] = []
    tables = cells = 0
    for url, by_mode in printouts.items():
        printout = by_mode["clinician"]
        text = squash(printout.text)
        for table in printout.tables:
            tables += 1
            if table["overflow"] > 1:
                lost.append(f"{url}: a table runs {table['overflow']}px past the page or its box")
            for header in table["headers"]:
                cells += 1
                if squash(header) not in text:
                    lost.append(f"{url}: header cell {header!r} is missing from the PDF")
    print(f"\nprint: {len(printouts)} pages, {tables} tables, {cells} header cells checked, {len(lost)} problems")
    assert tables == site_tables > 0, "every table of the site must be printed and checked"
    assert cells >= tables
    assert lost == []


def test_no_site_url_is_printed(printouts, site_server) -> None:
    local = urlsplit(site_server.url)
    addresses = [squash(local.netloc + local.path), squash(public_site_address()), "localhost"]
    printed: list[str] = []
    externals = 0
    for url, by_mode in printouts.items():
        for mode, printout in by_mode.items():
            text = squash(printout.text)
            printed += [f"{url} [{mode}]: {address}" for address in addresses if address in text]
            for href in printout.external:
                externals += 1
                if squash(href) not in text:
                    printed.append(f"{url} [{mode}]: the outside link {href} prints without its address")
    print(f"\nprint: {2 * len(printouts)} PDFs searched for {addresses}; {externals} outside links in running text")
    assert len(printouts) >= 2
    assert printed == []


def test_patient_handouts_leave_out_the_clinician_layer(printouts) -> None:
    wrong: list[str] = []
    checked = 0
    for url, by_mode in printouts.items():
        patient, clinician = by_mode["patient"], by_mode["clinician"]
        if not patient.layer:
            continue
        checked += 1
        patient_text, clinician_text = squash(patient.text), squash(clinician.text)
        for snippet in patient.layer:
            on_patient = squash(snippet) in patient_text
            if on_patient != patient.clinician_page:
                wrong.append(f"{url}: {snippet!r} {'printed' if on_patient else 'missing'} by default")
            if squash(snippet) not in clinician_text:
                wrong.append(f"{url}: {snippet!r} missing with the clinician layer ticked")
        if not patient.clinician_page and not patient.has_opt_in:
            wrong.append(f"{url}: no box to include the clinician layer when printing")
    print(f"\nprint: {checked} pages with a clinician layer or references checked")
    assert checked >= 1
    assert wrong == []


def test_sheet_counts(printouts, site_server) -> None:
    rows = [
        (_name(url, site_server.url), by["patient"].sheets, by["clinician"].sheets, by["patient"].clinician_page)
        for url, by in sorted(printouts.items())
    ]
    print("\nA4 sheets per page (patient handout / with clinician layer):")
    for name, patient, clinician, _ in rows:
        print(f"  {name:32} {patient:3} / {clinician:3}")
    clinician_pages = [(name, sheets) for name, sheets, _, is_clinician in rows if is_clinician]
    assert clinician_pages, "no page has `audience: clinician` in its front matter"
    assert all(sheets >= 1 for _, sheets, _, _ in rows)
    too_long = [(name, sheets) for name, sheets in clinician_pages if sheets > CLINICIAN_SHEETS_MAX]
    assert too_long == []
