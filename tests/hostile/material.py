"""Hostile material the cases plant: broken Turtle, hostile labels, deep nesting, setups."""

from __future__ import annotations

import os
import subprocess

from .harness import BASE, Case

HEAD = (
    "@prefix sg: <https://w3id.org/stagegraph/ns#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix character: <https://w3id.org/stagegraph/character/> .\n"
)  # 4 lines
FINE = 'character:alpha rdfs:comment "fine" .'  # line 5 of every broken snippet; line 6 is broken
SOURCE = "https://example.org/wiki/test-show"  # a source URL of the small universe
NT_OK = '<https://w3id.org/stagegraph/character/alpha> <http://www.w3.org/2000/01/rdf-schema#comment> "ok" .\n'


def ttl(*lines: str) -> str:
    return HEAD + "\n".join(lines) + "\n"


def broken(line6: str) -> str:
    """A Turtle snippet whose line 6 is ``line6`` (lines 1-5 are fine)."""
    return ttl(FINE, line6)


def base_text() -> str:
    return BASE.read_text(encoding="utf-8")


def relabel(label_turtle: str) -> str:
    """The small universe with Alpha's English label replaced by a Turtle literal's body."""
    return base_text().replace('rdfs:label "Alpha"@en', f'rdfs:label "{label_turtle}"@en', 1)


def contribution(slug: str = "hostile-source", extra: str = "") -> str:
    """A new source: valid against the small universe; ``add`` writes it to sources.ttl."""
    return (
        HEAD + f"<https://w3id.org/stagegraph/source/{slug}> a sg:Source ;\n"
        f'    rdfs:label "A hostile test source{extra}"@en ;\n'
        f'    sg:url "https://example.org/{slug}"^^xsd:anyURI ;\n'
        "    sg:sourceKind <https://w3id.org/stagegraph/vocab/sourcekind/fan> .\n"
    )


def deep_blank_nodes(depth: int = 10_000) -> str:
    return ttl("character:alpha rdfs:comment " + "[ rdfs:comment " * depth + '"bottom"' + " ]" * depth + " .")


def deep_collection(depth: int = 10_000) -> str:
    return ttl("character:alpha rdfs:comment " + "( " * depth + '"bottom"' + " )" * depth + " .")


# --------------------------------------------------------------------------- setups


def put(rel: str, content: str | bytes):
    """A setup that writes one sandbox file."""

    def setup(box):
        box.write(rel, content)

    return setup


def each(*setups):
    def setup(box):
        for step in setups:
            step(box)

    return setup


def link(rel: str, target: str):
    """A setup that makes a symbolic link (``target`` may use the sandbox places)."""

    def setup(box):
        box.link(rel, box.expand(target))

    return setup


def folder(rel: str):
    def setup(box):
        (box.root / rel).mkdir(parents=True, exist_ok=True)

    return setup


def fifo(rel: str):
    def setup(box):
        os.mkfifo(box.root / rel)

    return setup


def fifo_with_reader(rel: str):
    """A named pipe with a reader at the other end (``cat``, ended after the case), as
    ``-o >(gzip > out.gz)`` gives: writing through it is fine, replacing it is not."""

    def setup(box):
        path = box.root / rel
        os.mkfifo(path)
        reader = subprocess.Popen(["cat", str(path)], stdout=subprocess.DEVNULL)
        box.cleanups.append(lambda: (reader.kill(), reader.wait()))

    return setup


def null_device(rel: str):
    """A character device (1, 3: the null device) inside the sandbox, never the system's /dev/null."""

    def setup(box):
        os.mknod(box.root / rel, 0o666 | 0o020000, os.makedev(1, 3))

    return setup


def read_only(rel: str, content: str = "keep me\n"):
    def setup(box):
        box.write(rel, content).chmod(0o444)

    return setup


def immutable(rel: str, content: str = "keep me\n"):
    """chattr +i (undone after the case, so the sandbox can be removed)."""

    def setup(box):
        path = box.write(rel, content)
        subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
        box.cleanups.append(lambda: subprocess.run(["chattr", "-i", str(path)], capture_output=True))

    return setup


def journal(lines: str, *planted: tuple[str, str | bytes]):
    """A planted ``.stagegraph.journal`` in data/ (and the staged files it names)."""
    return each(put("data/.stagegraph.journal", lines), *(put(rel, body) for rel, body in planted))


def case(id: str, *args: str, code, **more) -> Case:
    return Case(id, tuple(args), frozenset(code) if isinstance(code, (set, frozenset)) else code, **more)
