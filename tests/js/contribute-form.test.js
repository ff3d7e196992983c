// The contribute form's pure parts (src/stagegraph/site/contribute/js/form.js and search.js): which
// fields show and are required (a sub-class's field, the revealing episode as new asks it), what is
// still missing, what the URL fills in, and finding an entity by any of its names.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  expand,
  labelOf,
  layout,
  missing,
  prefill,
  shownAnswers,
} from "../../src/stagegraph/site/contribute/js/form.js";
import { exactly, fold, matching, optionsFor } from "../../src/stagegraph/site/contribute/js/search.js";
import { setWords } from "../../src/stagegraph/site/contribute/js/words.js";

const SG = "https://w3id.org/stagegraph/ns#";
const prefixes = { sg: SG };
const f = (id, extra = {}) => ({ id, option: `--${id}`, param: id, paths: [], label: id, widget: "text", ...extra });
const character = {
  kind: "character",
  fields: [
    f("character-kind", {
      widget: "type",
      default: "character",
      args: { character: ["--kind", "character"], contestant: ["--kind", "contestant"] },
    }),
    f("name", { required: true, lang: "en", label: "name" }),
    f("sg:seasonWins", { option: "--set", only: ["contestant"] }),
    f("note", { paths: [`${SG}note`], story: true }),
    f("revealed-in", { widget: "reveal", reveal: { needed_with: ["sg:note", "story"] } }),
  ],
};
const fate = {
  kind: "fate",
  fields: [
    f("episode", { paths: [`${SG}inEpisode`] }),
    f("revealed-in", { widget: "reveal", reveal: { unless: ["sg:inEpisode"] } }),
  ],
};
const song = {
  kind: "song",
  fields: [
    f("episode", { paths: [`${SG}performedIn`] }),
    f("note", { paths: [`${SG}note`] }),
    f("revealed-in", { widget: "reveal", reveal: { needed_with: ["sg:note"], refused_with: ["sg:performedIn"] } }),
  ],
};
const shown = (form, values) =>
  Object.fromEntries(layout(form, { values }, prefixes).map((l) => [l.field.id, [l.shown, l.required]]));

describe("which fields show and are required", () => {
  test("a field of a sub-class shows only for that type", () => {
    assert.deepEqual(shown(character, {})["sg:seasonWins"], [false, false]);
    assert.deepEqual(shown(character, { "character-kind": ["contestant"] })["sg:seasonWins"], [true, false]);
  });
  test("a character's revealing episode is asked with its note, and then required", () => {
    assert.deepEqual(shown(character, {})["revealed-in"], [false, false]);
    assert.deepEqual(shown(character, { note: ["Seen."] })["revealed-in"], [true, true]);
  });
  test("a fate's is required unless its episode is given", () => {
    assert.deepEqual(shown(fate, {})["revealed-in"], [true, true]);
    assert.deepEqual(shown(fate, { episode: ["e"] })["revealed-in"], [true, false]);
  });
  test("a song's is refused with the episode it is sung in", () => {
    assert.deepEqual(shown(song, { note: ["n"] })["revealed-in"], [true, true]);
    assert.deepEqual(shown(song, { note: ["n"], episode: ["e"] })["revealed-in"], [false, false]);
  });
  test("missing: the required fields shown and not answered; hidden answers are not sent", () => {
    assert.deepEqual(
      missing(character, { values: { note: ["n"] } }, prefixes).map((x) => x.id),
      ["name", "revealed-in"],
    );
    assert.deepEqual(
      missing(character, { values: { name: [" "], note: [""] } }, prefixes).map((x) => x.id),
      [],
    );
    assert.deepEqual(shownAnswers(character, { values: { "sg:seasonWins": ["2"], name: ["N"] } }, prefixes).values, {
      name: ["N"],
    });
  });
});

describe("the URL's prefill and the labels", () => {
  const forms = { kinds: ["character", "fate"], forms: { character, fate } };
  test("?kind=…&field=…: known kinds and fields only", () => {
    assert.deepEqual(prefill("?kind=fate&episode=e1&nope=x", forms), { kind: "fate", values: { episode: ["e1"] } });
    assert.deepEqual(prefill("?kind=<script>", forms), { kind: null, values: {} });
  });
  test("a name in one language says which; labels start upper-case", () => {
    setWords({ in_lang: "{label} ({language})", lang_en: "English" });
    assert.equal(labelOf(character.fields[1]), "Name (English)");
    assert.equal(expand("sg:note", prefixes), `${SG}note`);
  });
});

describe("finding an entity by any name in any language", () => {
  const known = {
    classes: { c: ["m", "t", "s"] },
    entities: {
      m: { t: "Mizi", n: ["Mizi", "미지", "ミジ"] },
      t: { t: "Till", n: ["Till", "틸"] },
      s: { t: "Sua", n: ["Sua", "수아"] },
    },
  };
  const options = optionsFor(known, "c");
  test("by title, then the names each matched by", () => {
    assert.deepEqual(
      options.map((o) => o.title),
      ["Mizi", "Sua", "Till"],
    );
    assert.deepEqual(
      matching(options, "미").map((m) => [m.option.iri, m.by]),
      [["m", "미지"]],
    );
    assert.deepEqual(
      matching(options, "i").map((m) => m.option.iri),
      ["m", "t"],
    );
    assert.equal(exactly(options, " TILL ").iri, "t");
    assert.equal(exactly(options, "Ti"), null);
    assert.equal(fold("Ｍｉｚｉ"), "mizi");
  });
});
