// The contribution check, as the contribute page starts it: Oxigraph's WebAssembly compiled here
// (asynchronously: Chromium refuses to compile large modules at once), run in a Web Worker made
// from a Blob of the engine's classic script and the checker's worker (non-executed script blocks
// the page holds: site/contributecheck.py's "scripts"), so a check never blocks the page.
//
//   const checker = await startChecker(data.check);
//   checker.declined   // null, or why this universe cannot be checked in the browser
//   await checker.check(turtle)  // [{severity, focus, path, message, field, shape, component}]
//
// `check` gives what `stagegraph add FILE --dry-run` gives for the contribution: no result when it
// would be added; else each problem, its focus and path as prefixed names, the message, the
// severity ("Violation", "Warning", …), and `field`, the property IRI it concerns (to show it
// beside its form field), or null. A refusal before validation (a term the ontology does not
// define) or after it (a new subject of no type the ontology knows) is one result with no focus
// and no path. It rejects with a Declined error (`error.declined` true) where the browser cannot
// judge the contribution as `add` would: the page then says so and points to the command.
import { Declined, universeDeclined } from "./checkrdf.js";

export { Declined };

function decode(base64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function declinedChecker(reason) {
  return {
    declined: reason,
    check: () => Promise.reject(new Declined(reason)),
  };
}

/** Start the checker for `checkData` (the page's "check" data): resolves when it can check. */
export async function startChecker(checkData) {
  if (checkData.declined?.length) return declinedChecker(universeDeclined(checkData.declined));
  const block = (name) => document.getElementById(checkData.elements[name]).textContent;
  const module = await WebAssembly.compile(decode(block("wasm")));
  const source = new Blob([block("engine"), "\n", block("worker")], { type: "text/javascript" });
  const url = URL.createObjectURL(source);
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  const pending = new Map();
  let nextId = 1;
  const ready = new Promise((resolve, reject) => {
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === "ready") {
        resolve(message.declined);
        return;
      }
      const waiting = message.id === undefined ? null : pending.get(message.id);
      if (!waiting) {
        if (message.type === "error") reject(new Error(message.message));
        return;
      }
      pending.delete(message.id);
      if (message.type === "results") waiting.resolve(message.results);
      else waiting.reject(message.declined ? new Declined(message.message) : new Error(message.message));
    };
    worker.onerror = (event) => {
      // before it is ready: it could not start; after: every check waiting fails, none hangs
      const error = new Error(event.message || "the checker's worker stopped");
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
  });
  worker.postMessage({ type: "start", module, data: checkData });
  const declined = await ready;
  if (declined) {
    worker.terminate();
    return declinedChecker(declined);
  }
  return {
    declined: null,
    check(contributionTurtle) {
      return new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "check", id, turtle: contributionTurtle });
      });
    },
  };
}
