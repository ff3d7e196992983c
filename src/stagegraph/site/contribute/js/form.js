// The contribute form, rendered from the page data's forms (contribute/form.py): one labelled input
// per field, whatever the kind of fact — a select for a choice, a picker for an existing entity, a
// text, date or number input for a literal, the sources (a page already cited, or a new page's
// address and title) and the revealing episode (or "unknown"). There is no code per kind: what a
// field asks, whether it is required, shown or repeatable, comes from its data. The pure parts
// (which fields show and are missing, the URL's prefill) are exported for node --test
// (tests/js/contribute-form.test.js). Every data text is set with textContent.
import { answered } from "./patch.js";
import { picker } from "./picker.js";
import { fold, optionsFor } from "./search.js";
import { say } from "./words.js";

const LANGUAGES = ["en", "ko", "ja"];

/** A prefixed name of the table (``sg:note``) as an IRI, by the page's prefixes. */
export function expand(name, prefixes) {
  const at = name.indexOf(":");
  const prefix = name.slice(0, at);
  return at > 0 && prefixes[prefix] && !name.startsWith("http") ? prefixes[prefix] + name.slice(at + 1) : name;
}

function filled(form, answers, names, prefixes) {
  return names.some((name) =>
    form.fields.some((field) =>
      name === "story"
        ? field.story && answered(answers, field).length
        : field.paths.includes(expand(name, prefixes)) && answered(answers, field).length,
    ),
  );
}

/** The type field's value (a character's kind), or its default. */
export function typeOf(form, answers) {
  const typed = form.fields.find((f) => f.widget === "type");
  if (!typed) return null;
  return answered(answers, typed)[0] || typed.default;
}

/** For each field of `form`: {field, shown, required}: a field of another kind's sub-class is
 * hidden (a contestant's seasons won), and the revealing episode is asked as new asks it. */
export function layout(form, answers, prefixes) {
  const type = typeOf(form, answers);
  return form.fields.map((field) => {
    let shown = !field.only || field.only.includes(type);
    let required = Boolean(field.required);
    const when = field.reveal;
    if (when) {
      if (when.refused_with && filled(form, answers, when.refused_with, prefixes)) shown = false;
      if (when.needed_with && !filled(form, answers, when.needed_with, prefixes)) shown = false;
      required = shown && (Boolean(when.always) || Boolean(when.needed_with));
      if (when.unless) required = !filled(form, answers, when.unless, prefixes);
    }
    return { field, shown, required: shown && required };
  });
}

/** The fields still to fill in: shown, required, without an answer and without a default (new
 * writes a default, such as a character's kind, when it is left out). */
export function missing(form, answers, prefixes) {
  return layout(form, answers, prefixes)
    .filter(({ shown, required, field }) => shown && required && !field.default && !answered(answers, field).length)
    .map(({ field }) => field);
}

/** Only the answers of the fields shown: a hidden field's answer is kept, but not sent to new. */
export function shownAnswers(form, answers, prefixes) {
  const values = {};
  for (const { field, shown } of layout(form, answers, prefixes)) {
    if (shown && answers.values[field.id] !== undefined) values[field.id] = answers.values[field.id];
  }
  return { kind: form.kind, values };
}

/** What the URL fills in: `?kind=bond&from=<iri>` → {kind, values: {from: [iri]}}; unknown kinds
 * and fields are left out. */
export function prefill(search, forms) {
  const params = new URLSearchParams(search);
  const kind = forms.kinds.includes(params.get("kind")) ? params.get("kind") : null;
  const values = {};
  const fields = Object.values(forms.forms).flatMap((f) => f.fields);
  for (const [key, value] of params) {
    if (key === "kind" || !value) continue;
    const field = fields.find((f) => f.id === key && f.widget !== "source");
    if (field) values[key] = [value];
  }
  return { kind, values };
}

/** A label as a heading shows it: its first letter upper-case (the ontology's are lower-case). */
export const capital = (text) => (text ? text[0].toLocaleUpperCase() + text.slice(1) : text);

