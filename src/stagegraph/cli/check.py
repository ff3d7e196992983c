"""The commands that check and count the graph: validate, stats."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..choices import ENGINES
from ..errors import ExitCode
from .options import as_of_option, choice_option, format_option


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option
@click.option(
    "--allow-warnings",
    is_flag=True,
    help="Conform even when there are warnings (violations still fail), as pySHACL has it.",
)
@choice_option(
    "--engine",
    choices=ENGINES,
    default="auto",
    help="pyshacl (node by node, the reference), fast (set-at-a-time SPARQL on the Oxigraph store; "
    "when a shape or a literal is beyond it, it declines and pySHACL validates everything), or "
    "auto (fast above about 25,000 triples).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also say, on standard error, which shapes ran set-at-a-time, or why that engine declined.",
)
@click.pass_obj
def validate(universe, paths, fmt, allow_warnings, engine, verbose):
    """Validate data against the ontology and SHACL shapes.

    PATHS are files or folders to validate (default: the --data files, or the
    bundled graph). Prints one line per problem (one per constraint and shape
    that finds it, as SHACL reports them), then `No issues found` when clean.
    Exits 0 when the data conforms, 1 when it has violations (any result but
    sh:Info; sh:Warning too unless --allow-warnings), 2 when a file cannot be
    read.

    \b
    Example:
      stagegraph validate
      stagegraph validate data/bonds.ttl --format json
      stagegraph --data big/ validate --engine fast -v
    """
    from .. import output

    report, triples, files = universe.check(paths, engine=engine, allow_warnings=allow_warnings, progress=_progress)
    if verbose:
        for line in output.report_engine(report):
            click.echo(line, err=True)
    if fmt == "json":
        click.echo(output.report_json(report, triples, files))
    else:
        for line in output.report_lines(report):
            click.echo(line)
        click.echo(output.report_summary(report, triples, len(files)), err=True)
    sys.exit(ExitCode.OK if report.conforms else ExitCode.VIOLATIONS)


def _progress(done: int, total: int, shape) -> None:
    """Progress of a large validation, on standard error."""
    from ..rdf.namespaces import short

    what = f" ({short(shape)})" if shape is not None else ""
    click.echo(f"validating: {done}/{total} shapes done{what}", err=True)


@click.command()
@format_option
@as_of_option
@click.pass_obj
def stats(universe, fmt, as_of):
    """Count what the graph holds: entities per class, bonds by type, nature and
    canon status, facts by confidence, and sources. With --as-of, only what is
    revealed by that episode is counted.

    \b
    Example:
      stagegraph stats --format json
      stagegraph stats --as-of round-3
    """
    from .. import output
    from ..network.asof import cut_episode
    from ..network.stats import compute

    episode = cut_episode(universe, as_of)
    seen = universe.at(episode.order if episode else None)
    result = compute(seen.data.graph, seen.ontology.graph)
    if episode is not None:
        result["as of"] = episode.label
    click.echo(output.to_json(result) if fmt == "json" else output.stats_text(result))
