"""``stagegraph add``: check a contribution, validate it merged with the data, then write it.

Nothing is written unless the merged graph conforms around the contribution (see
validate/neighbourhood.py: the shapes run on what the contribution touches, which is where
a new violation can be; for a large contribution the fast engine validates the whole merged
data instead, with the same report: fastcheck.py); each file is replaced atomically; a lock
serialises contributors, and the data is re-read under the lock so nobody's triples are lost.
"""

from __future__ import annotations

import difflib
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from .. import bundle
from ..errors import ContributionRefused, InputError, StagegraphError
from ..files import WriteError, data_lock, finish, read_utf8, remove_stale, write_many
from ..rdf.canonical import leading_comments, serialize
from ..rdf.load import load, parse_file, parse_text, rdf_files
from ..rdf.namespaces import BASE, SAFE_IRI, SG, short
from ..store.oxigraph import OxigraphStore, choose
from ..universe import Universe
from ..validate.neighbourhood import GraphSource, MergedSource, neighbourhood, validate_around
from .describe import describe
from .fastcheck import choose_engine, validate_merged
from .splice import splice

TOPIC_FILES = {
    SG.Source: "sources.ttl",
    SG.Series: "series.ttl",
    SG.Episode: "series.ttl",
    SG.Place: "series.ttl",
    SG.Character: "characters.ttl",
    SG.AttributeStatement: "characters.ttl",
    SG.Fate: "fates.ttl",
    SG.Match: "matches.ttl",
    SG.Slot: "matches.ttl",
    SG.Song: "songs.ttl",
    SG.Credit: "songs.ttl",
    SG.Agent: "people.ttl",
    SG.Bond: "bonds.ttl",
}
VOCAB = (str(SG), BASE + "vocab/")
INVALID = "the contribution would make the data invalid; nothing was written"


@dataclass
class AddResult:
    folder: Path
    added: int = 0
    facts: list[dict] = field(default_factory=list)  # contribute.describe, + new_properties of one already there
    files: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False


def data_folder(universe) -> Path:
    """The one folder ``add`` writes to: ``--data DIR``, or the checkout's data/."""
    paths = universe.data_paths
    if len(paths) != 1 or not Path(paths[0]).is_dir():
        raise InputError("add writes to one data folder: pass a single --data DIR")
    folder = Path(paths[0])
    if bundle.is_installed_copy(folder):
        raise WriteError(
            f"{folder} is the installed package's copy of the data, which is never written to; "
            "pass --data DIR with your checkout's data/ folder"
        )
    return folder


def check_terms(contribution: Graph, ontology: Graph, source: str) -> None:
    """Refuse IRIs that are not valid, and terms in the project's vocabulary namespaces that
    the ontology does not define."""
    known = {str(t) for t in ontology.all_nodes() if isinstance(t, URIRef)}
    for term in sorted({t for triple in contribution for t in triple if isinstance(t, URIRef)}):
        text = str(term)
        if not SAFE_IRI.match(text) or ":" not in text:
            raise ContributionRefused(
                f"{source}: <{text}> is not a valid IRI (spaces, quotes and <> are not "
                "allowed); use a slug of lowercase letters, digits and hyphens"
            )
        if text.startswith(VOCAB) and text not in known:
            close = difflib.get_close_matches(text, [k for k in known if k.startswith(VOCAB)], n=1, cutoff=0.6)
            hint = f"did you mean {short(close[0])}?" if close else "see ontology/stagegraph.ttl for the terms"
            raise ContributionRefused(f"{source}: {short(term)} is not a term of the ontology; {hint}")


def topic_file(subject, merged: Graph, ontology: Graph, origin: dict, depth: int = 0) -> str:
    """The data file a subject belongs in: where it already is; a statement (an attribute's, a
    note's) beside what it annotates; else the file of its class's topic."""
    if subject in origin:
        return Path(origin[subject]).name
    about = merged.value(subject, SG.statementSubject)
    if about is not None and about != subject and depth < 8:
        return topic_file(about, merged, ontology, origin, depth + 1)
    for cls in merged.objects(subject, RDF.type):
        for ancestor in ontology.transitive_objects(cls, RDFS.subClassOf):
            if ancestor in TOPIC_FILES:
                return TOPIC_FILES[ancestor]
    raise ContributionRefused(
        f"{short(subject)} has no rdf:type the ontology knows, so there is no telling which "
        "data file it belongs to; add its type (e.g. a sg:Bond)"
    )


