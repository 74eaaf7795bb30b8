"""Where a page's Markdown came from, for messages that name ``docs/page.md:LINE``.

Pure functions (no MkDocs import), shared by every extension that reports a
line and by the hooks: one fence scanner, one locator, one front-matter count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

#: An opening or closing code fence; a closing fence must be at least as long as the opening one.
RE_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


# Three hooks ask for every page's label, and resolving a path is a system call per part.
@functools.lru_cache(maxsize=4096)
def source_label(abs_src_path: str, config_file_path: str) -> str:
    """The page's path relative to the folder of mkdocs.yml, e.g. ``docs/page.md``."""
    path = Path(abs_src_path).resolve()
    try:
        return path.relative_to(Path(config_file_path).resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def front_matter_lines(content: str, markdown: str) -> int:
    """How many lines of the file precede ``markdown`` (MkDocs strips front matter and the blank lines after it)."""
    if markdown and content.endswith(markdown):
        return content[: len(content) - len(markdown)].count("\n")
    return 0


#: The old name, kept for callers not yet renamed.
body_offset = front_matter_lines


def fence_end(lines: Sequence[str], start: int) -> int:
    """Index of the line after the fenced code block opening at ``start`` (CommonMark: same character, no shorter)."""
    fence = RE_FENCE.match(lines[start])
    if fence is None:
        return start + 1
    marker = fence.group("fence")
    for index in range(start + 1, len(lines)):
        closing = RE_FENCE.match(lines[index])
        if closing and closing.group("fence")[0] == marker[0] and len(closing.group("fence")) >= len(marker):
            return index + 1
    return len(lines)


def prose_lines(lines: Sequence[str]) -> list[tuple[int, str]]:
    """(1-based number, text) of every line outside fenced code."""
    out: list[tuple[int, str]] = []
    index = 0
    while index < len(lines):
        if RE_FENCE.match(lines[index]):
            index = fence_end(lines, index)
            continue
        out.append((index + 1, lines[index]))
        index += 1
    return out


def find_line(lines: Sequence[str], text: str, occurrence: int = 0) -> int | None:
    """1-based line of the ``occurrence``-th (0-based) appearance of ``text`` outside fenced code."""
    count = 0
    for number, line in prose_lines(lines):
        count += line.count(text)
        if count > occurrence:
            return number
    return None
