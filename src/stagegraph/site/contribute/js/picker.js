// An entity picker: a text input and the list of the entities whose names (in any language) match
// what is typed, in the ARIA combobox pattern: the list opens as one types or presses ↓, ↑ and ↓
// move through it, Enter chooses, Escape closes; the choice is the entity's IRI. Every text is
// set with textContent: names are data.
import { exactly, matching } from "./search.js";
import { say } from "./words.js";

/** A picker over `options` (search.js's optionsFor): {element, input, value, set(iri), onChange}. */
export function picker({ id, labelledBy, describedBy, options, value = "", required = false, onChange = () => {} }) {
  const listId = `${id}-list`;
  const element = document.createElement("div");
  element.className = "picker grow";
  const input = document.createElement("input");
  Object.assign(input, { type: "text", id, autocomplete: "off", spellcheck: false });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  if (labelledBy) input.setAttribute("aria-labelledby", labelledBy);
  if (describedBy) input.setAttribute("aria-describedby", describedBy);
  if (required) input.setAttribute("aria-required", "true");
  const list = document.createElement("ul");
  list.id = listId;
  list.setAttribute("role", "listbox");
  list.hidden = true;
  if (labelledBy) list.setAttribute("aria-labelledby", labelledBy);
  const status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  element.append(input, list, status);

  const state = { value: "", shown: [], active: -1 };
  const byIri = new Map(options.map((o) => [o.iri, o]));

  function choose(iri, quiet = false) {
    const option = byIri.get(iri);
    state.value = option ? iri : "";
    input.value = option ? option.title : "";
    input.removeAttribute("aria-invalid");
    if (!quiet) onChange(state.value);
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    state.active = -1;
  }

  function show() {
    const found = matching(options, input.value === (byIri.get(state.value)?.title ?? null) ? "" : input.value);
    state.shown = found.map((f) => f.option);
    list.replaceChildren();
    found.forEach(({ option, by }, i) => {
      const item = document.createElement("li");
      item.id = `${id}-o${i}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.iri = option.iri;
      item.textContent = option.title;
      if (by) {
        const also = document.createElement("span");
        also.className = "also";
        also.textContent = say("also", { names: by });
        item.append(also);
      }
      item.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the input
      item.addEventListener("click", () => {
        choose(option.iri);
        close();
      });
      list.append(item);
    });
    if (!found.length) {
      const none = document.createElement("li");
      none.className = "none";
      none.setAttribute("role", "presentation");
      none.textContent = say("none_found");
      list.append(none);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = found.length ? say("found", { n: found.length }) : say("none_found");
    state.active = -1;
    input.removeAttribute("aria-activedescendant");
  }

  function move(step) {
    if (list.hidden) show();
    if (!state.shown.length) return;
    state.active = (state.active + step + state.shown.length) % state.shown.length;
    list.querySelectorAll("[role=option]").forEach((item, i) => {
      item.setAttribute("aria-selected", i === state.active ? "true" : "false");
      if (i === state.active) {
        input.setAttribute("aria-activedescendant", item.id);
        item.scrollIntoView?.({ block: "nearest" });
      }
    });
  }

  input.addEventListener("input", () => {
    state.value = "";
    onChange("");
    show();
  });
  input.addEventListener("focus", () => {
    if (!state.value && !input.value) show();
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      if (!list.hidden && state.active >= 0) {
        event.preventDefault();
        choose(state.shown[state.active].iri);
        close();
      } else if (!list.hidden) {
        const only = exactly(options, input.value) || (state.shown.length === 1 ? state.shown[0] : null);
        event.preventDefault();
        if (only) {
          choose(only.iri);
          close();
        }
      }
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => {
    close();
    if (state.value) {
      input.value = byIri.get(state.value).title;
      return;
    }
    const only = exactly(options, input.value);
    if (only) choose(only.iri);
    else if (input.value.trim()) input.setAttribute("aria-invalid", "true");
  });

  if (value) choose(value, true);
  return {
    element,
    input,
    get value() {
      return state.value;
    },
    get text() {
      return input.value;
    },
    set(iri) {
      choose(iri, true);
    },
  };
}
