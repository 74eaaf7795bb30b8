"""HTML as strings, escaped exactly as Python-Markdown's serialiser escapes the element tree.

Markup that never changes after the citation pass (superscripts, reference lists)
is written here straight to text: building it as elements, for later passes to walk
and the serialiser to turn back into text, was most of a warm build's citation cost.
The escaping is the serialiser's, so a page reads the same whichever path wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

#: "&" that does not start an entity (Python-Markdown's serializers.RE_AMP): an author's "&mdash;" stays one.
RE_AMP = re.compile(r"&(?!(?:\#[0-9]+|\#x[0-9a-f]+|[0-9a-z]+);)", re.IGNORECASE)


def escape_text(text: str) -> str:
    """Character data: ``&`` (outside entities), ``<`` and ``>``."""
    if "&" in text:
        text = RE_AMP.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_attr(value: str) -> str:
    """An attribute value in double quotes: as :func:`escape_text`, and ``"``."""
    return escape_text(value).replace('"', "&quot;")


def tag(name: str, attrs: Mapping[str, str], inner: str = "") -> str:
    """``<name a="v">inner</name>``, ``inner`` being HTML; attributes in lexical order, as the serialiser has them."""
    written = "".join(f' {key}="{escape_attr(value)}"' for key, value in sorted(attrs.items()))
    return f"<{name}{written}>{inner}</{name}>"
