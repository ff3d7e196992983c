// Where the contribute page sends a patch (src/stagegraph/site/contribute/js/propose.js): the forges'
// new-file links, the download route past their length limits or without a repo, and the calls to
// `stagegraph serve --edit`.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  contributionFilename,
  EDIT_HEADER,
  EDIT_LIMIT,
  EDIT_PATH,
  editAvailable,
  editToken,
  fill,
  newFileUrl,
  proposeLinks,
  safeFilename,
  submitEdit,
  URL_LIMITS,
  WORDS,
} from "../../src/stagegraph/site/contribute/js/propose.js";

const TURTLE = `@prefix sg: <https://w3id.org/stagegraph/ns#> .
<https://w3id.org/stagegraph/bond/luka-hyuna-romantic> a sg:Bond ;
    rdfs:label "Luka → Hyuna (루카 & 현아) 100%+"@en .
`;
const FILE = "bond-luka-hyuna-romantic-20260102-030405.ttl";
const repo = (forge, url, branch = "main") => ({ forge, url, branch, folder: "contributions" });
const query = (href) => new URL(href).searchParams;

describe("the forges' new-file links", () => {
  test("GitHub: /new/BRANCH with filename and value; the patch comes back byte for byte", () => {
    const link = proposeLinks(repo("github", "https://github.com/owner/repo"), FILE, TURTLE);
    assert.equal(link.kind, "link");
    assert.ok(link.href.startsWith("https://github.com/owner/repo/new/main?filename="), link.href);
    assert.equal(query(link.href).get("filename"), `contributions/${FILE}`);
    assert.equal(query(link.href).get("value"), TURTLE);
    assert.equal(link.label, "Propose this change on GitHub");
    assert.match(link.hint, /fork/);
    assert.equal(link.path, `contributions/${FILE}`);
    assert.equal(link.command, `stagegraph add contributions/${FILE}`);
  });

  test("GitLab: /-/new/BRANCH with file_name and content, subgroups kept", () => {
    const link = proposeLinks(repo("gitlab", "https://gitlab.com/group/sub/project"), FILE, TURTLE);
    assert.ok(link.href.startsWith("https://gitlab.com/group/sub/project/-/new/main?file_name="), link.href);
    assert.equal(query(link.href).get("file_name"), `contributions/${FILE}`);
    assert.equal(query(link.href).get("content"), TURTLE);
    assert.equal(link.label, "Propose this change on GitLab");
  });

  test("Gitea: /_new/BRANCH/ with filename and value, named by its host", () => {
    const link = proposeLinks(repo("gitea", "https://codeberg.org/owner/repo"), FILE, TURTLE);
    assert.ok(link.href.startsWith("https://codeberg.org/owner/repo/_new/main/?filename="), link.href);
    assert.equal(query(link.href).get("filename"), `contributions/${FILE}`);
    assert.equal(query(link.href).get("value"), TURTLE);
    assert.equal(link.label, "Propose this change on codeberg.org");
  });

  test("a branch with a slash keeps it as a path; its other characters are encoded", () => {
    const href = newFileUrl(repo("github", "https://github.com/o/r", "release/2.x#1"), "contributions/a.ttl", "x");
    assert.ok(href.startsWith("https://github.com/o/r/new/release/2.x%231?"), href);
  });

  test("the patch cannot end the query: & = + # and line breaks are encoded", () => {
    const text = "a&value=b+c#d\r\n%";
    const href = newFileUrl(repo("github", "https://github.com/o/r"), "contributions/a.ttl", text);
    assert.equal(query(href).get("value"), text);
    assert.ok(!href.includes("#"));
  });
});

describe("the download route", () => {
  test("without a repo: the file, and the add command to run", () => {
    const route = proposeLinks(null, FILE, TURTLE);
    assert.equal(route.kind, "download");
    assert.equal(route.reason, "no-repo");
    assert.equal(route.filename, FILE);
    assert.equal(route.command, `stagegraph add contributions/${FILE}`);
    assert.match(
      route.instructions,
      /stagegraph add contributions\/bond-luka-hyuna-romantic-20260102-030405\.ttl --dry-run/,
    );
    assert.ok(!("href" in route));
  });

  test("an unusable repo object is no repo", () => {
    for (const bad of [
      undefined,
      {},
      { forge: "svn", url: "https://x/y" },
      { forge: "github", url: "javascript:alert(1)" },
    ]) {
      assert.equal(proposeLinks(bad, FILE, TURTLE).reason, "no-repo");
    }
  });

  test("a link longer than the forge's limit becomes the download, with the repo and branch named", () => {
    for (const forge of ["github", "gitlab", "gitea"]) {
      const target = repo(forge, "https://example.org/owner/repo", "dev");
      const long = `${TURTLE}# ${"미지".repeat(URL_LIMITS[forge])}\n`;
      const route = proposeLinks(target, FILE, long);
      assert.equal(route.kind, "download", forge);
      assert.equal(route.reason, "too-long");
      assert.match(route.instructions, /too long for a link/);
      assert.match(route.instructions, /branch dev of https:\/\/example\.org\/owner\/repo/);
      assert.match(route.instructions, new RegExp(`allows ${URL_LIMITS[forge]}`));
    }
  });

  test("the limit is on the whole link: just under it links, just over it downloads", () => {
    const target = repo("github", "https://github.com/o/r");
    const bare = newFileUrl(target, `contributions/${FILE}`, "").length;
    const fits = "a".repeat(URL_LIMITS.github - bare);
    assert.equal(proposeLinks(target, FILE, fits).kind, "link");
    assert.equal(proposeLinks(target, FILE, `${fits}a`).kind, "download");
  });

  test("the words can be another language's", () => {
    const route = proposeLinks(null, FILE, TURTLE, { download_only: "{file} 내려받기: {command}" });
    assert.equal(route.instructions, `${FILE} 내려받기: stagegraph add contributions/${FILE}`);
  });
});

