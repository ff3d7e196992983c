"""``stagegraph serve``: the built site on 127.0.0.1, with the media types of its data files and
content negotiation on entity paths (``Accept: text/turtle`` → ``index.ttl``, ``application/ld+json``
→ ``index.jsonld``), as the generated ``.htaccess`` does on Apache.

``serve --edit`` (opt-in, for someone editing their own universe) lets the contribute page write
through ``stagegraph add`` into the data folder serve was started with (``--data DIR``, or the
checkout's ``data/``). The built files are never changed; instead:

- every contribute page (``…/contribute/index.html``) is answered with ``<meta name="stagegraph-edit"
  content="TOKEN">`` put in its head — a random token made once per run — and its
  Content-Security-Policy's ``connect-src 'none'`` made ``connect-src 'self'`` (in that response only,
  ``Cache-Control: no-store``), so its script may POST to this server and nowhere else;
- one path takes contributions, ``POST /_stagegraph/add`` with ``Content-Type: text/turtle``, and only
  with the token in ``X-Stagegraph-Token``, from this server's own origin (``Host`` 127.0.0.1 or
  localhost on its port, ``Origin`` the same, ``Sec-Fetch-Site: same-origin`` where the browser sends
  it; no CORS headers are ever sent), of at most 256 KiB;
- the Turtle goes through ``contribute.add.add``, as ``stagegraph add`` does: the writers' lock, the
  ontology's terms, validation merged with the data, atomic writes; a refusal changes no file.

Every answer is JSON ``{"ok": …, "message": "…"}``: 200 added (or nothing new), 400 not UTF-8 or a
syntax error, 403 wrong host, origin or token, 404 another path, 411 no length, 413 too large, 415 not
Turtle, 422 refused by ``add`` (its message and the validation report), 500 the data folder could not
be written.
"""

from __future__ import annotations

