"""Render one page as both builders do (front matter off, the site's extensions on), and take its facts."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

#: MkDocs' and Zensical's front matter: a YAML block between --- lines at the very top.
RE_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body), the body without the blank lines after the block, as MkDocs strips them."""
    found = RE_FRONT_MATTER.match(text)
    if not found:
        return {}, text
    try:
        meta = yaml.safe_load(found.group(1))
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), text[found.end():].lstrip("\n")


def page_url(src: str) -> str:
    """The directory URL both builders give a page: "index.md" -> "", "a/b.md" -> "a/b/", "a/index.md" -> "a/"."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def headings(tokens: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Heading id -> its text, from Python-Markdown's ``toc_tokens`` (MkDocs builds ``page.toc`` from them)."""
    found: dict[str, str] = {}
    for token in tokens:
        found[str(token["id"])] = str(token["name"])
        found.update(headings(token.get("children", [])))
    return found


def page_title(nav_title: str | None, meta: Mapping[str, Any], tokens: Iterable[Mapping[str, Any]], src: str) -> str:
    """The title MkDocs gives a page: its nav title, else ``title:``, else its first h1, else its file name."""
    if nav_title:
        return nav_title
    if meta.get("title"):
        return str(meta["title"])
    for token in tokens:
        if token.get("level") == 1:
            return str(token["name"])
    stem = posixpath.basename(page_url(src).rstrip("/")) or "Home"
    return stem.replace("-", " ").replace("_", " ").capitalize()
