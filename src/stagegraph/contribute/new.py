"""``stagegraph new KIND``: one fact as valid Turtle, its references resolved, its source required."""

from __future__ import annotations

import datetime
import re
import unicodedata
from urllib.parse import urlparse

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from ..choices import REVEAL_UNKNOWN
from ..errors import InputError
from ..rdf.labels import label
from ..rdf.names import resolve
from ..rdf.namespaces import BASE, SAFE_IRI, SG, bind_prefixes
from .options import default

KINDS = ("bond", "character", "credit", "episode", "fate", "match", "person", "song", "source")
BOND_TYPES = {"mutual": "mutual", "one-sided": "one-sided", "unrequited": "one-sided", "directed": "directed"}
CHARACTER_CLASSES = {"character": SG.Character, "contestant": SG.Contestant, "human": SG.Human, "alien": SG.Alien}


def vocab(scheme: str, value: str) -> URIRef:
    return URIRef(f"{BASE}vocab/{scheme}/{value}")


SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\Z")


def checked_slug(slug: str | None) -> str | None:
    """A --slug as given, if it is a slug (lowercase letters, digits, single hyphens)."""
    if slug is not None and not SLUG.match(slug):
        raise InputError(
            f"--slug '{slug}' is not a slug: use lowercase letters, digits and hyphens, e.g. '{slugify(slug)}'"
        )
    return slug


DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def checked_date(value: str, option: str) -> str:
    """``value`` if it is a real day written YYYY-MM-DD (an xsd:date the shapes accept)."""
    try:
        datetime.date.fromisoformat(value if DATE.match(value) else "")
    except ValueError:
        raise InputError(f"{option} '{value}' is not a real day: write it as YYYY-MM-DD, e.g. 2022-09-07") from None
    return value


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "entity"


class Builder:
    """Collects the triples of one new fact, resolving names against the universe."""

    def __init__(self, universe):
        self.universe = universe
        self.data = universe.graph
        self.graph = Graph()
        self.new_sources: dict[str, URIRef] = {}
        self.sets: list = []  # (field, language, value) of each --set PROPERTY VALUE
        self.tells_stories = False  # the new node reveals nothing by itself: its story texts need a statement
        bind_prefixes(self.graph)

    def ref(self, value: str, kind: str, option: str):
        return resolve(value, kind, self.data, self.universe.ontology.graph, option)

    def fresh(self, kind: str, slug: str, same: tuple = ()) -> URIRef:
        """An IRI ``<kind>/<slug>`` for the new fact, numbered if the slug is taken by another.

        ``same`` lists the (predicate, object) pairs that identify the fact: an existing
        entity that has them all *is* this fact, and its IRI is reused, so running the same
        ``new … --add`` twice adds nothing the second time.
        """
        base, n = f"{BASE}{kind}/{slug}", 1
        iri = URIRef(base)
        while (iri, None, None) in self.data or (iri, None, None) in self.graph:
            if same and all((iri, p, o) in self.data for p, o in same):
                return iri
            n += 1
            iri = URIRef(f"{base}-{n}")
        return iri

    def add(self, subject, predicate, obj) -> None:
        if obj is not None:
            self.graph.add((subject, predicate, obj))

    def provenance(self, subject, sources: tuple, confidence: str | None, titles: tuple = ()) -> None:
        if not sources:
            raise InputError("every fact needs a source: pass --source URL (or the name of a source in the data)")
        for i, value in enumerate(sources):
            self.add(subject, SG.source, self.source(value, titles[i] if i < len(titles) else None))
        existing = self.data.value(subject, SG.confidence)
        if existing is not None and confidence is None:
            return  # more evidence for a fact already in the data: its confidence stays
        level = confidence or ("confirmed" if len(sources) > 1 else "single-source")
        self.add(subject, SG.confidence, vocab("confidence", level))

    def source(self, value: str, title: str | None) -> URIRef:
        if re.match(r"^https?://", value):
            for existing in self.data.subjects(SG.url, None):
                if str(self.data.value(existing, SG.url)) == value:
                    return existing
            if not title:
                raise InputError(
                    f"{value} is not a source in the data yet: give its title with --source-title, "
                    "or describe it first with 'stagegraph new source --url … --title …'"
                )
            return self.new_source(value, title, "fan")
        return self.ref(value, "sg:Source", "--source")

    def new_source(self, url: str, title: str, kind: str) -> URIRef:
        if url in self.new_sources:  # one fact citing it several times (a match and its slots)
            return self.new_sources[url]
        try:
            parsed = urlparse(url)
        except ValueError:  # a broken [IPv6] host
            parsed = urlparse("")
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise InputError(f"'{url}' is not an http(s) URL; a source needs the address where it can be read")
        if not SAFE_IRI.match(url):
            raise InputError(
                f"'{url}' is not a valid URL: spaces, quotes, <>, {{}}, |, ^, ` and \\ must be "
                "percent-encoded (a space is %20)"
            )
        iri = self.fresh("source", slugify(title)[:48], ((SG.url, Literal(url, datatype=XSD.anyURI)),))
        self.add(iri, RDF.type, SG.Source)
        self.add(iri, RDFS.label, Literal(title, lang="en"))
        self.add(iri, SG.url, Literal(url, datatype=XSD.anyURI))
        self.add(iri, SG.sourceKind, vocab("sourcekind", kind))
        self.new_sources[url] = iri
        return iri

    def named(self, kind: str, cls, name: str, o: dict, ko: str | None = None, ja: str | None = None) -> URIRef:
        """A new named entity: IRI from --slug or the name, type, labels and provenance."""
        iri = self.fresh(kind, o.get("slug") or slugify(name), ((RDFS.label, Literal(name, lang="en")),))
        self.add(iri, RDF.type, cls)
        self.labels(iri, name, ko, ja)
        self.provenance(iri, o["sources"], o.get("confidence"), o["source_titles"])
        return iri

    def labels(self, subject, name: str, ko: str | None = None, ja: str | None = None) -> None:
        self.add(subject, RDFS.label, Literal(name, lang="en"))
        for lang, value in (("ko", ko), ("ja", ja)):
            if value:
                self.add(subject, RDFS.label, Literal(value, lang=lang))


