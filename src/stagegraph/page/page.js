// The stagegraph relationship page. Every text that comes from the data is put in the page
// with textContent or as a canvas label, never parsed as HTML; links open only http(s) URLs.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const W = data.words;
  const ALL = Number.MAX_SAFE_INTEGER;
  const DIM = 0.2;
  const LABEL_PX = 14; // node labels on screen, CSS px
  const CAPTION_PX = 13; // edge captions on screen, CSS px
  const dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  const INK = dark ? "#ececf1" : "#1d1d1f";
  const PAPER = dark ? "#1b1b20" : "#ffffff";
  const el = (tag, text, attrs) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  };
  const $ = (id) => document.getElementById(id);
  const safeUrl = (url) => /^https?:\/\//i.test(url || "") ? url : null;
  const fill = (text, values) => String(text).replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeById = new Map(data.edges.map((e) => [e.id, e]));
  const embed = embedFocus();  // ?embed=1#focus=IRI: only that neighbourhood (a site page's <iframe>)

  // --- state (also in the URL fragment) ------------------------------------------------
  const defaults = {
    kinds: data.legend.kinds.filter((k) => k.on).map((k) => k.kind),
    natures: data.legend.natures.map((n) => n.nature),
    canon: data.legend.canon.map((c) => c.canon),
  };
  const state = { cut: ALL, kinds: new Set(defaults.kinds), natures: new Set(defaults.natures),
    canon: new Set(defaults.canon), focus: null };
  const seen = (revealed) => state.cut === ALL || (revealed !== null && revealed !== undefined && revealed <= state.cut);

  function fateOf(node) {
    const fate = node.fate;
    return fate && fate.iri && seen(fate.revealed) ? fate : null;
  }
  function fateKey(node) {
    const fate = fateOf(node);
    if (!fate) return "none";
    return fate.status === "unknown" || !data.legend.fates.some((f) => f.key === fate.status) ? "open" : fate.status;
  }
  const fateStyle = (node) => data.legend.fates.find((f) => f.key === fateKey(node));
  function edgeShown(edge) {
    return state.kinds.has(edge.kind) && (edge.spoiler === false || seen(edge.revealed))
      && (edge.kind !== "bond" || (state.natures.has(edge.nature) && state.canon.has(edge.canon)));
  }
  function nodeShown(node, touched) {
    if (node.kind === "character" && state.cut === ALL) return true;
    if (node.kind === "character" && (fateOf(node) || node.matches.some((m) => seen(m.revealed)))) return true;
    return touched.has(node.id);
  }
  function visibleSets() {
    const shownEdges = data.edges.filter(edgeShown);
    const touched = new Set();
    shownEdges.forEach((e) => { touched.add(e.from); touched.add(e.to); });
    const shownNodes = new Set(data.nodes.filter((n) => nodeShown(n, touched)).map((n) => n.id));
    return embedded({ edges: new Set(shownEdges.map((e) => e.id)), nodes: shownNodes });
  }

  // --- the picture ---------------------------------------------------------------------
  const container = $("graph");
  const portrait = container.clientHeight > container.clientWidth * 1.15;
  const place = (n) => (portrait ? { x: n.y, y: n.x } : { x: n.x, y: n.y });
  function displayName(node) {
    const badge = node.kind === "character" ? fateStyle(node).badge : "";
    return node.label + (badge ? " " + badge : "") + (node.fallback ? " (" + node.fallback + ")" : "");
  }
  function nodeItem(node, shown, lit) {
    const item = { id: node.id, label: displayName(node), hidden: !shown.nodes.has(node.id), opacity: lit ? 1 : DIM };
    if (node.kind === "character") {
      const f = fateStyle(node);
      const bg = f.key === "none" ? PAPER : f.color;
      const border = f.key === "none" ? (dark ? "#aaaaaa" : "#666666") : INK;
      Object.assign(item, { shape: f.shape, color: { background: bg, border, highlight: { background: bg, border: "#e69f00" },
        hover: { background: bg, border: "#e69f00" } }, shapeProperties: { borderDashes: f.dashed ? [3, 3] : false },
        borderWidth: 2, borderWidthSelected: 4 });
    } else {
      Object.assign(item, { shape: node.shape, color: node.color });
    }
    return item;
  }
  // On a narrow screen a match's caption takes two lines ("Final:" over "Luka won ✓"): half as wide.
  const captionOf = (edge) => (NARROW.matches && edge.kind === "match" ? edge.caption.replace(": ", ":\n") : edge.caption);
  // On a narrow screen bonds between the same two characters fan out wider: a phone's view is
  // closer to its nodes, and the captions (a fixed size on screen) need the room between them.
  const PHONE_FAN = 2.5;
  const fanOf = (edge) => (!edge.smooth ? false : !NARROW.matches ? edge.smooth
    : Object.assign({}, edge.smooth, { roundness: Math.min(0.95, edge.smooth.roundness * PHONE_FAN) }));
  // vis-network keeps an edge's old caption when given "" or null (its parseOptions takes only a
  // non-empty string), so a caption is taken away by a space, which draws nothing; an edge never
  // captioned has no label at all (a space is measured and drawn: 10k of them slow every frame).
  const NO_CAPTION = " ", captionedOnce = new Set();
  function edgeItem(edge, shown, lit, captioned) {
    const colour = dark ? edge.dark : edge.colour;
    if (captioned) captionedOnce.add(edge.id);
    return { id: edge.id, from: edge.from, to: edge.to, hidden: !shown.edges.has(edge.id), dashes: edge.dashes,
      width: edge.width, smooth: fanOf(edge),
      label: captioned ? captionOf(edge) : captionedOnce.has(edge.id) ? NO_CAPTION : undefined,
      arrows: { to: { enabled: edge.arrows === "to", scaleFactor: 1.1 } },
      color: { color: colour, highlight: colour, hover: colour, opacity: (lit ? 1 : DIM) * edge.opacity },
      font: { color: INK, strokeColor: PAPER, vadjust: nudged.get(edge.id) || 0 } };
  }
  function focusSets() {
    if (!state.focus) return null;
    const lit = new Set([state.focus]);
    const edge = edgeById.get(state.focus);
    if (edge) { lit.add(edge.from); lit.add(edge.to); return lit; }
    data.edges.forEach((e) => {
      if ((e.from === state.focus || e.to === state.focus) && edgeShown(e)) { lit.add(e.id); lit.add(e.from); lit.add(e.to); }
    });
    return lit;
  }
  function fontsAt(scale) {
    return { nodes: { font: { size: Math.max(6, LABEL_PX / scale) }, size: Math.max(8, 10 / scale) },
      edges: { font: { size: Math.max(6, CAPTION_PX / scale) } } };
  }
  // --- what must stay readable: labels and captions, whose size on screen is fixed -----------
  const NARROW = window.matchMedia("(max-width: 760px)");
  // Captions withheld, and captions moved off their place (canvas px down), by declutter.
  let muted = new Set(), nudged = new Map(), settling = 0, paintedNarrow = NARROW.matches;
  let ruler = null;
  function textWidth(text, px) {
    ruler = ruler || document.createElement("canvas").getContext("2d");
    ruler.font = px + "px system-ui, sans-serif";
    return ruler.measureText(text).width + 8;  // and the halo drawn around the letters
  }
  // Each placed character's label (under it) and each caption of ``captioned`` (mid-line), as
  // boxes at a canvas point with a size and offset in screen px.
  // At ``scale`` (default: one the fonts keep their size at), as fontsAt sizes them: past about
  // 2x the fonts stop shrinking on the canvas (6 canvas px), so they grow on screen.
  function readables(spots, captioned, scale = 1) {
    const boxes = [], px = Math.max(LABEL_PX, 6 * scale);
    // Screen px from a node's centre down to its label's: its radius (fontsAt's: 10 px, 8 canvas px
    // past 1.25x), a gap, half a line (20 px at the fonts' own size).
    const drop = Math.max(10, 8 * scale) + 1 + (px + 4) / 2;
    data.nodes.forEach((n) => {
      if (n.kind === "character" && spots[n.id]) boxes.push({ x: spots[n.id].x, y: spots[n.id].y,
        dy: drop, w: textWidth(displayName(n), px), h: px + 4 });
    });
    data.edges.forEach((e) => {
      if (captioned.has(e.id) && spots[e.from] && spots[e.to]) boxes.push(captionBox(e, spots, scale));
    });
    return boxes;
  }
  function captionBox(e, spots, scale = 1) {
    const lines = captionOf(e).split("\n"), px = Math.max(CAPTION_PX, 6 * scale);
    return Object.assign({ dy: 0, id: e.id }, captionPoint(spots[e.from], spots[e.to], fanOf(e)),
      { w: Math.max(...lines.map((line) => textWidth(line, px))), h: (px + 4) * lines.length });
  }
  // Where vis-network draws a caption: mid-line, or for a fanned edge (curvedCW/CCW) at the
  // middle of the quadratic curve through its via point, computed as vis-network computes it.
  function captionPoint(from, to, smooth) {
    if (!smooth) return { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
    const r = smooth.roundness, dx = to.x - from.x, dy = from.y - to.y;
    const turn = smooth.type === "curvedCW" ? 0.5 * r + 0.5 : 0.5 - 0.5 * r;
    const angle = (Math.atan2(dy, dx) + turn * Math.PI) % (2 * Math.PI), reach = (0.5 * r + 0.5) * Math.hypot(dx, dy);
    const via = { x: from.x + reach * Math.sin(angle), y: from.y + reach * Math.cos(angle) };
    return { x: (from.x + to.x) / 4 + via.x / 2, y: (from.y + to.y) / 4 + via.y / 2 };
  }
  const GAP = 3;  // screen px kept between two boxes (the drawn text differs a little from the ruler's)
  const clash = (a, b, scale) => Math.abs((a.x - b.x) * scale) < (a.w + b.w) / 2 + GAP
    && Math.abs((a.y - b.y) * scale + a.dy - b.dy) < (a.h + b.h) / 2 + GAP;
  function overlapping(boxes, scale) {
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) if (clash(boxes[i], boxes[j], scale)) return true;
    }
    return false;
  }
  // The boxes a view centred on ``centre`` at ``scale`` shows (some part of) in ``free``.
  function inView(boxes, centre, scale, free) {
    return boxes.filter((b) => Math.abs(b.x - centre.x) * scale < free.width / 2 + b.w / 2
      && Math.abs((b.y - centre.y) * scale + b.dy) < free.height / 2 + b.h / 2);
  }
  // The least zoom from ``fitted`` up (to ``most``) at which no two boxes in view overlap (up to
  // 300 of them); ``centreAt(scale)`` is where the view stands at that zoom.
  function readableScale(boxes, fitted, most, centreAt, free) {
    if (boxes.length > 300) return fitted;
    let scale = fitted;
    while (scale < most && overlapping(inView(boxes, centreAt(scale), scale, free), scale)) scale *= 1.05;
    return Math.min(scale, most);
  }
  // The middle of these lines' ends: the most connected part.
  function linkedMiddle(spots, lines) {
    let x = 0, y = 0, count = 0;
    data.edges.forEach((e) => {
      if (!lines.has(e.id)) return;
      [e.from, e.to].filter((id) => spots[id]).forEach((id) => { x += spots[id].x; y += spots[id].y; count += 1; });
    });
    return count ? { x: x / count, y: y / count } : null;
  }
  // ``at`` (else the middle), moved so that the view does not pass the edge of what it shows.
  function centreOf(at, span, scale, free) {
    const middle = (lo, hi) => (lo + hi) / 2;
    at = at || { x: middle(span.minX, span.maxX), y: middle(span.minY, span.maxY) };
    const keep = (v, lo, hi, half) => (hi - lo <= 2 * half ? middle(lo, hi) : Math.min(hi - half, Math.max(lo + half, v)));
    return { x: keep(at.x, span.minX, span.maxX, (free.width / 2 - PAD.x) / scale),
      y: keep(at.y, span.minY, span.maxY, (free.height / 2 - PAD.y) / scale) };
  }

  // --- the view: which part of the canvas is shown, at which zoom ----------------------------
  // Labels keep a constant size on screen (scaleFonts), so a view is fitted in screen px: the
  // outermost nodes stay PAD px inside the free part of the canvas, whatever the zoom.
  const PAD = NARROW.matches ? { x: 44, y: 36 } : { x: 72, y: 40 };
  const MAX_ZOOM = 1.6;
  function spanOf(spots) {
    const xs = spots.map((p) => p.x), ys = spots.map((p) => p.y);
    return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
  }
  function fitScale(span, width, height) {
    return Math.min(MAX_ZOOM, (width - 2 * PAD.x) / Math.max(1, span.maxX - span.minX),
      (height - 2 * PAD.y) / Math.max(1, span.maxY - span.minY));
  }
  const wholeCanvas = () => ({ left: 0, top: 0, width: container.clientWidth, height: container.clientHeight });
  function show(view, free) {
    network.moveTo({ position: view.position, scale: view.scale, animation: false,
      offset: { x: free.left + free.width / 2 - container.clientWidth / 2,
        y: free.top + free.height / 2 - container.clientHeight / 2 } });
    scaleFonts();
  }
  // These nodes fitted into ``free`` (a focused neighbourhood beside the panel).
  function fitView(ids, free) {
    const spots = Object.values(network.getPositions(ids));
    if (!spots.length) return;
    const span = spanOf(spots);
    show({ scale: fitScale(span, free.width, free.height),
      position: { x: (span.minX + span.maxX) / 2, y: (span.minY + span.maxY) / 2 } }, free);
  }
  // Everything visible: fitted; on a narrow screen, close enough that no label covers another
  // (the reader pans), centred on the most connected part.
  // On a phone a focused character's neighbourhood likewise, centred on the character.
  // A focused neighbourhood may come closer than twice its fit (up to MAX_ZOOM), as the captions
  // of all its bonds are shown; what still clashes there is moved or withheld (declutter).
  function wholeView(spots, captioned, free, at, focused) {
    const points = Object.values(spots);
    if (!points.length) return { scale: 1, position: { x: 0, y: 0 } };
    const span = spanOf(points);
    const fitted = fitScale(span, free.width, free.height);
    const most = focused ? Math.max(fitted, MAX_ZOOM) : Math.min(MAX_ZOOM, 2 * fitted);
    const scale = NARROW.matches
      ? readableScale(readables(spots, captioned), fitted, most, (s) => centreOf(at, span, s, free), free) : fitted;
    return { scale, position: centreOf(at, span, scale, free) };
  }
  const matchLines = (shown) => new Set(data.edges.filter((e) => e.kind === "match" && shown.edges.has(e.id)).map((e) => e.id));
  function refit() {
    const shown = visibleSets(), lit = focusSets();
    const spots = network.getPositions(data.nodes.filter((n) => shown.nodes.has(n.id)).map((n) => n.id));
    const captioned = new Set([...matchLines(shown), ...[...(lit || [])].filter((id) => shown.edges.has(id))]);
    show(wholeView(spots, captioned, wholeCanvas(), linkedMiddle(spots, shown.edges), Boolean(lit)), wholeCanvas());
    declutter();
  }
  // The part of the canvas the panel leaves free: left of it on a desktop, above the bottom sheet on a phone.
  function freeOfPanel() {
    const free = wholeCanvas();
    if (panel.hidden) return free;
    const graph = container.getBoundingClientRect(), sheet = panel.getBoundingClientRect();
    if (sheet.top > graph.top + 1) free.height = Math.max(80, sheet.top - graph.top);
    else free.width = Math.max(120, sheet.left - graph.left);
    return free;
  }
  function firstScale(shown) {
    const spots = {};
    data.nodes.forEach((n) => { if (shown.nodes.has(n.id)) spots[n.id] = place(n); });
    return wholeView(spots, matchLines(shown), wholeCanvas(), linkedMiddle(spots, shown.edges)).scale;
  }
  const drawn = new Map();  // id → the item as vis-network last received it (JSON)
  const shown0 = visibleSets();
  const nodes = new vis.DataSet(data.nodes.map((n) => Object.assign(nodeItem(n, shown0, true), place(n),
    { kind: n.kind, revealed: n.revealed === undefined ? null : n.revealed })));
  const edges = new vis.DataSet(data.edges.map((e) => Object.assign(edgeItem(e, shown0, true, e.kind === "match"),
    { kind: e.kind, nature: e.nature, canon: e.canon, revealed: e.revealed })));
  data.nodes.forEach((n) => drawn.set(n.id, JSON.stringify(nodeItem(n, shown0, true))));
  data.edges.forEach((e) => drawn.set(e.id, JSON.stringify(edgeItem(e, shown0, true, e.kind === "match"))));
  const options = JSON.parse(JSON.stringify(data.options));
  Object.assign(options.nodes.font, fontsAt(firstScale(shown0)).nodes.font);
  Object.assign(options.edges.font, fontsAt(firstScale(shown0)).edges.font);
  options.nodes.size = fontsAt(firstScale(shown0)).nodes.size;
  if (data.nodes.length > 500) options.nodes.scaling = { label: { enabled: false } };
  // No physics, and no fit of vis-network's own when the data is set: the view is ours (fitView).
  options.physics = Object.assign({}, options.physics, { stabilization: { enabled: false, fit: false } });
  options.nodes.font.color = INK;
  options.nodes.font.strokeColor = PAPER;
  options.edges.font.strokeColor = PAPER;
  const network = new vis.Network(container, { nodes, edges }, options);

  let fontScale = firstScale(shown0);
  // Setting a font size measures every label again (a second on 2,000 characters): only when the
  // scale moved by more than 4 %; the first options already hold the sizes for the expected fit.
  function scaleFonts() {
    const scale = network.getScale();
    if (!(scale > 0) || Math.abs(scale - fontScale) / scale < 0.04) return false;
    fontScale = scale;
    network.setOptions(fontsAt(scale));
    return true;
  }
  // A focused node or bond: its neighbourhood fitted into what the panel leaves free.
  function fitFocus() {
    const lit = focusSets();
    if (!lit) return;
    const ids = [...lit].filter((id) => byId.has(id) && nodes.get(id) && !nodes.get(id).hidden);
    if (!NARROW.matches) { fitView(ids, freeOfPanel()); return; }
    const spots = network.getPositions(ids);
    const shown = visibleSets();
    const captioned = new Set([...lit].filter((id) => shown.edges.has(id)).concat([...matchLines(shown)]));
    const at = spots[state.focus] || linkedMiddle(spots, new Set([state.focus]));
    show(wholeView(spots, captioned, freeOfPanel(), at, true), freeOfPanel());
    declutter();
  }
  network.on("zoom", scaleFonts);
  network.on("animationFinished", scaleFonts);
  // A caption that would cover a name or a caption kept before it, at the zoom the view now
  // has, is moved beside its line a line up or down (then two), else withheld (the panel lists
  // every bond): the focused character's bonds first, then the matches. Again whenever a zoom
  // settles. Up to 300 names in view; a larger graph is left as drawn.
  const NUDGES = [0, -1, 1, -2, 2];
  function declutter() {
    const shown = visibleSets(), lit = focusSets();
    const scale = network.getScale(), centre = network.getViewPosition(), free = wholeCanvas();
    const spots = network.getPositions(data.nodes.filter((n) => shown.nodes.has(n.id)).map((n) => n.id));
    const near = (p) => Math.abs(p.x - centre.x) * scale < free.width && Math.abs(p.y - centre.y) * scale < free.height;
    const nearby = Object.keys(spots).filter((id) => near(spots[id]));  // measured only if few (a large graph's first view)
    const kept = nearby.length <= 300
      ? inView(readables(Object.fromEntries(nearby.map((id) => [id, spots[id]])), new Set(), scale), centre, scale, free) : [];
    const mute = new Set(), nudge = new Map();
    if (nearby.length <= 300) {
      data.edges.filter((e) => shown.edges.has(e.id) && spots[e.from] && spots[e.to]
        && (e.kind === "match" || (lit && lit.has(e.id))))
        .sort((a, b) => Number(Boolean(lit && lit.has(b.id))) - Number(Boolean(lit && lit.has(a.id))))
        .forEach((e) => {
          const box = captionBox(e, spots, scale);
          if (!inView([box], centre, scale, free).length) return;
          const at = (k) => Object.assign({}, box, { dy: k * (box.h + GAP) });
          const step = NUDGES.find((k) => !kept.some((other) => clash(at(k), other, scale)));
          if (step === undefined) { mute.add(e.id); return; }
          kept.push(at(step));
          if (step) nudge.set(e.id, (step * (box.h + GAP)) / scale);
        });
    }
    const before = JSON.stringify([[...muted].sort(), [...nudged].sort()]);
    const moved = JSON.stringify([[...mute].sort(), [...nudge].sort()]) !== before;
    muted = mute; nudged = nudge;
    if (moved || paintedNarrow !== NARROW.matches) paint();  // a window across a phone's width: new fans too
  }
  network.on("zoom", () => { clearTimeout(settling); settling = setTimeout(declutter, 150); });

  function changed(items) {
    return items.filter((item) => {
      const text = JSON.stringify(item);
      if (drawn.get(item.id) === text) return false;
      drawn.set(item.id, text);
      return true;
    });
  }
  function paint() {
    paintedNarrow = NARROW.matches;
    const shown = visibleSets();
    const lit = focusSets();
    nodes.update(changed(data.nodes.map((n) => nodeItem(n, shown, !lit || lit.has(n.id)))));
    edges.update(changed(data.edges.map((e) => edgeItem(e, shown, !lit || lit.has(e.id),
      (e.kind === "match" || Boolean(lit && lit.has(e.id))) && !muted.has(e.id)))));
    document.body.dataset.visibleEdges = String(shown.edges.size);
    return shown;
  }

  // --- controls: filters, legend ---------------------------------------------------------
  const SVG = "http://www.w3.org/2000/svg";
  function svg(width, height, parts) {
    const box = document.createElementNS(SVG, "svg");
    box.setAttribute("width", width); box.setAttribute("height", height); box.setAttribute("aria-hidden", "true");
    box.setAttribute("class", "swatch");
    parts.forEach(([tag, attrs]) => {
      const part = document.createElementNS(SVG, tag);
      Object.entries(attrs).forEach(([k, v]) => part.setAttribute(k, v));
      box.appendChild(part);
    });
    return box;
  }
  function lineSwatch(colour, dashes, width, opacity, arrow) {
    const parts = [["line", { x1: 2, y1: 8, x2: arrow ? 28 : 36, y2: 8, stroke: colour, "stroke-width": width || 3,
      "stroke-opacity": opacity || 1, "stroke-dasharray": dashes ? dashes.join(" ") : "none" }]];
    if (arrow) parts.push(["polygon", { points: "28,2 38,8 28,14", fill: colour }]);
    return svg(40, 16, parts);
  }
  function fateSwatch(f) {
    const stroke = f.key === "none" ? "#666666" : INK;
    const common = { fill: f.key === "none" ? PAPER : f.color, stroke, "stroke-width": 1.5,
      "stroke-dasharray": f.dashed ? "3 2" : "none" };
    const shapes = {
      dot: ["circle", { cx: 9, cy: 9, r: 7 }], square: ["rect", { x: 2, y: 2, width: 14, height: 14 }],
      triangleDown: ["polygon", { points: "2,3 16,3 9,16" }], diamond: ["polygon", { points: "9,1 17,9 9,17 1,9" }],
    };
    const [tag, attrs] = shapes[f.shape] || shapes.dot;
    return svg(18, 18, [[tag, Object.assign({}, attrs, common)]]);
  }
  function checkbox(container, text, checked, onChange, swatch, attr) {
    const label = el("label");
    const box = el("input", null, Object.assign({ type: "checkbox" }, attr));
    box.checked = checked;
    box.addEventListener("change", () => { onChange(box.checked); update({ refit: false }); });
    label.appendChild(box);
    if (swatch) label.appendChild(swatch);
    label.appendChild(document.createTextNode(" " + text));
    container.appendChild(label);
    return box;
  }
  const toggle = (set, key) => (on) => (on ? set.add(key) : set.delete(key));
  const boxes = [];
  const filters = $("filters");
  const legend = $("legend");
  function drawControls() {  // filters and legend: after the first frame
    drawFilters();
    drawLegend();
    if (data.hint) { $("big-graph-hint").textContent = data.hint; $("big-graph-hint").hidden = false; }
  }
  function drawFilters() {
  filters.appendChild(el("h3", W.edges));
  data.legend.kinds.forEach((k) => boxes.push([state.kinds, k.kind, checkbox(filters, k.label, state.kinds.has(k.kind),
    toggle(state.kinds, k.kind), null, { "data-kind": k.kind })]));
  filters.appendChild(el("h3", W.nature));
  data.legend.natures.forEach((n) => boxes.push([state.natures, n.nature, checkbox(filters, n.label, state.natures.has(n.nature),
    toggle(state.natures, n.nature), lineSwatch(dark ? n.dark : n.color, n.dashes), { "data-nature": n.nature })]));
  filters.appendChild(el("h3", W.canon));
  data.legend.canon.forEach((c) => boxes.push([state.canon, c.canon, checkbox(filters, c.label, state.canon.has(c.canon),
    toggle(state.canon, c.canon), lineSwatch(INK, null, c.width, c.opacity), { "data-canon": c.canon })]));
  }
  function legendRow(swatch, text) {
    const row = el("div", null, { class: "legend-row" });
    row.appendChild(swatch);
    row.appendChild(el("span", text));
    legend.appendChild(row);
  }
  function drawLegend() {
  legend.appendChild(el("h3", W.fate));
  data.legend.fates.forEach((f) => legendRow(fateSwatch(f), (f.badge ? f.badge + " " : "") + f.label));
  legend.appendChild(el("h3", W.edges));
  legendRow(lineSwatch(INK, null, 3, 1, false), W.mutual);
  legendRow(lineSwatch(INK, null, 3, 1, true), W.one_sided);
  legendRow(lineSwatch(INK, null, 1.5, 0.5, false), W.doubtful);
  legendRow(lineSwatch(dark ? data.legend.match.dark : data.legend.match.color, null, 2.5), W.match_line);
  }
  $("footer").textContent = data.footer;

  // --- the spoiler horizon ---------------------------------------------------------------
  const slider = $("episode-slider");
  const steps = data.episodes.map((e) => ({ label: e.label, order: e.order }));
  if (!data.cut) steps.push({ label: W.everything, order: ALL });
  slider.max = String(steps.length - 1);
  slider.value = String(steps.length - 1);
  const marks = $("episode-marks");
  function drawMarks() {  // one mark per episode: after the first frame
    steps.forEach((s, i) => {
      const at = steps.length > 1 ? i / (steps.length - 1) : 0;
      const mark = el("li", s.label, { "data-step": String(i) });
      mark.style.left = `calc(8px + (100% - 16px) * ${at})`;
      marks.appendChild(mark);
      $("episode-ticks").appendChild(el("option", null, { value: String(i), label: s.label }));
    });
    markCurrent();
  }
  const markCurrent = () => Array.from(marks.children).forEach((m, i) => m.classList.toggle("current", i === Number(slider.value)));
  const undated = data.edges.filter((e) => e.spoiler !== false && (e.kind === "bond" || e.kind === "match")
    && (e.revealed === null || e.revealed === undefined)).length
    + data.nodes.filter((n) => n.fate && n.fate.iri && n.fate.revealed === null).length;
  function onSlide() {
    horizon();
    if (state.focus && !stillShown(state.focus)) closePanel(false);
    update({ refit: true });
  }
  function horizon() {
    const step = steps[Number(slider.value)];
    state.cut = step.order;
    $("episode-label").textContent = step.label;
    slider.setAttribute("aria-valuetext", step.label);
    markCurrent();
    $("unknown-note").textContent = state.cut !== ALL && undated ? fill(W.unknown_note, { n: undated }) : "";
  }
  slider.addEventListener("input", onSlide);
  function stillShown(id) {
    const shown = visibleSets();
    return shown.nodes.has(id) || shown.edges.has(id) || bracketMatch(id) !== null;
  }

  // --- search (names of what is visible only) ---------------------------------------------
  const search = $("search");
  let names = new Map();
  function fillSearch(shown) {
    names = new Map();
    const list = $("search-names");
    list.replaceChildren();
    data.nodes.filter((n) => n.kind === "character" && shown.nodes.has(n.id)).forEach((n) => {
      Object.values(n.names || {}).concat([n.label]).forEach((name) => {
        if (!names.has(name.toLowerCase())) { names.set(name.toLowerCase(), n.id); list.appendChild(el("option", null, { value: name })); }
      });
    });
  }
  function find() {
    const id = names.get(search.value.trim().toLowerCase());
    const status = $("search-status");
    if (!id) { status.textContent = search.value.trim() ? W.not_in_view : ""; return; }
    status.textContent = "";
    select(id);
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") find(); });

  // --- panel -----------------------------------------------------------------------------
  const panel = $("panel");
  const body = $("panel-body");
  $("panel-close").addEventListener("click", () => closePanel(true));
  function closePanel(restoreFocus) {
    const was = state.focus;
    panel.hidden = true;
    state.focus = null;
    network.unselectAll();
    paint();
    writeHash();
    if (restoreFocus && was) container.focus();
  }
  // A fact's notes revealed by the slider's episode: each note has its own (stagegraph's horizon).
  const notesOf = (fact) => ((fact && fact.notes) || []).filter((n) => seen(n.revealed)).map((n) => n.text);
  const code = (source) => String(source.iri || "").split("/").pop().toUpperCase();
  // A source that may spoil episodes after the slider's is listed as the file cut there lists it:
  // one line in W.withheld_source's words, after the others (stagegraph's horizon decides).
  const WITHHELD = { withheld: true, iri: "", title: "", url: "" };
  const spoils = (s) => s.withheld || (s.shown_from !== undefined && !seen(s.shown_from));
  function panelSources() {
    const list = [];
    return {
      add(cited) {  // indices into data.sources: each source is written once in the page
        const all = (cited || []).map((i) => data.sources[i]).filter(Boolean);
        const open = all.filter((s) => !spoils(s));
        open.concat(open.length < all.length ? [WITHHELD] : []).forEach((s) => { if (!list.includes(s)) list.push(s); });
      },
      number(source) { return list.indexOf(source) + 1; },
      list,
    };
  }
  function noteElement(text, refs) {
    const p = el("p");
    const codes = refs.list.map(code).filter(Boolean).sort((a, b) => b.length - a.length);
    const escaped = codes.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = escaped.length ? new RegExp("\\b(" + escaped.join("|") + ")\\b", "g") : null;
    let at = 0;
    if (pattern) {
      let m;
      while ((m = pattern.exec(text))) {
        p.appendChild(document.createTextNode(text.slice(at, m.index + m[0].length)));
        const n = refs.number(refs.list.find((s) => code(s) === m[0]));
        const sup = el("sup", null, { class: "ref" });
        sup.appendChild(el("a", "[" + n + "]", { href: "#source-" + n }));
        p.appendChild(sup);
        at = m.index + m[0].length;
      }
    }
    p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }
  function sourceList(refs) {
    body.appendChild(el("h2", W.sources));
    const ol = el("ol", null, { class: "sources" });
    refs.list.forEach((s, i) => {
      const li = el("li", null, { id: "source-" + (i + 1) });
      li.appendChild(document.createTextNode(code(s) ? code(s) + ": " : ""));
      const url = safeUrl(s.url);
      const title = s.withheld ? W.withheld_source : s.title;
      li.appendChild(url ? el("a", title, { href: url, target: "_blank", rel: "noopener noreferrer" })
        : document.createTextNode(title));
      ol.appendChild(li);
    });
    body.appendChild(ol);
  }
  function iriLink(iri) {
    const p = el("p", null, { class: "meta" });
    const url = safeUrl(iri);
    p.appendChild(url ? el("a", W.link, { href: url, target: "_blank", rel: "noopener noreferrer", title: iri })
      : document.createTextNode(W.link));
    return p;
  }
  const episodeOf = (order) => {
    const e = data.episodes.find((x) => x.order === order);
    return order === null || order === undefined ? W.revealed_unknown : W.revealed_in + ": " + (e ? e.label : order);
  };
  function open(title, fallback) {
    body.replaceChildren(el("h2", title, { id: "panel-title" }));
    $("panel").setAttribute("aria-labelledby", "panel-title");  // only once the title exists
    if (fallback) body.appendChild(el("p", fill(W.fallback, { lang: W.languages[data.lang] || data.lang,
      fallback: W.languages[fallback] || fallback }), { class: "fallback" }));
    panel.hidden = false;
    panel.scrollTop = 0;
  }
  function showNode(id) {
    const node = byId.get(id);
    if (!node) return;
    open(node.label, node.fallback);
    const refs = panelSources();
    const dl = el("dl");
    Object.entries(node.names || {}).forEach(([lang, name]) => {
      dl.appendChild(el("dt", W.languages[lang] || lang || W.names)); dl.appendChild(el("dd", name, lang ? { lang } : {}));
    });
    body.appendChild(dl);
    if (node.kind === "character") {
      body.appendChild(el("h2", W.fate));
      const fate = fateOf(node);
      const style = fateStyle(node);
      body.appendChild(el("p", (style.badge ? style.badge + " " : "") + style.label
        + (fate && fate.episode ? " (" + fate.episode + ")" : "") + (fate && fate.confidence ? " · " + fate.confidence : "")));
      if (fate) { refs.add(fate.sources); notesOf(fate).forEach((t) => body.appendChild(noteElement(t, refs))); }
      const matches = node.matches.filter((m) => seen(m.revealed));
      if (matches.length) {
        body.appendChild(el("h2", W.matches_heading));
        const ul = el("ul");
        matches.forEach((m) => { refs.add(m.sources || []); ul.appendChild(el("li", `${m.label}: ${m.outcome}`)); });
        body.appendChild(ul);
      }
    }
    const mine = data.edges.filter((e) => (e.from === id || e.to === id) && edgeShown(e));
    if (mine.length) {
      body.appendChild(el("h2", node.kind === "character" ? W.bonds_matches : W.credits_heading));
      const ul = el("ul", null, { id: "panel-edges" });
      mine.forEach((e) => {
        const li = el("li");
        const other = byId.get(e.from === id ? e.to : e.from);
        const arrow = e.kind === "match" ? "" : e.arrows !== "to" ? " ↔ " : e.from === id ? " → " : " ← ";
        const button = el("button", e.kind === "match" ? e.caption : e.caption + arrow + (other ? other.label : ""),
          { type: "button", class: "bond-link", "data-edge": e.id });
        button.addEventListener("click", () => select(e.id));
        li.appendChild(button);
        if (e.kind !== "credit") li.appendChild(el("div", episodeOf(e.revealed), { class: "meta" }));
        refs.add(e.sources);
        notesOf(e).forEach((t) => li.appendChild(noteElement(t, refs)));
        ul.appendChild(li);
      });
      body.appendChild(ul);
    }
    if (node.kind === "character" && node.songs.length) {
      const songs = node.songs.filter((s) => seen(s.revealed) || s.revealed === null);
      if (songs.length) {
        body.appendChild(el("h2", W.songs));
        const ul = el("ul");
        songs.forEach((s) => ul.appendChild(el("li", `${s.song} — ${s.how}`)));
        body.appendChild(ul);
      }
    }
    if (refs.list.length) sourceList(refs);
    body.appendChild(iriLink(node.id));
  }
  function showEdge(id) {
    const edge = edgeById.get(id);
    if (!edge) return;
    const a = byId.get(edge.from), b = byId.get(edge.to);
    open(edge.kind === "match" ? edge.label : `${a ? a.label : ""} ${edge.arrows === "to" ? "→" : "↔"} ${b ? b.label : ""}: ${edge.caption}`);
    const refs = panelSources();
    refs.add(edge.sources);
    const dl = el("dl");
    [[W.nature, edge.nature_label], [W.canon, edge.canon && (W["canon_" + edge.canon] || edge.canon)],
     ["", edge.confidence], [W.winner, edge.winner_label]]
      .filter(([, v]) => v).forEach(([k, v]) => { dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); });
    body.appendChild(dl);
    if (edge.kind !== "credit") body.appendChild(el("p", episodeOf(edge.revealed), { class: "meta" }));
    notesOf(edge).forEach((t) => body.appendChild(noteElement(t, refs)));
    sourceList(refs);
    body.appendChild(iriLink(edge.id));
  }
  function showMatch(match) {
    open(match.label);
    const ul = el("ul");
    match.contestants.forEach((c) => ul.appendChild(el("li", (c.winner ? "✓ " : "") + c.label)));
    body.appendChild(ul);
    body.appendChild(el("p", episodeOf(match.order), { class: "meta" }));
    body.appendChild(iriLink(match.match));
  }
  function select(id, quiet) {
    state.focus = id;
    if (byId.has(id)) {
      network.selectNodes([id]);
      showNode(id);
    }
    else if (edgeById.has(id)) { network.setSelection({ nodes: [], edges: [id] }); showEdge(id); }
    else if (bracketMatch(id)) showMatch(bracketMatch(id));
    paint();
    if (!quiet) { fitFocus(); writeHash(); }
  }
  network.on("click", (params) => {
    if (params.nodes.length) select(params.nodes[0]);
    else if (params.edges.length) select(params.edges[0]);
    else if (!panel.hidden) closePanel(false);
  });

  // --- the bracket -------------------------------------------------------------------------
  function bracketMatch(id) {
    for (const r of data.bracket.rounds) for (const m of r.matches) if (m.match === id && seen(m.order)) return m;
    return null;
  }
  function drawBracket() {
    const box = $("bracket");
    box.hidden = !data.bracket.rounds.length;
    box.querySelectorAll(".rounds").forEach((r) => r.remove());
    const rounds = el("div", null, { class: "rounds" });
    data.bracket.rounds.forEach((r) => {
      const column = el("div", null, { class: "round" });
      column.appendChild(el("h3", r.name));
      r.matches.filter((m) => seen(m.order)).forEach((m) => {
        const button = el("button", null, { type: "button", class: "match", "data-match": m.match });
        m.contestants.forEach((c) => button.appendChild(el("span", (c.winner ? "✓ " : "") + c.label,
          { class: m.winner ? (c.winner ? "won" : "lost") : "" })));
        button.addEventListener("click", () => select(m.match));
        column.appendChild(button);
      });
      rounds.appendChild(column);
    });
    box.appendChild(rounds);
  }

  // --- the list (the graph as text) ------------------------------------------------------------
  function drawList(shown) {
    const root = $("text-list-body");
    const ul = el("ul");
    const out = new Map();
    data.edges.filter((e) => shown.edges.has(e.id)).forEach((e) => {
      if (!out.has(e.from)) out.set(e.from, []);
      out.get(e.from).push(e);
    });
    data.nodes.filter((n) => n.kind === "character" && shown.nodes.has(n.id)).forEach((n) => {
      const li = el("li");
      const button = el("button", n.label + " — " + fateStyle(n).label, { type: "button", class: "linkish" });
      button.addEventListener("click", () => select(n.id));
      li.appendChild(button);
      const mine = out.get(n.id) || [];
      if (mine.length) {
        const inner = el("ul");
        mine.forEach((e) => {
          const other = byId.get(e.to);
          inner.appendChild(el("li", `${e.caption}${e.kind === "match" ? "" : (e.arrows === "to" ? " → " : " ↔ ") + (other ? other.label : "")} (${episodeOf(e.revealed)})`));
        });
        li.appendChild(inner);
      }
      ul.appendChild(li);
    });
    root.replaceChildren(ul);
  }

  // --- embedded in a site page: no chrome (page.css, body.embed), only the focus and its neighbours ---
  function embedFocus() {
    const focus = new URLSearchParams(location.hash.replace(/^#/, "")).get("focus");
    if (new URLSearchParams(location.search).get("embed") !== "1" || !focus) return null;
    document.body.classList.add("embed");
    const name = byId.has(focus) ? byId.get(focus).label + ": " : "";  // the list the label names is not shown
    $("graph").setAttribute("aria-label", name + W.graph.split(/[:：]/)[0]);
    return focus;
  }
  function embedded(shown) {
    if (!embed || !shown.nodes.has(embed)) return embed ? { edges: new Set(), nodes: new Set() } : shown;
    const edges = new Set([...shown.edges].filter((id) => [edgeById.get(id).from, edgeById.get(id).to].includes(embed)));
    const nodes = new Set([embed]);
    edges.forEach((id) => { nodes.add(edgeById.get(id).from); nodes.add(edgeById.get(id).to); });
    return { edges, nodes };
  }

  // --- the URL fragment --------------------------------------------------------------------
  function writeHash() {
    if (embed) return;  // an embedded view keeps the address it was given
    const params = new URLSearchParams();
    if (state.focus) params.set("focus", state.focus);
    if (state.cut !== ALL) params.set("at", String(Number(slider.value)));
    [["kinds", state.kinds, defaults.kinds], ["natures", state.natures, defaults.natures], ["canon", state.canon, defaults.canon]]
      .forEach(([k, set, was]) => { if ([...set].sort().join(",") !== [...was].sort().join(",")) params.set(k, [...set].join(",")); });
    const hash = params.toString();
    try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
    catch (e) { location.hash = hash; }
  }
  function readHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    [["kinds", state.kinds], ["natures", state.natures], ["canon", state.canon]].forEach(([k, set]) => {
      if (!params.has(k)) return;
      set.clear();
      params.get(k).split(",").filter(Boolean).forEach((v) => set.add(v));
    });
    boxes.forEach(([set, key, box]) => { box.checked = set.has(key); });
    const at = Number(params.get("at"));
    if (params.has("at") && at >= 0 && at < steps.length) slider.value = String(at);
    return params.get("focus");
  }

  // --- keys, drawer ----------------------------------------------------------------------------
  const menu = $("menu-toggle");
  function setMenu(openIt) {
    document.body.classList.toggle("menu-open", openIt);
    menu.setAttribute("aria-expanded", String(openIt));
  }
  menu.addEventListener("click", () => setMenu(!document.body.classList.contains("menu-open")));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    if (!panel.hidden) closePanel(true);
    else if (document.body.classList.contains("menu-open")) { setMenu(false); menu.focus(); }
  });

  function update(how) {
    const shown = paint();
    emptyView(shown);
    if (how.refit) refit();
    if (!panel.hidden && state.focus) select(state.focus, true);
    drawChrome(shown);
    writeHash();
  }
  function emptyView(shown) {
    $("empty-view").hidden = shown.nodes.size > 0;
    $("empty-view").textContent = fill(W.empty_view, { episode: steps[Number(slider.value)].label });
  }
  function drawChrome(shown) {  // what the graph does not need for its first frame
    fillSearch(shown);
    drawBracket();
    drawList(shown);
  }

  // First frame: the graph at the state of the URL; the search names, bracket and list after it.
  function start() {
    const focus = readHash();
    horizon();
    emptyView(paint());
    refit();
    if (focus && stillShown(focus)) select(focus, embed !== null);
    if (embed !== null && state.focus) refit();  // close enough for the focus's captions too
    network.once("afterDrawing", () => {
      document.body.dataset.firstFrame = String(Math.round(performance.now()));  // ms since navigation (make bench)
      setTimeout(() => {
        drawControls();
        drawMarks();
        drawChrome(visibleSets());
        writeHash();
        document.body.dataset.settled = "true";  // no physics: the first frame is the picture; the rest is drawn
      }, 0);
    });
    network.redraw();
  }
  start();
  window.stagegraph = { network, nodes, edges, data, refresh: () => update({ refit: false }), state };
})();
