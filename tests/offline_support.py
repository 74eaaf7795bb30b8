"""Shared pieces for the offline tests: a server that records what reaches it, builds, and worker helpers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import REPO, wait_for_js, warning_lines
from mkdocs.config import load_config as mkdocs_load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

CACHE_PREFIX = "gk-offline|"
PRECACHE_LINE = re.compile(r"^const PRECACHE = (\{.*\});$", re.MULTILINE)


def build_real_site(site_dir: Path, site_url: str) -> None:
    """The real site, strictly built for `site_url` (instant navigation needs the sitemap's URLs to match)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert warning_lines(result.stderr + result.stdout) == []


def nav_page_urls(base: str) -> list[str]:
    """Absolute URLs of every page in mkdocs.yml's navigation, in order."""
    config = mkdocs_load_config(str(REPO / "mkdocs.yml"))
    nav = get_navigation(get_files(config), config)
    return [base + page.url for page in nav.pages]


def precache_of(site_dir: Path) -> dict[str, Any]:
    """The precache list the build wrote into the site's sw.js."""
    match = PRECACHE_LINE.search((site_dir / "sw.js").read_text(encoding="utf-8"))
    assert match, "sw.js has no PRECACHE line"
    return json.loads(match.group(1))


SAVED = """async (expected) => {
    const names = (await caches.keys()).filter((n) => n.startsWith("gk-offline|"));
    return names.length === 1 && (await (await caches.open(names[0])).keys()).length === expected;
}"""


def wait_until_saved(page: Any, expected_files: int, timeout_s: float = 30) -> None:
    """Wait until the worker controls the page and its cache holds every listed file."""
    wait_for_js(page, "navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=30_000)
    # page.evaluate awaits the promise (wait_for_function would take it as truthy at once).
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(SAVED, expected_files):
        assert time.monotonic() < deadline, f"the offline cache never held {expected_files} files"
        page.wait_for_timeout(200)


def offline_caches(page: Any) -> list[str]:
    """Names of this site's offline caches, as the page sees them."""
    return page.evaluate('async () => (await caches.keys()).filter((n) => n.startsWith("gk-offline|"))')
