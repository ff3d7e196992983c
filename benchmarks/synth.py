#!/usr/bin/env python3
"""A synthetic stagegraph universe whose size grows linearly with the number of characters.

    python benchmarks/synth.py --characters N --out DIR [--seed 0]

writes the topic files of ``data/`` (sources, series, characters, fates, matches, songs,
people, bonds) into DIR, in the project's namespaces, and prints the number of triples.
The universe is valid: ``stagegraph --data DIR validate`` reports it conforming. Same
arguments, same bytes.

    python benchmarks/synth.py --canary --characters 20 --out DIR

writes instead the canary universe of the spoiler tests (tests/spoilers/, class ``Canary``):
two seasons in which every fact carries a marker of the episode that reveals it.

Shape of the universe, per character (about ``TRIPLES_PER_CHARACTER`` triples each):

- names in English, Korean and Japanese; 80 % contestants (``sg:Contestant``), 10 % other
  humans, 10 % aliens; two or three attributes, each annotated by an
  ``sg:AttributeStatement`` (sometimes two conflicting values); a garden;
- about two bonds of every type (mutual, one-sided, directed) and nature (romantic,
  platonic, family, rivalry, guardianship, protective, antagonistic) and canon status;
  about a third of the characters sit on chains of one-sided romantic feeling, so that
  ``love-chains`` has answers; two opposite one-sided bonds of one nature between one
  pair never occur (that would be a mutual bond);
- the contestants form seasons of eight, one ``sg:Series`` per season with an opening,
  six rounds and a final (unique orders and round numbers), and seven single-elimination
  matches with their songs; a loser's outcome is died (with a fate in that episode),
  rescued or unknown, and nobody competes after losing; the season's winner is alive;
- songs with credits (composer, vocalist as the character, producer and creator of the
  season), a pool of people and organisations, and a pool of sources that every fact cites.

Only the standard library: the Turtle is written as text, so a million triples take
seconds.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path

BASE = "https://w3id.org/stagegraph/"
TRIPLES_PER_CHARACTER = 99  # measured (97.8 at N = 400, 98.7 at 4,000); bench.py turns triple targets into N
FILES = (
    "sources.ttl",
    "series.ttl",
    "characters.ttl",
    "fates.ttl",
    "matches.ttl",
    "songs.ttl",
    "people.ttl",
    "bonds.ttl",
)

PREFIXES = {
    "bond": BASE + "bond/",
    "bondtype": BASE + "vocab/bondtype/",
    "canon": BASE + "vocab/canon/",
    "character": BASE + "character/",
    "confidence": BASE + "vocab/confidence/",
    "credit": BASE + "credit/",
    "episode": BASE + "episode/",
    "episodekind": BASE + "vocab/episodekind/",
    "fate": BASE + "fate/",
    "match": BASE + "match/",
    "nature": BASE + "vocab/nature/",
    "organization": BASE + "organization/",
    "outcome": BASE + "vocab/outcome/",
    "person": BASE + "person/",
    "place": BASE + "place/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "role": BASE + "vocab/role/",
    "series": BASE + "series/",
    "sg": BASE + "ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "song": BASE + "song/",
    "source": BASE + "source/",
    "sourcekind": BASE + "vocab/sourcekind/",
    "statement": BASE + "statement/",
    "status": BASE + "vocab/status/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Names: the same syllable index gives the English, Korean and Japanese spelling.
EN = [
    "Ka",
    "Ri",
    "Mo",
    "Se",
    "Lu",
    "Na",
    "Ti",
    "Vo",
    "Ze",
    "Ha",
    "Ji",
    "Ro",
    "Mi",
    "Su",
    "Da",
    "Ne",
    "Yu",
    "Ko",
    "Ra",
    "Fe",
]
KO = [
    "카",
    "리",
    "모",
    "세",
    "루",
    "나",
    "티",
    "보",
    "제",
    "하",
    "지",
    "로",
    "미",
    "수",
    "다",
    "네",
    "유",
    "코",
    "라",
    "페",
]
JA = [
    "カ",
    "リ",
    "モ",
    "セ",
    "ル",
    "ナ",
    "ティ",
    "ヴォ",
    "ゼ",
    "ハ",
    "ジ",
    "ロ",
    "ミ",
    "ス",
    "ダ",
    "ネ",
    "ユ",
    "コ",
    "ラ",
    "フェ",
]
PEOPLE = [
    "Bel",
    "Cor",
    "Dax",
    "Eno",
    "Fin",
    "Gal",
    "Hux",
    "Ivo",
    "Jem",
    "Kel",
    "Lor",
    "Mav",
    "Nox",
    "Orr",
    "Pim",
    "Quin",
    "Rue",
    "Sol",
    "Tam",
    "Ulm",
]
WORDS = ["Black", "Sweet", "Silent", "Burning", "Glass", "Velvet", "Hollow", "Golden", "Broken", "Paper"]
THINGS = ["Sorrow", "Dream", "Garden", "Heart", "Cradle", "Clematis", "Karma", "Stage", "Bloom", "Ruler"]
LIKES = [
    "classical literature",
    "artificial flowers",
    "toothbrushes",
    "peace",
    "rain",
    "old songs",
    "stars",
    "tea",
    "running",
    "drawing",
]
DISLIKES = ["boredom", "mess", "conflict", "rudeness", "silence", "crowds", "cold", "lies", "noise", "waiting"]
SKILLS = [
    "splits",
    "making fire",
    "singing in harmony",
    "dancing",
    "whistling",
    "climbing",
    "sewing",
    "card tricks",
    "falsetto",
    "beatboxing",
]
SOURCE_KINDS = ["official", "review", "news", "wiki", "fan", "archive"]
ATTRIBUTES = ["age", "heightCm", "weightKg", "likes", "dislikes", "birthday", "bloodType", "skill", "idNumber"]
CANON = [("canon", 6), ("disputed", 2), ("fan-interpretation", 2)]
# (bond type, nature, weight) for the bonds other than the love chains and guardians
OTHER_BONDS = [
    ("mutual", "platonic", 6),
    ("mutual", "family", 2),
    ("mutual", "romantic", 2),
    ("mutual", "rivalry", 3),
    ("one-sided", "antagonistic", 2),
    ("one-sided", "platonic", 2),
    ("one-sided", "rivalry", 1),
    ("one-sided", "protective", 1),
    ("directed", "protective", 2),
    ("directed", "antagonistic", 1),
]


def name_parts(index: int) -> tuple[list[int], list[int]]:
    """Syllable indexes of a character's given and family name; distinct for every index.

    The given name spells ``index % 400`` and the family name a varying first syllable
    followed by ``index // 400`` in base 20; every English syllable has two letters, so
    the spelling decodes back to the index.
    """
    given, family = index % 400, index // 400
    digits = [(index * 7 + index // 20 + 3) % 20]
    while family:
        digits.append(family % 20)
        family //= 20
    return [given // 20, given % 20], digits


def character_name(index: int, table: list[str] = EN) -> str:
    given, family = name_parts(index)
    first = "".join(table[i] for i in given)
    last = "".join(table[i] for i in family)
    if table is EN:
        first, last = first.capitalize(), last.capitalize()
    return f"{first} {last}"


def slug(text: str) -> str:
    return "-".join("".join(ch for ch in word.lower() if ch.isalnum()) for word in text.split())


def character_slug(index: int) -> str:
    return slug(character_name(index))


def source_slug(index: int) -> str:
    return f"src-{index:05d}"


def person_name(index: int) -> str:
    parts = []
    index += 20
    while index:
        parts.append(PEOPLE[index % 20])
        index //= 20
    return "".join(p if i == 0 else p.lower() for i, p in enumerate(parts))


def single_elimination(players: list[int], rng: random.Random):
    """The seven matches of eight players as ``(round, a, b, winner)``: rounds 0-3 the
    quarter-finals, 4-5 the semi-finals, 6 the final; each winner drawn as its match comes."""
    pairings = [(players[0], players[1]), (players[2], players[3]), (players[4], players[5]), (players[6], players[7])]
    winners: list[int] = []
    for r in range(7):
        if r == 4:
            pairings = [(winners[0], winners[1]), (winners[2], winners[3])]
        if r == 6:
            pairings = [(winners[4], winners[5])]
        a, b = pairings[r if r < 4 else r - 4 if r < 6 else 0]
        winner = a if rng.random() < 0.5 else b
        winners.append(winner)
        yield r, a, b, winner


def literal(text: str, lang: str | None = "en") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


class Writer:
    """Turtle text per topic file, and the number of triples written."""

    def __init__(self):
        self.parts: dict[str, list[str]] = {name: [] for name in FILES}
        self.triples = 0

    def block(self, file: str, subject: str, pairs: list[tuple[str, list[str]]]) -> None:
        lines, count = [subject], 0
        shown = [(p, objects) for p, objects in pairs if objects]
        for i, (predicate, objects) in enumerate(shown):
            end = " ." if i == len(shown) - 1 else " ;"
            lines.append(f"    {predicate} {', '.join(objects)}{end}")
            count += len(objects)
        self.triples += count
        self.parts[file].append("\n".join(lines) + "\n")

    def texts(self, seed: int, characters: int, flags: str = "") -> dict[str, str]:
        header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items()))
        return {
            name: f"# Synthetic stagegraph universe (benchmarks/synth.py{flags} --characters {characters} "
            f"--seed {seed}): {name[:-4]}.\n\n{header}\n" + "\n".join(blocks)
            for name, blocks in self.parts.items()
        }


class Universe:
    def __init__(self, characters: int, seed: int = 0):
        if characters < 8:
            raise ValueError("at least 8 characters (one season)")
        self.n = characters
        self.rng = random.Random(seed)
        self.seed = seed
        self.out = Writer()
        self.sources = max(12, characters // 8)
        self.people = max(6, characters // 6)
        self.organizations = max(1, characters // 300)
        self.kinds = ["Contestant" if i % 10 < 8 else "Human" if i % 10 == 8 else "Alien" for i in range(characters)]
        self.contestants = [i for i in range(characters) if self.kinds[i] == "Contestant"]
        self.seasons = len(self.contestants) // 8
        self.gardens = max(1, self.seasons // 5)
        self.season_of: dict[int, int] = {}
        for position, index in enumerate(self.contestants[: self.seasons * 8]):
            self.season_of[index] = position // 8
        self.revealed_by_season: dict[int, list[str]] = {}

    # -- helpers ------------------------------------------------------------------------------
    def provenance(self, confidence: str | None = None) -> list[tuple[str, list[str]]]:
        """``sg:confidence`` and ``sg:source``: two distinct sources for confirmed, one otherwise."""
        rng = self.rng
        if confidence is None:
            confidence = rng.choices(["confirmed", "single-source", "inferred"], [4, 5, 1])[0]
        count = 2 if confidence in ("confirmed", "conflicting") else 1
        first = rng.randrange(self.sources)
        picked = [first] if count == 1 else [first, (first + 1 + rng.randrange(self.sources - 1)) % self.sources]
        return [
            ("sg:confidence", [f"confidence:{confidence}"]),
            ("sg:source", [f"source:{source_slug(i)}" for i in sorted(picked)]),
        ]

    def char(self, index: int) -> str:
        return f"character:{character_slug(index)}"

    def season_of_any(self, index: int) -> int | None:
        if not self.seasons:
            return None
        return self.season_of.get(index, index * self.seasons // self.n)

    # -- topics -------------------------------------------------------------------------------
    def write_sources(self) -> None:
        for i in range(self.sources):
            kind = SOURCE_KINDS[i % len(SOURCE_KINDS)]
            title = f"{WORDS[i % 10]} {THINGS[(i // 10) % 10]} ({kind} page {i})"
            pairs = [
                ("a", ["sg:Source"]),
                ("rdfs:label", [literal(title)]),
                ("sg:sourceKind", [f"sourcekind:{kind}"]),
                ("sg:url", [f'"https://example.org/stagegraph-synth/{source_slug(i)}"^^xsd:anyURI']),
            ]
            if i % 4 == 0:
                pairs.insert(2, ("sg:note", [literal(f"Synthetic {kind} source number {i}.")]))
            self.out.block("sources.ttl", f"source:{source_slug(i)}", pairs)

    def write_people(self) -> None:
        for i in range(self.people):
            name = person_name(i)
            pairs = [
                ("a", ["sg:Person"]),
                ("rdfs:label", [literal(name), literal(f"{name} ko", "ko")][: 1 + (i % 3 == 0)]),
            ]
            self.out.block("people.ttl", f"person:{slug(name)}", pairs + self.provenance())
        per = max(1, self.people // self.organizations)
        for k in range(self.organizations):
            members = sorted({(k * per + j) % self.people for j in range(min(4, self.people))})
            pairs = [
                ("a", ["sg:Organization"]),
                ("rdfs:label", [literal(f"Studio {k + 1}")]),
                ("sg:member", [f"person:{slug(person_name(m))}" for m in members]),
            ]
            self.out.block("people.ttl", f"organization:studio-{k + 1}", pairs + self.provenance())

    def write_places(self) -> None:
        for g in range(self.gardens):
            pairs = [("a", ["sg:Place"]), ("rdfs:label", [literal(f"Garden {g + 1}"), literal(f"가든 {g + 1}", "ko")])]
            self.out.block("series.ttl", f"place:garden-{g + 1}", pairs + self.provenance())

    def write_characters(self) -> None:
        rng = self.rng
        for i in range(self.n):
            labels = [
                literal(character_name(i)),
                literal(character_name(i, JA), "ja"),
                literal(character_name(i, KO), "ko"),
            ]
            pairs: list[tuple[str, list[str]]] = [("a", [f"sg:{self.kinds[i]}"]), ("rdfs:label", labels)]
            season = self.season_of_any(i)
            values: dict[str, list[str]] = {}
            for attribute in rng.sample(ATTRIBUTES, 2 + (i % 3 == 0)):
                values[attribute] = [self.attribute_value(attribute)]
            if i % 20 == 7 and "dislikes" not in values:  # two conflicting translations of a profile
                first = rng.randrange(10)
                values["dislikes"] = [literal(DISLIKES[first]), literal(DISLIKES[(first + 3) % 10])]
            conflicting = len(values.get("dislikes", [])) == 2
            for attribute, found in sorted(values.items()):
                pairs.append((f"sg:{attribute}", found))
            if self.kinds[i] != "Alien" and season is not None:
                pairs.append(("sg:garden", [f"place:garden-{season % self.gardens + 1}"]))
            note = literal(f"Synthetic character number {i}.") if i % 5 == 0 else None
            if note:
                pairs.append(("sg:note", [note]))
            self.out.block("characters.ttl", self.char(i), pairs + self.provenance())
            if note:  # a story text says its revealing episode, here that none is known
                self.out.block(
                    "characters.ttl",
                    f"statement:{character_slug(i)}-note",
                    [
                        ("a", ["sg:TextStatement"]),
                        ("sg:revealUnknown", ["true"]),
                        ("sg:statementProperty", ["sg:note"]),
                        ("sg:statementSubject", [self.char(i)]),
                        ("sg:statementValue", [note]),
                    ]
                    + self.provenance(),
                )
            for attribute, found in sorted(values.items()):
                for k, value in enumerate(found):
                    suffix = f"-{k + 1}" if len(found) > 1 else ""
                    statement = [
                        ("a", ["sg:AttributeStatement"]),
                        ("sg:statementProperty", [f"sg:{attribute}"]),
                        ("sg:statementSubject", [self.char(i)]),
                        ("sg:statementValue", [value]),
                    ]
                    confidence = "conflicting" if conflicting and attribute == "dislikes" else None
                    self.out.block(
                        "characters.ttl",
                        f"statement:{character_slug(i)}-{slug(attribute)}{suffix}",
                        statement + self.provenance(confidence),
                    )

    def attribute_value(self, attribute: str) -> str:
        rng = self.rng
        if attribute == "age":
            return str(rng.randint(14, 40))
        if attribute == "heightCm":
            return str(rng.randint(150, 195))
        if attribute == "weightKg":
            return str(rng.randint(40, 95))
        if attribute == "birthday":
            return f'"--{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"^^xsd:gMonthDay'
        if attribute == "bloodType":
            return literal(rng.choice(["A", "B", "O", "AB", "RH-AB"]), None)
        if attribute == "idNumber":
            return literal(f"0{rng.randrange(100000):05d}", None)
        table = {"likes": LIKES, "dislikes": DISLIKES, "skill": SKILLS}[attribute]
        return literal(rng.choice(table))

    def write_seasons(self) -> None:
        rng = self.rng
        for s in range(self.seasons):
            number = s + 1
            series = f"series:season-{number}"
            self.out.block(
                "series.ttl",
                series,
                [
                    ("a", ["sg:Series"]),
                    (
                        "rdfs:label",
                        [
                            literal(f"Season {number}"),
                            literal(f"시즌 {number}", "ko"),
                            literal(f"シーズン{number}", "ja"),
                        ],
                    ),
                ]
                + self.provenance(),
            )
            episodes = (
                [("opening", "opening", 0, None)]
                + [(f"round-{r}", "round", r, r) for r in range(1, 7)]
                + [("final", "final", 7, None)]
            )
            names = []
            for key, kind, order, round_number in episodes:
                iri = f"episode:s{number}-{key}"
                names.append(iri)
                title = {"opening": "Opening", "final": "Final"}.get(key, f"Round {round_number}")
                pairs = [
                    ("a", ["sg:Episode"]),
                    ("rdfs:label", [literal(f"Season {number} {title}")]),
                    ("sg:episodeKind", [f"episodekind:{kind}"]),
                    ("sg:order", [str(order)]),
                    ("sg:partOfSeries", [series]),
                ]
                if round_number:
                    pairs.append(("sg:roundNumber", [str(round_number)]))
                if order % 3 == 1:
                    day = 1 + (s * 7 + order) % 28
                    pairs.append(("sg:released", [f'"{2022 + s // 12}-{s % 12 + 1:02d}-{day:02d}"^^xsd:date']))
                self.out.block("series.ttl", iri, pairs + self.provenance())
            self.revealed_by_season[s] = names
            self.write_season_credits(number, series)
            self.write_opening_song(number, names[0])
            players = self.contestants[s * 8 : (s + 1) * 8]
            # bracket: rounds 1-4 quarter-finals, 5-6 semi-finals, final
            for r, a, b, winner in single_elimination(players, rng):
                self.write_match(number, r, names[r + 1], a, b, winner, final=(r == 6))

    def write_season_credits(self, number: int, series: str) -> None:
        organization = f"organization:studio-{(number - 1) % self.organizations + 1}"
        creator = f"person:{slug(person_name((number * 7) % self.people))}"
        for role, agent in (("producer", organization), ("creator", creator)):
            self.out.block(
                "songs.ttl",
                f"credit:season-{number}-{role}",
                [
                    ("a", ["sg:Credit"]),
                    ("rdfs:label", [literal(f"{role} of Season {number}")]),
                    ("sg:agent", [agent]),
                    ("sg:creditFor", [series]),
                    ("sg:role", [f"role:{role}"]),
                ]
                + self.provenance(),
            )

    def write_opening_song(self, number: int, episode: str) -> None:
        self.out.block(
            "songs.ttl",
            f"song:s{number}-opening",
            [
                ("a", ["sg:Song"]),
                ("rdfs:label", [literal(f"Season {number} Opening Theme")]),
                ("sg:performedIn", [episode]),
            ]
            + self.provenance(),
        )

    def write_match(self, number: int, r: int, episode: str, a: int, b: int, winner: int, final: bool) -> None:
        rng = self.rng
        key = "final" if final else f"round-{r + 1}"
        match = f"match:s{number}-{key}"
        loser = b if winner == a else a
        # a quarter-final loser is sometimes unidentified: the slot has no contestant
        hidden = loser if r < 4 and rng.random() < 0.04 else None
        outcome = rng.choices(["died", "unknown", "rescued"], [5, 3, 2])[0]
        song = f"song:s{number}-{key}"
        title = f"{WORDS[rng.randrange(10)]} {THINGS[rng.randrange(10)]}"
        label = f"Season {number} {'Final' if final else f'Round {r + 1}'}: " + " vs ".join(
            character_name(c) if c != hidden else "unidentified" for c in (a, b)
        )
        self.out.block(
            "matches.ttl",
            match,
            [
                ("a", ["sg:Match"]),
                ("rdfs:label", [literal(label)]),
                ("sg:episode", [episode]),
                ("sg:slot", [f"{match}-slot-1", f"{match}-slot-2"]),
                ("sg:song", [song]),
                ("sg:winner", [self.char(winner)]),
            ]
            + self.provenance(),
        )
        for position, who in ((1, a), (2, b)):
            result = "advanced" if who == winner else ("unknown" if who == hidden else outcome)
            pairs = [("a", ["sg:Slot"]), ("rdfs:label", [literal(f"{label}, slot {position}")])]
            if who != hidden:
                pairs.append(("sg:contestant", [self.char(who)]))
            pairs += [("sg:outcome", [f"outcome:{result}"]), ("sg:position", [str(position)])]
            self.out.block("matches.ttl", f"{match}-slot-{position}", pairs + self.provenance())
        if loser != hidden and outcome in ("died", "rescued"):
            self.write_fate(loser, outcome, episode)
        if final:
            self.write_fate(winner, "alive", episode)
        sung_by = [self.char(c) for c in (a, b) if c != hidden]
        self.out.block(
            "songs.ttl",
            song,
            [
                ("a", ["sg:Song"]),
                ("rdfs:label", [literal(title)]),
                ("sg:performedBy", sung_by),
                ("sg:performedIn", [episode]),
            ]
            + self.provenance(),
        )
        composer = f"person:{slug(person_name(rng.randrange(self.people)))}"
        self.out.block(
            "songs.ttl",
            f"credit:s{number}-{key}-composer",
            [
                ("a", ["sg:Credit"]),
                ("rdfs:label", [literal(f"composer of {title} (Season {number})")]),
                ("sg:agent", [composer]),
                ("sg:creditFor", [song]),
                ("sg:role", ["role:composer"]),
            ]
            + self.provenance(),
        )
        vocalist = f"person:{slug(person_name(winner % self.people))}"
        self.out.block(
            "songs.ttl",
            f"credit:s{number}-{key}-vocalist",
            [
                ("a", ["sg:Credit"]),
                ("rdfs:label", [literal(f"vocalist of {title} (Season {number})")]),
                ("sg:agent", [vocalist]),
                ("sg:asCharacter", [self.char(winner)]),
                ("sg:creditFor", [song]),
                ("sg:role", ["role:vocalist"]),
            ]
            + self.provenance(),
        )

    def write_fate(self, who: int, status: str, episode: str) -> None:
        self.out.block(
            "fates.ttl",
            f"fate:{character_slug(who)}",
            [
                ("a", ["sg:Fate"]),
                ("rdfs:label", [literal(f"Fate of {character_name(who)}: {status}")]),
                ("sg:fateOf", [self.char(who)]),
                ("sg:fateStatus", [f"status:{status}"]),
                ("sg:inEpisode", [episode]),
                ("sg:revealedIn", [episode]),
            ]
            + self.provenance(),
        )

    def write_bonds(self) -> None:
        rng = self.rng
        seen: dict[tuple[int, int, str], str] = {}  # (from, to, nature) -> bond type
        bonds: list[tuple[int, int, str, str]] = []

        def add(a: int, b: int, kind: str, nature: str) -> bool:
            if a == b or (a, b, nature) in seen:
                return False
            if (b, a, nature) in seen and (kind != "directed" or seen[(b, a, nature)] != "directed"):
                return False  # never two opposite one-sided (or mutual) bonds of one nature
            seen[(a, b, nature)] = kind
            bonds.append((a, b, kind, nature))
            return True

        # chains of one-sided romantic feeling over a third of the characters, 1 to 4 links
        order = list(range(self.n))
        rng.shuffle(order)
        if 0 in order:  # character 0 (the benchmark's lookup) starts a chain
            order.remove(0)
            order.insert(0, 0)
        at, end = 0, self.n // 3
        while at < end - 1:
            length = rng.randint(2, 5)
            chain = order[at : at + length]
            for x, y in itertools.pairwise(chain):
                add(x, y, "one-sided", "romantic")
            at += length
        # aliens are guardians of three contestants each
        for i in range(self.n):
            if self.kinds[i] == "Alien":
                for k in range(3):
                    add(i, self.contestants[(i * 3 + k) % len(self.contestants)], "directed", "guardianship")
        # the rest: each character starts about 1.6 bonds toward a neighbour in the index order
        choices, weights = [b[:2] for b in OTHER_BONDS], [b[2] for b in OTHER_BONDS]
        for i in range(self.n):
            for _ in range(1 + (rng.random() < 0.6)):
                kind, nature = rng.choices(choices, weights)[0]
                add(i, (i + 1 + rng.randrange(24)) % self.n, kind, nature)
        for a, b, kind, nature in bonds:
            self.write_bond(a, b, kind, nature)

    def write_bond(self, a: int, b: int, kind: str, nature: str) -> None:
        rng = self.rng
        canon = rng.choices([c for c, _ in CANON], [w for _, w in CANON])[0]
        arrow = "↔" if kind == "mutual" else "→"
        pairs = [
            ("a", ["sg:Bond"]),
            ("rdfs:label", [literal(f"{character_name(a)} {arrow} {character_name(b)} ({nature}, {kind})")]),
            ("sg:bondType", [f"bondtype:{kind}"]),
            ("sg:canonStatus", [f"canon:{canon}"]),
            ("sg:from", [self.char(a)]),
            ("sg:nature", [f"nature:{nature}"]),
        ]
        season = self.season_of_any(a)
        if season is not None and rng.random() < 0.6:
            pairs.append(("sg:revealedIn", [rng.choice(self.revealed_by_season[season])]))
        else:  # no episode known: the shapes want it said
            pairs.append(("sg:revealUnknown", ["true"]))
        pairs.append(("sg:to", [self.char(b)]))
        if rng.random() < 0.15:
            pairs.append(("sg:note", [literal(f"A synthetic {nature} bond.")]))
        confidence = "conflicting" if canon == "disputed" else None
        slug_ = f"{character_slug(a)}-{character_slug(b)}-{nature}"
        self.out.block("bonds.ttl", f"bond:{slug_}", pairs + self.provenance(confidence))

    def build(self) -> dict[str, str]:
        self.write_sources()
        self.write_people()
        self.write_places()
        self.write_characters()
        self.write_seasons()
        self.write_bonds()
        return self.out.texts(self.seed, self.n)


# -- the canary universe (--canary) ---------------------------------------------------------------
#
# A universe made to prove the spoiler wall: every fact revealed at the episode of viewing order
# k carries the marker ``QzK<kk>Qz`` (two digits, so no marker is a substring of another) in each
# of its texts, string values and IRIs (``-qzk<kk>qz`` in slugs), and so does the title and URL
# of a source cited only for facts revealed at k (a source cited at several orders carries the
# latest). Facts no episode reveals (``sg:revealUnknown true``) carry ``QzKUNKQz``. A character
# carries the marker of the first episode that reveals it (a bond, a match slot, a fate, a song
# it sings). Real-world things (series, people, organisations, credits) and episodes' own IRIs
# and labels carry none. The tree of order N must hold no marker above N, nor the unknown one.

UNKNOWN = -1  # the order of a fact no episode reveals
CANARY_SEASONS = 2
CANARY_CONTESTANTS = 8 * CANARY_SEASONS
CANARY_MIN_CHARACTERS = CANARY_CONTESTANTS + 4
MARKER_PATTERN = r"qzk(?:\d\d|unk)qz"  # every marker, matched case-insensitively (slugs are lowercase)


def marker(order: int) -> str:
    """The token of the facts revealed at viewing ``order`` (``UNKNOWN``: at none)."""
    return "QzKUNKQz" if order == UNKNOWN else f"QzK{order:02d}Qz"


def canary_orders() -> list[int]:
    """The viewing orders of the canary universe's episodes (one tree each)."""
    return list(range(8 * CANARY_SEASONS))


