"""Offline reading: a hashed precache list, the service worker that uses it, and the web app manifest.

Pure functions, no MkDocs: they take the built site's file names and bytes and
return text to write. ``hooks/offline.py`` wires them into MkDocs; under another
builder a post-build command can call them the same way.
"""

from __future__ import annotations

from .precache import OfflineError, Precache, build_precache, page_path, select_files
from .webmanifest import Icon, web_app_manifest
from .worker import WORKER_NAME, render_worker

__all__ = [
    "WORKER_NAME",
    "Icon",
    "OfflineError",
    "Precache",
    "build_precache",
    "page_path",
    "render_worker",
    "select_files",
    "web_app_manifest",
]
