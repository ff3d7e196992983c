// The query editor: a textarea with a gutter of line numbers; Ctrl+Enter (or Cmd+Enter) runs.
import { $ } from "./context.js";

export const NEW_QUERY = "SELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n}\nLIMIT 20\n";

/** The gutter numbered for the editor's lines, scrolled with it. */
export function updateGutter() {
  const lines = $("query").value.split("\n").length;
  $("gutter").textContent = Array.from({ length: lines }, (_, i) => i + 1).join("\n");
  $("gutter").scrollTop = $("query").scrollTop;
}

export function queryText() {
  return $("query").value;
}

export function setQuery(text) {
  $("query").value = text;
  updateGutter();
}

/** Listen to the editor: its gutter follows it, and Ctrl+Enter calls `run`. */
export function setUpEditor(run) {
  const editor = $("query");
  editor.addEventListener("input", updateGutter);
  editor.addEventListener("scroll", () => {
    $("gutter").scrollTop = editor.scrollTop;
  });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
}