class Canary:
    """The canary universe: two seasons of eight contestants (orders 0-15), and extra characters
    met through a song, a bond, a fate, or only through facts no episode reveals.

    ``markers`` records, per order (``UNKNOWN`` included), the IRIs of the facts written with
    its marker, for tests that check the markers are where they should be.
    """

    EPISODES = (
        [("opening", "opening", None)] + [(f"round-{r}", "round", r) for r in range(1, 7)] + [("final", "final", None)]
    )

    def __init__(self, characters: int = CANARY_MIN_CHARACTERS, seed: int = 0):
        if characters < CANARY_MIN_CHARACTERS:
            raise ValueError(f"at least {CANARY_MIN_CHARACTERS} characters")
        self.n = characters
        self.rng = random.Random(seed)
        self.seed = seed
        self.out = Writer()
        extra = ["Alien", "Human", "Alien", "Human"]
        self.kinds = ["Contestant"] * CANARY_CONTESTANTS + [
            extra[i] if i < 4 else ("Human" if i % 2 else "Alien") for i in range(characters - CANARY_CONTESTANTS)
        ]
        self.people = 6
        self.events: list[tuple[int, int]] = []  # (character, order) of every fact revealing one
        self.cited: dict[str, set[int]] = {}  # source key → orders of the facts citing it
        self.markers: dict[int, set[str]] = {}
        self.plan()

    # -- the plan: who appears where, before any name is written -----------------------------------
    def plan(self) -> None:
        rng = self.rng
        self.matches: list[dict] = []
        self.fates: list[dict] = []
        self.songs: list[dict] = []
        self.bonds: list[dict] = []
        self.season_winner: dict[int, tuple[int, int]] = {}
        host, kin, stranger, victim = range(CANARY_CONTESTANTS, CANARY_CONTESTANTS + 4)
        for s in range(CANARY_SEASONS):
            base, players = 8 * s, list(range(8 * s, 8 * s + 8))
            self.songs.append({"key": f"s{s + 1}-opening", "order": base, "by": [host] if s == 1 else []})
            for r, a, b, winner in single_elimination(players, rng):
                loser = b if winner == a else a
                order = base + r + 1
                key = f"s{s + 1}-" + ("final" if r == 6 else f"round-{r + 1}")
                # what became of the loser: died (a fate in that episode), rescued (a fate revealed
                # two episodes later), unknown (no fate), or rescued with a fate no episode reveals
                fate = ["died", "rescued-later", "unknown", "died", "died", "rescued-unknown", "died"][r]
                outcome = {"died": "died", "unknown": "unknown"}.get(fate, "rescued")
                self.matches.append(
                    {"key": key, "order": order, "a": a, "b": b, "winner": winner, "outcome": outcome, "final": r == 6}
                )
                self.songs.append({"key": key, "order": order, "by": [a, b]})
                if fate == "died":
                    self.fates.append({"who": loser, "status": "died", "in": order, "order": order})
                elif fate == "rescued-later":
                    self.fates.append({"who": loser, "status": "rescued", "in": order, "order": order + 2})
                elif fate == "rescued-unknown":
                    self.fates.append({"who": loser, "status": "rescued", "in": None, "order": UNKNOWN})
                if r == 6:
                    self.fates.append({"who": winner, "status": "alive", "in": order, "order": order})
                    self.season_winner[s] = (winner, order)
        self.fates.append({"who": victim, "status": "died", "in": 12, "order": 12})
        for match in self.matches:
            self.events += [(match["a"], match["order"]), (match["b"], match["order"])]
        for song in self.songs:
            self.events += [(c, song["order"]) for c in song["by"]]
        for fate in self.fates:
            self.events.append((fate["who"], fate["order"]))
        # bonds: one at every order between characters already met, and the extras' own
        seen: set[tuple[int, int, str]] = set()

        def bond(a: int, b: int, kind: str, nature: str, order: int, **extra) -> None:
            seen.add((a, b, nature))
            self.bonds.append({"from": a, "to": b, "kind": kind, "nature": nature, "order": order, **extra})
            self.events += [(a, order), (b, order)]

        bond(0, 1, "mutual", "platonic", 0)
        bond(kin, 2, "mutual", "family", 3)
        bond(host, 9, "directed", "guardianship", 10)
        bond(victim, 0, "one-sided", "romantic", 14)
        bond(stranger, 3, "directed", "guardianship", UNKNOWN)  # the stranger is met nowhere else
        bond(0, 5, "mutual", "rivalry", UNKNOWN)
        for i in range(CANARY_CONTESTANTS + 4, self.n):
            bond(i, 0, "one-sided", "platonic", (5 * i) % (8 * CANARY_SEASONS))
        natures = [
            ("mutual", "platonic"),
            ("one-sided", "romantic"),
            ("mutual", "rivalry"),
            ("directed", "protective"),
            ("one-sided", "antagonistic"),
            ("mutual", "family"),
        ]
        for k in range(1, 8 * CANARY_SEASONS):
            met = sorted({c for c, o in self.events if o != UNKNOWN and o <= k})
            for _ in range(100):
                a, b = rng.sample(met, 2)
                kind, nature = natures[k % len(natures)]
                if (a, b, nature) not in seen and (b, a, nature) not in seen:
                    break
            extra = {}
            if k == 2:  # its note is revealed later than the bond, by a statement of its own
                extra = {"note_order": 9, "sources": ["early-late"]}
            if k == 13:
                extra = {"sources": ["early-late"]}
            bond(a, b, kind, nature, k, **extra)
        self.reveal: dict[int, int] = {}
        for c in range(self.n):
            known = [o for who, o in self.events if who == c and o != UNKNOWN]
            self.reveal[c] = min(known) if known else UNKNOWN
        # story texts and attributes, each revealed at an episode of its own (never before the
        # character is met; the stranger's are unknown)
        self.texts: list[dict] = []
        for c in range(self.n):
            first = self.reveal[c]
            later = first if first == UNKNOWN else min(first + 3, 8 * CANARY_SEASONS - 1)
            self.texts.append({"who": c, "property": "likes", "order": first, "value": LIKES[c % len(LIKES)]})
            if c % 3 == 0:
                self.texts.append({"who": c, "property": "age", "order": later, "value": 14 + c})
            if c % 4 == 1:
                self.texts.append({"who": c, "property": "idNumber", "order": later, "value": f"0{c:05d}"})
        for c, order in ((0, 5), (9, 13), (CANARY_CONTESTANTS, 8), (stranger, UNKNOWN), (3, UNKNOWN)):
            self.texts.append({"who": c, "property": "note", "order": order, "value": "a note on what they did"})
        for c, prop, order, value in (
            (4, "storyRole", 15, "leader of a rebellion"),
            (1, "background", 6, "grew up far from the garden"),
            (9, "appearance", 9, "a scar over one eye"),
        ):
            self.texts.append({"who": c, "property": prop, "order": max(order, self.reveal[c]), "value": value})
        for winner, order in (self.season_winner[s] for s in sorted(self.season_winner)):
            self.texts.append({"who": winner, "property": "seasonWins", "order": order, "value": 1})

    # -- names ----------------------------------------------------------------------------------
    def mark(self, order: int, iri: str) -> str:
        self.markers.setdefault(order, set()).add(iri)
        return iri

    def cname(self, c: int, table: list[str] = EN) -> str:
        return f"{character_name(c, table)} {marker(self.reveal[c])}"

    def cslug(self, c: int) -> str:
        return f"{character_slug(c)}-{marker(self.reveal[c]).lower()}"

    def char(self, c: int) -> str:
        return f"character:{self.cslug(c)}"

    def episode(self, order: int) -> str:
        s, j = divmod(order, 8)
        return f"episode:s{s + 1}-{self.EPISODES[j][0]}"

    def reveal_pairs(self, order: int) -> list[tuple[str, list[str]]]:
        if order == UNKNOWN:
            return [("sg:revealUnknown", ["true"])]
        return [("sg:revealedIn", [self.episode(order)])]

    def cite(self, order: int | None, *extra: str) -> list[tuple[str, list[str]]]:
        """Provenance of a fact revealed at ``order`` (None: a real-world fact): the source of its
        order, with the spoiler-free source every third fact, and any ``extra`` source keys."""
        keys = ["real-world"] if order is None else [f"src-{marker(order).lower()}", *extra]
        self.count = getattr(self, "count", 0) + 1
        if self.count % 3 == 0 or order is None:
            keys.append("spoiler-free")
        for key in keys:
            self.cited.setdefault(key, set()).add(UNKNOWN if order is None else order)
        keys = sorted(set(keys))
        confidence = "confirmed" if len(keys) > 1 else "single-source"
        return [("sg:confidence", [f"confidence:{confidence}"]), ("sg:source", [f"@source:{k}" for k in keys])]

    def block(self, file: str, order: int | None, subject: str, pairs: list[tuple[str, list[str]]]) -> None:
        if order is not None:
            self.mark(order, subject)
        self.out.block(file, subject, pairs)

    # -- the topics --------------------------------------------------------------------------------
    def write_real_world(self) -> None:
        members = []
        for i in range(self.people):
            name = person_name(i)
            members.append(f"person:{slug(name)}")
            self.block(
                "people.ttl",
                None,
                members[-1],
                [("a", ["sg:Person"]), ("rdfs:label", [literal(name)])] + self.cite(None),
            )
        self.block(
            "people.ttl",
            None,
            "organization:canary-studio",
            [
                ("a", ["sg:Organization"]),
                ("rdfs:label", [literal("Canary Studio")]),
                ("sg:member", members[:3]),
            ]
            + self.cite(None),
        )
        for s in range(CANARY_SEASONS):
            series = f"series:canary-season-{s + 1}"
            self.block(
                "series.ttl",
                None,
                series,
                [
                    ("a", ["sg:Series"]),
                    ("rdfs:label", [literal(f"Canary Season {s + 1}")]),
                ]
                + self.cite(None),
            )
            for role, agent in (("producer", "organization:canary-studio"), ("creator", members[s])):
                self.block(
                    "songs.ttl",
                    None,
                    f"credit:canary-season-{s + 1}-{role}",
                    [
                        ("a", ["sg:Credit"]),
                        ("rdfs:label", [literal(f"{role} of Canary Season {s + 1}")]),
                        ("sg:agent", [agent]),
                        ("sg:creditFor", [series]),
                        ("sg:role", [f"role:{role}"]),
                    ]
                    + self.cite(None),
                )
        # a vocalist credited for a whole season as a character met late in it: real-world, but
        # the triple naming the character waits for the character
        late = max(range(CANARY_CONTESTANTS), key=lambda c: (self.reveal[c], -c))
        self.block(
            "songs.ttl",
            None,
            "credit:canary-season-2-vocalist",
            [
                ("a", ["sg:Credit"]),
                ("rdfs:label", [literal("vocalist of Canary Season 2")]),
                ("sg:agent", [members[4]]),
                ("sg:asCharacter", [self.char(late)]),
                ("sg:creditFor", ["series:canary-season-2"]),
                ("sg:role", ["role:vocalist"]),
            ]
            + self.cite(None),
        )

    def write_episodes(self) -> None:
        for order in canary_orders():
            s, j = divmod(order, 8)
            key, kind, round_number = self.EPISODES[j]
            title = {"opening": "Opening", "final": "Final"}.get(key, f"Round {round_number}")
            pairs = [
                ("a", ["sg:Episode"]),
                ("rdfs:label", [literal(f"Season {s + 1} {title}")]),
                ("sg:episodeKind", [f"episodekind:{kind}"]),
                ("sg:note", [literal(f"What happens in this episode {marker(order)}.")]),
                ("sg:order", [str(order)]),
                ("sg:partOfSeries", [f"series:canary-season-{s + 1}"]),
            ]
            if round_number:
                pairs.append(("sg:roundNumber", [str(round_number)]))
            if j % 3 == 1:
                pairs.append(("sg:released", [f'"2023-{s + 1:02d}-{j + 1:02d}"^^xsd:date']))
            self.out.block("series.ttl", self.episode(order), pairs + self.cite(order))

    def write_characters(self) -> None:
        for c in range(self.n):
            first = self.reveal[c]
            given = character_name(c).split()[0]
            pairs = [
                ("a", [f"sg:{self.kinds[c]}"]),
                (
                    "rdfs:label",
                    [literal(self.cname(c)), literal(self.cname(c, JA), "ja"), literal(self.cname(c, KO), "ko")],
                ),
                ("skos:altLabel", [literal(f"{given.upper()} {marker(first)}")]),
            ]
            texts = [t for t in self.texts if t["who"] == c]
            for prop in sorted({t["property"] for t in texts}):
                pairs.append((f"sg:{prop}", [self.value(t) for t in texts if t["property"] == prop]))
            self.block("characters.ttl", first, self.char(c), pairs + self.cite(first))
            for t in texts:
                kind = "sg:TextStatement" if t["property"] == "note" else "sg:AttributeStatement"
                iri = f"statement:{self.cslug(c)}-{slug(t['property'])}-{marker(t['order']).lower()}"
                self.block(
                    "characters.ttl",
                    t["order"],
                    iri,
                    [
                        ("a", [kind]),
                        ("sg:statementProperty", [f"sg:{t['property']}"]),
                        ("sg:statementSubject", [self.char(c)]),
                        ("sg:statementValue", [self.value(t)]),
                    ]
                    + self.reveal_pairs(t["order"])
                    + self.cite(t["order"]),
                )

    def value(self, text: dict) -> str:
        if isinstance(text["value"], int):
            return str(text["value"])
        lang = None if text["property"] == "idNumber" else "en"
        return literal(f"{text['value']} {marker(text['order'])}", lang)

    def write_matches(self) -> None:
        rng = self.rng
        for m in self.matches:
            k, mark = m["order"], marker(m["order"])
            match = f"match:{m['key']}-{mark.lower()}"
            song = f"song:{m['key']}-{mark.lower()}"
            label = f"{m['key']} {mark}: {self.cname(m['a'])} vs {self.cname(m['b'])}"
            self.block(
                "matches.ttl",
                k,
                match,
                [
                    ("a", ["sg:Match"]),
                    ("rdfs:label", [literal(label)]),
                    ("sg:episode", [self.episode(k)]),
                    ("sg:note", [literal(f"How the match went {mark}.")]),
                    ("sg:slot", [f"{match}-slot-1", f"{match}-slot-2"]),
                    ("sg:song", [song]),
                    ("sg:winner", [self.char(m["winner"])]),
                ]
                + self.cite(k),
            )
            for position, who in ((1, m["a"]), (2, m["b"])):
                outcome = "advanced" if who == m["winner"] else m["outcome"]
                self.block(
                    "matches.ttl",
                    k,
                    f"{match}-slot-{position}",
                    [
                        ("a", ["sg:Slot"]),
                        ("rdfs:label", [literal(f"{label}, slot {position}")]),
                        ("sg:contestant", [self.char(who)]),
                        ("sg:outcome", [f"outcome:{outcome}"]),
                        ("sg:position", [str(position)]),
                    ]
                    + self.cite(k),
                )
            title = f"{WORDS[rng.randrange(10)]} {THINGS[rng.randrange(10)]} {mark}"
            self.write_song(song, title, k, [m["a"], m["b"]])
            for role, agent, character in (
                ("composer", rng.randrange(self.people), None),
                ("vocalist", m["winner"] % self.people, m["winner"]),
            ):
                pairs = [
                    ("a", ["sg:Credit"]),
                    ("rdfs:label", [literal(f"{role} credit {k}")]),
                    ("sg:agent", [f"person:{slug(person_name(agent))}"]),
                ]
                if character is not None:
                    pairs.append(("sg:asCharacter", [self.char(character)]))
                pairs += [("sg:creditFor", [song]), ("sg:role", [f"role:{role}"])]
                self.block("songs.ttl", None, f"credit:{m['key']}-{role}", pairs + self.cite(None))
        for song in self.songs:
            if song["key"].endswith("opening"):
                mark = marker(song["order"])
                self.write_song(
                    f"song:{song['key']}-{mark.lower()}", f"Opening Theme {mark}", song["order"], song["by"]
                )

    def write_song(self, iri: str, title: str, order: int, by: list[int]) -> None:
        self.block(
            "songs.ttl",
            order,
            iri,
            [
                ("a", ["sg:Song"]),
                ("rdfs:label", [literal(title)]),
                ("sg:note", [literal(f"About this song {marker(order)}.")]),
                ("sg:performedBy", [self.char(c) for c in by]),
                ("sg:performedIn", [self.episode(order)]),
            ]
            + self.cite(order),
        )

    def write_fates(self) -> None:
        for f in self.fates:
            mark = marker(f["order"])
            label = f"Fate of {self.cname(f['who'])}: {f['status']} {mark}"
            pairs = [
                ("a", ["sg:Fate"]),
                ("rdfs:label", [literal(label)]),
                ("sg:fateOf", [self.char(f["who"])]),
                ("sg:fateStatus", [f"status:{f['status']}"]),
            ]
            if f["in"] is not None:
                pairs.append(("sg:inEpisode", [self.episode(f["in"])]))
            pairs.append(("sg:note", [literal(f"What became of them {mark}.")]))
            self.block(
                "fates.ttl",
                f["order"],
                f"fate:{self.cslug(f['who'])}-{mark.lower()}",
                pairs + self.reveal_pairs(f["order"]) + self.cite(f["order"]),
            )

    def write_bonds(self) -> None:
        for b in self.bonds:
            k, mark = b["order"], marker(b["order"])
            a, z = b["from"], b["to"]
            arrow = "↔" if b["kind"] == "mutual" else "→"
            iri = f"bond:{self.cslug(a)}-{self.cslug(z)}-{b['nature']}-{mark.lower()}"
            note_order = b.get("note_order", k)
            note = literal(f"How they stand {marker(note_order)}.")
            label = f"{self.cname(a)} {arrow} {self.cname(z)} ({b['nature']}, {b['kind']}) {mark}"
            self.block(
                "bonds.ttl",
                k,
                iri,
                [
                    ("a", ["sg:Bond"]),
                    ("rdfs:label", [literal(label)]),
                    ("sg:bondType", [f"bondtype:{b['kind']}"]),
                    ("sg:canonStatus", ["canon:canon"]),
                    ("sg:from", [self.char(a)]),
                    ("sg:nature", [f"nature:{b['nature']}"]),
                    ("sg:note", [note]),
                ]
                + self.reveal_pairs(k)
                + [("sg:to", [self.char(z)])]
                + self.cite(k, *b.get("sources", [])),
            )
            if note_order != k:
                statement = f"statement:{iri.split(':', 1)[1]}-note-{marker(note_order).lower()}"
                self.block(
                    "bonds.ttl",
                    note_order,
                    statement,
                    [
                        ("a", ["sg:TextStatement"]),
                        ("sg:statementProperty", ["sg:note"]),
                        ("sg:statementSubject", [iri]),
                        ("sg:statementValue", [note]),
                    ]
                    + self.reveal_pairs(note_order)
                    + self.cite(note_order),
                )

    def write_sources(self) -> None:
        kinds = iter(itertools.cycle(SOURCE_KINDS))
        for key, orders in sorted(self.cited.items()):
            if key in ("real-world", "spoiler-free"):
                iri, title, extra = f"source:{key}", f"The {key} canary source", []
                if key == "spoiler-free":
                    extra = [("sg:spoilerFree", ["true"])]
            else:
                latest = UNKNOWN if UNKNOWN in orders else max(orders)
                if key.startswith("src-"):
                    iri, title = f"source:{key}", f"Canary source {marker(latest)}"
                else:
                    iri, title = f"source:{key}-{marker(latest).lower()}", f"The {key} source {marker(latest)}"
                self.mark(latest, iri)
                extra = []
            pairs = (
                [
                    ("a", ["sg:Source"]),
                    ("rdfs:label", [literal(title)]),
                    ("sg:sourceKind", [f"sourcekind:{next(kinds)}"]),
                ]
                + extra
                + [("sg:url", [f'"https://example.org/stagegraph-canary/{iri.split(":", 1)[1]}"^^xsd:anyURI'])]
            )
            self.sources[key] = iri
            self.out.block("sources.ttl", iri, pairs)

    def build(self) -> dict[str, str]:
        self.sources: dict[str, str] = {}
        self.write_real_world()
        self.write_episodes()
        self.write_characters()
        self.write_matches()
        self.write_fates()
        self.write_bonds()
        self.write_sources()
        texts = self.out.texts(self.seed, self.n, " --canary")
        # sources are named by the latest order citing them, known only now
        for key, iri in self.sources.items():
            texts = {
                name: text.replace(f"@source:{key},", f"{iri},").replace(f"@source:{key} ", f"{iri} ")
                for name, text in texts.items()
            }
        assert "@source:" not in "".join(texts.values())
        return texts


