"""The Pages-like server, also recording every path asked for and every byte sent (offline tests, measurements)."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, cast

from scripts.pages_server import SUB_PATH, PagesServer


class _CountingWriter:
    """Wraps a handler's socket writer and adds every byte sent to the server's total."""

    def __init__(self, inner: Any, server: RecordingServer) -> None:
        self._inner = inner
        self._server = server

    def write(self, data: bytes) -> int:
        with self._server.lock:
            self._server.bytes_sent += len(data)
        return self._inner.write(data)

    def __getattr__(self, name: str) -> Any:
        # Everything else (flush, closed, close) is the socket writer's own.
        return getattr(self._inner, name)


class RecordingServer(PagesServer):
    """The Pages-like server, also recording every path asked for and every byte sent.

    What reached the server is the ground truth for "nothing came from the
    network": it also sees the service worker's own requests, which the
    browser's page-level events do not report.
    """

    def __init__(self, site_dir: Path, sub_path: str = SUB_PATH) -> None:
        super().__init__(site_dir, sub_path)
        self.paths: list[str] = []
        self.bytes_sent = 0
        self.lock = threading.Lock()
        base = self._httpd.RequestHandlerClass
        assert isinstance(base, functools.partial), "PagesServer's handler shape changed"
        recorder = self
        parent = cast("type[SimpleHTTPRequestHandler]", base.func)

        class Recording(parent):  # type: ignore[valid-type,misc]
            wfile: Any

            def setup(self) -> None:
                super().setup()
                self.wfile = cast(Any, _CountingWriter(self.wfile, recorder))

            def do_GET(self) -> None:
                with recorder.lock:
                    recorder.paths.append(self.path)
                super().do_GET()

        self._httpd.RequestHandlerClass = functools.partial(Recording, *base.args, **base.keywords)

    def reset_counts(self) -> None:
        with self.lock:
            self.paths.clear()
            self.bytes_sent = 0