describe("file names", () => {
  test("kind, the IRI's slug and the UTC time", () => {
    const date = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    assert.equal(
      contributionFilename("bond", "https://w3id.org/stagegraph/bond/luka-hyuna-romantic", date),
      "bond-luka-hyuna-romantic-20260102-030405.ttl",
    );
    assert.equal(contributionFilename("Fate", "", date), "fate-20260102-030405.ttl");
    assert.equal(contributionFilename("", "미지 ../x", date), "fact-x-20260102-030405.ttl");
  });

  test("a file name never leaves its folder nor breaks the link", () => {
    assert.equal(safeFilename("../../etc/passwd"), "passwd.ttl");
    assert.equal(safeFilename("a b?c.TTL"), "a-b-c.ttl");
    assert.equal(safeFilename("..."), "contribution.ttl");
    assert.equal(proposeLinks(null, "x/../y.ttl", "").path, "contributions/y.ttl");
  });

  test("fill leaves unknown placeholders as written", () => {
    assert.equal(fill("{a} and {b}", { a: 1 }), "1 and {b}");
  });

  test("every word is a string", () => {
    for (const [key, value] of Object.entries(WORDS)) assert.equal(typeof value, "string", key);
  });
});

const page = (token) => ({
  querySelector: (selector) =>
    selector === 'meta[name="stagegraph-edit"]' && token !== null ? { getAttribute: () => token } : null,
});
const TOKEN = "abcdefghijklmnopqrstuvwxyz012345_-";

describe("serve --edit", () => {
  test("available only when the server put a token in the page", () => {
    assert.equal(editAvailable(page(TOKEN)), true);
    assert.equal(editToken(page(TOKEN)), TOKEN);
    assert.equal(editAvailable(page(null)), false);
    assert.equal(editAvailable(page("short")), false);
    assert.equal(editAvailable(page('x" onload="y')), false);
    assert.equal(editAvailable(undefined), false);
  });

  test("POSTs the Turtle with the token to the one path, and returns the server's answer", async () => {
    const calls = [];
    const fetchImpl = async (url, init) => {
      calls.push({ url, init });
      return { ok: true, status: 200, json: async () => ({ ok: true, message: "added bond: Luka → Hyuna" }) };
    };
    const answer = await submitEdit(TURTLE, { doc: page(TOKEN), fetchImpl });
    assert.deepEqual(answer, { ok: true, message: "added bond: Luka → Hyuna" });
    assert.equal(calls.length, 1);
    assert.equal(calls[0].url, EDIT_PATH);
    assert.equal(calls[0].init.method, "POST");
    assert.equal(calls[0].init.headers[EDIT_HEADER], TOKEN);
    assert.match(calls[0].init.headers["Content-Type"], /^text\/turtle/);
    assert.equal(calls[0].init.body, TURTLE);
  });

  test("a refusal is the server's message, not ok", async () => {
    const fetchImpl = async () => ({
      ok: false,
      status: 422,
      json: async () => ({ ok: false, message: "the contribution would make the data invalid; nothing was written" }),
    });
    const answer = await submitEdit(TURTLE, { doc: page(TOKEN), fetchImpl });
    assert.equal(answer.ok, false);
    assert.match(answer.message, /nothing was written/);
  });

  test("no token, too large, no server, or no JSON: a message of its own, and nothing sent when it can tell", async () => {
    let sent = 0;
    const counting = async () => {
      sent += 1;
      return { ok: true, status: 200, json: async () => ({ ok: true, message: "x" }) };
    };
    assert.match((await submitEdit(TURTLE, { doc: page(null), fetchImpl: counting })).message, /serve --edit/);
    const big = "#".repeat(EDIT_LIMIT + 1);
    assert.match(
      (await submitEdit(big, { doc: page(TOKEN), fetchImpl: counting })).message,
      /more than the 262144 bytes/,
    );
    assert.equal(sent, 0);
    const down = async () => {
      throw new TypeError("Failed to fetch");
    };
    assert.match((await submitEdit(TURTLE, { doc: page(TOKEN), fetchImpl: down })).message, /did not answer/);
    const html = async () => ({ ok: false, status: 502, json: async () => JSON.parse("<html>") });
    assert.deepEqual(await submitEdit(TURTLE, { doc: page(TOKEN), fetchImpl: html }), {
      ok: false,
      message: "The server answered 502 without saying why; see the terminal running `stagegraph serve --edit`.",
    });
  });
});
