"""``stagegraph serve``: the built site on 127.0.0.1, with the media types of its data files and
content negotiation on entity paths (``Accept: text/turtle`` → ``index.ttl``, ``application/ld+json``
→ ``index.jsonld``), as the generated ``.htaccess`` does on Apache."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from ..errors import InputError

TYPES = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".jsonld": "application/ld+json",
    ".srj": "application/sparql-results+json",
    ".csv": "text/csv",
    ".js": "text/javascript",
    ".html": "text/html",
    ".css": "text/css",
}
NEGOTIATED = (("text/turtle", "index.ttl"), ("application/ld+json", "index.jsonld"))


def negotiate(accept: str) -> str | None:
    """The alternate file an Accept header asks for, or None for HTML."""
    wanted = [part.split(";")[0].strip() for part in accept.split(",")]
    for media in wanted:
        if media in ("text/html", "application/xhtml+xml"):
            return None
        for negotiated, name in NEGOTIATED:
            if media == negotiated:
                return name
    return None


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self._negotiate()
        super().do_GET()

    def do_HEAD(self):  # noqa: N802
        self._negotiate()
        super().do_HEAD()

    def _negotiate(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        folder = Path(self.translate_path(path))
        name = negotiate(self.headers.get("Accept", ""))
        if name and folder.is_dir() and (folder / name).is_file():
            self.path = path.rstrip("/") + "/" + name

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass


def server(folder: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server of ``folder`` on 127.0.0.1:``port`` (0: any free port), not yet serving."""
    if not (folder / "index.html").is_file():
        raise InputError(f"{folder} holds no site (no index.html); build it first with 'stagegraph site -o {folder}'")
    handler = functools.partial(Handler, directory=str(folder))
    try:
        return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise InputError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another --port") from exc
