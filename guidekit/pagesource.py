"""Where a page's Markdown came from, for messages that name ``docs/page.md:LINE``.

Pure functions (no MkDocs import), shared by the hooks.
"""

from __future__ import annotations

from pathlib import Path


def source_label(abs_src_path: str, config_file_path: str) -> str:
    """The page's path relative to the folder of mkdocs.yml, e.g. ``docs/page.md``."""
    path = Path(abs_src_path).resolve()
    try:
        return path.relative_to(Path(config_file_path).resolve().parent).as_posix()
    except ValueError:
        return path.as_posix()


def body_offset(content: str, markdown: str) -> int:
    """How many lines of the file precede ``markdown`` (MkDocs strips front matter and the blank lines after it)."""
    if markdown and content.endswith(markdown):
        return content[: len(content) - len(markdown)].count("\n")
    return 0
