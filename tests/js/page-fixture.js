// A small relationship-page data set for the page modules' unit tests (not a test file itself).
// Three characters and a host; a bond revealed in episode 2, a spoiler-free credit, a match in
// episode 1 and a bond of no known episode.
const SG = "https://w3id.org/stagegraph/";
export const A = `${SG}character/a`;
export const B = `${SG}character/b`;
export const C = `${SG}character/c`;
export const HOST = `${SG}person/host`;
export const AB = `${SG}bond/a-b`;
export const AC = `${SG}bond/a-c`;
export const CREDIT = `${SG}credit/host`;
export const MATCH = `${SG}match/round-1`;

export const fates = [
  { key: "none", label: "Unknown yet", badge: "", shape: "dot", color: "#fff" },
  { key: "open", label: "Open", badge: "?", shape: "diamond", color: "#ccc", dashed: true },
  { key: "dead", label: "Dead", badge: "✝", shape: "square", color: "#000" },
];

export function sampleData() {
  const character = (id, label, extra = {}) => ({ id, label, kind: "character", matches: [], songs: [], ...extra });
  return {
    lang: "en",
    nodes: [
      character(A, "Alpha", { fate: { iri: `${SG}fate/a`, status: "dead", revealed: 3, sources: [0] } }),
      character(B, "Beta", { matches: [{ label: "Round 1", outcome: "won", revealed: 1 }] }),
      character(C, "Gamma", { fallback: "ko", fate: { iri: `${SG}fate/c`, status: "unknown", revealed: 1 } }),
      { id: HOST, label: "Host", kind: "person", shape: "box", color: "#888" },
    ],
    edges: [
      { id: AB, from: A, to: B, kind: "bond", nature: "romantic", canon: "canon", revealed: 2, caption: "loves" },
      { id: AC, from: A, to: C, kind: "bond", nature: "rivalry", canon: "fanon", revealed: null, caption: "rival" },
      { id: CREDIT, from: HOST, to: A, kind: "credit", spoiler: false, caption: "voices" },
      { id: MATCH, from: B, to: C, kind: "match", revealed: 1, caption: "Round 1: Beta won ✓" },
    ],
    legend: {
      kinds: [
        { kind: "bond", on: true },
        { kind: "match", on: true },
        { kind: "credit", on: false },
      ],
      natures: [{ nature: "romantic" }, { nature: "rivalry" }],
      canon: [{ canon: "canon" }, { canon: "fanon" }],
      fates,
    },
    episodes: [
      { label: "Round 1", order: 1 },
      { label: "Round 2", order: 2 },
      { label: "Round 3", order: 3 },
    ],
    bracket: { rounds: [{ name: "Round 1", matches: [{ match: MATCH, order: 1, contestants: [] }] }] },
  };
}

// A ruler for tests: every character 0.5 em wide, plus the 8 px halo textWidth adds.
export const measure = (text, px) => text.length * px * 0.5 + 8;
