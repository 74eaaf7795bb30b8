"""Content problems named as ``docs/PAGE.md:LINE``, the same under every builder."""

from __future__ import annotations

from guidekit.checklists import ChecklistError


def located(label: str, line: int | None, offset: int, message: str) -> str:
    """``docs/page.md:LINE: message``, LINE counted in the file (front matter included)."""
    return f"{label}:{(line or 1) + offset}: {message}"


class SiteReporter:
    """The checklist extension's reporter for a whole site: names docs/PAGE.md:LINE and keeps ids unique."""

    def __init__(self, warn: object = None) -> None:
        #: Receives each problem's message (the hook logs it; prepare collects it).
        self.warn = warn if callable(warn) else (lambda message: None)
        self.reset()

    def reset(self) -> None:
        """Forget every page: a new build starts."""
        self.ids: dict[str, str] = {}
        self.source = "docs"
        self.offset = 0

    def start_page(self, source: str, offset: int) -> None:
        """Set the page being rendered: its path from the project root and its front matter's line count."""
        self.source = source
        self.offset = offset

    def where(self, line: int | None) -> str:
        """docs/PAGE.md:LINE, counted in the file itself (front matter included)."""
        return f"{self.source}:{line + self.offset}" if line else self.source

    def report(self, error: ChecklistError) -> None:
        """A warning: the page still renders, with a visible error box."""
        self.warn(str(error))

    def claim(self, checklist_id: str, where: str) -> str | None:
        """Where the id was first used, if another page already used it."""
        first = self.ids.setdefault(checklist_id, where)
        return None if first == where else first
