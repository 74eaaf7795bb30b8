"""Interactive checklists: a ``/// checklist`` block for Python-Markdown, with no MkDocs needed.

Use it as ``markdown.markdown(text, extensions=["guidekit.checklists"])``. A
bad block raises :class:`ChecklistError` naming the Markdown line, unless a
``reporter`` is configured (see :class:`Reporter`); MkDocs' hook passes one
that names ``docs/PAGE.md:LINE`` and checks ids across the site.
"""

from __future__ import annotations

from .errors import ChecklistError
from .extension import ChecklistExtension, CollectingReporter, RaisingReporter, Reporter, makeExtension
from .model import Checklist, Condition, Item, Outcome
from .parse import build_checklist, parse_body, parse_condition

__all__ = [
    "Checklist",
    "ChecklistError",
    "ChecklistExtension",
    "CollectingReporter",
    "Condition",
    "Item",
    "Outcome",
    "RaisingReporter",
    "Reporter",
    "build_checklist",
    "makeExtension",
    "parse_body",
    "parse_condition",
]
