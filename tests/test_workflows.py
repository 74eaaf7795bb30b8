"""actionlint over .github/workflows, and proof that the linter bites."""

from __future__ import annotations

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
