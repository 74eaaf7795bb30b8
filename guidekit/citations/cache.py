"""Small on-disk caches keyed by content digest: a cache is never a source of truth."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def read(path: Path) -> object | None:
    """The cached object, or None when missing or unreadable."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - our own cache file, named by content hash
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def write(path: Path, value: object) -> None:
    """Write atomically (a crashed build never leaves half a file); errors are ignored."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return


def prune(folder: Path, pattern: str, keep: Path) -> None:
    """Delete older cache files of one kind, so the folder does not grow without end."""
    for path in folder.glob(pattern):
        if path != keep:
            path.unlink(missing_ok=True)
