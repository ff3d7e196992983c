"""Counts, analysis and a character's card as text for people."""

from __future__ import annotations

import re
import unicodedata

from ..words.terminal import words

# Control characters in data (a label with an escape sequence) are shown, never obeyed by the terminal.
CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Multi-line text for a terminal: every control character but the line feed as ``\\uXXXX``."""
    return CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def stats_text(stats: dict) -> str:
    """Nested counts as indented, aligned lines."""
    lines: list[str] = []
    _nested(stats, 0, lines)
    return visible("\n".join(lines))


def _nested(mapping: dict, depth: int, lines: list[str]) -> None:
    width = max((len(str(k)) for k in mapping), default=0)
    for key, value in mapping.items():
        pad = "  " * depth
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _nested(value, depth + 1, lines)
        else:
            lines.append(f"{pad}{str(key) + ':':<{width + 1}} {value}")


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal (Korean, Japanese and other wide characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _columns(rows: list[list[str]], indent: str = "  ", gap: int = 3) -> list[str]:
    """Rows of cells as aligned lines (display width, so wide characters line up)."""
    if not rows:
        return []
    widths = [max(display_width(r[i]) if i < len(r) else 0 for r in rows) for i in range(max(map(len, rows)))]
    return [(indent + (" " * gap).join(pad(c, widths[i]) for i, c in enumerate(r))).rstrip() for r in rows]


def analysis_text(result: dict) -> str:
    """The analysis for people: centrality, feelings, pairs, groups, then the bracket."""
    lines: list[str] = []
    if result.get("as_of"):
        lines += [f"As of {result['as_of']['episode']}: facts revealed later are left out.", ""]
    degree, between = result["centrality"]["degree"], result["centrality"]["betweenness"]
    lines.append("Most central characters (degree: characters linked by bonds and matches)")
    rows = [["degree", "linked", "score", "betweenness", "score"]]
    for i in range(max(len(degree), len(between))):
        d = degree[i] if i < len(degree) else None
        b = between[i] if i < len(between) else None
        rows.append(
            [
                f"{i + 1}. {d['label']}" if d else "",
                f"{d['links']}" if d else "",
                f"{d['score']:.3f}" if d else "",
                f"{i + 1}. {b['label']}" if b else "",
                f"{b['score']:.3f}" if b else "",
            ]
        )
    lines += _columns(rows, gap=2)

    def walk(item: dict, closed: bool = False) -> str:
        names = item["labels"] + ([item["labels"][0]] if closed else [])
        natures = ", ".join("/".join(n) for n in item["natures"])
        return f"{' → '.join(names)}   ({natures})"

    lines += ["", "Chains of one-sided feeling (longest first)"]
    lines += [f"  {walk(c)}" for c in result["chains"]] or ["  none"]
    lines += ["", "Mutual pairs"]
    lines += _columns(
        [
            [
                " ↔ ".join(p["labels"]),
                ", ".join(
                    b["nature"] + (f" ({b['canon'].replace('-', ' ')})" if b["canon"] and b["canon"] != "canon" else "")
                    for b in p["bonds"]
                ),
            ]
            for p in result["mutual_pairs"]
        ]
    ) or ["  none"]
    lines += ["", "Cycles of one-sided feeling"]
    lines += [f"  {walk(c, closed=True)}" for c in result["cycles"]] or ["  none"]
    lines += ["", "Connected groups (bonds and matches)"]
    lines += [f"  {g['size']}: {', '.join(g['labels'])}" for g in result["groups"]] or ["  none"]
    lines += ["", "Tournament bracket"]
    lines += bracket_lines(result["bracket"])
    return visible("\n".join(lines))


def match_text(match: dict) -> str:
    """``Round 1: Mizi ✓ vs Sua``; ``?`` for an unidentified contestant; an unknown winner said so."""
    names = [c["label"] + (" ✓" if c.get("winner") else "") for c in match["contestants"]]
    text = f"{match['episode'] or match['label']}: {' vs '.join(names)}"
    return text if match.get("winner") else text + " (winner unknown)"


def bracket_lines(bracket: dict) -> list[str]:
    """The bracket as columns, one per round, each match level with the middle of those it comes from."""
    rounds = bracket["rounds"]
    if not rounds:
        return ["  no matches"]
    column = {m["match"]: i for i, r in enumerate(rounds) for m in r["matches"]}
    by_id = {m["match"]: m for r in rounds for m in r["matches"]}
    fed = {a for m in by_id.values() for a in m["after"] if a in by_id}
    row: dict[str, int] = {}
    taken: set[tuple[int, int]] = set()
    next_leaf = [0]

    def place(match_id: str) -> int:
        if match_id in row:
            return row[match_id]
        feeders = [place(a) for a in by_id[match_id]["after"] if a in by_id]
        if feeders:
            at = (min(feeders) + max(feeders)) // 2
        else:
            at, next_leaf[0] = next_leaf[0], next_leaf[0] + 2
        while (column[match_id], at) in taken:
            at += 1
        taken.add((column[match_id], at))
        row[match_id] = at
        next_leaf[0] = max(next_leaf[0], at + 1 + (at + 1) % 2)
        return at

    roots = [m for r in reversed(rounds) for m in r["matches"] if m["match"] not in fed]
    for root in roots:
        place(root["match"])
    height = max(row.values(), default=-1) + 1
    grid = [["" for _ in rounds] for _ in range(height)]
    for match_id, at in row.items():
        grid[at][column[match_id]] = match_text(by_id[match_id])
    for i, r in enumerate(rounds):
        if not r["matches"]:
            if not grid:
                grid.append(["" for _ in rounds])
            grid[0][i] = "(not shown yet)"
    lines = _columns([[r["name"] for r in rounds]] + grid)
    lines.append("  ✓ winner   ? unidentified contestant")
    return lines


def card_text(card: dict, lang: str = "en") -> str:
    """A character card: names, classes, attributes, fate, matches, songs, voices, bonds; sources
    as [n]; headings and connecting words in ``lang`` (``words/terminal.py``)."""
    w = words(lang)
    notes: dict[str, int] = {}
    listed: list[dict] = []

    def refs(sources: list[dict]) -> str:
        marks = []
        for s in sources:
            key = s.get("iri") or s.get("url") or s.get("title")
            if key not in notes:
                notes[key] = len(notes) + 1
                listed.append(s)
            marks.append(f"[{notes[key]}]")
        return "".join(sorted(set(marks), key=lambda m: int(m[1:-1])))

    names = " · ".join(card["names"][k] for k in card["names"])
    lines = [names, "=" * display_width(names)]
    if card.get("as_of"):
        lines += [w["as_of"].format(episode=card["as_of"]["episode"]), ""]
    also = f" ({w['also'].format(names=', '.join(card['other_names']))})" if card["other_names"] else ""
    head = [
        [w["names"], ", ".join(f"{k or '-'}: {v}" for k, v in card["names"].items()) + also],
        [w["class"], ", ".join(c["label"] for c in card["classes"]) or "-"],
        ["IRI", card["iri"]],
    ]
    lines += _columns(head, indent="", gap=2)
    if card["note"]:
        lines += ["", card["note"] + (f" {refs(card['sources'])}" if card["sources"] else "")]

    lines += ["", w["attributes"]]
    rows = []
    for a in card["attributes"]:
        statements = a["statements"]
        how = "; ".join(s["confidence"] or w["no_confidence"] for s in statements) or w["no_statement"]
        rows.append([a["label"], f"{a['value']}  ({how}) " + "".join(refs(s["sources"]) for s in statements)])
    lines += _columns(rows) or [f"  {w['none_recorded']}"]

    fate = card["fate"]
    lines += ["", w["fate"]]
    if fate.get("iri"):
        where = f", {fate['episode']}" if fate.get("episode") else ""
        lines.append(f"  {fate['label']}{where} ({fate['confidence']}) {refs(fate['sources'])}".rstrip())
    else:
        lines.append(f"  {w['fate_none']}")

    lines += ["", w["matches"]]
    lines += _columns(
        [
            [m["episode"], w["vs"].format(opponent=m["opponent"]), m["outcome"], refs(m["sources"])]
            for m in card["matches"]
        ]
    ) or [f"  {w['none']}"]
    lines += ["", w["songs"]]
    lines += _columns(
        [
            [s["label"], w["sings_in"].format(episode=s["episode"]) if s["episode"] else w["sings"], refs(s["sources"])]
            for s in card["songs"]
        ]
    ) or [f"  {w['none_recorded']}"]
    lines += ["", w["voices"]]
    lines += _columns(
        [
            [v["label"], w["voices_in"].format(work=v["work"]) if v["work"] else w["voices_them"], refs(v["sources"])]
            for v in card["voices"]
        ]
    ) or [f"  {w['none_recorded']}"]
    lines += ["", w["bonds"]]
    arrow = {"outgoing": "→", "incoming": "←", "mutual": "↔"}
    lines += _columns(
        [
            [
                f"{arrow[b['direction']]} {b['other_label']}",
                b["nature_label"],
                b["bond_type_label"],
                b["canon_label"],
                b["confidence"],
                refs(b["sources"]),
            ]
            for b in card["bonds"]
        ]
    ) or [f"  {w['none_recorded']}"]
    lines += ["", w["sources"]]
    lines += [
        f"  [{i}] {w['withheld_source'] if s.get('withheld') else s['title']}"
        + (f" <{s['url']}>" if s.get("url") else "")
        for i, s in enumerate(listed, 1)
    ]
    if not listed:
        lines.append(f"  {w['none']}")
    return visible("\n".join(lines))
