"""A universe: the data and ontology files a command works on, loaded once, lazily."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import Graph

from . import bundle
from .rdf.load import Loaded, load, load_ontology, load_shapes, rdf_files, recover
from .rdf.namespaces import bind_prefixes
from .store.oxigraph import AUTO_THRESHOLD, OxigraphStore, choose, in_memory
from .store.remote import remote_data
from .validate.fast import origins, validate_store
from .validate.shacl import validate_graph, validate_shapes
from .validate.shapecheck import check as check_shapes


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

    @cached_property
    def oxigraph(self):
        """The data and ontology in an Oxigraph store, cached on disk by content."""
        return OxigraphStore(rdf_files(self.data_paths) + list(self.ontology.files))


    def check(self, paths=(), *, engine: str = "auto", allow_warnings: bool = False, progress=None):
        """Validate ``paths`` (default: this universe's data) with ``engine`` (``pyshacl``, ``fast``
        or ``auto``: fast above ``AUTO_THRESHOLD`` bytes of data, as the store is chosen for queries);
        return (report, triples, files)."""
        paths = tuple(paths) or self.data_paths
        recover(paths)
        files = rdf_files(paths)
        size = sum(f.stat().st_size for f in files)
        if engine == "auto":
            engine = "fast" if size > AUTO_THRESHOLD else "pyshacl"
        if engine == "pyshacl":
            data = self.data if paths == self.data_paths else load(paths)
            report = self.validate(data, allow_warnings=allow_warnings, progress=progress)
            return report, len(data.graph), data.files
        store, counts = in_memory(files + list(self.ontology.files))
        shapes = self.shapes
        check_shapes(shapes.graph, shapes.origin, self.ontology.graph)

        def fallback(chosen):
            data = self.data if paths == self.data_paths else load(paths)
            return validate_shapes(data.graph, self.ontology.graph, shapes.graph, chosen, allow_warnings=allow_warnings,
                                   origin=data.origin, shape_files=shapes.origin)

        progress = progress if size > 2 * AUTO_THRESHOLD else None  # as pySHACL's batches: only when it takes a while
        report = validate_store(store, shapes.graph, allow_warnings=allow_warnings, progress=progress,
                                fallback=fallback, origin=lambda nodes: origins(files, nodes, store))
        return report, counts[len(files) - 1] if files else 0, files

    def validate(self, data=None, *, allow_warnings: bool = False, progress=None, focus=None):
        """Validate ``data`` (default: this universe's data) against its ontology and shapes
        (only at the ``focus`` nodes, if given)."""
        data = data if data is not None else self.data
        return validate_graph(data.graph, self.ontology.graph, self.shapes.graph, allow_warnings=allow_warnings,
                              origin=data.origin, progress=progress, focus=focus,
                              shape_files=self.shapes.origin)
