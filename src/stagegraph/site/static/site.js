// stagegraph site: the search box. The index is a global set by search-index.js (file:// cannot fetch).
(function () {
  "use strict";
  const input = document.getElementById("q");
  const list = document.getElementById("q-results");
  const status = document.getElementById("q-status");
  const entries = window.STAGEGRAPH_SEARCH || [];
  const root = document.body.dataset.root || "./";
  if (!input || !list) return;
  const fold = (text) => text.normalize("NFKC").toLowerCase();
  function score(entry, q) {
    let best = 0;
    entry.f.forEach((name) => {
      if (name === q) best = Math.max(best, 3);
      else if (name.startsWith(q)) best = Math.max(best, 2);
      else if (name.indexOf(q) >= 0) best = Math.max(best, 1);
    });
    return best;
  }
  function show() {
    const q = fold(input.value.trim());
    list.replaceChildren();
    if (!q) { list.hidden = true; status.textContent = ""; return; }
    const found = entries.map((e) => [score(e, q), e]).filter(([s]) => s > 0)
      .sort((a, b) => b[0] - a[0] || a[1].t.localeCompare(b[1].t)).slice(0, 20);
    found.forEach(([, e]) => {
      const li = document.createElement("li");
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
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = found.length === 0 && false;
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
    if (event.key === "ArrowDown" && links.length) { event.preventDefault(); links[0].focus(); }
    if (event.key === "Escape") { input.value = ""; show(); }
    if (event.key === "Enter" && links.length) { links[0].click(); }
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : input).focus(); }
    if (event.key === "Escape") { input.focus(); input.value = ""; show(); }
  });
})();
