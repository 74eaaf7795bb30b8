"""Review dates: parse a page's ``reviewed`` front matter and judge whether it is due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: A page reviewed longer ago than this is due for review.
MAX_AGE = dt.timedelta(days=730)


@dataclass(frozen=True, slots=True)
class ReviewStatus:
    """The parsed date (None when missing or invalid) and a message about it, if any."""

    date: dt.date | None
    problem: str = ""
    due: str = ""


def review_status(value: object, today: dt.date, max_age: dt.timedelta = MAX_AGE) -> ReviewStatus:
    """Judge a front-matter ``reviewed`` value (YAML gives a date, or a string)."""
    if value is None or value == "":
        return ReviewStatus(None, "no 'reviewed: YYYY-MM-DD' in the front matter")
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            return ReviewStatus(None, f"'reviewed: {value}' is not a date in the form YYYY-MM-DD")
    if value > today:
        return ReviewStatus(None, f"'reviewed: {value.isoformat()}' is in the future")
    if today - value > max_age:
        years = max_age.days / 365
        return ReviewStatus(value, due=f"review due: last reviewed {value.isoformat()}, over {years:g} years ago")
    return ReviewStatus(value)
