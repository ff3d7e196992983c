"""``stagegraph serve --edit``: the contribute page writes through ``stagegraph add`` into the served
universe's data folder — against a real server on 127.0.0.1, started by each test. Only with this
run's token, from the server's own origin, at most 256 KiB, as Turtle; every refusal is one JSON
sentence and changes no file; a valid contribution is written and the data still validates."""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from helpers import (
    CONTRIBUTION_PREFIXES,
    IVAN_SUA_BOND,
    ROOT,
    STAGEGRAPH,
    UNSOURCED_BOND,
    assert_clean_error,
    cli,
    cli_process,
    visible,
)
from stagegraph.site.serve import EDIT_LIMIT, EDIT_PATH, editable, server
from stagegraph.universe import Universe

CSP = "default-src 'none'; script-src 'self'; connect-src 'none'; form-action 'none'"
PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>Contribute</title></head><body><form></form></body></html>
"""
PREFIXES, BOND, UNSOURCED = CONTRIBUTION_PREFIXES, IVAN_SUA_BOND, UNSOURCED_BOND


@pytest.fixture
def site(tmp_path) -> Path:
    """A built site as serve sees it: a landing page, a contribute page and another page."""
    root = tmp_path / "site"
    (root / "all" / "contribute").mkdir(parents=True)
    (root / "all" / "character").mkdir(parents=True)
    (root / "index.html").write_text("<!DOCTYPE html><title>Home</title>", encoding="utf-8")
    (root / "all" / "contribute" / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "all" / "character" / "index.html").write_text(PAGE.replace("Contribute", "Characters"), encoding="utf-8")
    return root


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


class Served:
    """A server running in a thread; requests made with http.client, headers as the test says."""

    def __init__(self, site: Path, data: Path | None):
        self.running = server(site, 0, Universe(data_paths=(data,)) if data is not None else None)
        self.port = self.running.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.running.serve_forever, daemon=True)
        self.thread.start()

    def get(self, path: str) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read().decode("utf-8")
        connection.close()
        return response.status, dict(response.headers), body

    def token(self) -> str:
        found = re.search(r'<meta name="stagegraph-edit" content="([^"]+)">', self.get("/all/contribute/")[2])
        assert found, "the contribute page has no token"
        return found[1]

    def post(self, body: bytes | str, path: str = EDIT_PATH, length: int | None = None, **headers) -> tuple[int, dict]:
        body = body.encode("utf-8") if isinstance(body, str) else body
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "Origin": self.origin,
            "Sec-Fetch-Site": "same-origin",
            "Content-Type": "text/turtle; charset=utf-8",
            "Content-Length": str(len(body) if length is None else length),
        }
        sent.update({name.replace("_", "-"): value for name, value in headers.items()})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        connection.putrequest("POST", path, skip_host=True, skip_accept_encoding=True)
        for name, value in sent.items():
            if value is not None:
                connection.putheader(name, value)
        connection.endheaders()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a refusal need not read it all
            connection.send(body)
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "application/json; charset=utf-8"
        assert response.getheader("Access-Control-Allow-Origin") is None
        answer = json.loads(response.read().decode("utf-8"))
        connection.close()
        assert set(answer) >= {"ok", "message"} and isinstance(answer["message"], str)
        return response.status, answer

    def close(self) -> None:
        self.running.shutdown()
        self.running.server_close()


@pytest.fixture
def editing(site, data):
    served = Served(site, data)
    yield served
    served.close()


def refused(status: int, answer: dict, code: int, *words: str) -> None:
    """A refusal: the status, ok false, one sentence with the given words."""
    assert status == code, answer
    assert answer["ok"] is False
    assert "\n" not in answer["message"] and "Traceback" not in answer["message"]
    for word in words:
        assert word in answer["message"], answer["message"]


def test_the_contribute_page_carries_the_runs_token_and_may_connect_to_its_server(editing, site):
    status, headers, body = editing.get("/all/contribute/")
    assert status == 200
    assert headers["Cache-Control"] == "no-store"
    assert re.search(
        r'<title>Contribute</title><meta name="stagegraph-edit" content="[A-Za-z0-9_-]{40,}"></head>', body
    )
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', body)[1]
    assert "connect-src &#x27;self&#x27;" in csp and "connect-src &#x27;none&#x27;" not in csp
    assert "script-src &#x27;self&#x27;" in csp and "form-action" in csp
    assert editing.get("/all/contribute/index.html")[2] == body
    assert (site / "all" / "contribute" / "index.html").read_text(encoding="utf-8") == PAGE  # the built file
    assert "stagegraph-edit" not in editing.get("/all/character/")[2]  # only the contribute page


def test_without_edit_nothing_is_injected_and_nothing_is_taken(site, data):
    served = Served(site, None)
    try:
        assert served.get("/all/contribute/")[2] == PAGE
        connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
        connection.request("POST", EDIT_PATH, body=BOND.encode("utf-8"), headers={"Content-Type": "text/turtle"})
        assert connection.getresponse().status == 501
        connection.close()
    finally:
        served.close()


def test_a_valid_contribution_is_written_and_the_data_still_validates(editing, data):
    before = visible(data)
    status, answer = editing.post(BOND, X_Stagegraph_Token=editing.token())
    assert status == 200, answer
    assert answer["ok"] is True
    assert answer["message"].startswith("added bond: Ivan → Sua, rivalry, one-sided")
    assert "rebuild the site" in answer["message"]
    after = visible(data)
    assert {name for name in after if after[name] != before.get(name)} == {"bonds.ttl"}
    assert "bond:ivan-sua-rivalry" in (data / "bonds.ttl").read_text(encoding="utf-8")
    assert cli("--data", data, "validate").exit_code == 0
    status, answer = editing.post(BOND, X_Stagegraph_Token=editing.token())
    assert (status, answer["ok"]) == (200, True)
    assert answer["message"] == "nothing to add: every triple is already in the data"


def test_a_missing_or_wrong_token_is_refused_and_changes_no_file(editing, site, data):
    before = visible(data)
    refused(*editing.post(BOND), 403, "token is missing or is not this run's")
    refused(*editing.post(BOND, X_Stagegraph_Token="x" * 43), 403, "reload the contribute page")
    other = Served(site, data)
    try:
        refused(*editing.post(BOND, X_Stagegraph_Token=other.token()), 403, "token")  # another run's
    finally:
        other.close()
    assert visible(data) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": None},
        {"Origin": "null"},
        {"Origin": "https://127.0.0.1"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
    ids=["other-origin", "no-origin", "opaque-origin", "other-port", "cross-site", "same-site"],
)
def test_a_request_from_another_origin_is_refused(editing, data, headers):
    before = visible(data)
    refused(*editing.post(BOND, X_Stagegraph_Token=editing.token(), **headers), 403, "only the pages this server")
    assert visible(data) == before


def test_a_request_for_another_host_is_refused(editing, data):
    """A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is same-origin with itself."""
    before = visible(data)
    evil = f"evil.example:{editing.port}"
    answer = editing.post(BOND, X_Stagegraph_Token=editing.token(), Host=evil, Origin=f"http://{evil}")
    refused(*answer, 403, "addressed to evil.example")
    assert visible(data) == before


def test_an_oversized_contribution_is_refused_unread(editing, data):
    before = visible(data)
    big = BOND + "# " + "x" * EDIT_LIMIT + "\n"
    refused(*editing.post(big, X_Stagegraph_Token=editing.token()), 413, f"more than the {EDIT_LIMIT}")
    # only said, never sent: refused before a byte is read
    refused(*editing.post(b"", length=100 * EDIT_LIMIT, X_Stagegraph_Token=editing.token()), 413, "stagegraph add")
    assert visible(data) == before


def test_an_invalid_contribution_is_refused_with_adds_message_and_changes_no_file(editing, data):
    before = visible(data)
    status, answer = editing.post(UNSOURCED, X_Stagegraph_Token=editing.token())
    assert status == 422 and answer["ok"] is False
    lines = answer["message"].split("\n")
    assert lines[0] == "the contribution would make the data invalid; nothing was written"
    assert any(line.startswith("[VIOLATION] contribution bond:ivan-sua-rivalry sg:source:") for line in lines)
    assert answer["problems"] == lines[1:]
    unknown = BOND.replace("a sg:Bond", "a sg:Bondd")
    refused(*editing.post(unknown, X_Stagegraph_Token=editing.token()), 422, "sg:Bondd is not a term of the ontology")
    assert visible(data) == before
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")]


def test_unreadable_contributions_are_refused_and_change_no_file(editing, data):
    before = visible(data)
    token = editing.token()
    refused(*editing.post(PREFIXES + "bond:x a ;;\n", X_Stagegraph_Token=token), 400, "contribution:10: Turtle syntax")
    refused(*editing.post(b"\xff\xfe", X_Stagegraph_Token=token), 400, "not valid UTF-8")
    refused(*editing.post("", X_Stagegraph_Token=token), 400, "empty")
    refused(*editing.post(BOND, X_Stagegraph_Token=token, Content_Type="text/plain"), 415, "text/turtle")
    refused(*editing.post(BOND, X_Stagegraph_Token=token, Content_Length=None), 411, "Content-Length")
    refused(*editing.post(BOND, path="/_stagegraph/other", X_Stagegraph_Token=token), 404, EDIT_PATH)
    refused(*editing.post(BOND, path="/all/contribute/", X_Stagegraph_Token=token), 404, EDIT_PATH)
    assert visible(data) == before


def test_the_page_is_rewritten_only_in_its_answer():
    token = "T" * 43
    meta = f'<meta name="stagegraph-edit" content="{token}">'
    page = "<html><HEAD lang=x><meta content='default-src &#39;none&#39;' http-equiv=Content-Security-Policy></HEAD>"
    rewritten = editable(page, token)
    assert rewritten.endswith(f"{meta}</HEAD>")
    assert 'content="default-src &#x27;none&#x27;; connect-src &#x27;self&#x27;" http-equiv' in rewritten
    assert editable("<head><title>x</title>", token) == f"<head>{meta}<title>x</title>"
    assert editable("<p>no head</p>", token) == f"{meta}<p>no head</p>"
    other = '<meta name="description" content="connect-src \'none\'">'
    assert editable(other, token) == meta + other  # only the policy's <meta> is rewritten


def test_serve_edit_needs_one_data_folder(site, data):
    assert_clean_error(
        cli("--data", data, "--data", data / "bonds.ttl", "serve", site, "--edit"), 2, "add writes to one data folder"
    )


def test_serve_edit_from_the_command_line(site, data):
    """The whole path: the command, its page, its token, a contribution written."""
    process = subprocess.Popen(
        [*STAGEGRAPH, "--data", str(data), "serve", str(site), "--port", "0", "--edit"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line)[1])
        assert str(data) in process.stderr.readline()
        client = Served.__new__(Served)
        client.port, client.origin = port, f"http://127.0.0.1:{port}"
        status, answer = client.post(BOND, X_Stagegraph_Token=client.token())
        assert (status, answer["ok"]) == (200, True), answer
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert cli_process("--data", data, "validate").returncode == 0


def test_a_failure_inside_add_is_a_sentence_not_a_traceback(editing, data, monkeypatch, capsys):
    import stagegraph.contribute.add as adding

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(adding, "add", broken)
    before = visible(data)
    refused(*editing.post(BOND, X_Stagegraph_Token=editing.token()), 500, "failed while adding it")
    assert "RuntimeError('a bug')" in capsys.readouterr().err
    assert visible(data) == before
