// The engine's Web Worker. The page builds it from a Blob: Oxigraph's classic script (which sets
// self.oxigraph) followed by this one, bundled. The page hands over the compiled
// WebAssembly.Module and the graph; each query comes back serialised by Oxigraph itself.
let store = null;

function start(message) {
  const began = performance.now();
  return self.oxigraph.init({ module_or_path: message.module }).then(() => {
    const ready = performance.now();
    store = new self.oxigraph.Store();
    // The graph was parsed and checked when the page was written: load it without re-checking.
    store.load(message.graph, { format: "text/turtle", lenient: true, no_transaction: true });
    const loadMs = performance.now() - ready;
    postMessage({ type: "ready", triples: store.size, instantiateMs: ready - began, loadMs });
  });
}

function run(message) {
  const began = performance.now();
  const body = store.query(message.text, { results_format: message.format });
  postMessage({ type: "result", id: message.id, body: String(body), ms: performance.now() - began });
}

self.onmessage = (event) => {
  const message = event.data;
  const failed = (error) => postMessage({ type: "error", id: message.id, message: String(error?.message || error) });
  try {
    if (message.type === "start") start(message).catch(failed);
    else if (message.type === "query") run(message);
  } catch (error) {
    failed(error);
  }
};
