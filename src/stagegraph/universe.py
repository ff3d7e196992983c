"""A universe: the data and ontology files a command works on, loaded once, lazily."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from . import bundle
from .rdf.load import Loaded, load, load_ontology, load_shapes, rdf_files, recover
from .rdf.names import resolve
from .rdf.namespaces import bind_prefixes
from .store.oxigraph import AUTO_THRESHOLD, OxigraphStore, choose, in_memory

# validate/ (pySHACL, the fast engine) and store/remote are imported where they are used:
# `query`, `show` and `graph` on local files never need them, and they are a tenth of
# `query`'s start-up on the bundled graph (make bench: query matches beside bare rdflib).

# Triples read from an endpoint above which "auto" validates with the fast engine (~AUTO_THRESHOLD bytes of Turtle).
AUTO_TRIPLES = 25_000


@dataclass
class Universe:
    """The files of one universe. Defaults to the bundled ALIEN STAGE graph."""
    data_paths: tuple[Path, ...] = field(default_factory=lambda: (bundle.data_dir(),))
    ontology_paths: tuple[Path, ...] = field(default_factory=lambda: (bundle.ontology_dir(),))
    store_kind: str = "auto"  # where queries run: "memory", "oxigraph", or "auto" (by size)
    endpoint: str | None = None  # a SPARQL query endpoint the data is read from instead of data_paths
    graph_iri: str | None = None  # with endpoint: the named graph that holds the universe
    progress: object = None  # with endpoint: called with the number of triples read so far

    @cached_property
    def data(self):
        """The merged data (a ``load.Loaded``): from the files, or from the server."""
        if self.endpoint:
            from .store.remote import remote_data

            return Loaded(remote_data(self.endpoint, self.graph_iri, self.ontology.graph, self.progress))
        return load(self.data_paths)

    @cached_property
    def ontology(self):
        """The ontology (a ``load.Loaded``): classes, properties, SKOS schemes."""
        return load_ontology(self.ontology_paths)

    @cached_property
    def shapes(self):
        """The SHACL shapes (a ``load.Loaded``), parsed only when something validates."""
        return load_shapes(self.ontology_paths)

    @property
    def schema(self):
        """``(ontology, shapes)``."""
        return self.ontology, self.shapes

    @cached_property
    def graph(self):
        """Data and ontology in one graph: what queries run on (class hierarchy, SKOS labels).

        When nothing has needed the data alone, the files are parsed straight into this graph
        instead of into ``data`` and then copied (one parse, no copy, half the memory)."""
        if "data" in self.__dict__ or self.endpoint:
            merged = Graph()
            bind_prefixes(merged)
            merged += self.data.graph
        else:
            merged = load(self.data_paths).graph
        merged += self.ontology.graph
        return merged

    def store_for_queries(self) -> str:
        """``memory`` or ``oxigraph``: the store queries will run on."""
        if self.endpoint:
            return "memory"
        return choose(self.store_kind, rdf_files(self.data_paths))

    def resolve(self, value: str, kind: str, param: str = "value"):
        """The entity of ``kind`` that ``value`` names (see ``names.resolve``): on the server
        when the universe lives there, without reading its graph."""
        if self.endpoint:
            from .store.remote import find_remote

            return find_remote(self.endpoint, self.graph_iri, self.ontology.graph, value, kind, param)
        return resolve(value, kind, self.graph, self.ontology.graph, param)

    def around(self, node) -> Universe:
        """This universe, or, when it lives on a server, a view of it holding only what one
        entity's card needs (``remote.neighbourhood``), read without fetching the whole graph."""
        if not self.endpoint or "data" in self.__dict__:
            return self
        from .store.remote import neighbourhood, without_ontology

        view = Universe(self.data_paths, self.ontology_paths, "memory", self.endpoint, self.graph_iri)
        view.__dict__["ontology"] = self.ontology
        near = neighbourhood(self.endpoint, self.graph_iri, node, self.ontology.graph)
        view.__dict__["data"] = Loaded(without_ontology(near, self.ontology.graph))
        return view

    @cached_property
    def oxigraph(self):
        """The data and ontology in an Oxigraph store, cached on disk by content."""
        return OxigraphStore(rdf_files(self.data_paths) + list(self.ontology.files))


    def check(self, paths=(), *, engine: str = "auto", allow_warnings: bool = False, progress=None):
        """Validate ``paths`` (default: this universe's data, from the files or the endpoint) with
        ``engine`` (``pyshacl``, ``fast`` or ``auto``: fast above ``AUTO_THRESHOLD`` bytes of data,
        or ``AUTO_TRIPLES`` triples read from an endpoint); return (report, triples, files)."""
        if self.endpoint and not paths:
            return self._check_remote(engine, allow_warnings, progress)
        paths = tuple(paths) or self.data_paths
        recover(paths)
        files = rdf_files(paths)
        size = sum(f.stat().st_size for f in files)
        if engine == "auto":
            engine = "fast" if size > AUTO_THRESHOLD else "pyshacl"

        def data():
            return self.data if paths == self.data_paths and not self.endpoint else load(paths)

        if engine == "pyshacl":
            loaded = data()
            report = self.validate(loaded, allow_warnings=allow_warnings, progress=progress)
            return report, len(loaded.graph), loaded.files
        from .validate.fast import origins

        store, counts = in_memory(files + list(self.ontology.files))
        progress = progress if size > 2 * AUTO_THRESHOLD else None  # as pySHACL's batches: only when it takes a while
        report = self._fast(store, data, allow_warnings, progress, lambda nodes: origins(files, nodes, store))
        return report, counts[len(files) - 1] if files else 0, files

    def _check_remote(self, engine: str, allow_warnings: bool, progress):
        """``check`` of the copy read from the endpoint; the fast engine loads it into Oxigraph."""
        data = self.data
        triples = len(data.graph)
        if engine == "auto":
            engine = "fast" if triples > AUTO_TRIPLES else "pyshacl"
        if engine == "pyshacl":
            return self.validate(data, allow_warnings=allow_warnings, progress=progress), triples, data.files
        from pyoxigraph import Quad

        from .rdf.oxigraph import from_rdflib

        store, _ = in_memory(list(self.ontology.files))
        store.extend(Quad(*(from_rdflib(term) for term in triple)) for triple in data.graph)
        progress = progress if triples > 2 * AUTO_TRIPLES else None
        return self._fast(store, lambda: data, allow_warnings, progress, None), triples, data.files

    def _fast(self, store, data, allow_warnings: bool, progress, origin):
        """The fast engine on ``store`` (data and ontology); ``data()`` is the rdflib copy pySHACL
        validates the shapes the fast path leaves to it with."""
        from .validate.fast import validate_store
        from .validate.shacl import validate_shapes
        from .validate.shapecheck import check as check_shapes

        shapes = self.shapes
        check_shapes(shapes.graph, shapes.origin, self.ontology.graph)

        def fallback(chosen):
            loaded = data()
            return validate_shapes(loaded.graph, self.ontology.graph, shapes.graph, chosen,
                                   allow_warnings=allow_warnings, origin=loaded.origin, shape_files=shapes.origin)

        return validate_store(store, shapes.graph, allow_warnings=allow_warnings, progress=progress,
                              fallback=fallback, origin=origin)

    def validate(self, data=None, *, allow_warnings: bool = False, progress=None, focus=None):
        """Validate ``data`` (default: this universe's data) against its ontology and shapes
        (only at the ``focus`` nodes, if given)."""
        from .validate.shacl import validate_graph

        data = data if data is not None else self.data
        return validate_graph(data.graph, self.ontology.graph, self.shapes.graph, allow_warnings=allow_warnings,
                              origin=data.origin, progress=progress, focus=focus,
                              shape_files=self.shapes.origin)
