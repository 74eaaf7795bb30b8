"""MkDocs glue for guidekit.offline: write the web app manifest and the service worker after the build.

The worker's precache list is made from the built files (a content hash each),
so any change to a page, style, script or figure gives a new worker and a new
cache. `mkdocs serve` gets no worker: a cached copy would hide live edits.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from guidekit.offline import WORKER_NAME, Icon, OfflineError, build_precache, render_worker, select_files
from guidekit.offline.webmanifest import web_app_manifest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

LOG = logging.getLogger("mkdocs.plugins.offline")
MANIFEST_NAME = "manifest.webmanifest"
#: Defaults for `extra.offline` in mkdocs.yml. The colours are Material's
#: indigo header (the same in light and dark) and the light page background.
DEFAULTS: dict[str, object] = {
    "short_name": None,
    "theme_color": "#4051b5",
    "dark_theme_color": "#4051b5",
    "background_color": "#ffffff",
}
#: Committed PNGs rendered from docs/icons/icon.svg (scripts/make_icons.py).
ICONS = (
    Icon("icons/icon-192.png", "192x192", "image/png"),
    Icon("icons/icon-512.png", "512x512", "image/png"),
    Icon("icons/icon-512.png", "512x512", "image/png", purpose="maskable"),
    Icon("icons/icon.svg", "any", "image/svg+xml"),
)


class _State:
    serving = False
    page_urls: list[str] = []  # noqa: RUF012 - replaced per build, never mutated in place


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`."""
    _State.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fill `extra.offline` for the templates: colours, and the worker's name unless serving."""
    settings = {**DEFAULTS, **(config.extra.get("offline") or {})}
    settings["short_name"] = settings["short_name"] or config.site_name
    settings["worker"] = None if _State.serving else WORKER_NAME
    settings["manifest"] = MANIFEST_NAME
    config.extra["offline"] = settings
    return config


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Note the navigation's pages: each one is saved for offline reading."""
    _State.page_urls = [page.url for page in nav.pages]
    return nav


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write the manifest, then the worker with the hash of every file to save."""
    site = Path(config.site_dir)
    settings = config.extra["offline"]
    for icon in ICONS:
        if not (site / icon.src).is_file():
            raise PluginError(f"offline: icon {icon.src} is missing (docs/{icon.src}; see scripts/make_icons.py)")
    manifest = web_app_manifest(
        name=config.site_name,
        short_name=str(settings["short_name"]),
        description=config.site_description or config.site_name,
        theme_color=str(settings["theme_color"]),
        background_color=str(settings["background_color"]),
        icons=ICONS,
        lang=str(config.theme.get("language") or "en"),
    )
    (site / MANIFEST_NAME).write_text(manifest, encoding="utf-8")
    if settings["worker"] is None:
        return
    paths = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*")) if p.is_file()]
    try:
        chosen = select_files(paths, _State.page_urls, WORKER_NAME)
    except OfflineError as error:
        raise PluginError(f"offline: {error}") from error
    precache = build_precache((url, (site / path).read_bytes()) for url, path in chosen)
    (site / WORKER_NAME).write_text(render_worker(precache), encoding="utf-8")
    size = sum((site / path).stat().st_size for _, path in chosen)
    LOG.info("offline: %d files (%.0f KiB) precached, version %s", len(chosen), size / 1024, precache.version)
