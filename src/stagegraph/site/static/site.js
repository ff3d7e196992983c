// biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (<script src>, which works from file://), not a module: strict mode is not implied
"use strict";

// stagegraph site: the search box. The index is a global set by search-index.js (file:// cannot fetch).
(() => {
  const input = document.getElementById("q");
  const list = document.getElementById("q-results");
  const status = document.getElementById("q-status");
  const entries = window.STAGEGRAPH_SEARCH || [];
  const root = document.body.dataset.root || "./";
  if (!input || !list) return;
  const fold = (text) => text.normalize("NFKC").toLowerCase();
  function score(entry, q) {
    let best = 0;
    for (const name of entry.f) {
      if (name === q) best = Math.max(best, 3);
      else if (name.startsWith(q)) best = Math.max(best, 2);
      else if (name.indexOf(q) >= 0) best = Math.max(best, 1);
    }
    return best;
  }
  function entryLink(e) {
    const a = document.createElement("a");
    a.href = root + e.u;
    a.textContent = e.t;
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = e.k;
    const other = e.n.filter((n) => n !== e.t);
    a.append(" ", kind);
    if (other.length) {
      const alt = document.createElement("span");
      alt.className = "alt";
      alt.textContent = other.join(" · ");
      a.append(" ", alt);
    }
    return a;
  }
  function show() {
    const q = fold(input.value.trim());
    list.replaceChildren();
    if (!q) {
      list.hidden = true;
      status.textContent = "";
      return;
    }
    const found = entries
      .map((e) => [score(e, q), e])
      .filter(([s]) => s > 0)
      .sort((a, b) => b[0] - a[0] || a[1].t.localeCompare(b[1].t))
      .slice(0, 20);
    for (const [, e] of found) {
      const li = document.createElement("li");
      li.appendChild(entryLink(e));
      list.appendChild(li);
    }
    list.hidden = false;
    if (!found.length) {
      const li = document.createElement("li");
      li.className = "none";
      li.textContent = status.dataset.none;
      list.appendChild(li);
    }
    status.textContent = found.length ? status.dataset.found.replace("{n}", String(found.length)) : status.dataset.none;
  }
  input.addEventListener("input", show);
  input.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    if (event.key === "ArrowDown" && links.length) {
      event.preventDefault();
      links[0].focus();
    }
    if (event.key === "Escape") {
      input.value = "";
      show();
    }
    if (event.key === "Enter" && links.length) {
      links[0].click();
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) {
      event.preventDefault();
      links[at + 1].focus();
    }
    if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? links[at - 1] : input).focus();
    }
    if (event.key === "Escape") {
      input.focus();
      input.value = "";
      show();
    }
  });
})();

// The reader's horizon: the tree (episode) chosen last is remembered in localStorage, where the
// browser allows it (some file:// setups and private modes refuse: then nothing is remembered and
// every link still works). The chooser's links lead to each tree's home; "#goto=<page>" asks that
// home for this page in its own tree, which it grants only for a page its own links or its search
// index name (a tree's files never list another tree's pages), else the nearest: the kind's list,
// else the home itself.
(() => {
  const KEY = "stagegraph.reading";
  const SEGMENT = "[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,199}"; // horizon.SLUG: no "..", no "%", no ":"
  const TREE = new RegExp(`^(?:all|at/${SEGMENT})/$`);
  const PAGE = new RegExp(`^(?:${SEGMENT}/){0,4}index\\.html$`);
  function store() {
    try {
      return window.localStorage || null;
    } catch {
      return null;
    }
  }
  function remembered() {
    try {
      const value = store()?.getItem(KEY);
      return value && TREE.test(value) ? value : null;
    } catch {
      return null;
    }
  }
  function remember(tree) {
    if (!TREE.test(tree)) return;
    try {
      store()?.setItem(KEY, tree);
    } catch {
      // storage full or refused
    }
  }
  const bare = (url) => {
    const u = new URL(url, location.href);
    u.hash = "";
    u.search = "";
    return u.href;
  };
  const root = bare(document.body.dataset.root || "./"); // this tree's folder
  const here = bare(location.href);
  const brand = document.querySelector("a.brand");
  const home = brand ? bare(brand.href) : null;
  // A URL's path inside this tree ("<kind>/<slug>/index.html"), or null when outside it.
  const inside = (url) => {
    const b = bare(url);
    return b.startsWith(root) ? b.slice(root.length) : null;
  };

  // Every link that names a tree remembers it when followed: the landing's, the chooser's, "continue".
  for (const a of document.querySelectorAll("a[data-tree]")) {
    a.addEventListener("click", () => remember(a.dataset.tree));
  }

  // The landing page: offer to continue in the tree chosen last.
  const chosen = remembered();
  for (const p of document.querySelectorAll("p.continue[data-tree]")) p.hidden = p.dataset.tree !== chosen;

  // The chooser: each tree's link asks for this page there.
  const path = here === home ? "" : inside(here);
  if (path && PAGE.test(path)) {
    for (const a of document.querySelectorAll(".chooser a[data-tree]")) a.href = `${bare(a.href)}#goto=${path}`;
  }
  const chooser = document.querySelector("details.chooser");
  if (chooser) {
    chooser.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && chooser.open) {
        chooser.open = false;
        chooser.querySelector("summary").focus();
      }
    });
  }

  // A tree's home, asked for a page of this tree by another tree's chooser.
  const asked = /^#goto=(.*)$/.exec(location.hash);
  if (!asked || here !== home) return;
  try {
    history.replaceState(null, "", here);
  } catch {
    // file:// in some browsers
  }
  const target = nearest(asked[1]);
  if (target) location.replace(root + target);

  function nearest(wanted) {
    if (!PAGE.test(wanted)) return null; // only a relative path of the site's own shape: no "//", "..", ":"
    const pages = new Set((window.STAGEGRAPH_SEARCH || []).map((e) => e.u));
    for (const a of document.querySelectorAll("header nav:not(.trees) a[href], main a[href]")) {
      const found = inside(a.href);
      if (found !== null && PAGE.test(found)) pages.add(found);
    }
    const list = `${wanted.split("/")[0]}/index.html`;
    const found = pages.has(wanted) ? wanted : pages.has(list) ? list : null;
    return found && root + found !== home ? found : null;
  }
})();
