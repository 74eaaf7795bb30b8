"""actionlint over .github/workflows, and proof that the linter bites."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["node", str(REPO / "scripts" / "actionlint.mjs"), *map(str, files)],
        capture_output=True, text=True, cwd=REPO, check=False,
    )


def test_workflows_are_clean() -> None:
    assert WORKFLOWS, "no workflow files found"
    result = _actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"actionlint: {len(WORKFLOWS)} file(s), 0 finding(s)" in result.stdout


def test_actionlint_reports_a_broken_workflow(tmp_path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n"
    )
    result = _actionlint(bad)
    assert result.returncode == 1
    assert "bad.yml:6" in result.stdout


def test_deploy_uses_official_pages_actions() -> None:
    text = (REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in text
    assert "concurrency:" in text and "permissions:" in text and "make test" in text


RE_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[^\s#]+)\s*(?:#\s*(?P<tag>\S+))?\s*$", re.MULTILINE)
RE_PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _unpinned(text: str) -> list[str]:
    """`uses:` lines not pinned to a full commit SHA with the tag in a comment."""
    return [
        match.group(0).strip()
        for match in RE_USES.finditer(text)
        if not RE_PINNED.match(match.group("action")) or not (match.group("tag") or "").startswith("v")
    ]


def test_every_action_is_pinned_by_commit_sha() -> None:
    uses = [match for path in WORKFLOWS for match in RE_USES.finditer(path.read_text(encoding="utf-8"))]
    assert len(uses) >= 6
    assert [line for path in WORKFLOWS for line in _unpinned(path.read_text(encoding="utf-8"))] == []


def test_a_tag_pinned_action_is_caught() -> None:
    sha = "11d5960a326750d5838078e36cf38b85af677262"
    assert _unpinned("      - uses: actions/checkout@v4\n") == ["- uses: actions/checkout@v4"]
    assert _unpinned(f"      - uses: actions/checkout@{sha}\n")  # no tag comment
    assert _unpinned(f"      - uses: actions/checkout@{sha} # v4.4.0\n") == []


def test_dependabot_watches_pip_and_actions() -> None:
    import yaml

    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in config["updates"]} == {"pip", "github-actions"}


def test_jobs_keep_least_privilege() -> None:
    import yaml

    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in workflow["jobs"]["build"]
