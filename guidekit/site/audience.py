"""Who a page is for: front matter ``audience`` (default patient), checked the same under every builder."""

from __future__ import annotations

from collections.abc import Mapping

from guidekit.citations.extension import AUDIENCES
from guidekit.pagesource import find_line


def page_audience(label: str, meta: Mapping[str, object], content: str) -> tuple[str, str]:
    """(the audience, a warning naming ``docs/PAGE.md:LINE`` or ""): another value than the known ones is a problem."""
    audience = meta.get("audience", "patient")
    if audience in AUDIENCES:
        return str(audience), ""
    line = find_line(content.splitlines(), "audience:") or 1
    return "patient", f"{label}:{line}: audience must be 'patient' or 'clinician', not '{audience}'"
