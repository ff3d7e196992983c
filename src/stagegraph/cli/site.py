"""The website commands: site (build it), serve (preview it on 127.0.0.1)."""

from __future__ import annotations

import atexit
import gc
from pathlib import Path

import click

from .options import lang_option, output_option


@click.command()
@output_option("build/site", folder=True, help="The folder to write the site into.")
@lang_option("Language of the pages' interface and of names, falling back to English.")
@click.option("--no-sparql", "no_sparql", is_flag=True, help="Do not write the in-browser SPARQL page.")
@click.option("--full-only", is_flag=True, help="Only the full tree, no spoiler horizons (large universes).")
@click.option("--quiet", "-q", is_flag=True, help="No progress on standard error.")
@click.option(
    "--repo",
    metavar="URL",
    help="The repository contributions are proposed to: https://github.com/OWNER/REPO, "
    "https://gitlab.com/GROUP/PROJECT, https://codeberg.org/OWNER/REPO, or FORGE+https://HOST/OWNER/REPO "
    "(FORGE github, gitlab or gitea). Without it the contribute page offers a download and the add command.",
)
@click.option(
    "--repo-branch",
    metavar="BRANCH",
    help="With --repo: the branch the proposed files are made on (default main).",
)
@click.pass_obj
def site(universe, out, lang, no_sparql, full_only, quiet, repo, repo_branch):
    """Write the whole graph as a static, spoiler-safe, linked-data website.

    A page per character, episode, match, song, person, organisation, bond and
    source at the path of its IRI (character/mizi/index.html), each statement
    with its confidence, canon status and numbered sources; the bracket, the
    timeline, the relationship graph, the query library with its results, the
    ontology; index.ttl and index.jsonld beside every page. The landing page
    asks how far the reader has watched: at/<episode>/ holds one complete tree
    per episode with nothing revealed later. Works from file://.

    With --repo, the contribute page's "Propose this change" opens the
    forge's new-file page with the patch filled in, under contributions/.

    \b
    Example:
      stagegraph site
      stagegraph site -o public/ --lang ko
      stagegraph site --repo https://github.com/OWNER/REPO --repo-branch main
    """
    from ..errors import InputError
    from ..site.forge import DEFAULT_BRANCH, repository
    from ..site.generate import build_site, stderr_progress

    if repo_branch is not None and repo is None:
        raise InputError("--repo-branch needs --repo, the repository the branch is in; add --repo URL")
    summary = build_site(
        universe,
        out,
        lang=lang,
        sparql=not no_sparql,
        horizons=not full_only,
        progress=None if quiet else stderr_progress,
        repo=repository(repo, repo_branch or DEFAULT_BRANCH) if repo is not None else None,
    )
    atexit.unregister(gc.freeze)  # at exit, the last collection need not walk the graph (a second on a large one)
    atexit.register(gc.freeze)
    trees = len(summary["trees"])
    click.echo(f"{out}: {summary['pages']} pages in {trees} trees, {summary['seconds']} s")
    if summary.get("sparql_bytes"):
        click.echo(
            f"SPARQL query pages: {summary['sparql_bytes'] / 1e6:.1f} MB in all (the engine runs in the "
            "reader's browser; --no-sparql leaves them out)",
            err=True,
        )


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("build/site"))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--edit",
    is_flag=True,
    help="Let the contribute page add its contributions to the data folder (--data DIR, or the "
    "checkout's data/) through `stagegraph add`: for editing your own universe.",
)
@click.pass_obj
def serve(universe, folder, port, edit):
    """Serve a built site on 127.0.0.1 with content negotiation.

    Entity paths answer Turtle for Accept: text/turtle and JSON-LD for
    Accept: application/ld+json, HTML otherwise; .ttl, .nt and .jsonld files
    carry their media types. With --edit, the contribute page writes through
    `stagegraph add` into the data folder (the writers' lock, validation,
    atomic writes; a refusal changes no file), only from this server's own
    pages, with a token made for this run; rebuild the site to see the new
    facts on its pages. Stop with Ctrl-C.

    \b
    Example:
      stagegraph serve build/site --port 8000
      curl -H 'Accept: text/turtle' http://127.0.0.1:8000/character/mizi/
      stagegraph --data my-universe/ serve build/site --edit
    """
    from ..site.serve import server

    running = server(folder, port, universe if edit else None)
    address = f"http://127.0.0.1:{running.server_address[1]}/"
    click.echo(f"serving {folder} on {address} (Ctrl-C stops)")
    if running.editing is not None:
        click.echo(
            f"--edit: the contribute page adds what it is sent to {running.editing.folder}, "
            "as 'stagegraph add' does; only this server's pages can send it",
            err=True,
        )
    try:
        running.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        running.server_close()
