"""Files → graph: every way a file can be unreadable gives an InputError naming path:line."""

from __future__ import annotations

import pytest

from stagegraph.errors import InputError
from stagegraph.rdf.load import load, load_ontology, load_schema, rdf_files

GOOD = '@prefix ex: <http://example.org/> .\nex:a ex:b "c" .\n'


def write(tmp_path, name, text, mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, "bad.ttl", GOOD + 'ex:a ex:b "unterminated .\nex:d ex:e ex:f .\n')
    with pytest.raises(InputError) as err:
        load([path])
    assert err.value.path == str(path)
    assert err.value.line == 3
    assert str(err.value).startswith(f"{path}:3: Turtle syntax error")


def test_unbound_prefix_is_a_syntax_error_on_its_line(tmp_path):
    path = write(tmp_path, "prefix.ttl", GOOD + "nope:a nope:b nope:c .\n")
    with pytest.raises(InputError, match=r"prefix\.ttl:3: .*prefix nope: has not been declared"):
        load([path])


@pytest.mark.parametrize(
    ("name", "text"),
    [("empty.ttl", ""), ("blank.ttl", "  \n\t\n"), ("comment.ttl", "# nothing yet\n"), ("empty.nt", "")],
)
def test_an_empty_file_is_the_empty_graph(tmp_path, name, text):
    """Turtle and N-Triples allow a document with no statements (issue 23); it was refused."""
    path = write(tmp_path, name, text)
    loaded = load([path])
    assert len(loaded.graph) == 0 and loaded.files == [path]


def test_missing_path_is_refused(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        load([tmp_path / "missing.ttl"])


def test_unknown_file_kind_is_refused(tmp_path):
    path = write(tmp_path, "notes.txt", "hello")
    with pytest.raises(InputError, match=r"not a Turtle \(\.ttl\)"):
        load([path])


def test_non_utf8_file_names_the_line(tmp_path):
    path = write(tmp_path, "latin1.ttl", GOOD.encode() + b'ex:a ex:b "caf\xe9" .\n', mode="wb")
    with pytest.raises(InputError, match=r"latin1\.ttl:3: not valid UTF-8"):
        load([path])


def test_folder_reads_ttl_in_order_and_skips_hidden_files(tmp_path):
    write(tmp_path, "b.ttl", GOOD)
    write(tmp_path, "a.ttl", GOOD.replace('"c"', '"d"'))
    write(tmp_path, ".a.ttl.tmp123.ttl", "this is a half-written temporary file")
    write(tmp_path, "README.md", "not data")
    assert [p.name for p in rdf_files([tmp_path])] == ["a.ttl", "b.ttl"]
    loaded = load([tmp_path])
    assert len(loaded.graph) == 2
    assert len(loaded.files) == 2


def test_origin_remembers_the_file_of_each_subject(tmp_path):
    first = write(tmp_path, "first.ttl", GOOD)
    write(tmp_path, "second.ttl", GOOD.replace("ex:a", "ex:z"))
    loaded = load([tmp_path])
    subject = next(iter(loaded.graph.subjects()))
    assert loaded.file_of(subject) is not None
    from rdflib import URIRef

    assert loaded.file_of(URIRef("http://example.org/a")) == first


def test_schema_without_shapes_is_refused(tmp_path):
    write(tmp_path, "onto.ttl", GOOD)
    with pytest.raises(InputError, match="no SHACL shapes file found"):
        load_schema([tmp_path])


def test_schema_splits_ontology_and_shapes(ontology_dir):
    ontology, shapes = load_schema([ontology_dir])
    assert [p.name for p in ontology.files] == ["stagegraph.ttl"]
    assert [p.name for p in shapes.files] == ["shapes.ttl"]


# --------------------------------------------------------------------------- shapes files, found by what they say

SH = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
TARGETED = GOOD + SH + "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .\n"
MENTIONS = GOOD + SH + 'ex:a ex:note "checked by a sh:NodeShape, one day" .\n'


@pytest.mark.parametrize(
    "text",
    [TARGETED, GOOD + SH + "ex:S a sh:PropertyShape .\n", GOOD + SH + "ex:S sh:path ex:p ; sh:datatype ex:T .\n"],
)
def test_a_shapes_file_is_found_by_the_shapes_it_declares(tmp_path, text):
    """A shape need not be typed sh:NodeShape (the word was all the old text search looked for)."""
    write(tmp_path, "onto.ttl", GOOD)
    write(tmp_path, "rules.ttl", text)
    ontology, shapes = load_schema([tmp_path])
    assert [p.name for p in shapes.files] == ["rules.ttl"] and [p.name for p in ontology.files] == ["onto.ttl"]


def test_a_file_naming_nodeshape_without_declaring_one_is_ontology(tmp_path):
    write(tmp_path, "onto.ttl", MENTIONS)
    with pytest.raises(InputError, match="no SHACL shapes file found"):
        load_schema([tmp_path])
    assert len(load_ontology([tmp_path]).graph) == 2


def test_shapes_alone_are_a_schema_with_an_empty_ontology(tmp_path):
    """A file holding data and shapes (every W3C SHACL test does) is usable as --ontology: it was
    refused with "no ontology file found"."""
    path = write(tmp_path, "all-in-one.ttl", TARGETED)
    ontology, shapes = load_schema([path])
    assert len(ontology.graph) == 0 and ontology.files == []
    assert shapes.files == [path] and len(shapes.graph) == 5


def test_a_schema_folder_without_files_is_refused(tmp_path):
    with pytest.raises(InputError, match="no ontology or shapes files"):
        load_schema([tmp_path])


def test_a_broken_schema_file_is_refused_with_its_line_while_looking_for_shapes(tmp_path):
    path = write(tmp_path, "shapes.ttl", SH + "ex:S sh:targetClass .\n")
    with pytest.raises(InputError, match=r"shapes\.ttl:2: Turtle syntax error"):
        load_schema([path])


def test_the_ontology_is_loaded_without_building_the_shapes(monkeypatch, ontology_dir):
    """A query needs the ontology only: the shapes file is scanned, never parsed into a graph."""
    import stagegraph.rdf.load as load_module

    parsed, parse = [], load_module.parse_into

    def recorded(path, *args, **kwargs):
        parsed.append(path.name)
        return parse(path, *args, **kwargs)

    monkeypatch.setattr(load_module, "parse_into", recorded)
    load_module.load_ontology([ontology_dir])
    assert parsed == ["stagegraph.ttl"]


def test_a_schema_file_is_parsed_once_to_find_its_shapes_until_it_changes(tmp_path, monkeypatch):
    """load_schema splits the same files into ontology and shapes: each is classified once, and again
    only once it is rewritten."""
    import stagegraph.rdf.load as load_module

    seen = []
    real = load_module.declares_shapes
    monkeypatch.setattr(load_module, "declares_shapes", lambda path: seen.append(path.name) or real(path))
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> a sh:NodeShape .\n", encoding="utf-8")
    (tmp_path / "ontology.ttl").write_text("<urn:c> a <http://www.w3.org/2002/07/owl#Class> .\n", encoding="utf-8")
    load_module.load_schema([tmp_path])
    assert sorted(seen) == ["ontology.ttl", "shapes.ttl"]
    shapes.write_text("<urn:c> a <http://www.w3.org/2002/07/owl#Class> .\n", encoding="utf-8")
    with pytest.raises(InputError):  # no shapes any more: the rewritten file was read again
        load_module.load_schema([tmp_path])
    assert sorted(seen) == ["ontology.ttl", "shapes.ttl", "shapes.ttl"]