def add(
    universe,
    source_path: Path | None,
    text: str | None = None,
    *,
    dry_run: bool = False,
    build=None,
    engine: str = "auto",
    name: str | None = None,
) -> AddResult:
    """Add a contribution (a file, Turtle text, or ``build(universe) -> Turtle`` made under the lock),
    validated by ``engine`` (``pyshacl``, ``fast``, or ``auto``: by size, see fastcheck.py); ``name``
    is what messages call Turtle text (default ``<stdin>``)."""
    folder = data_folder(universe)
    name = str(source_path) if source_path else (name or "<stdin>")
    ontology = universe.ontology.graph
    with nullcontext() if dry_run else data_lock(folder):
        if not dry_run:
            finish(folder)  # an add that died between two renames is completed first
            remove_stale(folder)  # and the staged files of a killed writer are removed
        if build is not None:  # new --add: choose IRIs while no one else can take them
            text = build(Universe(data_paths=(folder,), ontology_paths=universe.ontology_paths, store_kind="memory"))
        contribution = _parse(source_path, text, name)
        check_terms(contribution, ontology, name)
        # The store path validates with pySHACL around the contribution; --engine fast parses the data.
        quick = None if engine == "fast" else _add_by_store(universe, folder, contribution, name, dry_run)
        if quick is not None:
            return quick
        return _add_in_memory(universe, folder, contribution, name, source_path, text, dry_run, engine)


def describe_contribution(universe, source_path: Path | None, text: str | None = None, name: str | None = None):
    """What a contribution states, fact by fact (``describe``), its entities named from the data
    and the ontology: what ``add --dry-run`` says a refused contribution proposes. Empty when it
    cannot be read."""
    name = str(source_path) if source_path else (name or "<stdin>")
    try:
        contribution = _parse(source_path, text, name)
        data = load([data_folder(universe)]).graph
    except StagegraphError:
        return []
    context = Index(contribution, data, universe.ontology.graph)
    return [describe(context, s) for s in sorted(set(contribution.subjects()))]


def _add_in_memory(
    universe, folder: Path, contribution: Graph, name: str, source_path, text, dry_run: bool, engine: str
) -> AddResult:
    """``add`` for data small enough to parse: validated by ``engine``, then the topic files rewritten."""
    current = load([folder])
    known, subjects = set(current.graph.subjects()), set(contribution.subjects())
    new = _new(contribution, current.graph, known)
    result = AddResult(folder, dry_run=dry_run)
    if not len(new):
        return result
    ontology = universe.ontology.graph
    whole = not subjects.isdisjoint(known)  # it changes existing entities: what it affects may lie far away
    if choose_engine(engine, len(contribution), len(current.graph)) == "fast":
        report = validate_merged(
            universe, rdf_files([folder]), contribution, name, path=source_path, text=text, whole=whole
        )
    else:
        merged = current.graph + contribution
        where = _origin(current.origin, name, contribution)
        report = (
            universe.validate(_Merged(merged, where))
            if whole
            else validate_around(universe, GraphSource(merged), contribution, where)
        )
    if not report.conforms:
        raise ContributionRefused(INVALID, report)
    result.added = len(new)
    context = Index(new, current.graph, ontology)  # read as one graph, not copied into one
    result.facts = [
        _fact(context, new, s, s in known) for s in sorted(subjects if new is contribution else set(new.subjects()))
    ]
    by_file = _route(new, context, ontology, current.origin)
    result.files = {file: len(triples) for file, triples in by_file.items()}
    if not dry_run:
        _write(folder, by_file)
    return result


def _new(contribution: Graph, data: Graph, known: set) -> Graph:
    """The contribution's triples not already in ``data``, whose subjects are ``known`` (the
    contribution itself when all are new: a triple about a new subject is never looked up)."""
    if not any(triple in data for triple in contribution if triple[0] in known):
        return contribution
    return contribution - data


