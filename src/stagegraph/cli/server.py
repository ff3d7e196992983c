"""Publishing to a SPARQL 1.1 server: publish."""

from __future__ import annotations

import click

from .options import timeout_option


@click.command()
@click.option(
    "--endpoint",
    metavar="URL",
    required=True,
    help="The server's Graph Store Protocol endpoint (Oxigraph: http://HOST:PORT/store).",
)
@click.option("--graph", "graph_iri", metavar="IRI", help="The named graph to replace (default: the default graph).")
@timeout_option(120, help="Give up after this many seconds.")
@click.pass_obj
def publish(universe, endpoint, graph_iri, timeout):
    """Upload the ontology and data to a SPARQL 1.1 server, replacing the target graph.

    Uses the Graph Store Protocol: the files are parsed and streamed as
    N-Triples in chunks; the first replaces the graph (PUT), the others are
    added to it (POST), with progress on standard error; publishing twice gives
    the same result. A syntax error stops it before anything is sent. With
    --graph, each universe can live in its own named graph. Credentials come from
    STAGEGRAPH_ENDPOINT_TOKEN, or STAGEGRAPH_ENDPOINT_USER and
    STAGEGRAPH_ENDPOINT_PASSWORD (basic, or digest when the server asks, as
    Virtuoso does). Exit 4 when the server cannot be reached or refuses, or
    the URL is a query endpoint.

    \b
    Example:
      stagegraph publish --endpoint http://127.0.0.1:7878/store
      stagegraph publish --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --graph https://ex.org/as
    """
    from .. import output
    from ..rdf.load import data_files
    from ..store.endpoint import publish_files

    files = [*data_files(universe.data_paths), *universe.ontology.files]
    sent = publish_files(endpoint, files, graph_iri=graph_iri, timeout=timeout, progress=_progress)
    click.echo(output.published(sent, endpoint, graph_iri))


def _progress(sent: int, total: int) -> None:
    from ..store.endpoint import CHUNK  # lazy: the CLI's modules import nothing heavy (--help stays fast)

    if total > CHUNK:
        click.echo(f"publishing: {sent}/{total} triples sent", err=True)
