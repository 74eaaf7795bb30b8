"""Per-entry results, computed once per library version: the one path from a parsed entry to every output.

Each entry's plain :class:`~.records.Record` (URL already checked) feeds its
links, COinS, meta tags and exports; its finished HTML body feeds both the
per-page lists and the site bibliography. MkDocs makes a new Markdown extension
per page, so the store lives at module level, and on disk between builds. It is
keyed by ``library.digest``, which covers the ``.bib`` text *and* the engine's
own source (:mod:`.version`), so an edited style never reads an old store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import cache
from .bibliography import SortKey
from .bibliography import sort_key as record_sort_key
from .export import bibtex_entry, csl_entry, ris_entry
from .metadata import citation_reference
from .model import Library
from .records import Record, to_record
from .render import render_entry_body
from .style import format_reference, short_author


@dataclass(slots=True)
class _Store:
    digest: str
    records: dict[str, Record] = field(default_factory=dict)
    bodies: dict[str, str] = field(default_factory=dict)
    #: kind ("bibtex", "ris", "csl", "highwire") -> key -> that output's text for the entry
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    #: key -> the site bibliography's sort key: a warm build sorts without rebuilding records
    sort_keys: dict[str, SortKey] = field(default_factory=dict)
    #: how many values the disk copy held when loaded (unchanged: no rewrite)
    loaded: int = 0

    def size(self) -> int:
        return len(self.bodies) + len(self.sort_keys) + sum(len(kind) for kind in self.texts.values())


_store = _Store(digest="")


def _for(library: Library) -> _Store:
    global _store
    version = library.digest or str(id(library))
    if _store.digest != version:  # `mkdocs serve`: a new library drops the old results
        _store = _Store(digest=version)
    return _store


def record(library: Library, key: str) -> Record:
    """One entry as plain text, for links, metadata and exports."""
    store = _for(library)
    if key not in store.records:
        store.records[key] = to_record(library.references[key])
    return store.records[key]


def body_html(library: Library, key: str) -> str:
    """One entry's AMA text, links and COinS, as escaped HTML."""
    store = _for(library)
    if key not in store.bodies:
        ref = library.references[key]
        store.bodies[key] = render_entry_body(format_reference(ref), record(library, key))
    return store.bodies[key]


def sort_key(library: Library, key: str) -> SortKey:
    """Where the entry goes in the site bibliography (first author, year, title, key)."""
    store = _for(library)
    if key not in store.sort_keys:
        store.sort_keys[key] = record_sort_key(record(library, key))
    return store.sort_keys[key]


def _text(library: Library, kind: str, key: str, make: Callable[[], str]) -> str:
    bucket = _for(library).texts.setdefault(kind, {})
    if key not in bucket:
        bucket[key] = make()
    return bucket[key]


def in_text_author(library: Library, key: str) -> str:
    """The author an in-text citation names ("Beck et al")."""
    return _text(library, "in-text", key, lambda: short_author(library.references[key]))


def bibtex(library: Library, key: str) -> str:
    """The entry in the BibTeX export."""
    return _text(library, "bibtex", key, lambda: bibtex_entry(library.references[key]))


def ris(library: Library, key: str) -> str:
    """The entry in the RIS export."""
    return _text(library, "ris", key, lambda: ris_entry(record(library, key)))


def csl(library: Library, key: str) -> str:
    """The entry in the CSL-JSON export."""
    return _text(library, "csl", key, lambda: csl_entry(record(library, key)))


def highwire(library: Library, key: str) -> str:
    """The entry's ``citation_reference`` meta value."""
    return _text(library, "highwire", key, lambda: citation_reference(record(library, key)))


def _file(cache_dir: Path, library: Library) -> Path:
    return cache_dir / f"entries-{library.digest[:24]}.pickle"


def load(cache_dir: Path, library: Library) -> None:
    """Warm the store from disk (a file named by this library's digest, so never stale)."""
    store = _for(library)
    stored = cache.read(_file(cache_dir, library))
    if isinstance(stored, _Store) and stored.digest == library.digest and not store.size() + len(store.records):
        stored.loaded = stored.size()
        global _store
        _store = stored


def save(cache_dir: Path, library: Library) -> None:
    """Store what this build derived, for the next one; skipped when nothing new was derived.

    Records stay out of the file: a warm build reads finished outputs only, and
    loading 3,500 records took two thirds of the file's load time (issue 12).
    """
    store = _for(library)
    if store.size() and store.size() != store.loaded:
        path = _file(cache_dir, library)
        store.loaded = store.size()
        cache.write(path, replace(store, records={}))
        cache.prune(cache_dir, "entries-*.pickle", keep=path)
