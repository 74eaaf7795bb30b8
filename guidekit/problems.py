"""The one problem type every guidekit extension reports: a message and where it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """A content problem an engine found; the caller decides how to report it.

    ``line`` is 1-based in the Markdown the engine saw, or None when unknown.
    Checklists also point into the block (``option``, ``outcome``, ``item``), so
    the reporter can name that part's line instead of the block's first one.
    """

    message: str
    line: int | None = None
    option: str | None = None
    outcome: int | None = None
    item: int | None = None
