"""The review-date rules of ``extra.review`` in mkdocs.yml, applied to one page's front matter."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass

from guidekit.review import review_status


@dataclass(frozen=True, slots=True)
class ReviewCheck:
    """The page's date (None when missing or invalid), a warning and a note ("review due"), each maybe empty."""

    date: dt.date | None
    warning: str = ""
    note: str = ""


def today() -> dt.date:
    """The build's "today": SOURCE_DATE_EPOCH (reproducible builds, and the tests) pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date() if epoch else dt.date.today()


def check_review(label: str, value: object, settings: Mapping[str, object] | None, on: dt.date) -> ReviewCheck:
    """Judge ``reviewed:`` of the page ``label`` (docs/PAGE.md) under the site's settings."""
    settings = settings or {}
    max_age = settings.get("max_age_days", 730)
    status = review_status(value, on, dt.timedelta(days=int(max_age) if isinstance(max_age, int) else 730))
    required = settings.get("required", True)
    warning = f"{label}: {status.problem}" if status.problem and required else ""
    return ReviewCheck(status.date, warning, f"{label}: {status.due}" if status.due else "")
