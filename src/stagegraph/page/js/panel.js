// The panel (a side panel on a desktop, a bottom sheet on a phone): a node's, an edge's or a
// match's details, its notes and its numbered sources. Data text only through el (textContent);
// links only through safeUrl.
import { el, fill, safeUrl } from "./dom.js";
import { edgeShown, fateOf, fateStyle, seen } from "./state.js";

// A source's short code, the last part of its IRI (what notes cite it by: "… as S1E3 shows").
export const code = (source) =>
  String(source.iri || "")
    .split("/")
    .pop()
    .toUpperCase();

// "Revealed in: <episode>" for an episode's order, or that it is not known.
export function episodeOf(order, episodes, W) {
  if (order === null || order === undefined) return W.revealed_unknown;
  const e = episodes.find((x) => x.order === order);
  return `${W.revealed_in}: ${e ? e.label : order}`;
}

// A fact's notes revealed at the state's cut: each note has its own episode (stagegraph's horizon).
export const notesOf = (fact, state) => (fact?.notes || []).filter((n) => seen(state, n.revealed)).map((n) => n.text);

// A source that may spoil episodes after the slider's is listed as the file cut there lists it:
// one line in W.withheld_source's words, after the others (stagegraph's horizon decides).
export const WITHHELD = { withheld: true, iri: "", title: "", url: "" };
const spoils = (s, state) => s.withheld || (s.shown_from !== undefined && !seen(state, s.shown_from));

// The sources one panel cites, numbered in the order they are added: add(indices into
// ``sources``), number(source) (1-based), list.
export function panelSources(sources, state) {
  const list = [];
  return {
    add(cited) {
      const all = (cited || []).map((i) => sources[i]).filter(Boolean);
      const open = all.filter((s) => !spoils(s, state));
      for (const s of open.concat(open.length < all.length ? [WITHHELD] : [])) {
        if (!list.includes(s)) list.push(s);
      }
    },
    number(source) {
      return list.indexOf(source) + 1;
    },
    list,
  };
}

// A note's text cut after each code of a listed source it names: [{text}, {ref: number}, …,
// {text}] (the last text may be empty).
export function noteParts(text, refs) {
  const codes = refs.list
    .map(code)
    .filter(Boolean)
    .sort((a, b) => b.length - a.length);
  if (!codes.length) return [{ text }];
  const escaped = codes.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`\\b(${escaped.join("|")})\\b`, "g");
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    const end = m.index + m[0].length;
    parts.push({ text: text.slice(at, end) });
    parts.push({ ref: refs.number(refs.list.find((s) => code(s) === m[0])) });
    at = end;
  }
  parts.push({ text: text.slice(at) });
  return parts;
}

function noteElement(text, refs) {
  const p = el("p");
  for (const part of noteParts(text, refs)) {
    if (part.ref === undefined) {
      p.appendChild(document.createTextNode(part.text));
      continue;
    }
    const sup = el("sup", null, { class: "ref" });
    sup.appendChild(el("a", `[${part.ref}]`, { href: `#source-${part.ref}` }));
    p.appendChild(sup);
  }
  return p;
}

function outLink(text, url, attrs = {}) {
  return url
    ? el("a", text, { href: url, target: "_blank", rel: "noopener noreferrer", ...attrs })
    : document.createTextNode(text);
}

