"""MkDocs glue for review dates (guidekit.site.review): every page carries ``reviewed: YYYY-MM-DD``.

A page without a valid date is a warning (so strict builds fail); a page
reviewed too long ago is reported as due, without failing.
"""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from guidekit.pagesource import source_label
from guidekit.site.review import check_review, today

LOG = logging.getLogger("mkdocs.plugins.review_dates")


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str | None:
    """Check the page's review date; store it as a date for the templates."""
    label = source_label(page.file.abs_src_path or page.file.src_path, config.config_file_path)
    check = check_review(label, page.meta.get("reviewed"), config.extra.get("review"), today())
    if check.warning:
        LOG.warning("%s", check.warning)
    if check.note:
        LOG.info("%s", check.note)
    if check.date is not None:
        page.meta["reviewed"] = check.date
    else:
        page.meta.pop("reviewed", None)
    return None
