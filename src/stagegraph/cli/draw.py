"""The commands that draw, describe and export the network: graph, analyze, show, export."""

from __future__ import annotations

from pathlib import Path

import click

from ..choices import EXPORT_FORMATS, VIEWS
from .options import as_of_option, choice_option, format_option, lang_option, output_option


@click.command()
@output_option("build/graph.html", folder=False, help="Where to write the page.")
@choice_option(
    "--view",
    choices=VIEWS,
    default="all",
    help="Which edges to draw: bonds, matches, credits (songs, makers, voices) or all.",
)
@as_of_option
@lang_option("Language of the labels, falling back to English.")
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
    from ..page.write import write_page

    path = write_page(universe, out, view=view, as_of=as_of, lang=lang)
    click.echo(str(path))


@click.command()
@format_option
@as_of_option
@lang_option("Language of names, falling back to English.")
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
    from .. import output
    from ..network.analyze import run

    result = run(universe, as_of=as_of, lang=lang)
    click.echo(output.to_json(result) if fmt == "json" else output.analysis_text(result))


@click.command()
@click.argument("name")
@format_option
@as_of_option
@lang_option("Language of names, vocabulary and the card's headings, falling back to English.")
@click.pass_obj
def show(universe, name, fmt, as_of, lang):
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
    from .. import output
    from ..network.card import card, find

    result = card(universe, find(universe, name), lang, as_of=as_of)
    click.echo(output.to_json(result) if fmt == "json" else output.card_text(result, lang))


@click.command()
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(EXPORT_FORMATS),
    help="ttl, nt, jsonld: every triple of the data; graphml, gexf (Gephi), cytoscape "
    "(Cytoscape.js JSON), csv: the network of characters, bonds, matches and credits.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (replaced atomically) and print its path; default: standard output.",
)
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
    from ..network.export import export as render
    from ..network.export import write

    text = render(universe, fmt)
    if out is None:
        click.echo(text, nl=bool(text) and not text.endswith("\n"))  # an empty graph is no text at all
    else:
        click.echo(str(write(out, text)))
