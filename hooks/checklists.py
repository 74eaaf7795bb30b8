"""MkDocs glue for guidekit.checklists: docs/PAGE.md:LINE in warnings, ids unique site-wide (guidekit.site).

Everything else (parsing, validation, rendering) lives in the portable
extension, which also runs without MkDocs.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from guidekit.pagesource import body_offset, source_label
from guidekit.site.artefacts import first_checklist
from guidekit.site.reporting import SiteReporter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

EXTENSION = "guidekit.checklists"
log = logging.getLogger("mkdocs.plugins.checklists")
reporter = SiteReporter(warn=log.warning)


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


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """The page's first checklist, for the urgent bar's skip link."""
    page.meta["gk_checklist"] = first_checklist(html)
    return None
