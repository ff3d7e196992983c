"""The ``stagegraph`` command line: parse options, call the library, format, exit.

Exit codes: 0 success (the graph conforms); 1 the graph has violations;
2 an input could not be read (missing file, syntax error) or a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import StagegraphError, os_error_message

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_OK, EXIT_VIOLATIONS, EXIT_INPUT = 0, 1, 2

format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Text for people, JSON for programs.")


class Group(click.Group):
    """Turns library errors, and the operating system's refusals (a file name too long, an
    immutable file, a full disk…), into one-sentence messages with their exit code (2)."""

    def invoke(self, ctx):
        _quiet_libraries()
        try:
            return super().invoke(ctx)
        except StagegraphError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            click.echo(f"error: {os_error_message(exc)}", err=True)
            ctx.exit(EXIT_INPUT)


def quiet_libraries() -> None:
    """Keep the libraries' own diagnostics off the user's terminal: rdflib logs a traceback for
    every ill-typed literal (the shapes report it as a violation) and rdflib and pyshacl warn
    about terms they doubt, beside the one-sentence error or report that says it better.
    ``python -W`` still shows the warnings."""
    import logging
    import warnings

    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())  # so no record reaches logging's last-resort printer
    if not sys.warnoptions:
        warnings.simplefilter("ignore")


def _quiet_libraries() -> None:
    """rdflib and pySHACL log (a literal they cannot convert, with a traceback) and warn on the
    terminal; what matters reaches the user as a result or an error, so their noise does not."""
    import logging
    import warnings

    for name in ("rdflib", "pyshacl"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    warnings.filterwarnings("ignore", module=r"(rdflib|pyshacl)(\.|$)")


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="stagegraph")
@click.option("--data", "data_paths", multiple=True, type=click.Path(path_type=Path),
              help="A data file or a folder of .ttl files (repeatable). Default: the bundled data/.")
@click.option("--ontology", "ontology_paths", multiple=True, type=click.Path(path_type=Path),
              help="An ontology/shapes file or folder (repeatable). Default: the bundled ontology/.")
@click.option("--store", "store_kind", type=click.Choice(["auto", "memory", "oxigraph"]), default="auto",
              show_default=True, help="Where queries run: rdflib in memory, Oxigraph (cached on disk by content), "
              "or chosen by the size of the data.")
@click.pass_context
def main(ctx, data_paths, ontology_paths, store_kind):
    """A sourced knowledge graph of ALIEN STAGE, or of any universe described
    with the stagegraph ontology: validate it against its shapes, count what it
    holds, and query it here or on a SPARQL server.

    \b
    Example:
      stagegraph validate
      stagegraph query bonds -p character Till
      stagegraph --data my-universe/ stats
    """
    from .universe import Universe

    quiet_libraries()
    universe = Universe(store_kind=store_kind)
    if data_paths:
        universe.data_paths = tuple(data_paths)
    if ontology_paths:
        universe.ontology_paths = tuple(ontology_paths)
    ctx.obj = universe


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option
@click.option("--allow-warnings", is_flag=True,
              help="Conform even when there are warnings (violations still fail), as pySHACL has it.")
@click.pass_obj
def validate(universe, paths, fmt, allow_warnings):
    """Validate data against the ontology and SHACL shapes.

    PATHS are files or folders to validate (default: the --data files, or the
    bundled graph). Prints one line per problem, then `No issues found` when
    clean. Exits 0 when the data conforms, 1 when it has violations, 2 when a
    file cannot be read.

    \b
    Example:
      stagegraph validate
      stagegraph validate data/bonds.ttl --format json
    """
    from . import output
    from .load import load

    data = load(paths) if paths else universe.data
    report = universe.validate(data, allow_warnings=allow_warnings, progress=_progress)
    if fmt == "json":
        click.echo(output.report_json(report, len(data.graph), data.files))
    else:
        for line in output.report_lines(report):
            click.echo(line)
        click.echo(output.report_summary(report, len(data.graph), len(data.files)), err=True)
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)


def _progress(done: int, total: int, shape) -> None:
    """Progress of a large validation, on standard error."""
    from .namespaces import short

    what = f" ({short(shape)})" if shape is not None else ""
    click.echo(f"validating: {done}/{total} shapes done{what}", err=True)


@main.command()
@format_option
@click.pass_obj
def stats(universe, fmt):
    """Count what the graph holds: entities per class, bonds by type, nature and
    canon status, facts by confidence, and sources.

    \b
    Example:
      stagegraph stats --format json
    """
    from . import output
    from .stats import compute

    result = compute(universe.data.graph, universe.ontology.graph)
    click.echo(output.to_json(result) if fmt == "json" else output.stats_text(result))


@main.command()
@click.argument("spec", metavar="NAME|FILE.rq|-")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="Bind a parameter (repeatable): a name, slug or IRI of an entity, or a value.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "sparql-json", "md"]),
              default="table", show_default=True, help="Output format. CONSTRUCT/DESCRIBE print Turtle, ASK true/false.")
@click.option("--lang", type=click.Choice(["en", "ko", "ja"]), default="en", show_default=True,
              help="Language of names and titles, falling back to English.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30, show_default=True,
              help="Stop the query after this many seconds (exit 3).")
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
    from . import output
    from .querying import run
    from .text import read_stream

    stdin_text = read_stream(click.get_binary_stream("stdin")) if spec == "-" else None
    result = run(universe, spec, dict(params), lang=lang, timeout=timeout, allow_service=allow_service,
                 endpoint=endpoint, graph_iri=graph_iri, stdin_text=stdin_text)
    click.echo(output.query_result(result, fmt))
    if result.kind == "select" and fmt == "table":
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})", err=True)


@main.command()
@format_option
def queries(fmt):
    """List the named query library: name, parameters and summary.

    \b
    Example:
      stagegraph queries
    """
    from . import output
    from .library import library

    found = list(library().values())
    if fmt == "json":
        click.echo(output.to_json([{"name": q.name, "summary": q.summary, "description": q.description,
                                    "parameters": [vars(p) for p in q.params]} for q in found]))
    else:
        click.echo(output.query_list(found))


@main.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="The server's Graph Store Protocol endpoint (Oxigraph: http://HOST:PORT/store).")
@click.option("--graph", "graph_iri", metavar="IRI", help="The named graph to replace (default: the default graph).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120, show_default=True,
              help="Give up after this many seconds.")
@click.pass_obj
def publish(universe, endpoint, graph_iri, timeout):
    """Upload the ontology and data to a SPARQL 1.1 server, replacing the target graph.

    Uses the Graph Store Protocol (HTTP PUT), so publishing twice gives the same
    result. Credentials come from STAGEGRAPH_ENDPOINT_TOKEN, or
    STAGEGRAPH_ENDPOINT_USER and STAGEGRAPH_ENDPOINT_PASSWORD. Exit 4 when the
    server cannot be reached or refuses.

    \b
    Example:
      stagegraph publish --endpoint http://127.0.0.1:7878/store
    """
    from rdflib import Graph

    from .endpoint import publish as put

    graph = Graph()
    graph += universe.ontology.graph
    graph += universe.data.graph
    put(endpoint, graph, graph_iri=graph_iri, timeout=timeout)
    click.echo(f"published {len(graph)} triples to {endpoint} ({'graph ' + graph_iri if graph_iri else 'default graph'})")


@main.command()
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("build/graph.html"), show_default=True, help="Where to write the page.")
@click.option("--view", type=click.Choice(["bonds", "matches", "credits", "all"]), default="all", show_default=True,
              help="Which edges to draw: bonds, matches, credits (songs, makers, voices) or all.")
@click.option("--as-of", "as_of", metavar="EPISODE",
              help="Leave out every fact revealed after this episode (a name, slug or IRI, e.g. round-3).")
@click.option("--lang", type=click.Choice(["en", "ko", "ja"]), default="en", show_default=True,
              help="Language of the labels, falling back to English.")
@click.pass_obj
def graph(universe, out, view, as_of, lang):
    """Write the interactive relationship graph as one self-contained HTML page.

    The page works offline and from file:// (every script is inside it), with a
    legend, filters, a search box, a side panel with each fact's sources, and an
    episode slider that hides later facts. With --as-of, later facts are not in
    the file at all.

    \b
    Example:
      stagegraph graph
      stagegraph graph --as-of round-1 -o build/round-1.html
    """
    from .drawing import write_page

    path = write_page(universe, out, view=view, as_of=as_of, lang=lang)
    click.echo(str(path))


@main.command()
@format_option
@click.option("--as-of", "as_of", metavar="EPISODE",
              help="Leave out every fact revealed after this episode (a name, slug or IRI, e.g. round-3).")
@click.option("--lang", type=click.Choice(["en", "ko", "ja"]), default="en", show_default=True,
              help="Language of names, falling back to English.")
@click.pass_obj
def analyze(universe, fmt, as_of, lang):
    """Analyse the network of bonds and matches.

    Prints the most central characters (degree: how many characters each is
    linked to by bonds and matches; betweenness), the chains of one-sided
    feeling (longest first), the mutual pairs, the cycles of one-sided feeling,
    the connected groups, and the tournament bracket derived from the matches
    (✓ marks a winner, ? an unidentified contestant). --format json gives the
    same as data.

    \b
    Example:
      stagegraph analyze
      stagegraph analyze --as-of round-3 --format json
    """
    from . import output
    from .analyze import run

    result = run(universe, as_of=as_of, lang=lang)
    click.echo(output.to_json(result) if fmt == "json" else output.analysis_text(result))


@main.command()
@click.argument("name")
@format_option
@click.option("--lang", type=click.Choice(["en", "ko", "ja"]), default="en", show_default=True,
              help="Language of names and titles, falling back to English.")
@click.pass_obj
def show(universe, name, fmt, lang):
    """Show one character's card: names in every language, classes,
    attributes, fate, matches, songs and voices, and bonds in both directions,
    each with its sources (numbered, listed at the end).

    NAME is a name in any language, a slug or an IRI; an unknown name exits 2
    and lists the closest matches.

    \b
    Example:
      stagegraph show Till
      stagegraph show 미지 --lang ko --format json
    """
    from . import output
    from .card import card, find

    result = card(universe, find(universe, name), lang)
    click.echo(output.to_json(result) if fmt == "json" else output.card_text(result))


@main.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["ttl", "nt", "jsonld", "graphml", "gexf", "cytoscape", "csv"]),
              help="ttl, nt, jsonld: every triple of the data; graphml, gexf (Gephi), cytoscape "
                   "(Cytoscape.js JSON), csv: the network of characters, bonds, matches and credits.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (replaced atomically) and print its path; default: standard output.")
@click.pass_obj
def export(universe, fmt, out):
    """Export the graph for other tools.

    RDF (ttl, nt, jsonld) holds every triple of the data files; JSON-LD uses the
    project prefixes as @context. The network formats hold every character,
    person, song, bond, match, credit and voice: nodes by entity IRI, edges by
    fact IRI, with scalar attributes (kind, label, nature, bond_type, canon,
    confidence, fate, revealed, sources as URLs). GraphML and GEXF open in
    Gephi; cytoscape is Cytoscape.js elements JSON; csv is one table, a row per
    node (element=node) then a row per edge (element=edge, with source and
    target).

    \b
    Example:
      stagegraph export --format ttl > alien-stage.ttl
      stagegraph export --format gexf -o build/alien-stage.gexf
      stagegraph export --format csv -o build/alien-stage.csv
    """
    from .export import export as render
    from .export import write

    text = render(universe, fmt)
    if out is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        click.echo(str(write(out, text)))


from .cli_contribute import add, diff, fmt, new  # noqa: E402  (the contribution commands)

for _command in (new, add, fmt, diff):
    main.add_command(_command)
