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
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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
    def horizon(self):
        """The episode that reveals each triple (``horizon.Horizon``), computed once; a view as
        of an episode (``at``) keeps its universe's, so its facts keep the episodes they have there."""
        from .horizon import Horizon

        return Horizon(self.graph, self.ontology.graph)

    @property
    def withheld(self) -> dict:
        """In a view as of an episode, fact → tokens of the sources withheld from it; else empty."""
        made = vars(self).get("cut")
        return made.withheld if made is not None else {}

    def at(self, order: int | None) -> Universe:
        """This universe as a reader sees it after the episode of viewing order ``order``: a
        view whose graph holds only what is revealed by then (``horizon.cut``); itself when None."""
        if order is None:
            return self
        from .horizon.cut import cut

        made = cut(self.horizon, self.graph, order)
        view = Universe(self.data_paths, self.ontology_paths, "memory")
        view.__dict__.update(ontology=self.ontology, graph=made.graph, cut=made, horizon=self.horizon)
        view.__dict__["data"] = Loaded(made.graph - self.ontology.graph)
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

        def loaded():
            return self.data if paths == self.data_paths and not self.endpoint else load(paths)

        if engine == "pyshacl":
            got = loaded()
            report = self._engine(engine, allow_warnings, progress).validate(self._data(lambda: got), self._shapes())
            return report, len(got.graph), got.files
        from .validate.setwise.faithful import file_literals
        from .validate.setwise.origins import origins

        built = {}

        def store():
            built["store"], built["counts"] = in_memory(files + list(self.ontology.files))
            return built["store"]

        data = self._data(
            loaded,
            store,
            lambda nodes: origins(files, nodes, built["store"]),
            lambda: file_literals(files + list(self.ontology.files)),
        )
        progress = progress if size > 2 * AUTO_THRESHOLD else None  # as pySHACL's batches: only when it takes a while
        report = self._engine(engine, allow_warnings, progress).validate(data, self._shapes())
        if report.declined:  # pySHACL read the data (the store may have merged terms)
            return report, len(data.rdflib[0]), files
        return report, built["counts"][len(files) - 1] if files else 0, files

    def _check_remote(self, engine: str, allow_warnings: bool, progress):
        """``check`` of the copy read from the endpoint; the fast engine loads it into Oxigraph."""
        loaded = self.data
        triples = len(loaded.graph)
        if engine == "auto":
            engine = "fast" if triples > AUTO_TRIPLES else "pyshacl"

        def store():
            from pyoxigraph import Quad

            from .rdf.oxigraph_terms import from_rdflib

            made, _ = in_memory(list(self.ontology.files))
            made.extend(Quad(*(from_rdflib(term) for term in triple)) for triple in loaded.graph)
            return made

        def literals():
            from pyoxigraph import Literal

            from .rdf.oxigraph_terms import from_rdflib

            terms = (from_rdflib(o) for o in loaded.graph.objects())
            return (t for t in terms if type(t) is Literal and not t.language and t.datatype.value != XSD_STRING)

        progress = progress if triples > 2 * AUTO_TRIPLES else None
        data = self._data(lambda: loaded, store, None, literals)
        return self._engine(engine, allow_warnings, progress).validate(data, self._shapes()), triples, loaded.files

    def _data(self, loaded, store=None, files_of=None, literals=None):
        """What the validation engines read (validate/engine.py's ``Data``), each part made when asked."""
        from .validate.engine import Data

        def rdflib():
            got = loaded()
            return got.graph, got.origin

        return Data(self.ontology.graph, rdflib, store, files_of, literals)

    def _shapes(self):
        from .validate.engine import Shapes

        return Shapes(self.shapes.graph, self.shapes.origin)

    @staticmethod
    def _engine(name: str, allow_warnings: bool, progress):
        from .validate import make_engine

        return make_engine(name, allow_warnings=allow_warnings, progress=progress)

    def validate(self, data=None, *, allow_warnings: bool = False, progress=None, focus=None):
        """Validate ``data`` (a ``load.Loaded``; default: this universe's data) against its ontology
        and shapes with pySHACL (only at the ``focus`` nodes, if given)."""
        data = data if data is not None else self.data
        engine = self._engine("pyshacl", allow_warnings, progress)
        return engine.validate(self._data(lambda: data), self._shapes(), focus)
