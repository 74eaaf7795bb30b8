"""Per-entry derived data, cached per library version: in memory and on disk.

MkDocs makes a new Markdown extension per page, so the cache lives at module
level; a warm build loads it from disk and formats or converts nothing.
"""

from __future__ import annotations

from pathlib import Path

from . import cache
from .model import Library
from .records import Record, to_record
from .render import render_entry_body
from .style import format_reference

#: library digest -> kind ("body", "record") -> lower-cased key -> value
_CACHE: dict[str, dict[str, dict[str, object]]] = {}
#: library digest -> how many values the disk cache held when loaded (unchanged: no rewrite)
_LOADED: dict[str, int] = {}


def _size(digest: str) -> int:
    return sum(len(bucket) for bucket in _CACHE.get(digest, {}).values())


def _bucket(library: Library, kind: str) -> dict[str, object]:
    version = library.digest or str(id(library))
    if version not in _CACHE:
        _CACHE.clear()  # `mkdocs serve`: drop entries of an older library
    return _CACHE.setdefault(version, {}).setdefault(kind, {})


def body_html(library: Library, key: str) -> str:
    """One entry's AMA text, links and COinS, as HTML."""
    bucket = _bucket(library, "body")
    if key not in bucket:
        ref = library.references[key]
        bucket[key] = render_entry_body(ref, format_reference(ref), record(library, key))
    return bucket[key]


def record(library: Library, key: str) -> Record:
    """One entry as plain text, for metadata and exports."""
    bucket = _bucket(library, "record")
    if key not in bucket:
        bucket[key] = to_record(library.references[key])
    return bucket[key]


def _file(cache_dir: Path, library: Library) -> Path:
    return cache_dir / f"entries-{library.digest[:24]}.pickle"


def load(cache_dir: Path, library: Library) -> None:
    """Warm the cache from disk."""
    stored = cache.read(_file(cache_dir, library))
    if isinstance(stored, dict) and library.digest not in _CACHE:
        _CACHE.clear()
        _CACHE[library.digest] = stored
    _LOADED[library.digest] = _size(library.digest)


def save(cache_dir: Path, library: Library) -> None:
    """Store what this build derived, for the next one."""
    stored = _CACHE.get(library.digest)
    if stored and _size(library.digest) != _LOADED.get(library.digest):
        path = _file(cache_dir, library)
        cache.write(path, stored)
        cache.prune(cache_dir, "entries-*.pickle", keep=path)
        _LOADED[library.digest] = _size(library.digest)
