"""stagegraph: a sourced knowledge graph of a story universe."""

__version__ = "0.1.0"
