"""MkDocs glue for guidekit.stylesheets: the site's own CSS files become one.

Every `extra_css` entry in docs/stylesheets/ is joined, in order, into
stylesheets/guide.css, which takes the place of the first of them in
`extra_css`; the joined files are not copied on their own. Anything else in
`extra_css` (another folder, a URL) keeps its own link. Zensical runs no
hooks, so there each file keeps its own link, which works the same, only
slower on a slow connection.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from guidekit.stylesheets import BUNDLE_NAME, StylesheetError, bundle, joinable

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

LOG = logging.getLogger("mkdocs.plugins.stylesheets")


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Replace the joinable stylesheets with one generated file (`mkdocs serve` reloads the config each rebuild)."""
    original = list(config.extra_css)
    found = {path: files.get_file_from_path(str(path)) for path in original if joinable(str(path))}
    joined = {path: file for path, file in found.items() if file is not None}
    if len(joined) < 2:
        return files
    sources = [(f"docs/{path}", file.content_string) for path, file in joined.items()]
    for file in joined.values():
        files.remove(file)
    try:
        css = bundle(sources)
    except StylesheetError as error:
        raise PluginError(str(error)) from error
    files.append(File.generated(config, BUNDLE_NAME, content=css))
    first = original.index(next(iter(joined)))
    config.extra_css = [*original[:first], BUNDLE_NAME, *(p for p in original[first:] if p not in joined)]
    LOG.debug("stylesheets: %d files joined into %s (%d bytes)", len(joined), BUNDLE_NAME, len(css))
    return files
