"""The pages a browser test should visit: every page in mkdocs.yml's navigation."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from conftest import REPO
from mkdocs.config import load_config as mkdocs_load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation


def nav_page_urls(base: str) -> set[str]:
    """Absolute URLs of every page in mkdocs.yml's navigation."""
    config = mkdocs_load_config(str(REPO / "mkdocs.yml"))
    nav = get_navigation(get_files(config), config)
    return {urljoin(base, page.url) for page in nav.pages}


def public_site_address() -> str:
    """The configured public address without its scheme, e.g. `owner.github.io/repo/`."""
    config = mkdocs_load_config(str(REPO / "mkdocs.yml"))
    parts = urlsplit(config["site_url"])
    return parts.netloc + parts.path
