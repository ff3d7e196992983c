"""HTTP to a SPARQL server the way every server takes it: credentials, redirects, reasons, timeouts.

The standard library's urllib does it all (no extra dependency): its digest handler answers
Virtuoso's challenge on ``/sparql-graph-crud-auth``, basic is sent up front, a bearer token
as is; redirects keep the method and body (a query POST stays a POST); an error's reason is
taken from the body whatever its format; a request that gets no answer is told apart from a
slow one by asking the server a trivial question.

Credentials come from the environment, never from the command line:
``STAGEGRAPH_ENDPOINT_TOKEN`` (bearer), or ``STAGEGRAPH_ENDPOINT_USER`` and
``STAGEGRAPH_ENDPOINT_PASSWORD`` (basic, or digest when the server asks for it;
``STAGEGRAPH_ENDPOINT_AUTH=digest`` never sends the password in basic form).
"""

from __future__ import annotations

import base64
import html
import http.client
import json
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from typing import IO, Protocol

from ..errors import EndpointError, QueryTimeout

PROBE_SECONDS = 10  # how long a live server may take to answer a trivial request
USER_AGENT = "stagegraph"


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes
    headers: Message  # the response's headers (a server may say there that it cut its answer)


def check_url(url: str) -> None:
    if urllib.parse.urlparse(url).scheme not in ("http", "https"):
        raise EndpointError(f"'{url}' is not an http(s) URL; give the server's SPARQL endpoint URL")


def with_params(url: str, params: Mapping[str, str | None]) -> str:
    """``url`` with ``params`` added to its query string (``None`` values as bare keys)."""
    if not params:
        return url
    parts = [urllib.parse.quote(k) if v is None else urllib.parse.urlencode({k: v}) for k, v in params.items()]
    return url + ("&" if "?" in url else "?") + "&".join(parts)


class _KeepMethod(urllib.request.HTTPRedirectHandler):
    """Follow 301, 302, 307 and 308 with the same method and body (303 becomes a GET)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request:
        if code == 303:
            return urllib.request.Request(newurl, method="GET", headers=dict(req.header_items()))
        return urllib.request.Request(newurl, data=req.data, method=req.get_method(), headers=dict(req.header_items()))


def _credentials() -> tuple[str | None, str, str | None]:
    return (
        os.environ.get("STAGEGRAPH_ENDPOINT_USER"),
        os.environ.get("STAGEGRAPH_ENDPOINT_PASSWORD", ""),
        os.environ.get("STAGEGRAPH_ENDPOINT_TOKEN"),
    )


class _Digest(urllib.request.HTTPDigestAuthHandler):
    """Digest that remembers the server's last challenge, so the next request (a large upload
    Virtuoso would cut off at its 401) carries its answer up front."""

    challenge: dict[str, str] | None = None
    passwd: urllib.request.HTTPPasswordMgr  # set by urllib's __init__ (typeshed does not say so)

    def http_error_auth_reqed(
        self, auth_header: str, host: str, req: urllib.request.Request, headers: http.client.HTTPMessage
    ) -> None:  # (urllib's returns the retried response; typeshed says None)
        found = headers.get(auth_header, "") or ""
        if found.lower().startswith("digest "):
            self.challenge = urllib.request.parse_keqv_list(
                list(filter(None, urllib.request.parse_http_list(found.split(" ", 1)[1])))
            )
        return super().http_error_auth_reqed(auth_header, host, req, headers)


_DIGESTS: dict[tuple[str, str, str], _Digest] = {}  # (server, user, password) → its digest handler, for this process
_DIGEST_TURN = threading.Lock()


def _digest(url: str) -> _Digest | None:
    user, password, token = _credentials()
    if not user or token:
        return None
    key = (urllib.parse.urlsplit(url).netloc, user, password)
    if key not in _DIGESTS:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        parts = urllib.parse.urlsplit(url)
        manager.add_password(None, f"{parts.scheme}://{parts.netloc}/", user, password)  # every path of the server
        _DIGESTS[key] = _Digest(manager)
    return _DIGESTS[key]


class _Opener(Protocol):
    """urllib's opener as used here: an http(s) URL opens as an ``HTTPResponse``."""

    def open(self, fullurl: urllib.request.Request, *, timeout: float | None) -> http.client.HTTPResponse: ...


