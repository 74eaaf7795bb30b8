"""MkDocs glue: each built page gets its Content Security Policy and referrer policy (see guidekit.csp)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from guidekit.csp import CspError, secure_page


# After the theme and every other hook, so the hashes cover each inline script they wrote. Only
# hooks/citations.py comes later (-200): what it puts back is escaped markup that holds no script.
@event_priority(-100)
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """Add the policy to a page."""
    try:
        return secure_page(output)
    except CspError as error:
        raise PluginError(f"{page.file.src_uri}: {error}") from error


@event_priority(-100)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Add the policy to the theme's stand-alone pages (404.html); leave sitemap.xml alone."""
    if not template_name.endswith(".html"):
        return output_content
    try:
        return secure_page(output_content)
    except CspError as error:
        raise PluginError(f"{template_name}: {error}") from error
