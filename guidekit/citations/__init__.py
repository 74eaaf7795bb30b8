"""Pandoc-syntax citations rendered as AMA numbered references.

Use it as ``markdown.markdown(text, extensions=["guidekit.citations"])``.
"""

from .extension import CitationsExtension, PageCitations, fill_references, makeExtension
from .library import BibError, find_bib_files, load_library, validate
from .model import Citation, CiteItem, Library, Problem, Reference

__all__ = [
    "BibError",
    "Citation",
    "CitationsExtension",
    "CiteItem",
    "Library",
    "PageCitations",
    "Problem",
    "Reference",
    "fill_references",
    "find_bib_files",
    "load_library",
    "makeExtension",
    "validate",
]
