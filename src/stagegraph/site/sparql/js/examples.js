// The library's queries as examples: the list, the chosen one's summary and parameter fields, and
// the values chosen in them.
import { $, data } from "./context.js";
import { NEW_QUERY, setQuery } from "./editor.js";
import { say } from "./words.js";

let chosen = null;

/** The example chosen in the list, or null (a new query). */
export const chosenExample = () => chosen;

function pressed(name) {
  for (const button of document.querySelectorAll("#example-list button")) {
    button.setAttribute("aria-pressed", String(button.dataset.name === name));
  }
}

function paramField(param) {
  const wrap = document.createElement("p");
  const label = document.createElement("label");
  label.htmlFor = `param-${param.name}`;
  label.textContent = `${param.name} — ${param.description}`;
  let field;
  if (param.choices) {
    field = document.createElement("select");
    field.appendChild(new Option(say("choose"), ""));
    for (const [iri, name] of param.choices) field.appendChild(new Option(name, iri));
    const preset =
      param.default && param.choices.find(([iri, name]) => name === param.default || iri === param.default);
    if (preset) field.value = preset[0];
  } else {
    field = document.createElement("input");
    field.type = "text";
    field.value = param.default || "";
  }
  field.id = `param-${param.name}`;
  wrap.append(label, field);
  return wrap;
}

function choose(example) {
  chosen = example;
  setQuery(example.text);
  const summary = $("example-summary");
  summary.textContent = `${example.name}: ${example.summary}${example.description ? ` ${example.description}` : ""}`;
  summary.hidden = false;
  const fields = $("param-fields");
  fields.replaceChildren();
  for (const param of example.params) fields.appendChild(paramField(param));
  $("params").hidden = example.params.length === 0;
  pressed(example.name);
}

/** A new query: no example chosen, the editor holding a query of every triple. */
export function newQuery() {
  chosen = null;
  $("example-summary").hidden = true;
  $("params").hidden = true;
  pressed(null);
  setQuery(NEW_QUERY);
}

/** The list of examples, each a button that puts its query in the editor. */
export function listExamples() {
  const list = $("example-list");
  for (const example of data.examples) {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.name = example.name;
    button.textContent = example.name;
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-describedby", `example-${example.name}`);
    button.addEventListener("click", () => choose(example));
    const summary = document.createElement("span");
    summary.id = `example-${example.name}`;
    summary.textContent = example.summary;
    item.append(button, summary);
    list.appendChild(item);
  }
}

/** The parameters of `example` bound to `values` (`{name: value}`): entities as IRIs, else
 * text, and ?lang as the page's language when the query uses it. */
export function bound(example, values) {
  const found = {};
  for (const param of example.params) {
    found[param.name] = { type: param.choices ? "uri" : "literal", value: values[param.name] };
  }
  if (example.lang) found.lang = { type: "literal", value: data.lang };
  return found;
}

/** The chosen example's parameters as bound from its fields; refused when one is empty. */
export function bindings() {
  if (!chosen) return {};
  const values = {};
  for (const param of chosen.params) {
    const field = $(`param-${param.name}`);
    if (!field.value) throw Object.assign(new Error(say("choose_value", param)), { refused: true });
    values[param.name] = field.value;
  }
  return bound(chosen, values);
}
