"""New subjects written into a canonical Turtle file without parsing the whole file again.

``add`` on a large universe used to parse each topic file it touched and write it anew
(seconds per file at a million triples). When everything added is about subjects the file
does not describe, the canonical text of those subjects can instead be inserted where the
formatter would put them: in IRI order, with any prefix they need added to the sorted
prefix lines. The result is the text a full rewrite would give (a test compares the two);
whenever that cannot be guaranteed, ``splice`` returns None and the caller rewrites.
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph

from ..rdf.canonical import serialize

PREFIX_LINE = re.compile(r"^@prefix ([A-Za-z][\w.-]*|): <([^<>]*)> \.$")


def splice(text: str, additions: Graph) -> str | None:
    """``text`` with the subject blocks of ``additions`` inserted, or None if not exactly possible."""
    if '"""' in text or "'''" in text or any(isinstance(s, BNode) for s in additions.subjects()):
        return None  # multi-line strings could hide block boundaries; blank subjects sort by content
    lines = text.split("\n")
    prefix_at = [i for i, line in enumerate(lines) if line.startswith("@prefix ")]
    if not prefix_at or prefix_at != list(range(prefix_at[0], prefix_at[-1] + 1)):
        return None
    prefixes = {}
    for i in prefix_at:
        match = PREFIX_LINE.match(lines[i])
        if match is None:
            return None
        prefixes[match.group(1)] = match.group(2)
    new_prefixes, new_blocks = _rendered(additions, prefixes)
    if new_blocks is None or any(prefixes.get(p, uri) != uri for p, uri in new_prefixes.items()):
        return None
    merged = {**prefixes, **new_prefixes}
    if any(_iri(block[0], merged) is None for block in new_blocks):
        return None
    head = lines[: prefix_at[0]] + [f"@prefix {p}: <{uri}> ." for p, uri in sorted(merged.items())]
    body = lines[prefix_at[-1] + 1 :]
    return "\n".join(head + _insert(body, new_blocks, merged))


def _rendered(additions: Graph, prefixes: dict) -> tuple[dict, list | None]:
    graph = Graph()
    for prefix, uri in prefixes.items():
        graph.bind(prefix, uri, override=True)
    graph += additions
    text = serialize(graph)
    if '"""' in text:
        return {}, None
    used, blocks, current = {}, [], None
    for line in text.split("\n"):
        match = PREFIX_LINE.match(line)
        if match:
            used[match.group(1)] = match.group(2)
        elif line and not line[0].isspace():
            if line.startswith(("_:", "[")):
                return used, None
            current = [line]
            blocks.append(current)
        elif current is not None and line:
            current.append(line)
    return used, blocks


def _insert(body: list[str], blocks: list[list[str]], prefixes: dict) -> list[str]:
    """The body lines with each new block before the first existing block that sorts after it."""
    starts = [i for i, line in enumerate(body) if line and not line[0].isspace() and (i == 0 or not body[i - 1])]
    keys = [_iri(body[i], prefixes) for i in starts]
    result, at = list(body), {}
    for block in blocks:
        key = _iri(block[0], prefixes)
        index = next((starts[n] for n, k in enumerate(keys) if k is None or k > key), None)
        at.setdefault(index, []).append(block)
    for index in sorted((i for i in at if i is not None), reverse=True):
        result[index:index] = [line for block in at[index] for line in block + [""]]
    if None in at:  # after every existing block
        while result and not result[-1]:
            result.pop()
        for block in at[None]:
            result += [""] + block
        result.append("")
    return result


def _iri(subject: str, prefixes: dict) -> str | None:
    """The full IRI a block's subject line names (None for blank nodes, which sort last)."""
    if subject.startswith("<") and subject.endswith(">"):
        return subject[1:-1]
    prefix, sep, local = subject.partition(":")
    if sep and prefix in prefixes:
        return prefixes[prefix] + local
    return None
