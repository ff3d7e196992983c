// The contribute page: the only script that runs in it (bundled by `make js` into
// contribute/page.bundle.js, allowed by its hash in the page's Content-Security-Policy).
// The reader chooses a kind of fact and answers its form (form.js); each change writes the patch
// new would print (patch.js), shown with Copy and Download, the same command line, the check
// against the shapes where the page holds the checker (check.js), and where the patch goes
// (propose.js: the forge's new-file page, the download, or serve --edit's data folder).
import { startChecker } from "./check.js";
import { capital, labelOf, missing, prefill, renderForm, shownAnswers } from "./form.js";
import { patch, Refusal, shellLine } from "./patch.js";
import { contributionFilename, editAvailable, proposeLinks, submitEdit } from "./propose.js";
import { say, setWords } from "./words.js";

const $ = (id) => document.getElementById(id);
const data = JSON.parse($("sg-data").textContent);
const { forms, known } = data;
setWords(data.words);

const answers = { kind: null, values: {} };
const state = { rendered: null, made: null, draft: null, timer: 0, checked: null, checker: null, checkTimer: 0 };

/** Text whose `backticked` parts are code, as nodes (every part a text node). */
function withCode(text) {
  return String(text)
    .split("`")
    .map((part, i) => {
      if (!(i % 2)) return document.createTextNode(part);
      const code = document.createElement("code");
      code.textContent = part;
      return code;
    });
}

function listKinds() {
  const list = $("kind-list");
  for (const kind of forms.kinds) {
    const input = Object.assign(document.createElement("input"), { type: "radio", name: "kind", value: kind });
    input.id = `kind-${kind}`;
    input.addEventListener("change", () => choose(kind));
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.append(input, capital(forms.forms[kind].label));
    list.append(label);
  }
}

function choose(kind) {
  answers.kind = kind;
  $(`kind-${kind}`).checked = true;
  state.rendered = renderForm($("fields"), forms.forms[kind], known, answers, changed);
  document.body.dataset.kind = kind;
  refresh();
}

function changed() {
  clearTimeout(state.timer);
  state.timer = setTimeout(refresh, 120);
}

function show(id, shown) {
  $(id).hidden = !shown;
}

/** The patch for the answers so far, or what is missing, or why new would refuse it. */
function refresh() {
  const form = forms.forms[answers.kind];
  if (!form) return;
  state.rendered.refresh();
  const status = $("status");
  state.made = null;
  state.draft = null;
  const wanted = missing(form, answers, known.prefixes);
  if (wanted.length) {
    status.textContent = say("missing", { fields: wanted.map(labelOf).join(", ") });
    document.body.dataset.state = "missing";
    state.draft = sourceOnlyDraft(form, wanted);
  } else {
    try {
      const made = patch(form, shownAnswers(form, answers, known.prefixes), known);
      state.made = { ...made, filename: contributionFilename(form.kind, made.subject) };
      status.replaceChildren(...withCode(say("ready")));
      document.body.dataset.state = "ready";
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      status.replaceChildren(...withCode(say("refused", { message: error.message })));
      document.body.dataset.state = "refused";
    }
  }
  const made = state.made;
  show("patch", made);
  show("patch-actions", made);
  show("command-box", made);
  $("patch").textContent = made ? made.turtle : "";
  $("command").textContent = made ? `stagegraph new ${shellLine(made.argv)}` : "";
  $("copy-status").textContent = "";
  propose();
  checkState();
}

async function copy() {
  const text = state.made?.turtle ?? "";
  try {
    await navigator.clipboard.writeText(text);
    $("copy-status").textContent = say("copied");
  } catch {
    const range = document.createRange();
    range.selectNodeContents($("patch"));
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch {}
    $("copy-status").textContent = say(done ? "copied" : "copy_failed");
  }
}

/** The patch as a file: a Blob's link, which works from file:// too. */
function download() {
  if (!state.made) return;
  const blob = new Blob([state.made.turtle], { type: "text/turtle;charset=utf-8" });
  const href = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement("a"), { href, download: state.made.filename });
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

function propose() {
  const box = $("propose");
  box.replaceChildren();
  show("edit-box", false);
  if (!state.made) {
    box.append(Object.assign(document.createElement("p"), { className: "hint", textContent: say("propose_wait") }));
    return;
  }
  const where = proposeLinks(data.repo, state.made.filename, state.made.turtle, data.propose);
  if (where.kind === "link") {
    const link = Object.assign(document.createElement("a"), { href: where.href, className: "propose-link" });
    link.rel = "noopener noreferrer";
    link.textContent = where.label;
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.append(...withCode(where.hint));
    box.append(link, hint);
  } else {
    const text = document.createElement("p");
    text.append(...withCode(where.instructions));
    box.append(text);
  }
  show("edit-box", editAvailable(document));
}

