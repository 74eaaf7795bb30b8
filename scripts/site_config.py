"""Derive a throwaway site's mkdocs.yml from the real one (tests and benchmarks)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.utils.yaml import get_yaml_loader

REPO = Path(__file__).resolve().parent.parent


def load_config() -> dict:
    """The real mkdocs.yml as data (MkDocs' loader resolves !ENV)."""
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=get_yaml_loader())  # noqa: S506 - MkDocs' own safe loader


def write_site(
    root: Path,
    pages: dict[str, str],
    *,
    bibliography: Path | None = None,
    citations: bool = True,
    **overrides: object,
) -> Path:
    """Write docs and a mkdocs.yml under `root` that use the real theme, hooks and assets.

    `pages` maps docs-relative paths to Markdown. `citations=False` drops the
    citation extension and hook (the benchmark's plain build). Returns the config path.
    """
    config = load_config()
    docs = root / "docs"
    for rel, text in pages.items():
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel in ("stylesheets", "javascripts", "icons"):
        if (REPO / "docs" / rel).is_dir():
            shutil.copytree(REPO / "docs" / rel, docs / rel, dirs_exist_ok=True)
    config["docs_dir"] = str(docs)
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["hooks"] = [str(REPO / h) for h in config.get("hooks", [])]
    config["watch"] = []
    config.pop("nav", None)
    _absolute_snippet_paths(config)
    _set_extension_option(config, "guidekit.citations", "bibliography", str(bibliography or REPO / "references"))
    # Throwaway pages rarely carry review dates; tests of that check turn it back on.
    config.setdefault("extra", {})["review"] = {"required": False}
    if not citations:
        engines = ("guidekit.citations", "guidekit.site.bibliography")
        config["markdown_extensions"] = [e for e in config["markdown_extensions"]
                                         if not any(_is(e, x) for x in engines)]
        config["hooks"] = [h for h in config["hooks"] if not h.endswith("citations.py")]
        # With no hook to put citation data in page.meta, the theme reads prepare's
        # generated partial; the plain build has none, so it gets an empty one.
        theme = root / "overrides"
        shutil.copytree(REPO / "overrides", theme, dirs_exist_ok=True)
        stub = theme / "partials" / "generated" / "site-data.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        urls = sorted({_page_key(rel) for rel in pages if rel.endswith(".md")})
        stub.write_text("{% set pages = {" + ", ".join(f'"{u}": {{}}' for u in urls) + "} %}\n", encoding="utf-8")
        config["theme"]["custom_dir"] = str(theme)
    config.update(overrides)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def _page_key(rel: str) -> str:
    """The key the theme looks a page up by: its URL without slashes ('index' for Home)."""
    stem = rel[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    return stem.strip("/") or "index"


def _is(ext: object, name: str) -> bool:
    return ext == name or (isinstance(ext, dict) and name in ext)


def _absolute_snippet_paths(config: dict) -> None:
    # Snippet paths are relative to the working directory; pin them to the repo.
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            opts = ext["pymdownx.snippets"]
            opts["base_path"] = [str(REPO)]
            opts["auto_append"] = [str(REPO / p) for p in opts.get("auto_append", [])]


def _set_extension_option(config: dict, name: str, option: str, value: object) -> None:
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and name in ext:
            ext[name] = {**(ext[name] or {}), option: value}
