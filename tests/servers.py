"""Real SPARQL servers for the tests, started on 127.0.0.1 (free ports) and stopped afterwards.

Oxigraph Server is the ``oxigraph`` binary next to the test interpreter (the ``oxigraph``
package of the test extra); Virtuoso is Debian's ``virtuoso-opensource`` (``virtuoso-t``),
run with its own ``virtuoso.ini``, database and log in a temporary folder, listening on
loopback only. Without a server the tests that need it are skipped, unless CI is set,
where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

GRAPH = "https://example.org/stagegraph-test/universe"


@dataclass
class Server:
    name: str
    query: str  # the SPARQL query endpoint
    store: str  # the Graph Store Protocol endpoint publish writes to
    env: dict = field(default_factory=dict)  # the credentials publish needs
    base: str = ""
    folder: Path | None = None  # where the server keeps its store (and may read files from)
    sql: int = 0  # Virtuoso's SQL port (isql-vt)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _wait(process: subprocess.Popen, url: str, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}: see {log}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except urllib.error.HTTPError:
            return  # it answers, even if with an error: it is up
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer on {url} within {seconds:g} s: see {log}")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextmanager
def oxigraph(folder: Path):
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.is_file():
        missing(f"the oxigraph server binary is not installed at {binary} (pip install oxigraph)")
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "serve", "--location", str(folder / "store"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(process, f"{base}/query?query=ASK%7B%7D", log, 20)
            yield Server("oxigraph", f"{base}/query", f"{base}/store", base=base, folder=folder)
        finally:
            _stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 10
"""


@contextmanager
def virtuoso(folder: Path, max_rows: int = 10_000):
    """Virtuoso with its own database in ``folder``. Its user dba (password dba, a fresh
    database's) may write through ``/sparql-graph-crud-auth``, which asks for digest
    authentication; anonymous users of ``/sparql`` and ``/sparql-graph-crud`` may only read.
    An answer is cut at ``max_rows`` (``ResultSetMaxRows``; Debian's default by default)."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        missing("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    sql, http = free_port(), free_port()
    (folder / "vsp").mkdir()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http, max_rows=max_rows))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{http}"
            _wait(process, f"{base}/sparql?query=ASK%7B%7D", log, 180)
            yield Server(
                "virtuoso",
                f"{base}/sparql",
                f"{base}/sparql-graph-crud-auth",
                base=base,
                env={"STAGEGRAPH_ENDPOINT_USER": "dba", "STAGEGRAPH_ENDPOINT_PASSWORD": "dba"},
                folder=folder,
                sql=sql,
            )
        finally:
            _stop(process)