/** The label of a field: its own, or for a name in one language "Name (Korean)". */
export function labelOf(field) {
  const base = capital(field.label || (field.widget === "type" ? say("type") : field.id));
  return field.lang ? say("in_lang", { label: base, language: say(`lang_${field.lang}`) }) : base;
}

/** The episodes in viewing order (then by name): what a revealing episode is chosen from. */
export function episodes(known) {
  const iri = `${known.base}ns#Episode`;
  return optionsFor(known, iri).sort(
    (a, b) =>
      (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) ||
      (fold(a.title) < fold(b.title) ? -1 : 1),
  );
}

// --- the DOM ---------------------------------------------------------------------------------

const node = (tag, props = {}, ...children) => {
  const made = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") made.textContent = value;
    else if (key.startsWith("aria-") || key === "role" || key === "for") made.setAttribute(key, value);
    else made[key] = value;
  }
  made.append(...children);
  return made;
};

/** Render `form` into `container`; `answers.values` is read for what is already given and written
 * as the reader answers; `changed()` is called after each change. Returns {fields: {id: {wrap,
 * problem, focus}}, refresh()}. */
export function renderForm(container, form, known, answers, changed) {
  container.replaceChildren();
  const rendered = {};
  const prefixes = known.prefixes;
  form.fields.forEach((field, index) => {
    const id = `f${index}`;
    const wrap = node("div", { className: `field widget-${field.widget}` });
    wrap.dataset.field = field.id;
    const helpId = `${id}-help`;
    const problemId = `${id}-problem`;
    const describedBy = [field.help || field.widget === "source" ? helpId : null, problemId].filter(Boolean).join(" ");
    const problem = node("p", { className: "problem", id: problemId });
    const update = (values) => {
      answers.values[field.id] = values;
      changed(field);
    };
    const context = { id, field, known, answers, describedBy, update, prefixes };
    const body = WIDGETS[field.widget] ? WIDGETS[field.widget](context) : textWidget(context);
    wrap.append(...body.nodes);
    const help = [field.help, field.widget === "source" ? say("source_hint") : null].filter(Boolean).join(" ");
    if (help) wrap.append(node("p", { className: "help", id: helpId, text: help }));
    if (field.rules?.length) {
      const rules = node("details", { className: "rules" }, node("summary", { text: say("rules") }));
      rules.append(node("ul", {}, ...field.rules.map((rule) => node("li", { text: rule }))));
      wrap.append(rules);
    }
    wrap.append(problem);
    container.append(wrap);
    rendered[field.id] = { wrap, problem, focus: body.focus, label: body.label };
  });

  function refresh() {
    for (const { field, shown, required } of layout(form, answers, prefixes)) {
      const { wrap, label } = rendered[field.id];
      wrap.hidden = !shown;
      if (label) label.querySelector(".required").hidden = !required;
      for (const control of wrap.querySelectorAll("input:not([type=radio]), select, textarea")) {
        if (required) control.setAttribute("aria-required", "true");
        else control.removeAttribute("aria-required");
      }
    }
  }
  refresh();
  return { fields: rendered, refresh };
}

function labelNode(context, forId, tag = "label") {
  const { field } = context;
  const made = node(tag, tag === "label" ? { for: forId, id: `${context.id}-label` } : { id: `${context.id}-label` });
  made.append(labelOf(field), " ", node("span", { className: "required", text: `(${say("required")})` }));
  if (tag === "legend") made.className = "label";
  return made;
}

