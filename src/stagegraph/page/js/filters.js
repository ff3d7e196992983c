// The filters: a checkbox for each kind of line, each nature of bond and each canon, which
// add their key to the state's set or take it away.
import { el } from "./dom.js";
import { lineSwatch } from "./legend.js";

function checkbox(box, text, checked, onChange, swatch, attrs) {
  const label = el("label");
  const input = el("input", null, { type: "checkbox", ...attrs });
  input.checked = checked;
  input.addEventListener("change", () => onChange(input.checked));
  label.appendChild(input);
  if (swatch) label.appendChild(swatch);
  label.appendChild(document.createTextNode(` ${text}`));
  box.appendChild(label);
  return input;
}

// Adds ``key`` to ``set`` or takes it away.
export function toggle(set, key, on) {
  if (on) set.add(key);
  else set.delete(key);
}

// The filters into ``box``, checked as ``state`` is; ``changed()`` after each change.
export function drawFilters(box, legend, state, W, palette, changed) {
  const group = (title, rows, set, keyOf, attr, swatchOf) => {
    box.appendChild(el("h3", title));
    for (const row of rows) {
      const key = keyOf(row);
      const onChange = (on) => {
        toggle(set, key, on);
        changed();
      };
      checkbox(box, row.label, set.has(key), onChange, swatchOf(row), { [attr]: key });
    }
  };
  group(
    W.edges,
    legend.kinds,
    state.kinds,
    (k) => k.kind,
    "data-kind",
    () => null,
  );
  group(
    W.nature,
    legend.natures,
    state.natures,
    (n) => n.nature,
    "data-nature",
    (n) => lineSwatch(palette.dark ? n.dark : n.color, n.dashes),
  );
  group(
    W.canon,
    legend.canon,
    state.canon,
    (c) => c.canon,
    "data-canon",
    (c) => lineSwatch(palette.ink, null, c.width, c.opacity),
  );
}
