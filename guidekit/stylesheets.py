"""One stylesheet for the site's own CSS files, in their cascade order.

Each stylesheet in <head> blocks the first paint, and on a slow phone
connection each one costs a round trip: Lighthouse (simulated mobile) put the
first paint 0.5 to 1 s later with eight small files than with one. Authors keep
one file per concern; the build joins them. Pure functions, no MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath

#: Where the joined file goes, and the only folder whose files are joined:
#: a relative url() in a file from another folder would point elsewhere once moved.
BUNDLE_DIR = "stylesheets"
BUNDLE_NAME = f"{BUNDLE_DIR}/guide.css"
#: At-rules that are only valid at the very top of a file, so cannot be joined.
RE_TOP_ONLY = re.compile(r"@(?:import|charset|namespace)\b", re.IGNORECASE)
RE_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


class StylesheetError(ValueError):
    """A stylesheet that cannot be joined; the message names the file and line."""


def joinable(path: str) -> bool:
    """True for a relative path to a .css file directly in BUNDLE_DIR (no query, no URL)."""
    pure = PurePosixPath(path)
    return (
        "://" not in path and not path.startswith("/") and "?" not in path and "#" not in path
        and pure.suffix == ".css" and pure.parent.as_posix() == BUNDLE_DIR
    )


def _check(name: str, css: str) -> None:
    # Comments are blanked with their newlines kept, so line numbers stay true.
    code = RE_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), css)
    found = RE_TOP_ONLY.search(code)
    if found:
        line = code.count("\n", 0, found.start()) + 1
        raise StylesheetError(
            f"{name}:{line}: {found.group()} is only valid at the top of a stylesheet, so this file "
            f"cannot be joined into {BUNDLE_NAME}; inline what it imports instead"
        )


def bundle(sources: Sequence[tuple[str, str]]) -> str:
    """Join (name, css) pairs in order, each under a banner naming its source file."""
    parts = []
    for name, css in sources:
        _check(name, css)
        parts.append(f"/* ---- {name} ---- */\n{css.rstrip()}\n")
    return "\n".join(parts)
