// The state in the URL fragment (#focus=…&at=…&kinds=…&natures=…&canon=…), so that a view can
// be linked and reloaded. Pure: the fragment is a string in and out.

// The filters written to the fragment, each a comma-separated list of the legend's keys.
const FILTERS = ["kinds", "natures", "canon"];

const sameSet = (a, b) => [...a].sort().join(",") === [...b].sort().join(",");

// The fragment (without "#") for ``view``: {focus, at, kinds, natures, canon}, where ``at`` is
// the slider's step (null when it stands at everything) and the filters are sets. What equals
// its default is left out: the page as it opens has an empty fragment.
export function encodeHash(view, defaults) {
  const params = new URLSearchParams();
  if (view.focus) params.set("focus", view.focus);
  if (view.at !== null && view.at !== undefined) params.set("at", String(Number(view.at)));
  for (const key of FILTERS) {
    if (!sameSet(view[key], defaults[key])) params.set(key, [...view[key]].join(","));
  }
  return params.toString();
}

// What a fragment (with or without "#") says: {focus, at, kinds?, natures?, canon?}. ``focus``
// and ``at`` are null when absent, ``at`` also when it is not one of the ``steps`` slider steps;
// a filter is there (an array, maybe empty) only when the fragment names it. Other keys are ignored.
export function decodeHash(hash, steps) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const view = { focus: params.get("focus"), at: null };
  for (const key of FILTERS) {
    if (params.has(key)) view[key] = params.get(key).split(",").filter(Boolean);
  }
  const at = Number(params.get("at"));
  if (params.has("at") && at >= 0 && at < steps) view.at = at;
  return view;
}

// The node a site page's <iframe> embeds the page for (?embed=1#focus=IRI: only that node's
// neighbourhood, no chrome), else null.
export function embedFocusOf(search, hash) {
  const focus = new URLSearchParams(String(hash || "").replace(/^#/, "")).get("focus");
  return new URLSearchParams(search).get("embed") === "1" && focus ? focus : null;
}
