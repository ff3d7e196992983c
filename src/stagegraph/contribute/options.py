"""Which ``stagegraph new`` option answers each property of a fact: the one table that ties the
shapes' properties to ``new``'s options.

The contribute form (``form.py``, shown by the website's contribute page) is generated from the
shapes and the ontology; this table only says, for each kind ``new`` knows, which option writes
a property (``--from`` writes ``sg:from``), which properties ``new`` makes itself from the other
answers (a bond's label, a match's slots), and which it refuses for that kind. A property the
shapes name that is not in the table is answered by ``new … --set PROPERTY VALUE``.

Keys are prefixed names (``sg:from``) or, for a property of a node the fact links to,
``via/property`` (a match's ``sg:slot/sg:contestant``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from ..rdf.namespaces import SG

KINDS = ("bond", "character", "credit", "episode", "fate", "match", "person", "song", "source")

# The class of the node each kind of fact makes (a type option may choose a sub-class: TYPES).
KIND_CLASS: dict[str, URIRef] = {
    "bond": SG.Bond,
    "character": SG.Character,
    "credit": SG.Credit,
    "episode": SG.Episode,
    "fate": SG.Fate,
    "match": SG.Match,
    "person": SG.Person,
    "song": SG.Song,
    "source": SG.Source,
}


@dataclass(frozen=True)
class Option:
    """One option of ``stagegraph new``, as the form fills it in."""

    param: str  # click's parameter name (the key of new's options)
    flag: str  # as typed: --from
    need: bool = False  # new refuses the fact without it
    multiple: bool = False  # repeatable
    most: int | None = None  # at most this many values (a match's two contestants)
    vocabulary: str | None = None  # choices.VOCABULARY key: the concepts this option offers
    default: str | None = None  # what new writes when the option is left out
    fills: bool = False  # new writes a value when it is left out (a default, or one it computes)
    lang: str | None = None  # a label option: the language it writes
    reveal: dict | None = None  # --revealed-in: when the fact needs it (see REVEAL_* below)


@dataclass(frozen=True)
class TypeOption:
    """The option that chooses the class of the new node: value → class, and the words to type."""

    param: str
    classes: dict[str, URIRef]
    args: dict[str, tuple[str, ...]]  # value → what to type on the command line
    default: str


DERIVED = "derived"  # new writes it from the other answers: not asked
REFUSED = "refused"  # new never writes it for this kind

# When a fact needs --revealed-in: always; unless one of ``unless`` is answered; only when one of
# ``with`` is answered ("story" stands for any story-text answer); never when one of ``refused``
# is answered.
STORY = "story"
REVEAL_ALWAYS = {"always": True}

SOURCES = Option("sources", "--source", need=True, multiple=True)  # each new URL with --source-title
CONFIDENCE = Option("confidence", "--confidence", vocabulary="confidence", fills=True)
NOTE = Option("note", "--note")
PROVENANCE = {"sg:source": SOURCES, "sg:confidence": CONFIDENCE}


def _reveal(**when) -> Option:
    return Option("revealed_in", "--revealed-in", need=bool(when.get("always")), reveal=when)


def _names(need: bool = True) -> tuple[Option, ...]:
    return (
        Option("name", "--name", need=need, lang="en"),
        Option("name_ko", "--name-ko", lang="ko"),
        Option("name_ja", "--name-ja", lang="ja"),
    )


TITLE = (Option("title", "--title", need=True, lang="en"),)
STORY_REVEAL = _reveal(needed_with=("sg:note", STORY))
NO_REVEAL = {"sg:revealedIn": REFUSED, "sg:revealUnknown": REFUSED}

TABLE: dict[str, dict[str, object]] = {
    "bond": {
        "sg:from": Option("from_", "--from", need=True),
        "sg:to": Option("to", "--to", need=True),
        "sg:bondType": Option("bond_type", "--type", need=True, vocabulary="bond_type"),
        "sg:nature": Option("nature", "--nature", need=True, vocabulary="nature"),
        "sg:canonStatus": Option("canon", "--canon", vocabulary="canon", default="canon", fills=True),
        "rdfs:label": DERIVED,
        "sg:note": NOTE,
        "sg:revealedIn": _reveal(always=True),
        "sg:revealUnknown": _reveal(always=True),
        **PROVENANCE,
    },
    "character": {
        "rdf:type": TypeOption(
            "character_kind",
            {"character": SG.Character, "contestant": SG.Contestant, "human": SG.Human, "alien": SG.Alien},
            {k: ("--kind", k) for k in ("character", "contestant", "human", "alien")},
            "character",
        ),
        "rdfs:label": _names(),
        "sg:note": NOTE,
        "sg:revealedIn": STORY_REVEAL,
        "sg:revealUnknown": STORY_REVEAL,
        **PROVENANCE,
    },
    "credit": {
        "sg:creditFor": Option("work", "--work", need=True),
        "sg:agent": Option("agent", "--agent", need=True),
        "sg:role": Option("role", "--role", need=True, vocabulary="role"),
        "sg:asCharacter": Option("as_character", "--as"),
        **NO_REVEAL,
        **PROVENANCE,
    },
    "episode": {
        "rdfs:label": TITLE,
        "sg:episodeKind": Option(
            "episode_kind", "--episode-kind", vocabulary="episode_kind", default="special", fills=True
        ),
        "sg:roundNumber": Option("round", "--round"),
        "sg:order": Option("order", "--order"),
        "sg:released": Option("released", "--released"),
        "sg:partOfSeries": DERIVED,
        "sg:note": NOTE,
        **PROVENANCE,
    },
    "fate": {
        "sg:fateOf": Option("character", "--character", need=True),
        "sg:fateStatus": Option("status", "--status", need=True, vocabulary="status"),
        "sg:inEpisode": Option("episode", "--episode"),
        "sg:note": NOTE,
        "sg:revealedIn": _reveal(unless=("sg:inEpisode",)),
        "sg:revealUnknown": _reveal(unless=("sg:inEpisode",)),
        **PROVENANCE,
    },
    "match": {
        "sg:episode": Option("episode", "--episode", need=True),
        "sg:slot/sg:contestant": Option("contestants", "--contestant", need=True, multiple=True, most=2),
        "sg:winner": Option("winner", "--winner"),
        "sg:slot/sg:outcome": Option(
            "loser_outcome", "--loser-outcome", vocabulary="loser_outcome", default="unknown", fills=True
        ),
        "sg:song": Option("song", "--song"),
        "rdfs:label": DERIVED,
        "sg:slot": DERIVED,
        **PROVENANCE,
    },
    "person": {
        "rdf:type": TypeOption(
            "organization",
            {"person": SG.Person, "organization": SG.Organization},
            {"person": (), "organization": ("--organization",)},
            "person",
        ),
        "rdfs:label": _names(),
        **PROVENANCE,
    },
    "song": {
        "rdfs:label": TITLE,
        "sg:performedIn": Option("episode", "--episode"),
        "sg:performedBy": Option("sung_by", "--sung-by", multiple=True),
        "sg:note": NOTE,
        "sg:revealedIn": _reveal(needed_with=("sg:note", STORY), refused_with=("sg:performedIn",)),
        "sg:revealUnknown": _reveal(needed_with=("sg:note", STORY), refused_with=("sg:performedIn",)),
        **PROVENANCE,
    },
    "source": {
        "rdfs:label": TITLE,
        "sg:url": Option("url", "--url", need=True),
        "sg:sourceKind": Option("source_kind", "--source-kind", vocabulary="source_kind", default="fan", fills=True),
    },
}


def default(param: str) -> str | None:
    """What ``new`` writes for an option left out (``canon`` → "canon"), from the table."""
    for entries in TABLE.values():
        for entry in entries.values():
            for option in entry if isinstance(entry, tuple) else (entry,):
                if isinstance(option, Option) and option.param == param and option.default is not None:
                    return option.default
    return None
