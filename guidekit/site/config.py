"""Read mkdocs.yml without MkDocs: the settings the site-wide artefacts need.

Zensical reads the same file. ``!ENV`` tags are resolved as both builders
resolve them: the first set variable, else the last item as the default.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """YAML with the ``!ENV`` tag of mkdocs.yml."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


_Loader.add_constructor("!ENV", _env)


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The parts of mkdocs.yml that prepare uses."""

    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.resolve().parent

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.data.get("docs_dir") or "docs")

    @property
    def custom_dir(self) -> Path:
        theme = self.data.get("theme") or {}
        return self.root / str(theme.get("custom_dir") or "overrides")

    def get(self, key: str, default: Any = None) -> Any:
        value = self.data.get(key)
        return default if value is None else value

    def extensions(self) -> tuple[list[str], dict[str, dict[str, Any]]]:
        """``markdown_extensions`` as Python-Markdown takes them: names, and options by name."""
        names: list[str] = []
        options: dict[str, dict[str, Any]] = {}
        for item in self.data.get("markdown_extensions") or []:
            if isinstance(item, dict):
                for name, opts in item.items():
                    names.append(name)
                    options[name] = dict(opts or {})
            else:
                names.append(str(item))
        return names, options

    def nav_titles(self) -> dict[str, str]:
        """Source path -> its title in ``nav``."""
        return dict(_walk(self.data.get("nav") or []))


def _walk(items: list[Any]) -> Iterator[tuple[str, str]]:
    for item in items:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, list):
                    yield from _walk(target)
                elif isinstance(target, str):
                    yield target, str(title)
        # A bare "page.md" entry has no title of its own.


def load_config(path: Path) -> SiteConfig:
    """Parse mkdocs.yml; a YAML error names the file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except (OSError, yaml.YAMLError) as error:
        raise ValueError(f"{path}: {error}") from None
    return SiteConfig(path, data if isinstance(data, dict) else {})
