"""The UI strings readers see, kept as data in strings.yml beside this module."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def load_strings() -> dict[str, Any]:
    """The parsed strings.yml: `html` for the renderer, `script` for the JavaScript."""
    text = resources.files(__package__).joinpath("strings.yml").read_text(encoding="utf-8")
    return yaml.safe_load(text)
