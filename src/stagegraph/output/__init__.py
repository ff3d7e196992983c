"""Every result is formatted here and nowhere else: text for people, JSON for programs.

``report`` (validation), ``tables`` (query results in every format), ``text`` (counts,
analysis, cards), ``contribute`` (add, fmt, diff, publish); the names below are the API."""

from .common import relpath, to_json
from .contribute import (
    add_json,
    add_verdict,
    added,
    added_to_files,
    diff_summary,
    diff_triples,
    diff_words,
    fact_words,
    formatted,
    formatted_summary,
    proposed,
    published,
    query_list_json,
)
from .report import report_engine, report_json, report_lines, report_summary
from .tables import cell, query_list, query_result
from .text import analysis_text, bracket_lines, card_text, display_width, match_text, pad, stats_text

__all__ = [
    "add_json",
    "add_verdict",
    "added",
    "added_to_files",
    "analysis_text",
    "bracket_lines",
    "card_text",
    "cell",
    "diff_summary",
    "diff_triples",
    "diff_words",
    "display_width",
    "fact_words",
    "formatted",
    "formatted_summary",
    "match_text",
    "pad",
    "proposed",
    "published",
    "query_list",
    "query_list_json",
    "query_result",
    "relpath",
    "report_engine",
    "report_json",
    "report_lines",
    "report_summary",
    "stats_text",
    "to_json",
]
