"""Statistics of a universe: entities per class (sub-classes included), bonds by type,
nature and canon status, facts by confidence, and sources."""

from __future__ import annotations

from collections import Counter

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

from ..rdf.labels import label
from ..rdf.namespaces import SG, short


def _label(ontology: Graph, term) -> str:
    """The term's English label (a term has one in each site language), else its short name."""
    return label(ontology, term, "en")


def _count(counter: Counter, ontology: Graph) -> dict[str, int]:
    pairs = ((_label(ontology, key) if key is not None else "(none)", n) for key, n in counter.items())
    return dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))


def _instances_per_class(data: Graph, ontology: Graph) -> Counter:
    """Instances of each class, counting those of its sub-classes too."""
    counts: Counter = Counter()
    for node in set(data.subjects(RDF.type, None)):
        classes = set()
        for asserted in data.objects(node, RDF.type):
            classes.update(ontology.transitive_objects(asserted, RDFS.subClassOf))
        counts.update(c for c in classes if (c, RDF.type, OWL.Class) in ontology)
    return counts


def compute(data: Graph, ontology: Graph) -> dict:
    """Counts that describe ``data``, labelled with the ontology's English labels."""
    classes = _instances_per_class(data, ontology)
    bonds = list(data.subjects(RDF.type, SG.Bond))
    confidence = Counter(data.objects(None, SG.confidence))
    sources = set(data.subjects(RDF.type, SG.Source))
    cited = Counter(data.objects(None, SG.source))
    return {
        "triples": len(data),
        "entities": _count(classes, ontology),
        "bonds": {
            "total": len(bonds),
            "by type": _count(Counter(data.value(b, SG.bondType) for b in bonds), ontology),
            "by nature": _count(Counter(data.value(b, SG.nature) for b in bonds), ontology),
            "by canon status": _count(Counter(data.value(b, SG.canonStatus) for b in bonds), ontology),
        },
        "facts by confidence": _count(confidence, ontology),
        "sources": {
            "total": len(sources),
            "cited": sum(1 for s in sources if cited[s]),
            "citations": sum(cited.values()),
            "most cited": dict(sorted(((short(s), n) for s, n in cited.items()), key=lambda kv: (-kv[1], kv[0]))[:5]),
        },
    }