def generate(characters: int, seed: int = 0) -> tuple[dict[str, str], int]:
    """``({file name: Turtle text}, number of triples)``."""
    universe = Universe(characters, seed)
    texts = universe.build()
    return texts, universe.out.triples


ENTITY_PREFIXES = (
    "bond",
    "character",
    "credit",
    "episode",
    "fate",
    "match",
    "organization",
    "person",
    "place",
    "series",
    "song",
    "source",
    "statement",
)
BYTES_PER_CHARACTER = 3600  # of a contribution's Turtle (measured 3,520 at N = 285, 3,610 at N = 2,850)


def contribution(characters: int, seed: int = 0, tag: str = "new") -> tuple[str, int]:
    """``(Turtle text, number of triples)``: a universe of ``characters`` as one contribution for
    ``stagegraph add``, every entity's slug starting with ``<tag>-``, so that none of its
    subjects is in the bundled data (nor in a contribution of another tag)."""
    texts, triples = generate(characters, seed)
    header = "".join(
        f"@prefix {p}: <{iri}{tag + '-' if p in ENTITY_PREFIXES else ''}> .\n" for p, iri in sorted(PREFIXES.items())
    )
    body = "\n".join(text.split("\n\n", 2)[2] for text in texts.values())  # each without comment and prefixes
    return f"# A synthetic contribution (benchmarks/synth.py, {characters} characters).\n\n{header}\n{body}", triples