def build(universe, kind: str, o: dict) -> Graph:
    """The triples for one new ``kind`` from the options ``o`` (click's parameters)."""
    b = Builder(universe)
    o = {**o, "slug": checked_slug(o.get("slug"))}
    b.sets = _set_fields(universe, kind, o)
    iri = BUILDERS[kind](b, o)
    _apply_sets(b, iri, o)
    return b.graph


def _source(b: Builder, o: dict) -> URIRef:
    _no_reveal(o, "a source is a real-world fact, never a spoiler")
    if not o.get("url") or not o.get("title"):
        raise InputError("a source needs --url and --title")
    return b.new_source(o["url"], o["title"], o.get("source_kind") or default("source_kind"))


def _character(b: Builder, o: dict) -> URIRef:
    iri = b.named(
        "character",
        CHARACTER_CLASSES[o.get("character_kind") or "character"],
        _need(o, "name"),
        o,
        o.get("name_ko"),
        o.get("name_ja"),
    )
    _story_note(b, iri, o, "a character's note")
    return iri


def _person(b: Builder, o: dict) -> URIRef:
    _no_reveal(o, "people and organisations are real-world facts, never spoilers")
    org = o.get("organization")
    return b.named(
        "organization" if org else "person",
        SG.Organization if org else SG.Person,
        _need(o, "name"),
        o,
        o.get("name_ko"),
        o.get("name_ja"),
    )


def _episode(b: Builder, o: dict) -> URIRef:
    _no_reveal(o, "an episode reveals its own note")
    iri = b.named("episode", SG.Episode, _need(o, "title"), o)
    b.add(iri, SG.episodeKind, vocab("episodekind", o.get("episode_kind") or default("episode_kind")))
    series = sorted(b.data.subjects(RDF.type, SG.Series))
    b.add(iri, SG.partOfSeries, series[0] if series else None)
    b.add(iri, SG.roundNumber, Literal(o["round"]) if o.get("round") is not None else None)
    b.add(iri, SG.order, Literal(o["order"]) if o.get("order") is not None else None)
    if o.get("released"):
        b.add(iri, SG.released, Literal(checked_date(o["released"], "--released"), datatype=XSD.date))
    _note(b, iri, o)
    return iri


def _song(b: Builder, o: dict) -> URIRef:
    iri = b.named("song", SG.Song, _need(o, "title"), o)
    if o.get("episode"):
        _no_reveal(o, "a song's note is revealed with the episode it is sung in (--episode)")
        b.add(iri, SG.performedIn, b.ref(o["episode"], "sg:Episode", "--episode"))
        _note(b, iri, o)
    else:
        _story_note(b, iri, o, "the note of a song without --episode")
    for who in o.get("sung_by") or ():
        b.add(iri, SG.performedBy, b.ref(who, "sg:Character", "--sung-by"))
    return iri


