"""Bad content fails the strict build, naming the page."""

from __future__ import annotations

import pytest
from conftest import make_site, run_mkdocs_build, warning_lines

GOOD_PAGE = "# Other\n\n## Real section\n\nText.\n"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("[gone](missing.md)", "Doc file 'index.md' contains a link 'missing.md', but the target is not found"),
        (
            "[bad anchor](other.md#no-such-section)",
            "Doc file 'index.md' contains a link 'other.md#no-such-section', but the doc 'other.md' "
            "does not contain an anchor '#no-such-section'",
        ),
        (
            "[self](#nowhere)",
            "Doc file 'index.md' contains a link '#nowhere', but there is no such anchor on this page",
        ),
    ],
)
def test_broken_link_fails_strict_build(tmp_path, link: str, expected: str) -> None:
    config = make_site(tmp_path, {"index.md": f"# Home\n\nSee {link}.\n", "other.md": GOOD_PAGE})
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode != 0
    warnings = warning_lines(result.stderr)
    assert len(warnings) == 1, result.stderr
    assert expected in warnings[0]


def test_good_links_build_cleanly(tmp_path) -> None:
    page = "# Home\n\n[ok](other.md#real-section) and [top](#home).\n"
    config = make_site(tmp_path, {"index.md": page, "other.md": GOOD_PAGE})
    result = run_mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr) == []
