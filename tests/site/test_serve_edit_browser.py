"""``serve --edit`` in a real browser (headless Chromium): the contribute page's answer lets its
script send a contribution to its own server (the policy's ``connect-src 'self'``, the Origin and
Sec-Fetch-Site a browser sends), another page of the site still cannot connect anywhere, and a page
of another origin cannot add anything, even knowing the token."""

from __future__ import annotations

import threading

import pytest
from test_browser import TIMEOUT_MS, browser  # noqa: F401  (fixture)
from test_serve_edit import BOND, Served, data, site  # noqa: F401  (fixtures)

from helpers import cli, visible
from stagegraph.site.serve import EDIT_HEADER, EDIT_PATH, server

pytestmark = pytest.mark.slow

SEND = """async ([url, body, header, withToken]) => {
  const meta = document.querySelector('meta[name="stagegraph-edit"]');
  const token = withToken ? (meta ? meta.content : withToken) : null;
  const headers = { "Content-Type": "text/turtle; charset=utf-8" };
  if (token) headers[header] = token;
  try {
    const response = await fetch(url, { method: "POST", headers, body });
    return { status: response.status, answer: await response.json() };
  } catch (error) {
    return { failed: String(error) };
  }
}"""


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def editing(site, data):  # noqa: F811
    served = Served(site, data)
    yield served
    served.close()


def test_the_contribute_page_adds_to_the_data_through_its_own_server(page, editing, data):  # noqa: F811
    before = visible(data)
    page.goto(f"{editing.origin}/all/contribute/")
    sent = page.evaluate(SEND, [EDIT_PATH, BOND, EDIT_HEADER, True])
    assert sent.get("status") == 200, sent
    assert sent["answer"]["ok"] is True
    assert sent["answer"]["message"].startswith("added bond: Ivan → Sua")
    assert visible(data) != before
    assert cli("--data", data, "validate").exit_code == 0


def test_another_page_of_the_site_still_cannot_connect(page, editing, data):  # noqa: F811
    before = visible(data)
    page.goto(f"{editing.origin}/all/character/")
    sent = page.evaluate(SEND, [EDIT_PATH, BOND, EDIT_HEADER, editing.token()])
    assert "failed" in sent, sent  # its policy's connect-src 'none' stands
    assert visible(data) == before


def test_a_page_of_another_origin_cannot_add_even_with_the_token(page, editing, site, data):  # noqa: F811
    before = visible(data)
    other = server(site, 0)  # the same files, another port: another origin, no policy of its own
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/index.html")
        target = f"{editing.origin}{EDIT_PATH}"
        with_token = page.evaluate(SEND, [target, BOND, EDIT_HEADER, editing.token()])
        assert "failed" in with_token, with_token  # the preflight of a custom header is never allowed
        simple = page.evaluate(
            """async (url) => {
              try {
                await fetch(url, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" },
                                   body: "x" });
                return "sent";
              } catch (error) { return String(error); }
            }""",
            target,
        )
        assert simple == "sent"  # a simple request goes out, opaque: the server refuses it (no Origin match)
    finally:
        other.shutdown()
        other.server_close()
    assert visible(data) == before
