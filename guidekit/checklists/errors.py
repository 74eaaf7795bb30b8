"""What can be wrong with a checklist block, and the error that reports it."""

from __future__ import annotations

from guidekit.problems import Problem

__all__ = ["ChecklistError", "Problem"]


class ChecklistError(ValueError):
    """An invalid checklist block; `line` is 1-based in the Markdown source, or None if unknown."""

    def __init__(self, message: str, line: int | None = None, location: str | None = None) -> None:
        self.message = message
        self.line = line
        self.location = location or (f"line {line}" if line else "checklist")
        super().__init__(f"{self.location}: {message}")