/** A field of one value, or a list of rows with "add another" for a repeatable one. */
function rows(context, makeRow) {
  const { field, answers, update, id } = context;
  const values = answered(answers, field);
  if (!field.multiple) {
    const row = makeRow(values[0], `${id}-0`, null, (value) => update(value === "" || value === null ? [] : [value]));
    const label = labelNode(context, row.focusId);
    return { nodes: [label, row.node], focus: row.focus, label };
  }
  const legend = labelNode(context, null, "legend");
  const set = node("fieldset", { id: `${id}-set` }, legend);
  const list = node("div", { className: "rows" });
  const items = [];
  const write = () =>
    update(items.map((item) => item.value()).filter((v) => v !== "" && v !== null && v !== undefined));
  const add = (value, focus = false) => {
    const n = items.length + 1;
    const item = {};
    const row = makeRow(value, `${id}-${n - 1}`, say("nth", { label: labelOf(field), n }), () => write());
    item.value = row.read;
    const remove = node("button", { type: "button", className: "remove", text: say("remove") });
    remove.setAttribute("aria-label", `${say("remove")}: ${say("nth", { label: labelOf(field), n })}`);
    remove.addEventListener("click", () => {
      items.splice(items.indexOf(item), 1);
      wrapRow.remove();
      write();
      (items.at(-1)?.focus ?? addButton).focus();
    });
    const wrapRow = node("div", { className: "row" }, row.node, remove);
    item.focus = row.focus;
    items.push(item);
    list.append(wrapRow);
    addButton.hidden = field.most ? items.length >= field.most : false;
    if (focus) row.focus.focus();
  };
  const addButton = node("button", { type: "button", className: "add", text: say("add", { label: labelOf(field) }) });
  addButton.addEventListener("click", () => add(undefined, true));
  for (const value of values.length ? values : [undefined]) add(value);
  set.append(list, addButton);
  return { nodes: [set], focus: items[0]?.focus ?? addButton, label: legend };
}

function describe(control, context, aria) {
  control.setAttribute("aria-describedby", context.describedBy);
  if (aria) control.setAttribute("aria-label", aria);
}

function textWidget(context) {
  const { field } = context;
  const langString = (field.datatypes || []).includes(`${context.known.prefixes.rdf}langString`);
  const choosesLanguage = field.option === "--set" && langString;
  return rows(context, (value, controlId, aria, changed) => {
    const tag = field.widget === "textarea" ? "textarea" : "input";
    const control = node(tag, { id: controlId, className: "grow" });
    if (tag === "input") control.type = field.widget === "url" ? "url" : "text";
    if (field.widget === "integer") {
      control.inputMode = "numeric";
      control.pattern = "[+\\-]?[0-9]+";
    } else if (field.widget === "number") {
      control.inputMode = "decimal";
    } else if (field.pattern) {
      control.pattern = field.pattern.replace(/^\^|\$$/g, "");
    }
    if (field.widget === "date") {
      control.type = "date";
    }
    if (field.lang) control.lang = field.lang;
    describe(control, context, aria);
    const text = typeof value === "object" && value !== null ? value.value : (value ?? "");
    control.value = text;
    let language = null;
    if (choosesLanguage) {
      language = node("select", { className: "lang" });
      language.setAttribute("aria-label", `${say("language")}: ${aria || labelOf(field)}`);
      for (const code of LANGUAGES) language.append(node("option", { value: code, text: say(`lang_${code}`) }));
      language.value = (typeof value === "object" && value?.lang) || context.known.lang || "en";
      language.addEventListener("change", () => changed(read()));
    }
    const read = () => (language ? { value: control.value, lang: language.value } : control.value);
    control.addEventListener("input", () => changed(read()));
    const nodes = language ? [control, language] : [control];
    return { node: node("div", { className: "row grow" }, ...nodes), focus: control, focusId: controlId, read };
  });
}

function choiceWidget(context) {
  const { field } = context;
  return rows(context, (value, controlId, aria, changed) => {
    const control = node("select", { id: controlId, className: "grow" });
    describe(control, context, aria);
    if (field.id === "confidence") control.append(node("option", { value: "", text: say("automatic") }));
    else if (!field.default)
      control.append(node("option", { value: "", text: field.required ? say("choose") : say("not_given") }));
    for (const choice of field.choices || []) {
      const text = choice.value === field.default ? say("default", { label: choice.label }) : choice.label;
      control.append(node("option", { value: choice.value, text }));
    }
    control.value = value ?? field.default ?? ""; // a default left as it is is an option left out: new writes it
    control.addEventListener("change", () => changed(control.value));
    return { node: control, focus: control, focusId: controlId, read: () => control.value };
  });
}

function booleanWidget(context) {
  const field = {
    ...context.field,
    choices: [
      { value: "true", label: "true" },
      { value: "false", label: "false" },
    ],
  };
  return choiceWidget({ ...context, field });
}

