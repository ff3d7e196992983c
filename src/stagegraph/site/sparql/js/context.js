// What the parts of the page share: its elements by id, its data (written as JSON by
// site/sparqlpage.py), and counts in the reader's language.
export const $ = (id) => document.getElementById(id);
export const body = document.body;
export const data = JSON.parse($("sg-data").textContent);
export const count = (n) => n.toLocaleString(data.lang);
