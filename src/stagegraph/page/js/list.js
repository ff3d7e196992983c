// The list: the graph as text, each shown character with the lines it draws, for readers who
// do not use the picture.
import { el } from "./dom.js";
import { episodeOf } from "./panel.js";
import { fateStyle } from "./state.js";

// The list into ``root`` for ``shown`` ({edges, nodes}); a character's name selects it.
export function drawList(root, index, shown, state, W, select) {
  const { data, byId } = index;
  const out = new Map();
  for (const e of data.edges.filter((edge) => shown.edges.has(edge.id))) {
    if (!out.has(e.from)) out.set(e.from, []);
    out.get(e.from).push(e);
  }
  const ul = el("ul");
  for (const n of data.nodes.filter((node) => node.kind === "character" && shown.nodes.has(node.id))) {
    const li = el("li");
    const label = `${n.label} — ${fateStyle(n, state, data.legend.fates).label}`;
    const button = el("button", label, { type: "button", class: "linkish" });
    button.addEventListener("click", () => select(n.id));
    li.appendChild(button);
    const mine = out.get(n.id) || [];
    if (mine.length) {
      const inner = el("ul");
      for (const e of mine) {
        const other = byId.get(e.to);
        const to = e.kind === "match" ? "" : (e.arrows === "to" ? " → " : " ↔ ") + (other ? other.label : "");
        inner.appendChild(el("li", `${e.caption}${to} (${episodeOf(e.revealed, data.episodes, W)})`));
      }
      li.appendChild(inner);
    }
    ul.appendChild(li);
  }
  root.replaceChildren(ul);
}
