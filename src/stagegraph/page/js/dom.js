// The page's DOM helpers. Every text that comes from the data reaches the page through
// textContent (el) or as a canvas label, never parsed as HTML; links open only http(s) URLs
// (safeUrl). Nothing here touches the document until it is called.

export const $ = (id) => document.getElementById(id);

// An element with ``text`` as its text (never markup) and ``attrs`` as attributes.
export function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

// ``url`` if it is an http(s) URL, else null: no javascript:, data: or relative links.
export const safeUrl = (url) => (/^https?:\/\//i.test(url || "") ? url : null);

// ``text`` with each {name} replaced by ``values[name]``; unknown names are left as written.
export const fill = (text, values) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

// The width in CSS px of ``text`` drawn at ``px`` (as vis-network draws labels), with the halo
// drawn around the letters.
let ruler = null;
export function textWidth(text, px) {
  ruler = ruler || document.createElement("canvas").getContext("2d");
  ruler.font = `${px}px system-ui, sans-serif`;
  return ruler.measureText(text).width + 8;
}
