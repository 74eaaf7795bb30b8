"""Per page of a built site: which works its patient text cites, which only its clinician boxes cite,
and which list each work is in.

Usage: ``.venv/bin/mkdocs build -d site && .venv/bin/python scripts/reference_layers.py site``.
A report, not a test (tests/test_citations_layers.py asserts the same membership).
A page with ``audience: clinician`` is clinician text throughout and keeps one list.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

CLINICIAN = "clinician"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class PageLayers:
    """What one page cites, by layer, and what each of its lists holds (library keys)."""

    clinician_page: bool = False
    cited_patient: set[str] = field(default_factory=set)
    cited_clinician: set[str] = field(default_factory=set)
    patient_list: list[str] = field(default_factory=list)
    clinician_list: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        #: per open element: (tag, in a clinician box, in the reference section)
        self.stack: list[tuple[str, bool, bool]] = []
        self.page = PageLayers()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        classes = set(found.get("class", "").split())
        clinician, refs = self.stack[-1][1:] if self.stack else (False, False)
        clinician = clinician or CLINICIAN in classes
        refs = refs or "gk-references-section" in classes
        if found.get("data-gk-audience") == CLINICIAN:
            self.page.clinician_page = True
        if tag == "a" and "gk-cite__link" in classes and not refs:
            target = self.page.cited_clinician if clinician else self.page.cited_patient
            target.update(found.get("data-gk-refs", "").split())
        if tag == "li" and "gk-ref" in classes and refs:
            key = found.get("id", "").removeprefix("ref-")
            (self.page.clinician_list if clinician else self.page.patient_list).append(key)
        if tag not in VOID:
            self.stack.append((tag, clinician, refs))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return


def read_page(html: str) -> PageLayers:
    """The citations and lists of one built page."""
    reader = _Reader()
    reader.feed(html)
    return reader.page


def pages(site: Path) -> dict[str, PageLayers]:
    """Every page of the site that cites anything, by its path in the site."""
    found: dict[str, PageLayers] = {}
    for path in sorted(site.rglob("index.html")):
        page = read_page(path.read_text(encoding="utf-8"))
        if page.cited_patient or page.cited_clinician:
            found[str(path.parent.relative_to(site)).replace(".", "index")] = page
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not Path(argv[1]).is_dir():
        sys.stderr.write("usage: reference_layers.py SITE_DIR\n")
        return 2
    rows = pages(Path(argv[1]))
    header = f"{'page':28} {'patient list':>12} {'clinician list':>14} {'cited in patient text':>22} " \
             f"{'only in clinician boxes':>24}"
    sys.stdout.write(header + "\n")
    for name, page in rows.items():
        only_clinician = page.cited_clinician - page.cited_patient
        label = f"{name} (clinician page)" if page.clinician_page else name
        sys.stdout.write(f"{label:28} {len(page.patient_list):>12} {len(page.clinician_list):>14} "
                         f"{len(page.cited_patient):>22} {len(only_clinician):>24}\n")
    sys.stdout.write(f"{len(rows)} pages\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
