"""Shared fixtures: the real strict build, a Pages-like server, a real Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.pages_server import PagesServer  # noqa: E402
from scripts.site_config import write_site  # noqa: E402

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Keep Chromium off the network: no component updates, sync or safe browsing.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def run_mkdocs_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict `mkdocs build`; return the finished process (never raises)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def warning_lines(output: str) -> list[str]:
    """The WARNING lines of a build's log."""
    return [line for line in output.splitlines() if "WARNING" in line]


def make_site(tmp_path: Path, pages: dict[str, str], **options: object) -> Path:
    """A throwaway site using the real config, hooks and assets (see scripts.site_config)."""
    return write_site(tmp_path, pages, **options)


def find_chromium() -> str | None:
    """Path of a system Chromium, or None to use Playwright's own build."""
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with --strict. Any warning fails the session."""
    site_dir = tmp_path_factory.mktemp("build") / "site"
    result = run_mkdocs_build(REPO / "mkdocs.yml", site_dir)
    warnings = warning_lines(result.stderr + result.stdout)
    if result.returncode != 0 or warnings:
        pytest.fail(f"strict build failed (exit {result.returncode}):\n{result.stderr}\n{result.stdout}")
    assert (site_dir / "index.html").is_file()
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[PagesServer]:
    """The built site served under /ms-relapse-guide/, as GitHub Pages does."""
    with PagesServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A real Chromium. Fails (never skips) when none can be launched."""
    from playwright.sync_api import Error, sync_playwright

    executable = find_chromium()
    with sync_playwright() as pw:
        try:
            instance = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.fail(f"No usable Chromium (tried {executable or 'Playwright build'}): {exc}")
        yield instance
        instance.close()


def wait_for_js(page: object, expression: str, *, arg: object = None, timeout: float = 30_000) -> object:
    """Poll `expression` (or a function of `arg`) until it is truthy; return its value.

    Playwright's wait_for_function compiles its predicate inside the page, which the
    site's Content Security Policy rightly forbids (no 'unsafe-eval'); page.evaluate
    goes through the DevTools protocol, which the policy does not govern.
    """
    import time

    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            value = page.evaluate(expression, arg)  # type: ignore[attr-defined]
        except Error as error:
            # A navigation (a reload, an update taking over) replaced the page mid-poll: poll the new one.
            if "context was destroyed" not in str(error) and "navigat" not in str(error):
                raise
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} ms waiting for: {expression}")
        time.sleep(0.05)
