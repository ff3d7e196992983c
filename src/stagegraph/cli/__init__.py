"""The ``stagegraph`` command line: parse options, call the library, format, exit.

One module per family of commands (check, query, draw, contribute, server), options shared
through ``options``. Exit codes (``errors.ExitCode``): 0 success (the graph conforms);
1 the graph has violations; 2 an input could not be read or was refused, or a usage error;
3 a query ran past --timeout; 4 a SPARQL server failed. Every error is one line on
standard error, ``error: …``, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..choices import STORES
from ..errors import ExitCode, StagegraphError, os_error_message
from .options import choice_option

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def one_line(message: str) -> str:
    """``message`` as one printable line: a newline, an escape sequence or any other control
    character that data put into it (a file name, a label) is shown escaped, never obeyed."""
    if message.isprintable():
        return message
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in message)


def fail(message: str, code: int) -> None:
    click.echo(f"error: {one_line(message)}", err=True)
    sys.exit(code)


class Group(click.Group):
    """Turns library errors, the operating system's refusals (a file name too long, an
    immutable file, a full disk…) and usage errors into one-sentence messages with their
    exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:  # a wrong option, a missing argument, an unknown command
            where = exc.ctx.command_path if exc.ctx is not None else "stagegraph"
            fail(f"{exc.format_message().rstrip('.')}; see '{where} --help'", ExitCode.INPUT)
        except click.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except click.Abort:
            fail("aborted", 1)
        sys.exit(ExitCode.OK)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StagegraphError as exc:
            fail(str(exc), exc.exit_code)
        except OSError as exc:
            if isinstance(exc, BrokenPipeError):
                raise
            fail(os_error_message(exc), ExitCode.INPUT)


def quiet_libraries() -> None:
    """Keep the libraries' own diagnostics off the user's terminal: rdflib logs a traceback for
    every ill-typed literal (the shapes report it as a violation) and rdflib and pyshacl warn
    about terms they doubt, beside the one-sentence error or report that says it better.
    ``python -W`` still shows the warnings."""
    import logging  # here, not at the top: the CLI's start-up stays light for --help
    import warnings

    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())  # so no record reaches logging's last-resort printer
    for name in ("rdflib", "pyshacl", "owlrl"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)
    if not sys.warnoptions:
        warnings.simplefilter("ignore")


def printable_streams() -> None:
    """Text that cannot be encoded (a lone surrogate a query made with BIND("\\uD800")) is
    printed as a backslash escape instead of ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="stagegraph")
@click.option(
    "--data",
    "data_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A data file or a folder of .ttl files (repeatable). Default: the bundled data/.",
)
@click.option(
    "--ontology",
    "ontology_paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="An ontology/shapes file or folder (repeatable). Default: the bundled ontology/.",
)
@choice_option(
    "--store",
    "store_kind",
    choices=STORES,
    default="auto",
    help="Where queries run: rdflib in memory, Oxigraph (cached on disk by content), "
    "or chosen by the size of the data.",
)
@click.option(
    "--endpoint",
    "endpoint",
    metavar="URL",
    envvar="STAGEGRAPH_ENDPOINT",
    help="Read the universe from this SPARQL query endpoint instead of the data files "
    "(env STAGEGRAPH_ENDPOINT, or endpoint in stagegraph.toml); the ontology stays local.",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    envvar="STAGEGRAPH_GRAPH",
    help="With --endpoint: the named graph that holds the universe (env STAGEGRAPH_GRAPH, or graph "
    "in stagegraph.toml).",
)
@click.pass_context
def main(ctx, data_paths, ontology_paths, store_kind, endpoint, graph_iri):
    """A sourced knowledge graph of ALIEN STAGE, or of any universe described
    with the stagegraph ontology: validate it against its shapes, count what it
    holds, and query it here or on a SPARQL server.

    \b
    Example:
      stagegraph validate
      stagegraph query bonds -p character Till
      stagegraph --data my-universe/ stats
      stagegraph --endpoint http://127.0.0.1:8890/sparql show Mizi
    """
    from ..config import server
    from ..universe import Universe

    quiet_libraries()
    printable_streams()
    endpoint, graph_iri = server(endpoint, graph_iri)
    universe = Universe(
        store_kind=store_kind, endpoint=endpoint or None, graph_iri=graph_iri or None, progress=_reading(endpoint)
    )
    if data_paths:
        universe.data_paths = tuple(data_paths)
    if ontology_paths:
        universe.ontology_paths = tuple(ontology_paths)
    ctx.obj = universe


def _reading(endpoint: str | None):
    """Progress of reading a large graph from a server, on standard error (past 10,000 triples)."""
    from ..store.endpoint import PAGE

    def report(triples: int) -> None:
        if triples > PAGE:
            click.echo(f"reading {endpoint}: {triples} triples", err=True)

    return report if endpoint else None


from .check import stats, validate  # noqa: E402  (each family of commands in its own module)
from .contribute import add, diff, fmt, new  # noqa: E402
from .draw import analyze, export, graph, show  # noqa: E402
from .query import queries, query  # noqa: E402
from .server import publish  # noqa: E402
from .site import serve, site  # noqa: E402

for _command in (
    validate,
    stats,
    query,
    queries,
    publish,
    graph,
    analyze,
    show,
    export,
    new,
    add,
    fmt,
    diff,
    site,
    serve,
):
    main.add_command(_command)