function entityWidget(context) {
  const { field, known } = context;
  const options = optionsFor(known, field.cls);
  return rows(context, (value, controlId, aria, changed) => {
    const made = picker({
      id: controlId,
      labelledBy: aria ? null : `${context.id}-label`,
      describedBy: context.describedBy,
      options,
      value: value ?? "",
      onChange: (iri) => changed(iri),
    });
    if (aria) made.input.setAttribute("aria-label", aria);
    return { node: made.element, focus: made.input, focusId: controlId, read: () => made.value };
  });
}

function revealWidget(context) {
  const { field, known, answers, update, id } = context;
  const control = node("select", { id: `${id}-0` });
  describe(control, context);
  control.append(node("option", { value: "", text: say("choose") }));
  for (const episode of episodes(known)) control.append(node("option", { value: episode.iri, text: episode.title }));
  control.append(node("option", { value: "unknown", text: say("reveal_unknown") }));
  control.value = answered(answers, field)[0] ?? "";
  control.addEventListener("change", () => update(control.value ? [control.value] : []));
  const label = labelNode(context, control.id);
  return { nodes: [label, control], focus: control, label };
}

function typeWidget(context) {
  return choiceWidget(context);
}

/** A source: a page already cited (picked by its title), or a new page's address and title. */
function sourceWidget(context) {
  const { field, known } = context;
  const options = optionsFor(known, `${known.base}ns#Source`);
  const urlOf = Object.fromEntries(Object.entries(known.urls).map(([url, iri]) => [iri, url]));
  return rows(context, (value, controlId, aria, changed) => {
    const name = `${controlId}-how`;
    const box = node("div", { className: "source-row grow" });
    const group = node("div", { className: "choice", role: "radiogroup" });
    group.setAttribute("aria-label", aria || labelOf(field));
    const existing = node("input", { type: "radio", name, value: "existing", id: `${controlId}-existing` });
    const fresh = node("input", { type: "radio", name, value: "new", id: `${controlId}-new` });
    group.append(
      node("label", { for: existing.id }, existing, say("source_existing")),
      node("label", { for: fresh.id }, fresh, say("source_new")),
    );
    const pickPart = node("div", { className: "part" });
    const made = picker({
      id: `${controlId}-pick`,
      describedBy: context.describedBy,
      options,
      value: value?.iri ?? "",
      onChange: () => changed(read()),
    });
    made.input.setAttribute("aria-label", `${aria || labelOf(field)}: ${say("source_existing")}`);
    pickPart.append(made.element);
    const newPart = node("div", { className: "part" });
    const url = node("input", {
      type: "url",
      id: `${controlId}-url`,
      value: value?.url && !value?.iri ? value.url : "",
    });
    const title = node("input", { type: "text", id: `${controlId}-title`, value: value?.title ?? "" });
    url.setAttribute("aria-describedby", `${controlId}-known`);
    const knownNote = node("p", { className: "hint", id: `${controlId}-known` });
    newPart.append(
      node("label", { for: url.id, text: say("source_url") }),
      url,
      knownNote,
      node("label", { for: title.id, text: say("source_title") }),
      title,
    );
    const read = () => {
      if (existing.checked) return made.value ? { iri: made.value, url: urlOf[made.value] } : null;
      if (!url.value) return null;
      return { url: url.value, title: title.value };
    };
    const sync = () => {
      pickPart.hidden = !existing.checked;
      newPart.hidden = !fresh.checked;
      const already = known.urls[url.value];
      knownNote.textContent = already ? say("source_known", { title: known.entities[already]?.t ?? already }) : "";
    };
    (value?.iri || (!value && options.length) ? existing : fresh).checked = true;
    for (const control of [existing, fresh]) {
      control.addEventListener("change", () => {
        sync();
        changed(read());
      });
    }
    for (const control of [url, title]) {
      control.addEventListener("input", () => {
        sync();
        changed(read());
      });
    }
    sync();
    box.append(group, pickPart, newPart);
    return { node: box, focus: existing, focusId: existing.id, read };
  });
}

const WIDGETS = {
  entity: entityWidget,
  choice: choiceWidget,
  type: typeWidget,
  boolean: booleanWidget,
  reveal: revealWidget,
  source: sourceWidget,
};
