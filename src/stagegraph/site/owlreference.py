"""The ontology's reference documentation by pyLODE (``ns/pylode.html``), made to work offline.

pyLODE (pinned in pyproject.toml: 3.3.4, the newest release that imports from its wheel)
documents the OWL part of the ontology: its classes and properties. It ignores SHACL and is
built for one ontology per file, so the SKOS concept schemes are left out of what it is given
(else it titles the page after the last scheme); both have their place on the site's own
ontology page (``ontodoc``), which is also the one in the reader's language: pyLODE writes
English, so it is given only the English labels. Its page comes with an inline ``<style>``,
which the site's Content-Security-Policy refuses: it is moved to ``ns/pylode.css``; anything
it would load from the network (a stylesheet, a script) is dropped, and the page gets the
site's policy and ``lang``. pyLODE is asked to sort its subjects: otherwise it orders its
sections as Python's string hashes fall, and a site built twice would differ.
"""

from __future__ import annotations

import logging
import re

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

log = logging.getLogger(__name__)

STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
# What it would load: remote scripts and stylesheets, and its favicons (data: links, which the
# site's link check, rightly, does not take for pages).
REMOTE = re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>|<link\b[^>]*\bhref=\"(?:(?:https?:)?//|data:)[^>]*>", re.I)


def owl_part(ontology: Graph) -> Graph:
    """The ontology without its SKOS schemes and concepts, and without its labels in languages
    other than English (pyLODE writes English, and shows every label it is given)."""
    found = Graph()
    skos = {s for kind in (SKOS.ConceptScheme, SKOS.Concept) for s in ontology.subjects(RDF.type, kind)}
    for triple in ontology:
        if triple[0] not in skos and not _foreign_label(triple):
            found.add(triple)
    for prefix, namespace in ontology.namespaces():
        found.bind(prefix, namespace, override=True)
    return found


def _foreign_label(triple) -> bool:
    _subject, predicate, value = triple
    return predicate == RDFS.label and isinstance(value, Literal) and (value.language or "en").split("-")[0] != "en"


def render(ontology: Graph) -> str:
    """pyLODE's HTML of the ontology's OWL part (pyLODE is imported here: it is slow to import)."""
    from pylode import OntPub

    return OntPub(owl_part(ontology), sort_subjects=True).make_html()


def offline(page: str, csp: str) -> tuple[str, str]:
    """pyLODE's page made to work under ``csp`` from ``file://``: ``(html, css)``."""
    css = "\n".join(m.group(1) for m in STYLE.finditer(page))
    page = REMOTE.sub("", STYLE.sub("", page))
    head = (
        f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="pylode.css">'
    )
    page = re.sub(r'<meta content="text/html; charset=utf-8" http-equiv="Content-Type">\s*', "", page)
    page = re.sub(r"<head>", lambda _: "<head>\n" + head, page, count=1)
    page = re.sub(r"<html>", '<html lang="en">', page, count=1)
    return page, css


def write(site) -> bool:
    """Write ``ns/pylode.html`` and its stylesheet; False (and a warning) when pyLODE fails."""
    from .generate import CSP

    try:
        page, css = offline(render(site.universe.ontology.graph), CSP)
    except Exception as exc:  # noqa: BLE001  (pyLODE's own errors have no common class)
        log.warning("pyLODE could not document the ontology (%s); the site's own ontology page stands alone", exc)
        return False
    site.write("ns/pylode.html", page)
    site.write("ns/pylode.css", css)
    return True
