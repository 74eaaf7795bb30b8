"""The page's front matter, seen from inside a Markdown extension, under a builder that runs no hooks.

MkDocs hands page data to extensions through hooks (which set extension
options per page). Zensical runs no hooks; it registers a preprocessor named
``rendering_context`` whose ``page.meta`` holds the page's front matter. That is
internal to Zensical (its own macros and mkdocstrings shims use it) and not a
documented API, so this reads it by duck typing, imports nothing from
Zensical, and gives None wherever it is absent (MkDocs, plain Markdown).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

CONTEXT = "rendering_context"


def page_meta(md: Markdown) -> Mapping[str, Any] | None:
    """The rendering page's front matter, when the builder shares it with extensions; else None."""
    if CONTEXT not in md.preprocessors:
        return None
    meta = getattr(getattr(md.preprocessors[CONTEXT], "page", None), "meta", None)
    return meta if isinstance(meta, Mapping) else None


def meta_option(md: Markdown, name: str, configured: object, allowed: tuple[str, ...]) -> object:
    """An extension option a hook sets per page from front matter: the builder's page meta when it has one."""
    meta = page_meta(md)
    value = meta.get(name) if meta is not None else None
    return value if value in allowed else configured


class PageContextExtension(Extension):
    """Shares a page's front matter with extensions the way Zensical does (``python -m guidekit prepare`` uses it)."""

    def __init__(self, meta: Mapping[str, Any]) -> None:
        super().__init__()
        self.meta = meta

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Context(md, SimpleNamespace(meta=dict(self.meta))), CONTEXT, 0)


class _Context(Preprocessor):
    def __init__(self, md: Markdown, page: SimpleNamespace) -> None:
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        return lines