def characters_for_bytes(size: int) -> int:
    """How many characters make a ``contribution`` of about ``size`` bytes."""
    return max(8, round(size / BYTES_PER_CHARACTER))


def canary(characters: int = CANARY_MIN_CHARACTERS, seed: int = 0) -> tuple[dict[str, str], int, Canary]:
    """``({file name: Turtle text}, number of triples, the canary)`` of the canary universe."""
    universe = Canary(characters, seed)
    texts = universe.build()
    return texts, universe.out.triples, universe


def write(characters: int, out: Path, seed: int = 0, canary_universe: bool = False) -> int:
    if canary_universe:
        texts, triples, _ = canary(characters, seed)
    else:
        texts, triples = generate(characters, seed)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (out / name).write_text(text, encoding="utf-8")
    return triples


def characters_for(triples: int) -> int:
    """How many characters make a universe of about ``triples`` triples."""
    return max(8, round(triples / TRIPLES_PER_CHARACTER))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--characters", type=int, required=True, help="number of characters (8 or more)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the .ttl files to")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--canary",
        action="store_true",
        help=f"the canary universe of the spoiler tests: every fact marked with the episode that "
        f"reveals it (two seasons; {CANARY_MIN_CHARACTERS} or more characters)",
    )
    args = parser.parse_args(argv)
    if args.characters < 8:
        parser.error("--characters must be 8 or more (one season of eight contestants)")
    if args.canary and args.characters < CANARY_MIN_CHARACTERS:
        parser.error(
            f"--canary needs --characters {CANARY_MIN_CHARACTERS} or more "
            f"(two seasons of eight contestants and four others)"
        )
    triples = write(args.characters, args.out, args.seed, canary_universe=args.canary)
    print(
        f"{triples} triples, {args.characters} characters ({triples / args.characters:.1f} per character) in {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
