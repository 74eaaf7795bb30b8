"""The engine's version for cache keys: a hash of its own source and the libraries it formats with.

A cache keyed only on the ``.bib`` text outlives an edit to the style, so a warm
build served old output (issue 12). Keying on the source itself needs no manual
version bump (compare sphinxcontrib-bibtex's ``env_version``).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
#: Libraries whose behaviour reaches the formatted output.
UPSTREAM = ("pybtex", "latexcodec", "Markdown")


@lru_cache(maxsize=1)
def engine_version() -> str:
    """sha256 over every module of guidekit.citations and the versions of its formatting libraries."""
    sha = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        sha.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in UPSTREAM:
        sha.update(f"{name}=={version(name)}\0".encode())
    return sha.hexdigest()
