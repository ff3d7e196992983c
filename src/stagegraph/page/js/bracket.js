// The bracket: each round's matches seen at the state's cut, as buttons that select the match.
import { el } from "./dom.js";
import { seen } from "./state.js";

// The match ``id`` of ``bracket`` if it is seen at the state's cut, else null.
export function bracketMatch(bracket, id, state) {
  for (const r of bracket.rounds) for (const m of r.matches) if (m.match === id && seen(state, m.order)) return m;
  return null;
}

// The rounds into ``box`` (hidden if there are none), replacing those drawn before.
export function drawBracket(box, bracket, state, select) {
  box.hidden = !bracket.rounds.length;
  for (const old of box.querySelectorAll(".rounds")) old.remove();
  const rounds = el("div", null, { class: "rounds" });
  for (const r of bracket.rounds) {
    const column = el("div", null, { class: "round" });
    column.appendChild(el("h3", r.name));
    for (const m of r.matches.filter((match) => seen(state, match.order))) {
      const button = el("button", null, { type: "button", class: "match", "data-match": m.match });
      for (const c of m.contestants) {
        const result = m.winner ? (c.winner ? "won" : "lost") : "";
        button.appendChild(el("span", (c.winner ? "✓ " : "") + c.label, { class: result }));
      }
      button.addEventListener("click", () => select(m.match));
      column.appendChild(button);
    }
    rounds.appendChild(column);
  }
  box.appendChild(rounds);
}
