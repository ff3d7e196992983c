"""Options that several commands share, defined once."""

from __future__ import annotations

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
