// The contribution check's Web Worker. The page builds it from a Blob: Oxigraph's classic script
// (which sets self.oxigraph) followed by this one, bundled (contribute/worker.bundle.js). The page
// hands over the compiled WebAssembly.Module and the check data; each contribution comes back as
// the results `stagegraph add --dry-run` gives for it (checkengine.js).
import { createChecker } from "./checkengine.js";

let checker = null;

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.type === "start") {
      await self.oxigraph.init({ module_or_path: message.module });
      checker = createChecker(self.oxigraph, message.data);
      postMessage({ type: "ready", declined: checker.declined });
    } else if (message.type === "check") {
      postMessage({ type: "results", id: message.id, results: checker.check(message.turtle) });
    }
  } catch (error) {
    postMessage({
      type: "error",
      id: message.id,
      message: String(error?.message || error),
      declined: Boolean(error?.declined),
    });
  }
};
