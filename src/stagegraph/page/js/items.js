// What vis-network is given for each node and edge: its label, colours, shape, and whether it
// is hidden, dimmed or captioned. Pure: the state's verdicts and the palette come as arguments.
import { captionOf, fanOf } from "./captions.js";

// The opacity of what a focus leaves unlit.
export const DIM = 0.2;

// Ink and paper for the reader's colour scheme.
export const paletteOf = (dark) => ({ dark, ink: dark ? "#ececf1" : "#1d1d1f", paper: dark ? "#1b1b20" : "#ffffff" });

// A node's label: its name, a character's fate badge (``style``, the legend's fate it is drawn
// with), and the language its name fell back to.
export function displayName(node, style) {
  const badge = node.kind === "character" ? style.badge : "";
  return node.label + (badge ? ` ${badge}` : "") + (node.fallback ? ` (${node.fallback})` : "");
}

// The vis-network node of ``node``: hidden unless in ``shown.nodes``, dimmed unless ``lit``; a
// character drawn as its fate ``style`` says.
export function nodeItem(node, shown, lit, style, palette) {
  const item = {
    id: node.id,
    label: displayName(node, style),
    hidden: !shown.nodes.has(node.id),
    opacity: lit ? 1 : DIM,
  };
  if (node.kind !== "character") return Object.assign(item, { shape: node.shape, color: node.color });
  const none = style.key === "none";
  const background = none ? palette.paper : style.color;
  const border = none ? (palette.dark ? "#aaaaaa" : "#666666") : palette.ink;
  return Object.assign(item, {
    shape: style.shape,
    color: {
      background,
      border,
      highlight: { background, border: "#e69f00" },
      hover: { background, border: "#e69f00" },
    },
    shapeProperties: { borderDashes: style.dashed ? [3, 3] : false },
    borderWidth: 2,
    borderWidthSelected: 4,
  });
}

// vis-network keeps an edge's old caption when given "" or null (its parseOptions takes only a
// non-empty string), so a caption is taken away by a space, which draws nothing; an edge never
// captioned has no label at all (a space is measured and drawn: 10k of them slow every frame).
export const NO_CAPTION = " ";

// The vis-network edge of ``edge``: hidden unless in ``shown.edges``, dimmed unless ``lit``,
// with its caption if ``captioned``. ``look`` is {palette, narrow, nudged: edge id → canvas px
// down, captionedOnce: the set of edges ever captioned, which this adds to}.
export function edgeItem(edge, shown, lit, captioned, look) {
  const { palette } = look;
  const colour = palette.dark ? edge.dark : edge.colour;
  if (captioned) look.captionedOnce.add(edge.id);
  return {
    id: edge.id,
    from: edge.from,
    to: edge.to,
    hidden: !shown.edges.has(edge.id),
    dashes: edge.dashes,
    width: edge.width,
    smooth: fanOf(edge, look.narrow),
    label: captioned ? captionOf(edge, look.narrow) : look.captionedOnce.has(edge.id) ? NO_CAPTION : undefined,
    arrows: { to: { enabled: edge.arrows === "to", scaleFactor: 1.1 } },
    color: { color: colour, highlight: colour, hover: colour, opacity: (lit ? 1 : DIM) * edge.opacity },
    font: { color: palette.ink, strokeColor: palette.paper, vadjust: look.nudged.get(edge.id) || 0 },
  };
}