class Index:
    """Graphs read as one, indexed by subject in one pass (``objects``, ``value``): describing and
    routing look every new subject up several times, each a few microseconds through rdflib's store."""

    def __init__(self, *graphs: Graph):
        self.index: dict = {}
        for graph in graphs:
            for s, p, o in graph:
                self.index.setdefault(s, {}).setdefault(p, {})[o] = None

    def objects(self, subject, predicate):
        return iter(self.index.get(subject, {}).get(predicate, ()))

    def value(self, subject, predicate):
        return next(self.objects(subject, predicate), None)


def _add_by_store(universe, folder: Path, contribution: Graph, name: str, dry_run: bool) -> AddResult | None:
    """``add`` for a large universe, from its cached Oxigraph store instead of parsing it.

    Taken when the data is large enough for Oxigraph (see store.choose) and the contribution
    only brings new subjects: validation runs on their neighbourhood read from the store, the
    new subject blocks are spliced into the topic files, and the store of the new files is
    derived from this one. Anything else returns None: the caller parses the data.
    """
    files = rdf_files([folder])
    if choose(universe.store_kind, files) != "oxigraph":
        return None
    schema = list(universe.ontology.files)
    store = OxigraphStore(files + schema)
    subjects = set(contribution.subjects())
    if any(store.has_subject(s) for s in subjects):
        return None  # it changes existing entities: validated against everything, below
    source = MergedSource(store, contribution)
    around = neighbourhood(source, contribution)
    where = {s: name for s in subjects}
    report = validate_around(universe, source, contribution, where, around)
    if not report.conforms:
        raise ContributionRefused(INVALID, report)
    ontology = universe.ontology.graph
    local = around[0]
    context = local + ontology
    result = AddResult(folder, added=len(contribution), dry_run=dry_run)
    result.facts = [_fact(context, contribution, s, False) for s in sorted(subjects)]
    by_file = _route(contribution, local, ontology, {})
    result.files = {file: len(triples) for file, triples in by_file.items()}
    if not dry_run:
        texts = {}
        for file, triples in sorted(by_file.items()):
            path = folder / file
            old = read_utf8(path) if path.exists() else None
            graph = _graph(triples)
            texts[path] = (splice(old, graph) if old is not None else serialize(graph)) or _rewritten(path, graph)
        write_many(texts)
        store.carry_forward(rdf_files([folder]) + schema, contribution)
    return result


def _rewritten(path: Path, triples) -> str:
    graph, header = Graph(), ""
    if path.exists():
        header = leading_comments(read_utf8(path))
        parse_file(path, graph)
    return serialize(graph, header, more=triples)


def _parse(path: Path | None, text: str | None, name: str) -> Graph:
    if path is not None:
        return parse_file(path)
    if not (text or "").strip():
        raise InputError("the contribution is empty; give a Turtle file or pipe Turtle into 'stagegraph add -'", name)
    graph = Graph()
    parse_text(text, name, graph, bind=True)
    return graph


def _fact(context: Graph, new: Graph, subject, existing: bool) -> dict:
    """What was added about ``subject`` (for one already in the data: which properties are new)."""
    fact = describe(context, subject)
    if existing:
        fact["new_properties"] = sorted({short(p) for p in new.predicates(subject)})
    return fact


class _Merged:
    def __init__(self, graph: Graph, origin: dict):
        self.graph, self.origin, self.files = graph, origin, []


def _origin(origin: dict, name: str, contribution: Graph) -> dict:
    where = dict(origin)
    for subject in contribution.subjects():
        where.setdefault(subject, name)
    return where


def _route(new: Graph, merged: Graph, ontology: Graph, origin: dict) -> dict[str, list]:
    """File name -> the triples of ``new`` that go to it (lists: each is added once, to the graph
    of its file when that is written)."""
    files: dict[str, list] = {}
    chosen: dict = {}  # subject -> file: each subject's types are looked up once, not once per triple
    for triple in new:
        subject = triple[0]
        if subject not in chosen:
            chosen[subject] = topic_file(subject, merged, ontology, origin)
        files.setdefault(chosen[subject], []).append(triple)
    return files


def _graph(triples: list) -> Graph:
    graph = Graph()
    graph += triples
    return graph


def _write(folder: Path, by_file: dict[str, list]) -> None:
    # all files old or all new, even if the process dies half-way
    write_many({folder / file: _rewritten(folder / file, triples) for file, triples in sorted(by_file.items())})
