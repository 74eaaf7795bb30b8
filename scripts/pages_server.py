"""A local static server that behaves like GitHub Pages for a project site."""

from __future__ import annotations

import functools
import gzip
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: GitHub Pages serves a project site under /<repo>/; tests use the same shape.
SUB_PATH = "ms-relapse-guide"


#: GitHub Pages gzips text responses; Lighthouse's timings depend on transfer size.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".bib", ".ris"}


class _PagesHandler(SimpleHTTPRequestHandler):
    """Serves files (gzipped where the client accepts it); a missing path gets the site's 404.html."""

    not_found_page: Path | None = None

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not accepts_gzip or not path.is_file() or path.suffix not in COMPRESSIBLE:
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # GitHub Pages answers unknown paths with the custom 404 page, status 404.
        if code == HTTPStatus.NOT_FOUND and self.not_found_page and self.not_found_page.is_file():
            body = self.not_found_page.read_bytes()
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:
        # Quiet: pytest output should show test results, not access logs.
        return


class PagesServer:
    """Serve `site_dir` at http://127.0.0.1:PORT/<sub_path>/ in a thread."""

    def __init__(self, site_dir: Path, sub_path: str = SUB_PATH) -> None:
        self.site_dir = site_dir
        self.sub_path = sub_path
        # The server root holds only a link named after the sub-path.
        self._root = site_dir.parent / f".serve-{site_dir.name}"
        self._root.mkdir(exist_ok=True)
        link = self._root / sub_path
        if not link.exists():
            link.symlink_to(site_dir.resolve(), target_is_directory=True)
        handler = functools.partial(
            type("Handler", (_PagesHandler,), {"not_found_page": site_dir / "404.html"}),
            directory=str(self._root),
        )
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def url(self) -> str:
        return f"{self.origin}/{self.sub_path}/"

    def __enter__(self) -> PagesServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
