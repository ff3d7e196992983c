"""Every closed list of choices the command line offers, defined once and shared with the
library: languages, output formats, views, kinds of fact, and the controlled vocabularies
(SKOS concepts of the ontology, by the last segment of their IRI; a test keeps them equal)."""

from __future__ import annotations

LANGUAGES = ("en", "ko", "ja")
TEXT_FORMATS = ("text", "json")
QUERY_FORMATS = ("table", "csv", "tsv", "json", "sparql-json", "md")
EXPORT_FORMATS = ("ttl", "nt", "jsonld", "graphml", "gexf", "cytoscape", "csv")
DIFF_FORMATS = ("text", "triples")
VIEWS = ("bonds", "matches", "credits", "all")
STORES = ("auto", "memory", "oxigraph")
ENGINES = ("auto", "pyshacl", "fast")  # how validate runs the shapes
FACT_KINDS = ("bond", "character", "credit", "episode", "fate", "match", "person", "song", "source")

# option name -> (SKOS concept scheme, the concepts a contributor may choose)
VOCABULARY = {
    "bond_type": ("bondtype", ("mutual", "one-sided", "unrequited", "directed")),
    "nature": ("nature", ("romantic", "platonic", "family", "rivalry", "guardianship", "protective", "antagonistic")),
    "canon": ("canon", ("canon", "disputed", "fan-interpretation")),
    "confidence": ("confidence", ("confirmed", "single-source", "inferred", "conflicting")),
    "status": ("status", ("alive", "died", "rescued", "disputed", "unknown")),
    "role": (
        "role",
        ("composer", "lyricist", "arranger", "producer", "vocalist", "creator", "director", "animator", "team-member"),
    ),
    "source_kind": ("sourcekind", ("official", "review", "news", "wiki", "fan", "archive")),
    "episode_kind": ("episodekind", ("round", "final", "opening", "special")),
    "loser_outcome": ("outcome", ("died", "rescued", "unknown")),
}
# `new … --revealed-in unknown`: no source says which episode reveals the fact (sg:revealUnknown true).
REVEAL_UNKNOWN = "unknown"
# Not a SKOS scheme: the class a new character gets.
CHARACTER_KINDS = ("character", "contestant", "human", "alien")


def vocabulary(option: str) -> tuple[str, ...]:
    """The concepts ``option`` (e.g. ``nature``) may take."""
    return VOCABULARY[option][1]