def _bond(b: Builder, o: dict) -> URIRef:
    a = b.ref(_need(o, "from_"), "sg:Character", "--from")
    c = b.ref(_need(o, "to"), "sg:Character", "--to")
    nature, kind = _need(o, "nature"), BOND_TYPES[_need(o, "bond_type")]
    iri = b.fresh(
        "bond",
        f"{_slug(a)}-{_slug(c)}-{nature}",
        ((SG["from"], a), (SG.to, c), (SG.nature, vocab("nature", nature)), (SG.bondType, vocab("bondtype", kind))),
    )
    b.add(iri, RDF.type, SG.Bond)
    arrow = "↔" if kind == "mutual" else "→"
    b.add(iri, RDFS.label, Literal(f"{_name(b, a)} {arrow} {_name(b, c)} ({nature}, {kind})", lang="en"))
    b.add(iri, SG["from"], a)
    b.add(iri, SG.to, c)
    b.add(iri, SG.bondType, vocab("bondtype", kind))
    b.add(iri, SG.nature, vocab("nature", nature))
    b.add(iri, SG.canonStatus, vocab("canon", o.get("canon") or default("canon")))
    _revealed(b, iri, o, required="a bond")
    _note(b, iri, o)
    b.provenance(iri, o["sources"], o.get("confidence"), o["source_titles"])
    return iri


def _fate(b: Builder, o: dict) -> URIRef:
    who = b.ref(_need(o, "character"), "sg:Character", "--character")
    iri = b.fresh("fate", _slug(who), ((SG.fateOf, who), (SG.fateStatus, vocab("status", _need(o, "status")))))
    b.add(iri, RDF.type, SG.Fate)
    b.add(iri, SG.fateOf, who)
    b.add(iri, SG.fateStatus, vocab("status", _need(o, "status")))
    episode = b.ref(o["episode"], "sg:Episode", "--episode") if o.get("episode") else None
    b.add(iri, SG.inEpisode, episode)
    if not o.get("revealed_in") and episode is not None:
        b.add(iri, SG.revealedIn, episode)
    else:
        _revealed(b, iri, o, required="a fate without --episode")
    _note(b, iri, o)
    b.provenance(iri, o["sources"], o.get("confidence"), o["source_titles"])
    return iri


def _match(b: Builder, o: dict) -> URIRef:
    _no_reveal(o, "a match and its slots are revealed in the match's --episode")
    episode = b.ref(_need(o, "episode"), "sg:Episode", "--episode")
    people = [b.ref(c, "sg:Character", "--contestant") for c in (o.get("contestants") or ())]
    if not 1 <= len(people) <= 2:
        raise InputError("a match needs one or two --contestant (leave one out when the opponent is unidentified)")
    winner = b.ref(o["winner"], "sg:Character", "--winner") if o.get("winner") else None
    iri = b.fresh("match", _slug(episode), ((SG.episode, episode),))
    names = [_name(b, p) for p in people] + ["unidentified opponent"] * (2 - len(people))
    b.add(iri, RDF.type, SG.Match)
    b.add(iri, RDFS.label, Literal(f"{_name(b, episode)}: {names[0]} vs {names[1]}", lang="en"))
    b.add(iri, SG.episode, episode)
    b.add(iri, SG.winner, winner)
    if o.get("song"):
        b.add(iri, SG.song, b.ref(o["song"], "sg:Song", "--song"))
    b.provenance(iri, o["sources"], o.get("confidence"), o["source_titles"])
    for position in (1, 2):
        slot = URIRef(f"{iri}-slot-{position}")
        person = people[position - 1] if position <= len(people) else None
        outcome = (
            "unknown"
            if winner is None
            else "advanced"
            if person == winner
            else (o.get("loser_outcome") or default("loser_outcome"))
        )
        b.add(iri, SG.slot, slot)
        b.add(slot, RDF.type, SG.Slot)
        b.add(slot, SG.position, Literal(position))
        b.add(slot, SG.contestant, person)
        b.add(slot, SG.outcome, vocab("outcome", outcome))
        b.provenance(slot, o["sources"], o.get("confidence"), o["source_titles"])
    return iri


def _credit(b: Builder, o: dict) -> URIRef:
    _no_reveal(o, "a credit is a real-world fact, never a spoiler")
    work = b.ref(_need(o, "work"), "sg:Work", "--work")
    agent = b.ref(_need(o, "agent"), "sg:Agent", "--agent")
    role = _need(o, "role")
    iri = b.fresh(
        "credit",
        f"{_slug(work)}-{role}-{_slug(agent)}",
        ((SG.creditFor, work), (SG.agent, agent), (SG.role, vocab("role", role))),
    )
    b.add(iri, RDF.type, SG.Credit)
    b.add(iri, SG.creditFor, work)
    b.add(iri, SG.agent, agent)
    b.add(iri, SG.role, vocab("role", role))
    if o.get("as_character"):
        b.add(iri, SG.asCharacter, b.ref(o["as_character"], "sg:Character", "--as"))
    b.provenance(iri, o["sources"], o.get("confidence"), o["source_titles"])
    return iri