def _opener(url: str) -> _Opener:
    handlers: list[urllib.request.BaseHandler] = [_KeepMethod()]
    if (digest := _digest(url)) is not None:
        handlers += [digest, urllib.request.HTTPBasicAuthHandler(digest.passwd)]
    return urllib.request.build_opener(*handlers)


def _request(
    url: str, method: str, body: bytes | None, headers: Mapping[str, str], basic: bool
) -> urllib.request.Request:
    request = urllib.request.Request(url, data=body, method=method, headers={"User-Agent": USER_AGENT, **headers})
    user, password, token = _credentials()
    if token:
        request.add_unredirected_header("Authorization", f"Bearer {token}")
    elif basic:
        secret = base64.b64encode(f"{user}:{password}".encode()).decode()
        request.add_unredirected_header("Authorization", f"Basic {secret}")
    return request


def _open(
    url: str, method: str, body: bytes | None, headers: Mapping[str, str], timeout: float | None
) -> http.client.HTTPResponse:
    """One request opened (its answer not yet read); with digest credentials one thread at a
    time, since urllib's digest handler keeps the server's nonce and its count for all of them."""
    if _digest(url) is None:
        return _open_as(url, method, body, headers, timeout)
    with _DIGEST_TURN:
        return _open_as(url, method, body, headers, timeout)


