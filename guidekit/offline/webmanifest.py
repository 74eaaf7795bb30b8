"""The web app manifest, so a phone can add the guide to its home screen like an app."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Icon:
    """One icon file, relative to the site root."""

    src: str
    sizes: str
    type: str
    purpose: str = "any"


def web_app_manifest(
    *,
    name: str,
    short_name: str,
    description: str,
    theme_color: str,
    background_color: str,
    icons: Sequence[Icon],
    lang: str = "en",
) -> str:
    """The manifest as JSON text.

    URLs are relative to the manifest, which sits at the site root: start URL,
    scope and id are the sub-path itself, whatever the repository is called.
    """
    if not icons:
        raise ValueError("a web app manifest needs at least one icon")
    data = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": background_color,
        "icons": [{"src": i.src, "sizes": i.sizes, "type": i.type, "purpose": i.purpose} for i in icons],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