def _revealed(b: Builder, iri, o: dict, required: str) -> None:
    """The episode that reveals a story fact (sg:revealedIn), or sg:revealUnknown true for
    ``--revealed-in unknown``: a story fact always says one or the other (shapes.ttl requires it)."""
    value = o.get("revealed_in")
    if not value:
        raise InputError(
            f"{required} needs --revealed-in: the episode that reveals it (a name, slug or IRI), "
            f"or '--revealed-in {REVEAL_UNKNOWN}' if no source says which episode does"
        )
    if value.strip().lower() == REVEAL_UNKNOWN:
        b.add(iri, SG.revealUnknown, Literal(True))
    else:
        b.add(iri, SG.revealedIn, b.ref(value, "sg:Episode", "--revealed-in"))


def _story_note(b: Builder, iri, o: dict, what: str) -> None:
    """A note on a node that reveals nothing by itself (a character, a song without its episode), with
    the sg:TextStatement that gives its revealing episode, its sources and its confidence."""
    b.tells_stories = True
    if not o.get("note"):
        if not any(made.story for made, _, _ in b.sets):
            _no_reveal(o, "--revealed-in goes with --note here: it says which episode reveals the note")
        return
    text = Literal(o["note"], lang="en")
    statement = b.fresh(
        "statement",
        f"{_slug(iri)}-note",
        ((SG.statementSubject, iri), (SG.statementProperty, SG.note), (SG.statementValue, text)),
    )
    b.add(iri, SG.note, text)
    b.add(statement, RDF.type, SG.TextStatement)
    b.add(statement, SG.statementSubject, iri)
    b.add(statement, SG.statementProperty, SG.note)
    b.add(statement, SG.statementValue, text)
    _revealed(b, statement, o, required=what)
    b.provenance(statement, o["sources"], o.get("confidence"), o["source_titles"])


def _set_fields(universe, kind: str, o: dict) -> list:
    """The field each ``--set PROPERTY VALUE`` answers (refusing a property the kind's shapes do not
    name, or one another option gives), with its language and value."""
    pairs = o.get("set") or ()
    if not pairs:
        return []
    from .form import Schema, set_field

    schema = Schema.of(universe)
    chosen = o.get("character_kind") if kind == "character" else ("organization" if o.get("organization") else None)
    found = [(*set_field(schema, kind, prop, chosen), value) for prop, value in pairs]
    for made, _, _ in found:
        if not made.multiple and sum(1 for other, _, _ in found if other.set == made.set) > 1:
            raise InputError(f"--set {made.set} takes one value: the shapes allow at most one")
    return found


def _apply_sets(b: Builder, iri, o: dict) -> None:
    """Each ``--set`` answer on the new node ``iri``; a character attribute with the
    sg:AttributeStatement that carries its sources, and a story text on a node that reveals
    nothing by itself with the statement that gives its revealing episode."""
    from .form import set_term

    for made, lang, value in b.sets:
        prop = URIRef(made.paths[0])
        term = set_term(made, value, lang, b.ref)
        b.add(iri, prop, term)
        story = made.story and b.tells_stories
        if not (made.attribute or story):
            continue
        statement = b.fresh(
            "statement",
            f"{_slug(iri)}-{made.stem}",
            ((SG.statementSubject, iri), (SG.statementProperty, prop), (SG.statementValue, term)),
        )
        b.add(statement, RDF.type, SG.AttributeStatement if made.attribute else SG.TextStatement)
        b.add(statement, SG.statementSubject, iri)
        b.add(statement, SG.statementProperty, prop)
        b.add(statement, SG.statementValue, term)
        if story:
            _revealed(b, statement, o, required=f"the story text --set {made.set}")
        b.provenance(statement, o["sources"], o.get("confidence"), o["source_titles"])


def _no_reveal(o: dict, why: str) -> None:
    if o.get("revealed_in"):
        raise InputError(f"--revealed-in does not apply here: {why}")


def _note(b: Builder, iri, o: dict) -> None:
    if o.get("note"):
        b.add(iri, SG.note, Literal(o["note"], lang="en"))


def _need(o: dict, key: str) -> str:
    if not o.get(key):
        raise InputError(f"--{key.rstrip('_').replace('_', '-')} is required for this kind of fact")
    return o[key]


def _slug(iri) -> str:
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def _name(b: Builder, iri) -> str:

    return label(b.data, iri)


BUILDERS = {
    "bond": _bond,
    "character": _character,
    "credit": _credit,
    "episode": _episode,
    "fate": _fate,
    "match": _match,
    "person": _person,
    "song": _song,
    "source": _source,
}
