// The search box: the names (in every language) of the characters in view, and the one typed.
import { el } from "./dom.js";

// Each shown character's names and label, lower-cased, to its id: the first character to have
// a name keeps it. Returns the map and the names as written, in order, for the datalist.
export function searchNames(nodes, shown) {
  const ids = new Map();
  const names = [];
  for (const n of nodes) {
    if (n.kind !== "character" || !shown.nodes.has(n.id)) continue;
    for (const name of Object.values(n.names || {}).concat([n.label])) {
      const key = name.toLowerCase();
      if (ids.has(key)) continue;
      ids.set(key, n.id);
      names.push(name);
    }
  }
  return { ids, names };
}

// The search box ``input`` with its ``list`` of names and ``status``: a known name selects its
// character (``select(id)``), another says it is not in view. Returns fill(nodes, shown), which
// offers the names of what is shown.
export function createFind({ input, list, status, W, select }) {
  let ids = new Map();
  function find() {
    const typed = input.value.trim();
    const id = ids.get(typed.toLowerCase());
    if (!id) {
      status.textContent = typed ? W.not_in_view : "";
      return;
    }
    status.textContent = "";
    select(id);
  }
  input.addEventListener("change", find);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") find();
  });
  return {
    fill(nodes, shown) {
      const found = searchNames(nodes, shown);
      ids = found.ids;
      const options = document.createDocumentFragment();
      for (const name of found.names) options.appendChild(el("option", null, { value: name }));
      list.replaceChildren(options);
    },
  };
}
