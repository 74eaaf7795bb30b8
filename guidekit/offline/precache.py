"""Which built files the service worker saves on install, and the hash that names each version.

Every URL is relative to the site root (where the worker lives), so the list
works under any sub-path, such as GitHub Pages' ``/<repo>/``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

#: Site files kept offline besides the pages: Material's search reads the
#: index, instant navigation reads the sitemap, and the 404 page is the fallback.
FIXED_FILES = ("404.html", "search/search_index.json", "sitemap.xml")
#: The theme's and the site's code and styles, figures, icons and the app manifest.
ASSET_SUFFIXES = frozenset(
    {".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".webmanifest"}
)
#: The reference downloads, so a clinician can still save them offline.
EXPORT_FILES = ("references.bib", "references.ris", "references.json")
#: Never saved: source maps (developer tools only) and lunr's stemmers for
#: other languages (the English search loads none of them).
SKIPPED_PREFIXES = ("assets/javascripts/lunr/",)
SKIPPED_SUFFIXES = (".map",)
#: Hex digits of SHA-256 kept per file and for the version: 64 bits, plenty to
#: tell versions of one site apart.
HASH_LENGTH = 16


class OfflineError(ValueError):
    """The precache cannot be built; the message names the page or file."""


@dataclass(frozen=True)
class Precache:
    """The files to save, each with its content hash, and the version they make together."""

    files: tuple[tuple[str, str], ...]
    version: str

    def as_json_data(self) -> dict[str, object]:
        """The shape the worker reads: ``{"version": ..., "files": [[url, hash], ...]}``."""
        return {"version": self.version, "files": [list(item) for item in self.files]}


def content_hash(data: bytes) -> str:
    """The first HASH_LENGTH hex digits of the SHA-256 of `data` (the worker checks the same digest)."""
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def page_path(url: str) -> str:
    """The file behind a page URL: ``""`` is ``index.html``, ``"a/"`` is ``a/index.html``."""
    if url == "" or url.endswith("/"):
        return f"{url}index.html"
    return url


def _page_url(url: str) -> str:
    # "" would resolve to the worker script itself; "./" is the site root.
    return url or "./"


def _is_asset(path: str, worker_name: str) -> bool:
    if path == worker_name or path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return False
    return PurePosixPath(path).suffix.lower() in ASSET_SUFFIXES


def select_files(site_files: Iterable[str], page_urls: Sequence[str], worker_name: str) -> list[tuple[str, str]]:
    """``(url, file)`` pairs to precache, sorted by URL.

    `site_files` are the built site's paths relative to its root (``/``
    separated); `page_urls` are the navigation's page URLs as MkDocs gives them.
    A page or fixed file missing from the site is an error, never a silent gap.
    """
    present = set(site_files)
    chosen: dict[str, str] = {}
    for url in page_urls:
        path = page_path(url)
        if path not in present:
            raise OfflineError(f"navigation page {url or '(home)'!r}: {path} is not in the built site")
        chosen[_page_url(url)] = path
    for path in FIXED_FILES:
        if path not in present:
            raise OfflineError(f"{path} is not in the built site; the offline copy needs it")
        chosen[path] = path
    for path in present:
        if path in EXPORT_FILES or _is_asset(path, worker_name):
            chosen.setdefault(path, path)
    return sorted(chosen.items())


def build_precache(files: Iterable[tuple[str, bytes]]) -> Precache:
    """Hash each ``(url, bytes)``; the version hashes the whole list, so any change gives a new one."""
    hashed = tuple(sorted((url, content_hash(data)) for url, data in files))
    if not hashed:
        raise OfflineError("nothing to precache")
    urls = [url for url, _ in hashed]
    if len(set(urls)) != len(urls):
        raise OfflineError(f"duplicate precache URLs: {sorted({u for u in urls if urls.count(u) > 1})}")
    listing = "".join(f"{url}\t{digest}\n" for url, digest in hashed)
    return Precache(files=hashed, version=content_hash(listing.encode("utf-8")))


def precache_from_site(site: Mapping[str, bytes], page_urls: Sequence[str], worker_name: str) -> Precache:
    """Select and hash in one step, from a mapping of site paths to bytes (handy for tests)."""
    return build_precache((url, site[path]) for url, path in select_files(site, page_urls, worker_name))
