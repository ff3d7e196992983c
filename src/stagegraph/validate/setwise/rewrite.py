"""Rewrites of a shape's SPARQL query into the same query in a form Oxigraph evaluates set at a
time (plan.py): a joined UNION as a sub-select, a NOT EXISTS as MINUS where that is the same.
Found by a small tokenizer that keeps strings, IRIs and comments whole."""

from __future__ import annotations

import re


class Unbalanced(ValueError):
    """A query whose braces or parentheses do not pair up."""


TOKEN = re.compile(
    "|".join(
        (
            r'"""(?:.|\n)*?"""',
            r"'''(?:.|\n)*?'''",  # long strings
            r'"(?:[^"\\\n]|\\.)*"',
            r"'(?:[^'\\\n]|\\.)*'",  # strings
            r'<[^<>"{}|^`\\\s]*>',
            r"#[^\n]*",
            r"[{}]",
            r"\bUNION\b",
            r"""[^{}"'<#U]+""",
            r".",
        )
    ),
    re.IGNORECASE,
)


def unions_apart(text: str) -> str:
    """Each UNION at the top of the WHERE group wrapped in ``{ SELECT * WHERE { … } }``.

    Oxigraph re-evaluates a UNION for every row it is joined with; as a sub-select it is
    evaluated once. ``SELECT *`` keeps every variable, so the solutions are the same."""
    tokens = TOKEN.findall(text)
    out: list[str]
    depth, starts, out, i = 0, [], [], 0
    while i < len(tokens):
        token = tokens[i]
        if token == "{":
            depth += 1
            if depth == 2:
                starts.append(len(out))
        elif token == "}":
            depth -= 1
        out.append(token)
        if depth == 1 and token == "}" and _next_word(tokens, i + 1).upper() == "UNION":
            start = starts[-1]
            while True:  # the whole chain {A} UNION {B} UNION {C}
                j = _skip_space(tokens, i + 1)
                if j >= len(tokens) or tokens[j].upper() != "UNION":
                    break
                end = _group_end(tokens, _skip_space(tokens, j + 1))
                out += tokens[i + 1 : end + 1]
                i = end
            out[start:] = ["{ SELECT * WHERE { ", *out[start:], " } }"]
        i += 1
    return "".join(out)


def _skip_space(tokens: list[str], i: int) -> int:
    while i < len(tokens) and (not tokens[i].strip() or tokens[i].startswith("#")):
        i += 1
    return i


def _next_word(tokens: list[str], i: int) -> str:
    i = _skip_space(tokens, i)
    return tokens[i] if i < len(tokens) else ""


def _group_end(tokens: list[str], i: int) -> int:
    depth = 0
    for j in range(i, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[j], 0)
        if depth == 0:
            return j
    raise Unbalanced("unbalanced braces in a SPARQL query")


VARIABLE = re.compile(r"[?$](\w+)")


def _masked(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length), for finding its structure."""
    return "".join("x" * len(t) if len(t) > 1 and t[0] in "\"'<#" else t for t in TOKEN.findall(text))


def _closing(masked: str, start: int, pair: str = "{}") -> int:
    depth = 0
    for i in range(start, len(masked)):
        depth += {pair[0]: 1, pair[1]: -1}.get(masked[i], 0)
        if depth == 0:
            return i
    raise Unbalanced("unbalanced brackets in a SPARQL query")


def not_exists_as_minus(text: str) -> str:
    """Each ``FILTER NOT EXISTS { P }`` at the top of a WHERE group of triple patterns and filters
    made ``MINUS { P }``, when that is the same: P is triple patterns only, shares a variable with
    the group, and every variable of P the group uses is bound by its triple patterns (so bound in
    every solution), and every predicate of P is an IRI or a path of IRIs. Oxigraph evaluates
    MINUS once, set against set, NOT EXISTS once per row: MINUS is faster unless P alone matches
    much of the graph (``?s ?p ?o``), so a P with a variable predicate stays NOT EXISTS."""
    masked = _masked(text)
    where = re.search(r"\bWHERE\s*\{", masked, re.IGNORECASE)
    if where is None or re.search(r"\bOPTIONAL\b", masked, re.IGNORECASE):
        return text
    start = where.end() - 1
    end = _closing(masked, start)
    spans, i = [], start + 1
    while (i := masked.find("{", i, end)) >= 0:
        head = re.search(r"FILTER\s+NOT\s+EXISTS\s*$", masked[start + 1 : i], re.IGNORECASE)
        close = _closing(masked, i)
        if head is None or "{" in masked[i + 1 : close] or re.search(r"\bFILTER\b", masked[i:close], re.IGNORECASE):
            return text
        spans.append((start + 1 + head.start(), i, close))
        i = close + 1
    if not spans:
        return text
    outer = masked[start + 1 : end]
    for first, _, close in reversed(spans):
        outer = outer[: first - start - 1] + " " * (close + 1 - first) + outer[close - start :]
    filters, patterns = "", outer
    for found in reversed(list(re.finditer(r"\bFILTER\s*\w*\s*\(", outer, re.IGNORECASE))):
        close = _closing(outer, found.end() - 1, "()")
        filters += outer[found.start() : close + 1]
        patterns = patterns[: found.start()] + " " * (close + 1 - found.start()) + patterns[close + 1 :]
    bound = set(VARIABLE.findall(patterns))
    for _, brace, close in spans:
        inner = set(VARIABLE.findall(masked[brace:close]))
        if not inner & bound or inner & (set(VARIABLE.findall(filters)) - bound):
            return text
        if not _constant_predicates(masked[brace + 1 : close]):
            return text  # MINUS would read P alone: with a variable predicate, every triple of the graph
    rewritten = text[:end] + "".join(f" MINUS {text[brace : close + 1]}" for _, brace, close in spans) + text[end:]
    for first, _, close in reversed(spans):
        rewritten = rewritten[:first] + rewritten[close + 1 :]
    return rewritten


STATEMENT = re.compile(r"[?$]\w+|[^\s;,.]+|[;,.]")


def _constant_predicates(masked: str) -> bool:
    """Whether every predicate of the triple patterns in ``masked`` (strings and IRIs blanked) is
    not a variable; ``False`` for a form this does not follow (brackets, lists)."""
    if re.search(r"[\[\]()]", masked):
        return False
    position = 0  # 0 subject, 1 predicate, 2 object
    for token in STATEMENT.findall(masked):
        if token in (".", ";", ","):
            position = {".": 0, ";": 1, ",": 2}[token]
        elif position == 1 and token[0] in "?$":
            return False
        else:
            position = min(position + 1, 2)
    return True
