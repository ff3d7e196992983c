// The contribute page's words (words/website.py, `ct_*`) in the reader's language, set once by main.js.
const words = {};

export function setWords(given) {
  Object.assign(words, given);
}

/** The message `key` with each `{name}` filled from `values`; the key itself when there is no such message. */
export function say(key, values = {}) {
  return (words[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}
