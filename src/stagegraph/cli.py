"""The ``stagegraph`` command line: parse options, call the library, format, exit.

Exit codes: 0 success (the graph conforms); 1 the graph has violations;
2 an input could not be read (missing file, syntax error) or a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import StagegraphError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
EXIT_OK, EXIT_VIOLATIONS, EXIT_INPUT = 0, 1, 2

format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="Text for people, JSON for programs.")


class Group(click.Group):
    """Turns library errors into one-sentence messages with exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except StagegraphError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="stagegraph")
@click.option("--data", "data_paths", multiple=True, type=click.Path(path_type=Path),
              help="A data file or a folder of .ttl files (repeatable). Default: the bundled data/.")
@click.option("--ontology", "ontology_paths", multiple=True, type=click.Path(path_type=Path),
              help="An ontology/shapes file or folder (repeatable). Default: the bundled ontology/.")
@click.pass_context
def main(ctx, data_paths, ontology_paths):
    """A sourced knowledge graph of ALIEN STAGE, or of any universe described
    with the stagegraph ontology: validate it against its shapes and count
    what it holds.

    \b
    Example:
      stagegraph validate
      stagegraph --data my-universe/ stats
    """
    from .universe import Universe

    universe = Universe()
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
    report = universe.validate(data, allow_warnings=allow_warnings)
    if fmt == "json":
        click.echo(output.report_json(report, len(data.graph), data.files))
    else:
        for line in output.report_lines(report):
            click.echo(line)
        click.echo(output.report_summary(report, len(data.graph), len(data.files)), err=True)
    sys.exit(EXIT_OK if report.conforms else EXIT_VIOLATIONS)


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