import functools
import hmac
import html
import http.server
import json
import re
import secrets
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import output
from ..errors import ContributionRefused, InputError, StagegraphError, os_error_message, shown
from ..files.text import decode

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
    timeout = 30  # seconds a client may take to send its request (a stalled POST holds a thread, never the lock)

    def __init__(self, *args, editing: Editing | None = None, **kwargs):
        self.editing = editing
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self._negotiate()
        if not self._contribute_page(head=False):
            super().do_GET()

    def do_HEAD(self):  # noqa: N802
        self._negotiate()
        if not self._contribute_page(head=True):
            super().do_HEAD()

    def do_POST(self):  # noqa: N802
        if self.editing is None:
            self.send_error(501, "Unsupported method ('POST')")
            return
        status, answer = self.editing.answer(self)
        self._json(status, answer)

    def _negotiate(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        folder = Path(self.translate_path(path))
        name = negotiate(self.headers.get("Accept", ""))
        if name and folder.is_dir() and (folder / name).is_file():
            self.path = path.rstrip("/") + "/" + name

    def _contribute_page(self, head: bool) -> bool:
        """With --edit, answer a contribute page with the run's token and ``connect-src 'self'``."""
        if self.editing is None:
            return False
        path = unquote(urlsplit(self.path).path)
        if not CONTRIBUTE_PAGE.search(path):
            return False
        file = Path(self.translate_path(path))
        file = file / "index.html" if file.is_dir() else file
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False  # not there (404) or not a page: as any other file
        body = editable(text, self.editing.token).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        return True

    def _json(self, status: int, answer: dict) -> None:
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass


EDIT_PATH = "/_stagegraph/add"  # the one path contributions are sent to (propose.js: EDIT_PATH)
EDIT_LIMIT = 256 * 1024  # bytes of Turtle one contribution may hold (propose.js: EDIT_LIMIT)
EDIT_HEADER = "X-Stagegraph-Token"
EDIT_META = "stagegraph-edit"
CONTRIBUTE_PAGE = re.compile(r"(?:^|/)contribute/(?:index\.html)?$")  # every tree's contribute page
META = re.compile(r"<meta\s[^>]*>", re.I)
CSP_EQUIV = re.compile(r"""\shttp-equiv\s*=\s*["']?content-security-policy["'\s>/]""", re.I)
CONTENT = re.compile(r"""(\scontent\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.I)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)
HEAD_END = re.compile(r"</head\s*>", re.I)
DRAIN = 4 * EDIT_LIMIT  # a larger body is not read to the end before the refusal: the connection is closed


def editable(page: str, token: str) -> str:
    """A contribute page as ``serve --edit`` answers it: the token in a ``<meta>`` at the end of its
    head, and its Content-Security-Policy's ``connect-src`` made ``'self'`` (added if it has none)."""

    def relax(content: re.Match) -> str:
        written = content[2] if content[2] is not None else content[3]
        directives = [d.strip() for d in html.unescape(written).split(";") if d.strip()]
        kept = [d for d in directives if d.split()[0].lower() != "connect-src"]
        policy = "; ".join([*kept, "connect-src 'self'"])
        return f'{content[1]}"{html.escape(policy, quote=True)}"'

    def policy(tag: re.Match) -> str:
        return CONTENT.sub(relax, tag[0], count=1) if CSP_EQUIV.search(tag[0]) else tag[0]

    page = META.sub(policy, page)
    meta = f'<meta name="{EDIT_META}" content="{token}">'
    end = HEAD_END.search(page)  # last in the head: the charset's <meta> stays first
    if end is not None:
        return page[: end.start()] + meta + page[end.start() :]
    head = HEAD.search(page)
    return page[: head.end()] + meta + page[head.end() :] if head else meta + page


class Editing:
    """``serve --edit``: the data folder contributions are added to, the universe that checks them,
    and this run's token. One contribution is added at a time (and the writers' lock keeps every
    other writer out too)."""

    def __init__(self, universe, folder: Path, port: int = 0):
        self.universe, self.folder, self.port = universe, folder, port
        self.token = secrets.token_urlsafe(32)
        self.lock = threading.Lock()

    def answer(self, request: Handler) -> tuple[int, dict]:
        """The status and JSON answer to a POST; nothing is written unless every check passes."""
        refused = self._refusal(request)
        if refused is not None:
            request.close_connection = True  # its body, if any, is left unread
            return refused
        length = int(request.headers["Content-Length"])
        data = request.rfile.read(length)
        try:
            text = decode(data, "contribution")
        except InputError as exc:
            return 400, {"ok": False, "message": str(exc)}
        return self.add(text)

    def _refusal(self, request: Handler) -> tuple[int, dict] | None:
        headers = request.headers
        if urlsplit(request.path).path != EDIT_PATH:
            return 404, _no(f"serve --edit takes contributions at {EDIT_PATH} only")
        origins = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        host = headers.get("Host", "")
        if host not in origins:
            where = shown(host, 100) or "no host"
            return 403, _no(f"the request was addressed to {where}, not this server; open the page at 127.0.0.1")
        fetched_from = headers.get("Sec-Fetch-Site")
        if headers.get("Origin") != f"http://{host}" or fetched_from not in (None, "same-origin"):
            return 403, _no("only the pages this server serves may send contributions to it")
        if not hmac.compare_digest(headers.get(EDIT_HEADER, "").encode(), self.token.encode()):
            return 403, _no("the page's token is missing or is not this run's; reload the contribute page")
        if headers.get("Transfer-Encoding") or not headers.get("Content-Length"):
            request.close_connection = True
            return 411, _no("the contribution must say its length (Content-Length)")
        try:
            length = int(headers["Content-Length"])
        except ValueError:
            length = -1
        if length < 0:
            request.close_connection = True
            return 400, _no("the contribution's Content-Length is not a number")
        if length > EDIT_LIMIT:
            if length <= DRAIN:
                request.rfile.read(length)  # so the browser reads the answer, not a reset connection
            request.close_connection = True
            return 413, _no(
                f"the contribution is {length} bytes, more than the {EDIT_LIMIT} serve --edit takes; "
                "add it with 'stagegraph add FILE' instead"
            )
        media = headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media != "text/turtle":
            request.rfile.read(length)
            return 415, _no("a contribution is sent as Turtle (Content-Type: text/turtle)")
        return None

    def add(self, text: str) -> tuple[int, dict]:
        """Add ``text`` as ``stagegraph add`` would, one at a time; say what happened in its words."""
        from ..contribute.add import add

        with self.lock:
            try:
                result = add(self.universe, None, text, name="contribution")
            except ContributionRefused as exc:
                report = output.report_lines(exc.report) if exc.report is not None else []
                _log(f"refused: {exc}")
                return 422, {"ok": False, "message": "\n".join([str(exc), *report]), "problems": report}
            except InputError as exc:
                _log(f"refused: {exc}")
                return 400, {"ok": False, "message": str(exc)}
            except StagegraphError as exc:
                _log(f"error: {exc}")
                return 500, {"ok": False, "message": str(exc)}
            except OSError as exc:
                _log(f"error: {os_error_message(exc)}")
                return 500, {"ok": False, "message": os_error_message(exc)}
            except Exception as exc:  # a bug: the page gets a sentence, the terminal the exception's name
                _log(f"failed: {exc!r}")
                return 500, {"ok": False, "message": "stagegraph failed while adding it; see its terminal"}
        lines = output.added(result) + output.added_to_files(result)
        if result.added:
            lines.append("rebuild the site with 'stagegraph site' to see it on its pages")
        _log("; ".join(lines))
        return 200, {"ok": True, "message": "\n".join(lines), "added": result.added, "files": result.files}


def _no(message: str) -> dict:
    return {"ok": False, "message": message}


def _log(line: str) -> None:
    """What serve --edit did, one line on standard error (the terminal running it)."""
    print(f"serve --edit: {line}", file=sys.stderr, flush=True)


def server(folder: Path, port: int = 8000, edit=None) -> http.server.ThreadingHTTPServer:
    """A server of ``folder`` on 127.0.0.1:``port`` (0: any free port), not yet serving. With ``edit``
    (a universe: serve --edit), the contribute page may add contributions to its data folder, the one
    ``stagegraph add`` writes to; the server's ``editing`` holds that folder and the run's token."""
    if not (folder / "index.html").is_file():
        raise InputError(f"{folder} holds no site (no index.html); build it first with 'stagegraph site -o {folder}'")
    editing = None
    if edit is not None:
        from ..contribute.add import data_folder

        editing = Editing(edit, data_folder(edit))
    handler = functools.partial(Handler, directory=str(folder), editing=editing)
    try:
        running = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise InputError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); choose another --port") from exc
    if editing is not None:
        editing.port = running.server_address[1]
    running.editing = editing  # type: ignore[attr-defined]
    return running
