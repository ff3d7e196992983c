// Where a contribution made on the site goes: a link that opens the forge's new-file page with the
// patch filled in (stagegraph site --repo URL), a file to download with the command that adds it,
// or — on a page served by `stagegraph serve --edit` — straight into the served universe's data.
//
// Pure but for submitEdit (fetch) and editToken (reads the page's <meta>); every function takes
// what it reads, so node --test runs them (tests/js/propose.test.js).
//
// The repo object is the page data's "repo" (site/forge.py): {forge, url, branch, folder}, or null.
// The forges' new-file pages, each prefilled by its query (the folder goes in the file's name):
//   GitHub  {url}/new/{branch}?filename={folder}/{file}&value={turtle}
//           (without write access, GitHub offers to fork and opens a pull request from the fork)
//   GitLab  {url}/-/new/{branch}?file_name={folder}/{file}&content={turtle}
//           (app/views/projects/blob/_editor.html.haml reads params[:file_name] and params[:content])
//   Gitea   {url}/_new/{branch}/?filename={folder}/{file}&value={turtle}
//           (Gitea 1.16+ and Forgejo: docs "Pre-Fill New File name and contents"; the path in the
//           filename is split into folders, go-gitea/gitea#16556)

/** The longest new-file link handed to each forge, in characters (the link is ASCII once encoded).
 * GitHub answers 414 "URI Too Long" past about 8,192 characters; GitLab and Gitea installations are
 * mostly behind nginx, whose default header buffer (8 KiB) must hold the whole request line. And a
 * reader who is not signed in is sent to the sign-in page with the link percent-encoded once more in
 * its address (GitHub's return_to), which makes it up to 5/3 as long: 4,000 × 5/3 plus the sign-in
 * address stays under 8,192. Past the limit, the page offers the download and the instructions. */
export const URL_LIMITS = { github: 4000, gitlab: 4000, gitea: 4000 };

/** The folder a proposed file goes to, in the repository and in a checkout. */
export const FOLDER = "contributions";

/** The one path `stagegraph serve --edit` accepts contributions on, and its size cap (bytes of UTF-8). */
export const EDIT_PATH = "/_stagegraph/add";
export const EDIT_LIMIT = 256 * 1024;
export const EDIT_META = "stagegraph-edit";
export const EDIT_HEADER = "X-Stagegraph-Token";

/** The English words (the page passes its language's: stagegraph.words.website.propose_words). */
export const WORDS = {
  propose: "Propose this change on {forge}",
  propose_hint:
    "{forge} opens its new-file page with {path} filled in; commit it to a new branch and open a pull request (without write access, {forge} offers to fork the repository first).",
  download_only:
    "Download {file}, save it as {path} in your copy of the universe, check it with `{command} --dry-run`, then add it with `{command}`.",
  download_long:
    "This change is too long for a link to {forge} ({length} characters; the page allows {limit}). Download {file} and add it as {path} on the branch {branch} of {url} (upload it on {forge}'s web page, in a fork if you cannot write there), then open a pull request; a maintainer checks it with `{command} --dry-run`.",
  edit_none: "This page was not served by `stagegraph serve --edit`, so it cannot write to the data.",
  edit_large:
    "The contribution is {size} bytes, more than the {limit} bytes `stagegraph serve --edit` accepts; add it with `stagegraph add` instead.",
  edit_unreachable: "The server did not answer; is `stagegraph serve --edit` still running?",
  edit_bad_answer:
    "The server answered {status} without saying why; see the terminal running `stagegraph serve --edit`.",
};

const FORGE_NAMES = { github: "GitHub", gitlab: "GitLab", gitea: "Gitea" };

/** ``text`` with each {name} replaced by ``values[name]`` (unknown names stay as written). */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

const slugOf = (text, most) =>
  String(text ?? "")
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, most)
    .replace(/-+$/, "");

/** The name a contribution is saved under: ``<kind>-<slug>-<yyyymmdd-hhmmss>.ttl`` (UTC), the slug
 * being the last segment of the fact's IRI (or the text given), so two contributions never clash
 * and a maintainer sees what each holds: ``bond-luka-hyuna-romantic-20260102-030405.ttl``. */