// The panel ``box`` and its ``body``, filled from ``index`` (state.js's indexOf) at ``state``;
// a bond in a node's list selects it (``select(id)``).
export function createPanel({ box, body, index, state, W, select }) {
  const { data, byId, edgeById } = index;
  const fates = data.legend.fates;
  const episode = (order) => episodeOf(order, data.episodes, W);

  function sourceList(refs) {
    body.appendChild(el("h2", W.sources));
    const ol = el("ol", null, { class: "sources" });
    refs.list.forEach((s, i) => {
      const li = el("li", null, { id: `source-${i + 1}` });
      li.appendChild(document.createTextNode(code(s) ? `${code(s)}: ` : ""));
      li.appendChild(outLink(s.withheld ? W.withheld_source : s.title, safeUrl(s.url)));
      ol.appendChild(li);
    });
    body.appendChild(ol);
  }
  function iriLink(iri) {
    const p = el("p", null, { class: "meta" });
    p.appendChild(outLink(W.link, safeUrl(iri), { title: iri }));
    return p;
  }
  function notes(fact, refs, into) {
    for (const t of notesOf(fact, state)) into.appendChild(noteElement(t, refs));
  }
  function open(title, fallback) {
    body.replaceChildren(el("h2", title, { id: "panel-title" }));
    box.setAttribute("aria-labelledby", "panel-title"); // only once the title exists
    if (fallback) {
      const text = fill(W.fallback, {
        lang: W.languages[data.lang] || data.lang,
        fallback: W.languages[fallback] || fallback,
      });
      body.appendChild(el("p", text, { class: "fallback" }));
    }
    box.hidden = false;
    box.scrollTop = 0;
  }
  function list(items, attrs) {
    const ul = el("ul", null, attrs);
    for (const item of items) ul.appendChild(item);
    body.appendChild(ul);
  }

  function characterFacts(node, refs) {
    body.appendChild(el("h2", W.fate));
    const fate = fateOf(node, state);
    const style = fateStyle(node, state, fates);
    const when = fate?.episode ? ` (${fate.episode})` : "";
    const sure = fate?.confidence ? ` · ${fate.confidence}` : "";
    body.appendChild(el("p", (style.badge ? `${style.badge} ` : "") + style.label + when + sure));
    if (fate) {
      refs.add(fate.sources);
      notes(fate, refs, body);
    }
    const matches = node.matches.filter((m) => seen(state, m.revealed));
    if (matches.length) {
      body.appendChild(el("h2", W.matches_heading));
      list(
        matches.map((m) => {
          refs.add(m.sources || []);
          return el("li", `${m.label}: ${m.outcome}`);
        }),
      );
    }
  }
  function edgeRow(e, id, refs) {
    const li = el("li");
    const other = byId.get(e.from === id ? e.to : e.from);
    const arrow = e.kind === "match" ? "" : e.arrows !== "to" ? " ↔ " : e.from === id ? " → " : " ← ";
    const text = e.kind === "match" ? e.caption : e.caption + arrow + (other ? other.label : "");
    const button = el("button", text, { type: "button", class: "bond-link", "data-edge": e.id });
    button.addEventListener("click", () => select(e.id));
    li.appendChild(button);
    if (e.kind !== "credit") li.appendChild(el("div", episode(e.revealed), { class: "meta" }));
    refs.add(e.sources);
    notes(e, refs, li);
    return li;
  }

  function showNode(id) {
    const node = byId.get(id);
    if (!node) return;
    open(node.label, node.fallback);
    const refs = panelSources(data.sources, state);
    const dl = el("dl");
    for (const [lang, name] of Object.entries(node.names || {})) {
      dl.appendChild(el("dt", W.languages[lang] || lang || W.names));
      dl.appendChild(el("dd", name, lang ? { lang } : {}));
    }
    body.appendChild(dl);
    if (node.kind === "character") characterFacts(node, refs);
    const mine = data.edges.filter((e) => (e.from === id || e.to === id) && edgeShown(e, state));
    if (mine.length) {
      body.appendChild(el("h2", node.kind === "character" ? W.bonds_matches : W.credits_heading));
      list(
        mine.map((e) => edgeRow(e, id, refs)),
        { id: "panel-edges" },
      );
    }
    if (node.kind === "character" && node.songs.length) {
      const songs = node.songs.filter((s) => seen(state, s.revealed) || s.revealed === null);
      if (songs.length) {
        body.appendChild(el("h2", W.songs));
        list(songs.map((s) => el("li", `${s.song} — ${s.how}`)));
      }
    }
    if (refs.list.length) sourceList(refs);
    body.appendChild(iriLink(node.id));
  }

  function showEdge(id) {
    const edge = edgeById.get(id);
    if (!edge) return;
    const a = byId.get(edge.from);
    const b = byId.get(edge.to);
    const arrow = edge.arrows === "to" ? "→" : "↔";
    open(edge.kind === "match" ? edge.label : `${a ? a.label : ""} ${arrow} ${b ? b.label : ""}: ${edge.caption}`);
    const refs = panelSources(data.sources, state);
    refs.add(edge.sources);
    const dl = el("dl");
    const rows = [
      [W.nature, edge.nature_label],
      [W.canon, edge.canon && (W[`canon_${edge.canon}`] || edge.canon)],
      ["", edge.confidence],
      [W.winner, edge.winner_label],
    ];
    for (const [k, v] of rows.filter(([, value]) => value)) {
      dl.appendChild(el("dt", k));
      dl.appendChild(el("dd", v));
    }
    body.appendChild(dl);
    if (edge.kind !== "credit") body.appendChild(el("p", episode(edge.revealed), { class: "meta" }));
    notes(edge, refs, body);
    sourceList(refs);
    body.appendChild(iriLink(edge.id));
  }

  function showMatch(match) {
    open(match.label);
    list(match.contestants.map((c) => el("li", (c.winner ? "✓ " : "") + c.label)));
    body.appendChild(el("p", episode(match.order), { class: "meta" }));
    body.appendChild(iriLink(match.match));
  }

  return { showNode, showEdge, showMatch };
}
