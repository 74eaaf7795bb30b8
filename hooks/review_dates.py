"""MkDocs glue for review dates: every page carries ``reviewed: YYYY-MM-DD``.

A page without a valid date is a warning (so strict builds fail); a page
reviewed over two years before the build is reported as due, without failing.
The templates show the date and use it in "Cite this page" and meta tags.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from guidekit.pagesource import source_label
from guidekit.review import review_status

LOG = logging.getLogger("mkdocs.plugins.review_dates")


def _today() -> dt.date:
    # SOURCE_DATE_EPOCH (reproducible builds) pins "today"; tests use it too.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date() if epoch else dt.date.today()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str | None:
    """Check the page's review date; store it as a date for the templates."""
    settings = config.extra.get("review", {}) or {}
    status = review_status(page.meta.get("reviewed"), _today(), dt.timedelta(days=settings.get("max_age_days", 730)))
    where = source_label(page.file.abs_src_path or page.file.src_path, config.config_file_path)
    if status.problem and settings.get("required", True):
        LOG.warning("%s: %s", where, status.problem)
    if status.due:
        LOG.info("%s: %s", where, status.due)
    if status.date is not None:
        page.meta["reviewed"] = status.date
    else:
        page.meta.pop("reviewed", None)
    return None