export function contributionFilename(kind, subject, date = new Date()) {
  const last = String(subject ?? "")
    .split(/[/#]/)
    .pop();
  const stamp = date
    .toISOString()
    .replace(/\.\d+Z$/, "")
    .replace(/[-:]/g, "")
    .replace("T", "-");
  return `${[slugOf(kind, 20) || "fact", slugOf(last, 60), stamp].filter(Boolean).join("-")}.ttl`;
}

/** A file name safe in a path and a URL: its last segment, letters, digits, ``.``, ``_`` and ``-``. */
export function safeFilename(filename) {
  const last = String(filename ?? "")
    .split(/[/\\]/)
    .pop();
  const stem = last.replace(/\.ttl$/i, "").replace(/[^A-Za-z0-9._-]+/g, "-");
  const clean = stem.replace(/^[.-]+/, "").slice(0, 150);
  return `${clean || "contribution"}.ttl`;
}

const folderOf = (repo) => {
  const parts = String(repo?.folder ?? FOLDER)
    .split("/")
    .filter((p) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(p));
  return parts.length ? parts.join("/") : FOLDER;
};

const encodePath = (text) => String(text).split("/").map(encodeURIComponent).join("/");

/** The forge's new-file page for ``path`` (folder/file) on the repo's branch, with ``turtle`` as its content. */
export function newFileUrl(repo, path, turtle) {
  const base = String(repo.url).replace(/\/+$/, "");
  const branch = encodePath(repo.branch || "main");
  const name = encodeURIComponent(path);
  const value = encodeURIComponent(turtle);
  if (repo.forge === "github") return `${base}/new/${branch}?filename=${name}&value=${value}`;
  if (repo.forge === "gitlab") return `${base}/-/new/${branch}?file_name=${name}&content=${value}`;
  if (repo.forge === "gitea") return `${base}/_new/${branch}/?filename=${name}&value=${value}`;
  throw new Error(`unknown forge ${repo.forge}`);
}

/** The command that adds a downloaded contribution, run where the universe is. */
export function addCommand(path) {
  return `stagegraph add ${path}`;
}

const usable = (repo) =>
  repo && typeof repo === "object" && repo.forge in URL_LIMITS && /^https?:\/\/[^\s]+$/.test(String(repo.url ?? ""));

/** Where the contribution ``turtle`` goes: ``{kind: "link", href, label, hint, ...}`` to the forge's
 * new-file page, or ``{kind: "download", instructions, ...}`` without a repo or when the link would be
 * longer than the forge takes. Both carry ``filename`` (to download as), ``path`` (folder/file) and
 * ``command`` (``stagegraph add contributions/FILE.ttl``); a download says ``reason``: "no-repo" or "too-long". */
export function proposeLinks(repo, filename, turtle, words = WORDS) {
  const w = { ...WORDS, ...words };
  const file = safeFilename(filename);
  const path = `${usable(repo) ? folderOf(repo) : FOLDER}/${file}`;
  const command = addCommand(path);
  const common = { filename: file, path, command };
  if (!usable(repo)) {
    return {
      kind: "download",
      reason: "no-repo",
      ...common,
      instructions: fill(w.download_only, { file, path, command }),
    };
  }
  const forge = repo.forge === "gitea" ? hostOf(repo.url) : FORGE_NAMES[repo.forge];
  const href = newFileUrl(repo, path, turtle);
  const limit = URL_LIMITS[repo.forge];
  const values = {
    forge,
    file,
    path,
    command,
    url: repo.url,
    branch: repo.branch || "main",
    limit,
    length: href.length,
  };
  if (href.length > limit) {
    return { kind: "download", reason: "too-long", ...common, instructions: fill(w.download_long, values) };
  }
  return { kind: "link", ...common, href, label: fill(w.propose, values), hint: fill(w.propose_hint, values) };
}

function hostOf(url) {
  const match = /^https?:\/\/([^/:]+)/.exec(String(url));
  return match ? match[1] : FORGE_NAMES.gitea;
}

/** The token `stagegraph serve --edit` put in the page (``<meta name="stagegraph-edit">``), or null. */
export function editToken(doc = globalThis.document) {
  const meta = doc?.querySelector?.(`meta[name="${EDIT_META}"]`);
  const token = meta?.getAttribute?.("content") ?? "";
  return /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null;
}

/** Whether the page was served by `stagegraph serve --edit` (and so can write to the data). */
export function editAvailable(doc = globalThis.document) {
  return editToken(doc) !== null;
}

/** Send ``turtle`` to `stagegraph serve --edit`, which adds it to the served universe's data as
 * `stagegraph add` does (or refuses it, and no file changes): ``{ok, message}``, the message the
 * server's (what was added, or why not), or one of ours when there was no usable answer. */
export async function submitEdit(turtle, { doc = globalThis.document, fetchImpl = globalThis.fetch, words } = {}) {
  const w = { ...WORDS, ...words };
  const token = editToken(doc);
  if (!token) return { ok: false, message: w.edit_none };
  const size = new TextEncoder().encode(turtle).length;
  if (size > EDIT_LIMIT) return { ok: false, message: fill(w.edit_large, { size, limit: EDIT_LIMIT }) };
  let response;
  try {
    response = await fetchImpl(EDIT_PATH, {
      method: "POST",
      headers: { "Content-Type": "text/turtle; charset=utf-8", [EDIT_HEADER]: token },
      body: turtle,
      credentials: "same-origin",
      cache: "no-store",
      redirect: "error",
    });
  } catch {
    return { ok: false, message: w.edit_unreachable };
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch {}
  if (answer && typeof answer.ok === "boolean" && typeof answer.message === "string") {
    return { ok: answer.ok && response.ok, message: answer.message };
  }
  return { ok: false, message: fill(w.edit_bad_answer, { status: response.status }) };
}
