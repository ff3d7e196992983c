"""Options that several commands share, defined once."""

from __future__ import annotations

from pathlib import Path

import click

from ..choices import LANGUAGES, TEXT_FORMATS

format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(TEXT_FORMATS),
    default="text",
    show_default=True,
    help="Text for people, JSON for programs.",
)

as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="EPISODE",
    help="Leave out every fact revealed after this episode (a name, slug or IRI, e.g. round-3).",
)


def lang_option(help_text: str):
    """``--lang en|ko|ja``: the language of names (and titles, labels), with its help."""
    return click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help=help_text)


def choice_option(*decls: str, choices, default: str, help: str):
    """An option that takes one of ``choices``, shown with its default in ``--help``."""
    return click.option(*decls, type=click.Choice(choices), default=default, show_default=True, help=help)


def output_option(default: str, *, folder: bool, help: str):
    """``-o/--output``: the file (or, with ``folder``, the folder) a command writes, with its default."""
    kind = click.Path(file_okay=not folder, dir_okay=folder, path_type=Path)
    return click.option("-o", "--output", "out", type=kind, default=Path(default), show_default=True, help=help)


def timeout_option(default: float, help: str):
    """``--timeout SECONDS``: a positive number of seconds, shown with its default."""
    seconds = click.FloatRange(min=0, min_open=True)
    return click.option("--timeout", type=seconds, default=default, show_default=True, help=help)
