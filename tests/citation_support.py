"""Shared pieces for citation tests: a clean copy of the golden test library."""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).parent / "golden" / "citations"


def clean_library(folder: Path) -> Path:
    """Write the golden library minus its deliberately hostile entry (which warns by design)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "macros.bib").write_text((GOLDEN / "macros.bib").read_text(encoding="utf-8"), encoding="utf-8")
    library = (GOLDEN / "library.bib").read_text(encoding="utf-8")
    (folder / "library.bib").write_text(library.split("@article{evil2024")[0], encoding="utf-8")
    return folder
