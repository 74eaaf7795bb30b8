"""MkDocs glue for guidekit.checklists: name docs/PAGE.md:LINE in warnings, and keep ids unique site-wide.

Everything else (parsing, validation, rendering) lives in the portable
extension, which also runs without MkDocs.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from guidekit.checklists import ChecklistError
from guidekit.pagesource import body_offset, source_label

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

EXTENSION = "guidekit.checklists"
log = logging.getLogger("mkdocs.plugins.checklists")


class SiteReporter:
    """Reports checklist problems as MkDocs warnings, so `--strict` fails, and tracks ids across pages."""

    def __init__(self) -> None:
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
        log.warning("%s", error)

    def claim(self, checklist_id: str, where: str) -> str | None:
        """Where the id was first used, if another page already used it."""
        first = self.ids.setdefault(checklist_id, where)
        return None if first == where else first


reporter = SiteReporter()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Hand the extension this build's reporter."""
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(f"hooks/checklists.py needs '{EXTENSION}' under markdown_extensions in mkdocs.yml")
    config.mdx_configs.setdefault(EXTENSION, {})["reporter"] = reporter
    return config


def on_pre_build(*, config: MkDocsConfig) -> None:
    """`mkdocs serve` keeps this module alive: start each build with no ids seen."""
    reporter.reset()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Tell the reporter which page the extension is about to render."""
    label = source_label(page.file.abs_src_path or page.file.src_path, config.config_file_path)
    reporter.start_page(label, body_offset(page.file.content_string, markdown))
    return None
