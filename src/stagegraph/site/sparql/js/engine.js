// The engine: Oxigraph's WebAssembly compiled once here, run in a Web Worker made from a Blob of
// the engine's classic script and the worker's (both in non-executed script blocks); Stop
// terminates the worker and starts another.
import { $, body, count, data } from "./context.js";
import { shiftLines, withPrefixes } from "./sparqltext.js";
import { say } from "./words.js";

const engine = { module: null, worker: null, ready: false, pending: null, nextId: 1 };

/** True when a query can be run now: the engine is up and nothing is running. */
export const idle = () => engine.ready && !engine.pending;

function decode(base64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function startWorker() {
  const began = performance.now();
  const source = new Blob([$("sg-engine").textContent, "\n", $("sg-worker").textContent], { type: "text/javascript" });
  const url = URL.createObjectURL(source);
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  engine.worker = worker;
  engine.ready = false;
  worker.onmessage = (event) => received(event.data, began);
  worker.onerror = (event) => failed(event.message || say("no_worker"));
  worker.postMessage({ type: "start", module: engine.module, graph: data.graph });
}

/** Compile the WebAssembly (asynchronously: Chromium refuses to compile large modules at once), then start the worker. */
export async function startEngine() {
  const began = performance.now();
  try {
    engine.module = await WebAssembly.compile(decode($("sg-wasm").textContent));
  } catch (error) {
    failed(String(error));
    return;
  }
  body.dataset.compileMs = Math.round(performance.now() - began);
  startWorker();
}

function failed(message) {
  $("engine-status").textContent = say("failed_start", { message });
  body.dataset.state = "failed";
  body.dataset.settled = "true";
}

function received(message, began) {
  if (message.type === "ready") {
    engine.ready = true;
    body.dataset.readyMs = Math.round(performance.now() - began);
    body.dataset.loadMs = Math.round(message.loadMs);
    body.dataset.startedMs = Math.round(performance.now());
    const ms = Math.round(performance.now() - began);
    $("engine-status").textContent = say("ready", { n: count(message.triples), ms });
    $("run").disabled = false;
    if (body.dataset.state === "loading") body.dataset.state = "ready";
    body.dataset.settled = "true";
    return;
  }
  const pending = engine.pending;
  if (message.type === "error" && !engine.ready) {
    failed(message.message);
    return;
  }
  if (!pending || message.id !== pending.id) return;
  engine.pending = null;
  clearTimeout(pending.timer);
  $("stop").disabled = true;
  if (message.type === "error") pending.reject(new Error(shiftLines(message.message, pending.shift)));
  else pending.resolve({ body: message.body, ms: message.ms });
}

/** Run `text` (the page's prefixes added where it does not declare them) in the worker, its
 * answer serialised in `format`: `{body, ms}`. Stopped after the chosen timeout. */
export function execute(text, format) {
  const prepared = withPrefixes(text, data.prefixes);
  return new Promise((resolve, reject) => {
    const id = engine.nextId++;
    const seconds = Number($("timeout").value);
    const timer = seconds ? setTimeout(() => stop(say("timed_out", { n: seconds })), seconds * 1000) : null;
    engine.pending = { id, resolve, reject, timer, shift: prepared.shift };
    $("stop").disabled = false;
    engine.worker.postMessage({ type: "query", id, text: prepared.text, format });
  });
}

/** End the running query (the worker is terminated, another started); it fails with `why`. */
export function stop(why) {
  const pending = engine.pending;
  if (!pending) return;
  engine.pending = null;
  clearTimeout(pending.timer);
  engine.worker.terminate();
  $("stop").disabled = true;
  $("run").disabled = true;
  $("engine-status").textContent = say("restarting");
  startWorker();
  pending.reject(Object.assign(new Error(why), { stopped: true }));
}
