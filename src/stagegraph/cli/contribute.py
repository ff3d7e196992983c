"""The contribution commands: new, add, fmt, diff."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..choices import CHARACTER_KINDS, DIFF_FORMATS, ENGINES, FACT_KINDS, TEXT_FORMATS, vocabulary
from ..errors import ExitCode
from .options import choice_option


def _print_add_result(result) -> None:
    from .. import output

    for line in output.added(result):
        click.echo(line)
    for line in output.added_to_files(result):
        click.echo(line, err=True)


@click.command()
@click.argument("kind", type=click.Choice(FACT_KINDS))
@click.option("--from", "from_", metavar="CHARACTER", help="bond: who feels or acts (name, slug or IRI).")
@click.option("--to", metavar="CHARACTER", help="bond: toward whom.")
@click.option(
    "--type",
    "bond_type",
    type=click.Choice(vocabulary("bond_type")),
    help="bond: mutual, one-sided (= unrequited) or directed.",
)
@click.option("--nature", type=click.Choice(vocabulary("nature")), help="bond: its nature.")
@click.option("--canon", type=click.Choice(vocabulary("canon")), help="bond: canon status (default canon).")
@click.option(
    "--revealed-in",
    metavar="EPISODE",
    help="bond, fate, a character's (or undated song's) --note: the episode that reveals it, or "
    "'unknown' (sg:revealUnknown true: held back from every spoiler-safe view).",
)
@click.option("--character", metavar="CHARACTER", help="fate: whose fate.")
@click.option("--status", type=click.Choice(vocabulary("status")), help="fate: what became of the character.")
@click.option(
    "--episode", metavar="EPISODE", help="fate: where it happened; match: its episode; song: where it is sung."
)
@click.option(
    "--contestant",
    "contestants",
    multiple=True,
    metavar="CHARACTER",
    help="match: a contestant (twice; once if the opponent is unidentified).",
)
@click.option("--winner", metavar="CHARACTER", help="match: the winner, where known.")
@click.option(
    "--loser-outcome",
    type=click.Choice(vocabulary("loser_outcome")),
    help="match: how it ended for the loser (default unknown).",
)
@click.option("--song", metavar="SONG", help="match: the song sung.")
@click.option("--work", metavar="WORK", help="credit: the song, episode or series.")
@click.option("--agent", metavar="AGENT", help="credit: the person or organisation.")
@click.option("--role", type=click.Choice(vocabulary("role")), help="credit: what they did.")
@click.option("--as", "as_character", metavar="CHARACTER", help="credit: the character a vocalist voices.")
@click.option("--name", help="character, person: the English name.")
@click.option("--name-ko", help="character, person: the Korean name.")
@click.option("--name-ja", help="character, person: the Japanese name.")
@click.option(
    "--kind",
    "kind_value",
    type=click.Choice(CHARACTER_KINDS + vocabulary("source_kind")),
    help="character: character, contestant, human or alien; source: official, review, news, wiki, fan or archive.",
)
@click.option("--organization", is_flag=True, help="person: it is an organisation.")
@click.option("--title", help="episode, song, source: the title.")
@click.option(
    "--episode-kind", type=click.Choice(vocabulary("episode_kind")), help="episode: round, final, opening or special."
)
@click.option("--round", "round", type=click.IntRange(min=1), help="episode: the round number (1 or more).")
@click.option("--order", type=int, help="episode: its place in the viewing order.")
@click.option("--released", metavar="YYYY-MM-DD", help="episode: release date.")
@click.option("--sung-by", multiple=True, metavar="CHARACTER", help="song: a character who sings it in the story.")
@click.option("--url", help="source: its address.")
@click.option(
    "--source-kind",
    type=click.Choice(vocabulary("source_kind")),
    help="source: what kind of page (default fan); same as --kind.",
)
@click.option("--slug", help="The slug of the new IRI (default: made from the name or title).")
@click.option("--note", help="A short note in English, in the source's words.")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="URL|SOURCE",
    help="A source: a URL or an existing source (repeatable).",
)
@click.option(
    "--source-title",
    "source_titles",
    multiple=True,
    metavar="TITLE",
    help="The title of a --source URL not yet in the data.",
)
@click.option(
    "--confidence",
    type=click.Choice(vocabulary("confidence")),
    help="Default: single-source, or confirmed with two sources.",
)
@click.option(
    "--set",
    "set",
    nargs=2,
    multiple=True,
    metavar="PROPERTY VALUE",
    help="Any other property the kind's shapes name (repeatable): PROPERTY a prefixed name or IRI "
    "(sg:age, skos:altLabel; PROPERTY@ko for a text in Korean), VALUE an existing entity's name, slug or "
    "IRI, a concept of the property's scheme, or a literal of its datatype. A character attribute comes "
    "with its sg:AttributeStatement; a story text on a character, with its statement and --revealed-in.",
)
@click.option(
    "--add", "add_now", is_flag=True, help="Add the fact to the data (see `stagegraph add`) instead of printing it."
)
@click.pass_obj
def new(universe, kind, add_now, **options):
    """Print valid Turtle for one new fact, or add it with --add.

    KIND is bond, character, credit, episode, fate, match, person, song or source.
    Names of existing entities are resolved (a name in any language, a slug or an
    IRI); every fact except a source needs --source.

    Every property the shapes name for the kind has an option: the ones below, or
    --set PROPERTY VALUE for the others (what the website's contribute form asks).

    \b
    Example:
      stagegraph new bond --from Luka --to Hyuna --type unrequited --nature romantic \\
          --source https://shipping.fandom.com/wiki/Hyuluka --revealed-in unknown
      stagegraph new source --url https://example.org/review --title "A review" --source-kind review
      stagegraph new character --name Nova --set sg:age 17 --set skos:altLabel@ko 노바 \\
          --source https://example.org/profile --source-title "A profile"
    """
    from ..contribute.new import build
    from ..errors import InputError
    from ..rdf.canonical import serialize

    _refuse_undecodable(click.get_current_context())
    kind_value = options.pop("kind_value")
    if kind_value is not None:
        target = "source_kind" if kind == "source" else "character_kind"
        allowed = vocabulary("source_kind") if kind == "source" else CHARACTER_KINDS
        if kind_value not in allowed:
            raise InputError(f"--kind {kind_value} does not apply to a {kind}; choose one of {', '.join(allowed)}")
        options[target] = kind_value

    if not add_now:
        click.echo(serialize(build(universe, kind, options)), nl=False)
        return
    from ..contribute.add import add as add_fact

    build(universe, kind, options)  # refuse bad options before waiting for the lock
    _finish_add(lambda: add_fact(universe, None, build=lambda fresh: serialize(build(fresh, kind, options))))


def _refuse_undecodable(ctx) -> None:
    """Option text goes into the data: bytes that are not UTF-8 (which Python keeps as lone
    surrogates) would make Turtle that cannot be written, so they are refused by option."""
    from ..errors import InputError

    for param in ctx.command.params:
        values = ctx.params.get(param.name)
        flat = values if isinstance(values, tuple) else (values,)
        for value in (v for item in flat for v in (item if isinstance(item, tuple) else (item,))):  # --set: pairs
            if isinstance(value, str) and not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise InputError(
                        f"{param.opts[0]} is not valid UTF-8 text; type it again in a UTF-8 terminal"
                    ) from None


def _finish_add(action) -> None:
    from .. import output
    from ..contribute.add import ContributionRefused

    try:
        result = action()
    except ContributionRefused as exc:
        if exc.report is not None:
            for line in output.report_lines(exc.report):
                click.echo(line)
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    _print_add_result(result)


@click.command()
@click.argument("file", metavar="FILE.ttl|-", type=click.Path(allow_dash=True, path_type=Path))
@click.option(
    "--dry-run",
    is_flag=True,
    help="Write nothing: say what would be added and whether the contribution is valid (exit 0 valid, 1 not).",
)
@choice_option(
    "--engine",
    choices=ENGINES,
    default="auto",
    help="pyshacl (the contribution's neighbourhood, node by node), fast (the merged data "
    "set-at-a-time on Oxigraph; same report, or it declines to pySHACL), or auto (fast above "
    "1,000 triples and a twentieth of the data; pyshacl when the data is read from its Oxigraph store).",
)
@choice_option(
    "--format",
    "fmt_",
    choices=TEXT_FORMATS,
    default="text",
    help="Plain words, or JSON (valid, facts, problems, files) for a CI job.",
)
@click.pass_obj
def add(universe, file, dry_run, engine, fmt_):
    """Add the facts in a Turtle file (or standard input) to the data, if they keep it valid.

    Checks that every ontology term exists, merges the facts with the data,
    validates the result, and only then writes each new triple, in canonical form,
    to the data file for its topic. Anything invalid is refused with the report
    (exit 1) and no file changes. Writes go to --data DIR, or the checkout's data/.
    With --dry-run, nothing is written: it says in plain words what the file would
    add (or proposes, when refused) and ends with "valid: …" or "invalid: …", for a
    pull request's CI.

    \b
    Example:
      stagegraph new bond --from Luka --to Hyuna --type one-sided --nature romantic --source SHIP-HL > bond.ttl
      stagegraph add bond.ttl --dry-run
      stagegraph --data data/ add bond.ttl
      stagegraph --data data/ add season-2.ttl --engine fast
      stagegraph add contributions/bond-luka-hyuna-romantic-20260102-030405.ttl --dry-run --format json
    """
    from ..contribute.add import add as add_facts
    from ..files import read_stream

    path = None if str(file) == "-" else file
    name = str(file) if path is not None else "<stdin>"

    def action(text=None):
        if path is None and text is None:
            text = read_stream(click.get_binary_stream("stdin"))
        return add_facts(universe, path, text, dry_run=dry_run, engine=engine)

    if fmt_ == "text" and not dry_run:
        _finish_add(action)
    else:
        _checked_add(universe, action, name, path, dry_run, fmt_ == "json")


def _checked_add(universe, action, name: str, path, dry_run: bool, json: bool) -> None:
    """``add --dry-run`` and ``add --format json``: what the contribution adds (or, refused, what it
    proposes), and whether it is valid, in plain words or JSON; the exit code says it too."""
    from .. import output
    from ..contribute.add import describe_contribution
    from ..errors import ContributionRefused, InputError, StagegraphError, shown
    from ..files import read_stream
    from . import fail

    text = None
    try:
        if path is None:
            text = read_stream(click.get_binary_stream("stdin"))
        result = action(text)
    except StagegraphError as exc:
        if not (isinstance(exc, ContributionRefused) or (isinstance(exc, InputError) and exc.path == shown(name))):
            raise  # about the data folder, not the contribution: an error like any other
        facts = describe_contribution(universe, path, text) if isinstance(exc, ContributionRefused) else []
        report = getattr(exc, "report", None)
        if json:
            click.echo(output.add_json(name, dry_run, refused=exc, facts=facts))
        else:
            for line in output.proposed(facts) + (output.report_lines(report) if report is not None else []):
                click.echo(line)
            click.echo(output.add_verdict(name, refused=exc))
        fail(str(exc), exc.exit_code)
        return
    if json:
        click.echo(output.add_json(name, dry_run, result=result))
        return
    _print_add_result(result)
    click.echo(output.add_verdict(name, result))


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Only list the files that are not canonical (exit 1 if any).")
@click.pass_obj
def fmt(universe, paths, check):
    """Rewrite Turtle files in the canonical form (default: the ontology and data folders).

    The form: the file's leading comments, the prefixes it uses, subjects in IRI
    order, `a` and labels first, one predicate per line, objects sorted, blank nodes
    inline. The triples never change. With --check, list the files that would
    change and exit 1.

    \b
    Example:
      stagegraph fmt --check
      stagegraph fmt data/bonds.ttl
    """
    from .. import output
    from ..bundle import is_installed_copy
    from ..contribute.fmt import format_files
    from ..files import WriteError

    targets = paths or tuple(universe.ontology_paths) + tuple(universe.data_paths)
    if not check and any(is_installed_copy(Path(t)) for t in targets):
        raise WriteError(
            "these are the installed package's files, which are never rewritten; "
            "pass the paths of your checkout's files (or --check to only look)"
        )
    results = format_files(targets, check=check)
    for line in output.formatted(results, check):
        click.echo(line)
    summary = output.formatted_summary(results, check)
    if summary:
        click.echo(summary, err=True)
    if check and any(r.changed for r in results):
        sys.exit(ExitCode.VIOLATIONS)


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new_", metavar="NEW", type=click.Path(path_type=Path))
@choice_option(
    "--format",
    "fmt_",
    choices=DIFF_FORMATS,
    default="text",
    help="Plain words, or the added and removed triples (N-Triples, + and -).",
)
@click.pass_obj
def diff(universe, old, new_, fmt_):
    """Show what changed between two data files or folders. Exit 0 when equal, 1 when they differ.

    \b
    Example:
      stagegraph diff main-data/ data/
    """
    from .. import output
    from ..contribute.diff import compare

    result = compare([old], [new_], universe.ontology.graph)
    if fmt_ == "triples":
        for line in output.diff_triples(result):
            click.echo(line)
    else:
        for line in output.diff_words(result):
            click.echo(line)
        click.echo(output.diff_summary(result), err=True)
    sys.exit(0 if result.same else 1)
