"""Review dates: parsing, "review due", and the build warnings they give."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from conftest import make_site, run_mkdocs_build, warning_lines

from guidekit.review import review_status

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("value", "date", "problem", "due"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 1, 15), "", ""),
        ("2025-06-30", dt.date(2025, 6, 30), "", ""),
        (dt.datetime(2026, 1, 15, 9, 30), dt.date(2026, 1, 15), "", ""),
        (dt.date(2024, 11, 27), dt.date(2024, 11, 27), "", ""),
        (dt.date(2024, 11, 25), dt.date(2024, 11, 25), "", "review due: last reviewed 2024-11-25, over 2 years ago"),
        (None, None, "no 'reviewed: YYYY-MM-DD' in the front matter", ""),
        ("", None, "no 'reviewed: YYYY-MM-DD' in the front matter", ""),
        ("26/11/2026", None, "'reviewed: 26/11/2026' is not a date in the form YYYY-MM-DD", ""),
        (dt.date(2027, 1, 1), None, "'reviewed: 2027-01-01' is in the future", ""),
    ],
)
def test_review_status(value: object, date: dt.date | None, problem: str, due: str) -> None:
    status = review_status(value, TODAY)
    assert (status.date, status.problem, status.due) == (date, problem, due)


def test_build_warns_for_missing_and_bad_dates_and_reports_due(tmp_path, monkeypatch) -> None:
    # Pin "today" for the build, as reproducible builds do.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 26, tzinfo=dt.UTC).timestamp())))
    pages = {
        "index.md": "---\nreviewed: 2026-11-01\n---\n\n# Fresh\n",
        "old.md": "---\nreviewed: 2020-01-01\n---\n\n# Old\n",
        "missing.md": "# No date\n",
        "bad.md": "---\nreviewed: next week\n---\n\n# Bad\n",
    }
    config = make_site(tmp_path, pages, extra={"review": {"required": True, "max_age_days": 730}})
    result = run_mkdocs_build(config, tmp_path / "site")
    assert os.environ["SOURCE_DATE_EPOCH"]
    assert result.returncode != 0
    assert sorted(warning_lines(result.stderr)) == [
        "WARNING -  docs/bad.md: 'reviewed: next week' is not a date in the form YYYY-MM-DD",
        "WARNING -  docs/missing.md: no 'reviewed: YYYY-MM-DD' in the front matter",
    ]
    assert "INFO    -  docs/old.md: review due: last reviewed 2020-01-01, over 2 years ago" in result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-11-01">1 November 2026</time>' in html
    assert "gk-reviewed" not in (tmp_path / "site" / "missing" / "index.html").read_text(encoding="utf-8")
