// The legend: what each fate's shape and each kind of line means, with swatches drawn in SVG
// (also the filters'). Its texts are the interface's words and the legend's labels, as text.
import { el } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

function svg(width, height, parts) {
  const box = document.createElementNS(SVG, "svg");
  box.setAttribute("width", width);
  box.setAttribute("height", height);
  box.setAttribute("aria-hidden", "true");
  box.setAttribute("class", "swatch");
  for (const [tag, attrs] of parts) {
    const part = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) part.setAttribute(k, v);
    box.appendChild(part);
  }
  return box;
}

// A line as the graph draws one: its colour, dashes, width and opacity, with an arrow or not.
export function lineSwatch(colour, dashes, width, opacity, arrow) {
  const parts = [
    [
      "line",
      {
        x1: 2,
        y1: 8,
        x2: arrow ? 28 : 36,
        y2: 8,
        stroke: colour,
        "stroke-width": width || 3,
        "stroke-opacity": opacity || 1,
        "stroke-dasharray": dashes ? dashes.join(" ") : "none",
      },
    ],
  ];
  if (arrow) parts.push(["polygon", { points: "28,2 38,8 28,14", fill: colour }]);
  return svg(40, 16, parts);
}

const SHAPES = {
  dot: ["circle", { cx: 9, cy: 9, r: 7 }],
  square: ["rect", { x: 2, y: 2, width: 14, height: 14 }],
  triangleDown: ["polygon", { points: "2,3 16,3 9,16" }],
  diamond: ["polygon", { points: "9,1 17,9 9,17 1,9" }],
};

// A character's node as the graph draws it with the legend's fate ``f``.
export function fateSwatch(f, palette) {
  const common = {
    fill: f.key === "none" ? palette.paper : f.color,
    stroke: f.key === "none" ? "#666666" : palette.ink,
    "stroke-width": 1.5,
    "stroke-dasharray": f.dashed ? "3 2" : "none",
  };
  const [tag, attrs] = SHAPES[f.shape] || SHAPES.dot;
  return svg(18, 18, [[tag, { ...attrs, ...common }]]);
}

function legendRow(box, swatch, text) {
  const row = el("div", null, { class: "legend-row" });
  row.appendChild(swatch);
  row.appendChild(el("span", text));
  box.appendChild(row);
}

// The legend into ``box``: the fates (``legend.fates``), then the kinds of line.
export function drawLegend(box, legend, W, palette) {
  const { ink } = palette;
  box.appendChild(el("h3", W.fate));
  for (const f of legend.fates) legendRow(box, fateSwatch(f, palette), (f.badge ? `${f.badge} ` : "") + f.label);
  box.appendChild(el("h3", W.edges));
  legendRow(box, lineSwatch(ink, null, 3, 1, false), W.mutual);
  legendRow(box, lineSwatch(ink, null, 3, 1, true), W.one_sided);
  legendRow(box, lineSwatch(ink, null, 1.5, 0.5, false), W.doubtful);
  legendRow(box, lineSwatch(palette.dark ? legend.match.dark : legend.match.color, null, 2.5), W.match_line);
}
