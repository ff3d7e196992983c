// The SPARQL page's post-processing (src/stagegraph/site/sparql/js/post.js): labels, chains, order
// and sets as query/post.py and query/run.py do them. tests/site/test_post_equivalence.py proves
// it equal to Python's over every library query; these pin each rule on its own.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  apply,
  byCodePoint,
  CHUNK,
  chain,
  compare,
  label,
  order,
  pick,
  pythonFloat,
  pythonInt,
  sortable,
  sortSets,
} from "../../src/stagegraph/site/sparql/js/post.js";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const E = "https://w3id.org/stagegraph/character/";
const iri = (name) => ({ type: "uri", value: E + name });
const text = (value, extra = {}) => ({ type: "literal", value, ...extra });
const int = (value) => text(value, { datatype: `${XSD}integer` });
const double = (value) => text(value, { datatype: `${XSD}double` });
const result = (vars, rows) => ({ head: { vars }, results: { bindings: rows } });
const values = (json, name) => json.results.bindings.map((row) => (row[name] ? row[name].value : null));

/** A runSelect that answers the labels query from `labels` ({iri: [label, …]}), recording each query. */
function labelStore(labels) {
  const asked = [];
  const runSelect = async (query) => {
    asked.push(query);
    const rows = [];
    for (const [, found] of query.matchAll(/<([^>]+)>/g)) {
      for (const labelCell of labels[found] || [])
        rows.push({ entity: { type: "uri", value: found }, label: labelCell });
    }
    return result(["entity", "label"], rows);
  };
  return { asked, runSelect };
}