def _open_as(
    url: str, method: str, body: bytes | None, headers: Mapping[str, str], timeout: float | None
) -> http.client.HTTPResponse:
    """Basic credentials go up front; a 401 to them (Virtuoso answers basic so, without a
    challenge) is asked again without, for the server's challenge, which the digest handler answers."""
    user, _, token = _credentials()
    digest = _digest(url)
    request = _request(url, method, body, headers, False)
    answer = digest.get_authorization(request, digest.challenge) if digest and digest.challenge else None
    if digest is not None and answer:  # the server asked before: answer up front
        request.add_unredirected_header("Authorization", f"Digest {answer}")
        try:
            return _opener(url).open(request, timeout=timeout)
        except urllib.error.HTTPError as exc:
            if exc.code != 401:
                raise
            exc.close()
            digest.challenge = None  # a stale nonce: ask again, the usual way
    basic = bool(user) and not token and os.environ.get("STAGEGRAPH_ENDPOINT_AUTH", "").lower() != "digest"
    try:
        return _opener(url).open(_request(url, method, body, headers, basic), timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code != 401 or not basic:
            raise
        exc.close()
    return _opener(url).open(_request(url, method, body, headers, False), timeout=timeout)


def send(
    url: str,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    timeout: float | None = 30,
    what: str = "the request",
) -> Answer:
    """One request; the answer, or an EndpointError / QueryTimeout saying what went wrong."""
    check_url(url)
    deadline = time.monotonic() + timeout if timeout else None
    with _failures(url, timeout, what), _open(url, method, body, headers or {}, timeout) as response:
        reader = Reader(response, deadline)
        return Answer(response.status, response.headers.get("Content-Type", ""), reader.read_all(), response.headers)


@contextmanager
def stream(
    url: str,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    *,
    timeout: float | None = 30,
    what: str = "the request",
) -> Iterator[http.client.HTTPResponse]:
    """One request whose answer is read as it arrives (the response, to read from): ``timeout``
    bounds each wait for the next bytes (silence), not the whole transfer, which may take
    minutes while it keeps streaming. Failures, also halfway, are told as by ``send``."""
    check_url(url)
    with _failures(url, timeout, what), _open(url, method, body, headers or {}, timeout) as response:
        yield response


@contextmanager
def _failures(url: str, timeout: float | None, what: str) -> Iterator[None]:
    """HTTP, network and timeout failures inside the block as EndpointError / QueryTimeout."""
    try:
        yield
    except urllib.error.HTTPError as exc:
        raise _refusal(url, exc) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise no_answer(url, timeout, what) from None
        raise EndpointError(
            f"cannot reach {url} ({exc.reason}); check the URL and that the server is running"
        ) from None
    except TimeoutError:
        raise no_answer(url, timeout, what) from None
    except (ConnectionError, http.client.HTTPException) as exc:
        raise EndpointError(
            f"the server at {url} closed the connection ({exc}); check the URL and the server's log"
        ) from None


class Reader:
    """A response read until ``deadline`` (``time.monotonic()``; None: no end), then TimeoutError:
    a server trickling bytes does not outlast ``--timeout``. Keeps the first bytes, for an error's
    reason when what came is not what was asked for."""

    def __init__(self, response: http.client.HTTPResponse, deadline: float | None) -> None:
        self.response, self.deadline, self.first = response, deadline, b""

    def read(self, size: int) -> bytes:
        chunk = self.response.read(size)
        if not self.first:
            self.first = chunk[:2000]
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeoutError
        return chunk

    def read_all(self) -> bytes:
        chunks = []
        while chunk := self.read(1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)


def no_answer(url: str, timeout: float | None, what: str) -> QueryTimeout | EndpointError:
    """A timeout: a slow query (exit 3) if the server still answers a trivial request, else a hang (exit 4)."""
    if alive(url):
        return QueryTimeout(
            f"{what} to {url} ran past {timeout:g} s and was stopped; the server is up, "
            "so raise --timeout or ask for less"
        )
    return EndpointError(
        f"the server at {url} accepted the connection but answered nothing within {timeout:g} s, "
        f"nor a trivial request within {PROBE_SECONDS} s; it is hung or overloaded, check it"
    )


def alive(url: str) -> bool:
    """Whether the server answers anything at all (any status) to a GET within a few seconds."""
    parts = urllib.parse.urlsplit(url)
    probe = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    try:
        urllib.request.urlopen(
            urllib.request.Request(probe, headers={"User-Agent": USER_AGENT}), timeout=PROBE_SECONDS
        ).close()
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


def _refusal(url: str, exc: urllib.error.HTTPError) -> EndpointError:
    body = exc.read() if exc.fp is not None else b""
    reason = reason_of(body, exc.headers.get("Content-Type", "") if exc.headers else "")
    detail = f": {reason}" if reason else ""
    error = EndpointError(f"the server at {url} answered {exc.code} {exc.reason}{detail}{_advice(exc)}")
    error.status, error.reason = exc.code, f"{exc.code} {exc.reason}{detail}"
    return error


def _advice(exc: urllib.error.HTTPError) -> str:
    if exc.code not in (401, 403):
        return "; check the URL" if exc.code in (404, 405, 501) else ""
    challenge = (exc.headers.get("WWW-Authenticate", "") if exc.headers else "").split(" ")[0].lower()
    user, _, token = _credentials()
    if exc.code == 403:
        return "; the account lacks the right to do this on the server, grant it there"
    if not (user or token):
        scheme = f" ({challenge} authentication)" if challenge else ""
        return f"; the server wants credentials{scheme}: set STAGEGRAPH_ENDPOINT_USER and STAGEGRAPH_ENDPOINT_PASSWORD"
    return (
        f"; the server refused the credentials from STAGEGRAPH_ENDPOINT_USER/PASSWORD or _TOKEN"
        f"{f' ({challenge} authentication)' if challenge else ''}, check them"
    )


def reason_of(body: bytes, content_type: str, limit: int = 300) -> str:
    """The server's reason in an error body, as one line: JSON's message, HTML's text, plain text."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return ""
    if "json" in content_type or text.startswith("{"):
        try:
            found = _json_message(json.loads(text))
        except (ValueError, RecursionError):  # not JSON, or nested past Python's stack (a hostile server)
            found = None
        if found:
            return _one_line(found, limit)
    if "html" in content_type or text.lstrip().lower().startswith(("<!doctype", "<html")):
        text = _html_text(text)
    return _one_line(text, limit)


def _json_message(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("message", "error_description", "error", "detail", "reason", "title"):
            if key in value and (found := _json_message(value[key])):
                return found
    return None


def _html_text(text: str) -> str:
    text = re.sub(r"(?is)<(head|script|style)\b.*?</\1>", " ", text)
    text = re.sub(r"(?is)<h1\b[^>]*>\s*HTTP/\S+\s+\d+[^<]*</h1>", " ", text)  # the status line again
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", text))


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
