"""The query commands: query (a named query, a .rq file or standard input) and queries (the library)."""

from __future__ import annotations

import click

from ..choices import QUERY_FORMATS
from .options import choice_option, format_option, lang_option, timeout_option


@click.command()
@click.argument("spec", metavar="NAME|FILE.rq|-")
@click.option(
    "-p",
    "--param",
    "params",
    nargs=2,
    multiple=True,
    metavar="NAME VALUE",
    help="Bind a parameter (repeatable): a name, slug or IRI of an entity, or a value.",
)
@choice_option(
    "--format",
    "fmt",
    choices=QUERY_FORMATS,
    default="table",
    help="Output format. CONSTRUCT/DESCRIBE print Turtle, ASK true/false.",
)
@lang_option("Language of names and titles, falling back to English.")
@timeout_option(30, help="Stop the query after this many seconds (exit 3).")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses to reach the network.")
@click.option("--endpoint", metavar="URL", help="Run on this SPARQL 1.1 query endpoint instead of the local graph.")
@click.option("--graph", "graph_iri", metavar="IRI", help="With --endpoint: the named graph to query as default graph.")
@click.pass_obj
def query(universe, spec, params, fmt, lang, timeout, allow_service, endpoint, graph_iri):
    """Run a named query from the library, a .rq file, or SPARQL from standard input (-).

    Parameters are bound as RDF terms, never pasted into the query. Queries are
    read-only (updates are refused) and offline (SERVICE is refused unless
    --allow-service; FROM is refused). Exit 2 for a bad query or parameter,
    3 when --timeout stops it, 4 when the endpoint fails.

    \b
    Example:
      stagegraph query matches
      stagegraph query bonds -p character Till --lang ko
      stagegraph query love-chains --format json
      stagegraph query characters --endpoint http://127.0.0.1:7878/query
    """
    from .. import output
    from ..files import read_stream
    from ..query.run import run

    stdin_text = read_stream(click.get_binary_stream("stdin")) if spec == "-" else None
    result = run(
        universe,
        spec,
        dict(params),
        lang=lang,
        timeout=timeout,
        allow_service=allow_service,
        endpoint=endpoint,
        graph_iri=graph_iri,
        stdin_text=stdin_text,
    )
    click.echo(output.query_result(result, fmt))
    if result.kind == "select" and fmt == "table":
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})", err=True)


@click.command()
@format_option
def queries(fmt):
    """List the named query library: name, parameters and summary.

    \b
    Example:
      stagegraph queries
    """
    from .. import output
    from ..query.library import library

    found = list(library().values())
    if fmt == "json":
        click.echo(output.query_list_json(found))
    else:
        click.echo(output.query_list(found))