async function edit() {
  if (!state.made) return;
  const button = $("edit");
  button.disabled = true;
  $("edit-status").textContent = say("edit_running");
  const answer = await submitEdit(state.made.turtle, { words: data.propose });
  $("edit-status").textContent = answer.message;
  button.disabled = false;
}

// --- the check against the shapes (check.js, where the page holds the checker) -----------------

function checkSays(key, values, kind = "") {
  const status = $("check-status");
  status.replaceChildren(...withCode(say(key, values || {})));
  status.className = kind;
  document.body.dataset.check = kind || key;
}

/** When only the source is missing: the fact without it, checked so the page says what add says
 * of a fact with no source, beside the source field (never shown as a patch). */
function sourceOnlyDraft(form, wanted) {
  if (!wanted.every((field) => field.widget === "source")) return null;
  try {
    return patch(form, shownAnswers(form, answers, known.prefixes), known, { draft: true }).turtle;
  } catch (error) {
    if (error instanceof Refusal) return null;
    throw error;
  }
}

/** What the check reads: the patch, or the draft of a fact that has all but its source. */
function checkedText() {
  return state.made?.turtle ?? state.draft ?? null;
}

/** After each change: the last check is stale, and (debounced) the new patch is checked. */
function checkState() {
  $("check").disabled = !(checkedText() && state.checker);
  clearTimeout(state.checkTimer);
  if (!state.checker) return;
  if (!checkedText()) {
    if (state.checked !== null) checkSays("check_stale");
    showProblems([]);
    return;
  }
  if (state.checked !== checkedText()) state.checkTimer = setTimeout(runCheck, 400);
}

async function startCheck() {
  if (!data.check) {
    checkSays("check_none", null, "none");
    return;
  }
  checkSays("check_starting", null, "starting");
  try {
    const checker = await startChecker(data.check);
    if (checker.declined) {
      const status = $("check-status");
      status.replaceChildren(checker.declined, " ", ...withCode(say("check_none")));
      document.body.dataset.check = "declined";
      return;
    }
    state.checker = checker;
    $("check-status").textContent = "";
    document.body.dataset.check = "ready";
    checkState();
  } catch (error) {
    checkSays("check_failed", { message: error.message }, "failed");
  }
}

/** Check the patch as `stagegraph add --dry-run` would, and show each problem by its field. */
async function runCheck() {
  const turtle = checkedText();
  if (!turtle || !state.checker) return;
  checkSays("check_running", null, "running");
  let results;
  try {
    results = await state.checker.check(turtle);
  } catch (error) {
    if (error.declined) {
      $("check-status").replaceChildren(error.message, " ", ...withCode(say("check_none")));
      document.body.dataset.check = "declined";
    } else {
      checkSays("check_failed", { message: error.message }, "failed");
    }
    return;
  }
  if (turtle !== checkedText()) return; // the answers changed meanwhile: a new check is on its way
  state.checked = turtle;
  showProblems(results);
  if (results.length) checkSays(results.length === 1 ? "check_one" : "check_found", { n: results.length }, "bad");
  else checkSays("check_ok", null, "ok");
}

function showProblems(results) {
  for (const { problem, focus } of Object.values(state.rendered.fields)) {
    problem.textContent = "";
    focus?.removeAttribute?.("aria-invalid");
  }
  const list = $("check-results");
  list.replaceChildren();
  const form = forms.forms[answers.kind];
  for (const result of results) {
    const item = document.createElement("li");
    const field = result.field
      ? form.fields.find((f) => f.paths.some((p) => p.split(" ").includes(result.field)))
      : null;
    const where = [result.severity, result.focus, result.path].filter(Boolean).join(" · ");
    const place = document.createElement("span");
    place.className = "where";
    place.textContent = where;
    item.append(place, document.createElement("br"), result.message);
    if (field) {
      const shown = state.rendered.fields[field.id];
      const go = document.createElement("button");
      go.type = "button";
      go.className = "go";
      go.textContent = labelOf(field);
      go.addEventListener("click", () => shown.focus?.focus());
      item.append(" ", go);
      shown.problem.textContent = result.message;
      shown.focus?.setAttribute?.("aria-invalid", "true");
    }
    list.append(item);
  }
}

function fill() {
  const given = prefill(window.location.search, forms);
  Object.assign(answers.values, given.values);
  const named = Object.values(given.values)
    .flat()
    .map((iri) => known.entities[iri]?.t)
    .filter(Boolean);
  if (named.length) {
    $("prefilled").textContent = say("from", { name: named[0] });
    show("prefilled", true);
  }
  return given.kind;
}

listKinds();
$("copy").addEventListener("click", copy);
$("download").addEventListener("click", download);
$("edit").addEventListener("click", edit);
$("check").addEventListener("click", runCheck);
$("fact").addEventListener("submit", (event) => event.preventDefault());
const first = fill();
if (first) choose(first);
document.body.dataset.state = first ? document.body.dataset.state : "empty";
if (!first) propose();
startCheck();
window.contributePage = { data, answers, choose, refresh, made: () => state.made };
document.body.dataset.ready = "true";