describe("byCodePoint", () => {
  test("orders as Python does: by code point, not by UTF-16 unit", () => {
    const words = ["b", "a", "\u{1F600}", "\uE000", "ab", "", "\uFFFF", "\u{10000}"];
    const reference = (a, b) => {
      const [x, y] = [Array.from(a), Array.from(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const d = x[i].codePointAt(0) - y[i].codePointAt(0);
        if (d) return d;
      }
      return x.length - y.length;
    };
    assert.deepEqual(words.slice().sort(byCodePoint), words.slice().sort(reference));
    assert.ok(byCodePoint("\uE000", "\u{1F600}") < 0); // "<" says the opposite
    assert.ok("\uE000" > "\u{1F600}");
    assert.equal(byCodePoint("abc", "abc"), 0);
  });
});

describe("numbers as Python's int() and float() read them", () => {
  test("int: white space, signs, underscores between digits, the digits of every script", () => {
    assert.equal(pythonInt(" 7\n"), 7n);
    assert.equal(pythonInt("+6"), 6n);
    assert.equal(pythonInt("1_000"), 1000n);
    assert.equal(pythonInt("٣"), 3n);
    assert.equal(pythonInt("１２"), 12n); // fullwidth digits
    assert.equal(pythonInt("12345678901234567891"), 12345678901234567891n);
    for (const refused of ["1__0", "_1", "1_", "0x10", "5.0", "", " ", "1 2"])
      assert.equal(pythonInt(refused), null, refused);
  });

  test("float: exponents, a bare point, inf, infinity and nan in any case", () => {
    assert.equal(pythonFloat("1."), 1);
    assert.equal(pythonFloat(".5"), 0.5);
    assert.equal(pythonFloat("1_0.5"), 10.5);
    assert.equal(pythonFloat("1e400"), Infinity);
    assert.equal(pythonFloat("-INF"), -Infinity);
    assert.equal(pythonFloat("Infinity"), Infinity);
    assert.ok(Number.isNaN(pythonFloat("nan")));
    for (const refused of ["1e", "abc", ".", "1_.5", "0x10", "in f"]) assert.equal(pythonFloat(refused), null, refused);
  });
});

describe("sortable and compare", () => {
  test("unbound first, then numbers by value, then text", () => {
    const cells = [text("b"), int("10"), undefined, double("2.5"), iri("a"), int("9")];
    const sorted = cells.map(sortable).sort(compare);
    assert.deepEqual(sorted, [
      [0, 0, ""],
      [1, 2.5, ""],
      [1, 9n, ""],
      [1, 10n, ""],
      [2, 0, "b"],
      [2, 0, `${E}a`],
    ]);
  });

  test("xsd:decimal, xsd:boolean and ill-formed numbers sort as text", () => {
    assert.deepEqual(sortable(text("2.5", { datatype: `${XSD}decimal` })), [2, 0, "2.5"]);
    assert.deepEqual(sortable(text("true", { datatype: `${XSD}boolean` })), [2, 0, "true"]);
    assert.deepEqual(sortable(int("x")), [2, 0, "x"]);
  });

  test("integers beyond 2^53 compare exactly, with each other and with doubles", () => {
    assert.ok(compare(sortable(int("9007199254740993")), sortable(int("9007199254740992"))) > 0);
    assert.equal(compare(sortable(int("5")), sortable(double("5.0"))), 0);
  });
});

describe("order", () => {
  test("stable, by several columns, descending with '-'", () => {
    const json = result(
      ["n", "name"],
      [
        { n: int("1"), name: text("b") },
        { n: int("2"), name: text("a") },
        { n: int("1"), name: text("a") },
        { name: text("c") },
      ],
    );
    order(json, ["-n", "name"]);
    assert.deepEqual(values(json, "name"), ["a", "a", "b", "c"]);
    assert.deepEqual(values(json, "n"), ["2", "1", "1", null]);
  });

  test("descending keeps equal rows in their order, as Python's reverse=True does", () => {
    const json = result(
      ["n", "tag"],
      ["1", "2", "1", "2"].map((n, i) => ({ n: int(n), tag: text(String(i)) })),
    );
    order(json, ["-n"]);
    assert.deepEqual(values(json, "tag"), ["1", "3", "0", "2"]);
  });

  test("a column the result does not have is an error", () => {
    assert.throws(() => order(result(["a"], []), ["b"]), /header/);
  });
});

describe("chain", () => {
  test("the bound parts joined with → into one column where the first part was", () => {
    const json = result(
      ["x", "n1", "n2", "length", "n3"],
      [
        { x: text("x"), n1: text("A"), n2: text("B"), n3: text("C"), length: int("2") },
        { n1: text("A"), n3: text("C") },
      ],
    );
    chain(json, "chain", ["n1", "n2", "n3"]);
    assert.deepEqual(json.head.vars, ["x", "chain", "length"]);
    assert.deepEqual(json.results.bindings[0].chain, text("A → B → C"));
    assert.deepEqual(json.results.bindings[1], { chain: text("A → C") });
  });
});

describe("labels", () => {
  test("each entity's label in the language, else English, else unbound; one query per 500", async () => {
    const entities = Array.from({ length: CHUNK + 1 }, (_, i) => `e${i}`);
    const labels = {
      [`${E}e0`]: [text("영", { "xml:lang": "ko" }), text("Zero", { "xml:lang": "en" })],
      [`${E}e1`]: [text("One", { "xml:lang": "en" })],
      [`${E}e2`]: [text("Deux", { "xml:lang": "fr" })],
    };
    const json = result(
      ["who", "other"],
      entities.map((name) => ({ who: iri(name), other: iri(name) })),
    );
    const store = labelStore(labels);
    await label(json, ["who", "missing"], "ko", "SELECT * WHERE { VALUES ?entity { %s } }", store.runSelect);
    assert.equal(store.asked.length, 2);
    assert.deepEqual(values(json, "who").slice(0, 4), ["영", "One", null, null]);
    assert.deepEqual(json.results.bindings[0].other, iri("e0")); // columns not asked for stay
  });

  test("labels sorted as rdflib sorts them: by language tag, then text; a region counts as its language", () => {
    const labels = [text("Abe", { "xml:lang": "en-gb" }), text("Zed", { "xml:lang": "en" })];
    assert.equal(pick(labels.slice().reverse(), "en").value, "Zed");
    assert.equal(pick([text("Dee", { "xml:lang": "en-GB" })], "ko").value, "Dee");
    assert.equal(pick([text("x")], "en"), null);
  });

  test("a literal spelling an entity's IRI gets its label, as in query/post.py", async () => {
    const json = result(["who"], [{ who: iri("a") }, { who: text(`${E}a`) }, { who: text("a") }]);
    const store = labelStore({ [`${E}a`]: [text("A", { "xml:lang": "en" })] });
    await label(json, ["who"], "en", "%s", store.runSelect);
    assert.deepEqual(values(json, "who"), ["A", "A", null]);
  });

  test("an IRI that could end the query's term is refused", async () => {
    const json = result(["who"], [{ who: { type: "uri", value: "http://e/a> } DROP ALL" } }]);
    await assert.rejects(label(json, ["who"], "en", "%s", labelStore({}).runSelect), /bad_iri/);
  });
});

describe("sets and apply", () => {
  test("set members sorted by code point, the cell a plain literal as Python makes it", () => {
    const json = result(["s"], [{ s: text("b; a; \u{1F600}; \uE000", { "xml:lang": "en" }) }, { s: iri("x") }, {}]);
    sortSets(json, ["s", "absent"]);
    assert.deepEqual(json.results.bindings, [{ s: text("a; b; \uE000; \u{1F600}") }, { s: iri("x") }, {}]);
  });

  test("apply does labels, then chains, then order, and says whether it did anything", async () => {
    const json = result(
      ["n1", "n2", "length"],
      [
        { n1: iri("a"), n2: iri("b"), length: int("1") },
        { n1: iri("b"), length: int("2") },
      ],
    );
    const store = labelStore({
      [`${E}a`]: [text("A", { "xml:lang": "en" })],
      [`${E}b`]: [text("B", { "xml:lang": "en" })],
    });
    const example = { labels: ["n1", "n2"], chains: [["chain", ["n1", "n2"]]], order: ["-length"] };
    assert.equal(await apply(json, example, "en", "%s", store.runSelect), true);
    assert.deepEqual(json.head.vars, ["chain", "length"]);
    assert.deepEqual(values(json, "chain"), ["B", "A → B"]);
    assert.equal(await apply(result([], []), {}, "en", "%s", store.runSelect), false);
  });
});
