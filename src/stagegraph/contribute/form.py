"""The contribute form, generated from the shapes and the ontology: one form per kind of fact
``stagegraph new`` knows, one field per property a shape names for that kind's class.

A kind's fields are the property shapes that reach its class: the node shapes whose
``sh:targetClass`` is the class or one of its super-classes (``rdfs:subClassOf`` in the
ontology), their ``sh:property`` and those of the shapes they name by ``sh:node``, and the
constraints of shapes that target the subjects of one of those properties
(``sh:targetSubjectsOf``). From them:

- the label: ``sh:name`` in the language asked, else the property's ``rdfs:label`` (falling back
  to English), else its local name;
- the help: ``sh:description``, else the property's ``skos:definition`` (this ontology's words
  for readers) or ``rdfs:comment``;
  the rules: every ``sh:message`` on the path;
- required: ``sh:minCount`` 1 or more (or ``new`` refuses the fact without it), multiple: no
  ``sh:maxCount 1``;
- the kind of value: ``sh:class`` → an existing entity, ``sh:in`` or a SKOS scheme (``sh:node`` a
  shape that asks ``skos:inScheme`` to have the scheme) → a choice, ``sh:datatype`` (or an
  ``sh:or`` of them) → a text, date, number or URL input, ``sh:pattern`` → its pattern;
- which ``new`` option answers it: ``options.TABLE``, or ``--set PROPERTY VALUE``.

``set_term`` turns a ``--set`` answer into the RDF term it writes, for ``new``.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ..choices import VOCABULARY
from ..errors import InputError
from ..rdf.labels import in_language, local_name
from ..rdf.names import expand
from ..rdf.namespaces import PREFIXES, SAFE_IRI, SG, short
from .new import slugify
from .options import DERIVED, KIND_CLASS, KINDS, REFUSED, TABLE, Option, TypeOption

SH = Namespace("http://www.w3.org/ns/shacl#")
TAIL = ("note", "revealed_in", "sources", "confidence")  # asked last, in this order
WIDGETS = {
    XSD.integer: "integer",
    XSD.decimal: "number",
    XSD.date: "date",
    XSD.boolean: "boolean",
    XSD.anyURI: "url",
}
INTEGER = re.compile(r"^[+-]?[0-9]+\Z")
DECIMAL = re.compile(r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\Z")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*\Z")


@dataclass
class Field:
    """One question of a form, as the page renders it and ``new`` answers it."""

    id: str  # the option without its dashes (``from``), or the property (``sg:age``) for --set
    option: str  # --from, or --set
    param: str  # new's parameter (``from_``, ``set``)
    paths: list[str]
    label: str
    help: str
    rules: list[str]
    required: bool
    multiple: bool
    widget: str  # entity, choice, type, text, textarea, integer, number, date, boolean, url, source, reveal
    cls: str | None = None  # entity: the class its value is an instance of
    choices: list[dict] = field(default_factory=list)  # choice, type: {value, label, iri}
    default: str | None = None
    datatypes: list[str] = field(default_factory=list)
    pattern: str | None = None
    lang: str | None = None  # a label: the language it is written in
    only: list[str] | None = None  # shown only for these values of the type field
    story: bool = False  # a story text (sg:storyText true)
    attribute: bool = False  # a character attribute (annotated by an sg:AttributeStatement)
    most: int | None = None
    reveal: dict | None = None  # when --revealed-in is needed (options._reveal)
    set: str | None = None  # the PROPERTY of --set PROPERTY VALUE (a prefixed name where one fits)
    stem: str | None = None  # the slug its sg:AttributeStatement or sg:TextStatement is named from
    args: dict | None = None  # type: value → the words to type on the command line


@dataclass
class _Group:
    """What the property shapes on one path say, merged."""

    min: int = 0
    max: int | None = None
    classes: list = field(default_factory=list)
    datatypes: list = field(default_factory=list)
    schemes: list = field(default_factory=list)
    members: list | None = None  # sh:in
    pattern: str | None = None
    literal: bool = False  # sh:nodeKind sh:Literal
    messages: list = field(default_factory=list)
    names: list = field(default_factory=list)
    descriptions: list = field(default_factory=list)

    def take(self, shapes: Graph, shape) -> None:
        for value in shapes.objects(shape, SH.minCount):
            self.min = max(self.min, int(value))
        for value in shapes.objects(shape, SH.maxCount):
            self.max = int(value) if self.max is None else min(self.max, int(value))
        _extend(self.classes, shapes.objects(shape, SH["class"]))
        _extend(self.datatypes, shapes.objects(shape, SH.datatype))
        for alternatives in shapes.objects(shape, SH["or"]):
            for choice in Collection(shapes, alternatives):
                _extend(self.datatypes, shapes.objects(choice, SH.datatype))
        for node in shapes.objects(shape, SH.node):
            for inner in shapes.objects(node, SH.property):
                if shapes.value(inner, SH.path) == SKOS.inScheme:
                    _extend(self.schemes, shapes.objects(inner, SH.hasValue))
        for members in shapes.objects(shape, SH["in"]):
            self.members = list(Collection(shapes, members))
        self.pattern = self.pattern or _text(shapes.value(shape, SH.pattern))
        self.literal = self.literal or shapes.value(shape, SH.nodeKind) == SH.Literal
        _extend(self.messages, (str(m) for m in shapes.objects(shape, SH.message)))
        _extend(self.names, (n for n in shapes.objects(shape, SH.name) if isinstance(n, Literal)))
        _extend(self.descriptions, (d for d in shapes.objects(shape, SH.description) if isinstance(d, Literal)))


def _extend(found: list, values) -> None:
    for value in values:
        if value not in found:
            found.append(value)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _classes(ontology: Graph, cls) -> set:
    """``cls`` and every class it is a sub-class of."""
    return set(ontology.transitive_objects(cls, RDFS.subClassOf))


def _groups(ontology: Graph, shapes: Graph, classes: set) -> dict:
    """Path → ``_Group`` for the property shapes that reach an instance of all of ``classes``."""
    groups: dict = {}
    targeting = sorted({s for c in classes for s in shapes.subjects(SH.targetClass, c)}, key=str)
    for shape in targeting:
        for inner in _property_shapes(shapes, shape, set()):
            path = shapes.value(inner, SH.path)
            if isinstance(path, URIRef):
                groups.setdefault(path, _Group()).take(shapes, inner)
    for shape in sorted(set(shapes.subjects(SH.targetSubjectsOf, None)), key=str):
        if any(p in groups for p in shapes.objects(shape, SH.targetSubjectsOf)):
            for inner in _property_shapes(shapes, shape, set()):
                path = shapes.value(inner, SH.path)
                if path in groups:
                    groups[path].take(shapes, inner)
    return groups


def _property_shapes(shapes: Graph, shape, seen: set):
    """A node shape's property shapes, and those of the node shapes it names by sh:node."""
    if shape in seen:
        return
    seen.add(shape)
    yield from sorted(shapes.objects(shape, SH.property), key=lambda s: _sort_key(shapes, s))
    for node in sorted(shapes.objects(shape, SH.node), key=str):
        yield from _property_shapes(shapes, node, seen)


def _sort_key(shapes: Graph, shape) -> tuple:
    return (str(shapes.value(shape, SH.path)), str(shapes.value(shape, SH.message)))


class Schema:
    """The ontology and the shapes a form is made from (a universe's, or two graphs)."""

    def __init__(self, ontology: Graph, shapes: Graph):
        self.ontology, self.shapes = ontology, shapes
        self._groups: dict = {}

    @classmethod
    def of(cls, source) -> Schema:
        if isinstance(source, Schema):
            return source
        if isinstance(source, tuple):
            return cls(*source)
        return cls(source.ontology.graph, source.shapes.graph)

    def groups(self, classes: frozenset) -> dict:
        if classes not in self._groups:
            self._groups[classes] = _groups(self.ontology, self.shapes, set(classes))
        return self._groups[classes]

    def of_class(self, cls) -> dict:
        return self.groups(frozenset(_classes(self.ontology, cls)))


def fields(source, kind: str, lang: str = "en") -> list[Field]:
    """The fields of the form for ``kind`` (one of ``KINDS``), labelled in ``lang``."""
    schema = Schema.of(source)
    table = TABLE[kind]
    base = schema.of_class(KIND_CLASS[kind])
    made: list[Field] = []
    typed = next((e for e in table.values() if isinstance(e, TypeOption)), None)
    groups = dict(base)
    only: dict = {}
    if typed is not None:
        made.append(_type_field(schema, typed, lang))
        for value, cls in typed.classes.items():
            for path, group in schema.of_class(cls).items():
                if path not in base:
                    groups.setdefault(path, group)
                    only.setdefault(path, []).append(value)
    seen_params: set[str] = set()
    for entry in table.values():
        for option in entry if isinstance(entry, tuple) else (entry,):
            if not isinstance(option, Option) or option.param in seen_params:
                continue
            seen_params.add(option.param)
            keys = [k for k, e in table.items() if e == option or (isinstance(e, tuple) and option in e)]
            made.append(_option_field(schema, groups, option, keys, lang))
    listed = {expand(k) for k in table if "/" not in k}
    for path in sorted((p for p in groups if p not in listed), key=prefixed):
        group = groups[path]
        if group.max == 0:
            continue
        made.append(_set_field(schema, path, group, only.get(path), lang))
    tail = [f for f in made if f.param in TAIL]
    return [f for f in made if f.param not in TAIL] + sorted(tail, key=lambda f: TAIL.index(f.param))


def _path(key: str) -> list[URIRef]:
    return [expand(part) for part in key.split("/")]


def _type_field(schema: Schema, typed: TypeOption, lang: str) -> Field:
    choices = [
        {"value": value, "label": _label(schema.ontology, cls, lang), "iri": str(cls)}
        for value, cls in typed.classes.items()
    ]
    return Field(
        id=typed.param.replace("_", "-"),
        option="type",
        param=typed.param,
        paths=[str(RDF.type)],
        label="",
        help="",
        rules=[],
        required=True,
        multiple=False,
        widget="type",
        choices=choices,
        default=typed.default,
        args={k: list(v) for k, v in typed.args.items()},
    )


def _option_field(schema: Schema, groups: dict, option: Option, keys: list, lang: str) -> Field:
    chain = _path(keys[0])
    group = _chain_group(schema, groups, chain)
    made = _describe(schema, chain[-1], group, lang)
    made.update(
        id=option.flag.lstrip("-"),
        option=option.flag,
        param=option.param,
        paths=[" ".join(str(p) for p in _path(k)) for k in keys],
        required=(group.min >= 1 or option.need) and not option.fills,
        multiple=option.multiple,
        default=option.default,
        lang=option.lang,
        most=option.most,
        reveal=option.reveal,
    )
    if option.param == "sources":
        made["widget"] = "source"
    elif option.param == "revealed_in":
        made["widget"] = "reveal"
        made["required"] = bool(option.reveal and option.reveal.get("always"))
    if option.vocabulary and made["choices"]:
        allowed = VOCABULARY[option.vocabulary][1]
        by_value = {c["value"]: c for c in made["choices"]}
        made["choices"] = [by_value[v] for v in allowed if v in by_value]
    return Field(**made)


def _chain_group(schema: Schema, groups: dict, chain: list) -> _Group:
    """The group of the last property of ``chain``, through the classes of the nodes it passes."""
    group = groups.get(chain[0], _Group())
    for prop in chain[1:]:
        classes = group.classes or list(schema.ontology.objects(chain[0], RDFS.range))
        group = schema.of_class(classes[0]).get(prop, _Group()) if classes else _Group()
    return group


def _set_field(schema: Schema, path: URIRef, group: _Group, only, lang: str) -> Field:
    made = _describe(schema, path, group, lang)
    name = prefixed(str(path))
    made.update(
        id=name,
        option="--set",
        param="set",
        paths=[str(path)],
        required=group.min >= 1,
        multiple=group.max is None or group.max > 1,
        only=only,
        set=name,
    )
    return Field(**made)


def _describe(schema: Schema, prop: URIRef, group: _Group, lang: str) -> dict:
    """Label, help, rules and the kind of value of ``prop``, from its shapes and the ontology."""
    ontology = schema.ontology
    name = in_language(group.names, lang)
    description = in_language(group.descriptions, lang)
    # skos:definition is this ontology's word for readers; rdfs:comment its note for modellers.
    explained = (
        description
        or in_language(list(ontology.objects(prop, SKOS.definition)), lang)
        or in_language(list(ontology.objects(prop, RDFS.comment)), lang)
    )
    made = {
        "label": str(name) if name is not None else _label(ontology, prop, lang),
        "help": str(explained) if explained is not None else "",
        "rules": list(group.messages),
        "story": (prop, SG.storyText, Literal(True)) in ontology,
        "attribute": SG.characterAttribute in set(ontology.transitive_objects(prop, RDFS.subPropertyOf)) - {prop},
        "pattern": group.pattern,
        "datatypes": [str(d) for d in group.datatypes],
        "stem": slugify(_label(ontology, prop, "en")),
    }
    made.update(_value_kind(schema, prop, group, lang))
    return made


def _value_kind(schema: Schema, prop: URIRef, group: _Group, lang: str) -> dict:
    ontology = schema.ontology
    ranges = list(ontology.objects(prop, RDFS.range))
    if group.schemes:
        concepts = sorted(ontology.subjects(SKOS.inScheme, group.schemes[0]), key=str)
        return {"widget": "choice", "choices": [_choice(ontology, c, lang) for c in concepts]}
    if group.members is not None:
        return {"widget": "choice", "choices": [_member_choice(m) for m in group.members]}
    if group.classes:
        return {"widget": "entity", "cls": str(group.classes[0])}
    datatypes = group.datatypes or [r for r in ranges if str(r).startswith(str(XSD)) or r == RDF.langString]
    if datatypes:
        widget = WIDGETS.get(datatypes[0], "text")
        if {XSD.integer, XSD.decimal} <= set(datatypes):
            widget = "number"
        if datatypes[0] == RDF.langString and (prop, SG.storyText, Literal(True)) in ontology:
            widget = "textarea"
        return {"widget": widget, "datatypes": [str(d) for d in datatypes]}
    if (prop, SG.storyText, Literal(True)) in ontology:
        return {"widget": "textarea", "datatypes": [str(RDF.langString)]}
    classes = [r for r in ranges if (r, RDF.type, OWL.Class) in ontology]
    if classes and not group.literal:
        return {"widget": "entity", "cls": str(classes[0])}
    return {"widget": "text"}


def _member_choice(member) -> dict:
    """A value of ``sh:in``: an IRI, or a literal with its datatype."""
    if isinstance(member, URIRef):
        return {"value": str(member), "label": str(member), "iri": str(member)}
    datatype = str(member.datatype) if isinstance(member, Literal) and member.datatype else None
    return {"value": str(member), "label": str(member), "iri": None, "datatype": datatype}


def _choice(ontology: Graph, concept, lang: str) -> dict:
    return {"value": local_name(concept), "label": _label(ontology, concept, lang), "iri": str(concept)}


def _label(ontology: Graph, node, lang: str) -> str:
    found = in_language(
        [*ontology.objects(node, SKOS.prefLabel), *ontology.objects(node, RDFS.label)],
        lang,
    )
    return str(found) if found is not None else local_name(node)


def forms(source, lang: str = "en") -> dict:
    """Every kind's form as JSON-able data: ``{"kinds": [...], "forms": {kind: {...}}}``."""
    schema = Schema.of(source)
    return {
        "kinds": list(KINDS),
        "forms": {
            kind: {
                "kind": kind,
                "class": str(KIND_CLASS[kind]),
                "label": _label(schema.ontology, KIND_CLASS[kind], lang),
                "fields": [_json(f) for f in fields(schema, kind, lang)],
            }
            for kind in KINDS
        },
    }


def _json(made: Field) -> dict:
    return {key: value for key, value in asdict(made).items() if value not in (None, [], False) or key == "required"}


# --- new --set PROPERTY VALUE --------------------------------------------------------------


def set_field(source, kind: str, prop: str, type_value: str | None = None) -> tuple[Field, str | None]:
    """The field ``--set PROPERTY`` answers for ``kind`` (``PROPERTY`` a prefixed name or IRI the
    kind's shapes name, optionally ``@lang`` for a language-tagged text), and that language."""
    name, _, lang = prop.partition("@") if "@" in prop and not prop.startswith("http") else (prop, "", "")
    if "@" in prop and prop.startswith("http"):
        name, _, lang = prop.rpartition("@")
    wanted = str(expand(name))
    found = [f for f in fields(source, kind) if f.option == "--set"]
    match = next((f for f in found if f.paths[0] == wanted), None)
    if match is None:
        taken = [f for f in fields(source, kind) if f.option != "--set" and wanted in f.paths]
        if taken:
            raise InputError(f"--set {name}: a {kind}'s {name} is given with {taken[0].option}")
        if wanted in {str(expand(k)) for k, e in TABLE[kind].items() if e in (DERIVED, REFUSED)}:
            raise InputError(f"--set {name}: new writes a {kind}'s {name} itself")
        listed = ", ".join(f.set or "" for f in found) or "none"
        raise InputError(
            f"--set {name}: the shapes of a {kind} name no property {name}; the properties --set takes here: {listed}"
        )
    if match.only is not None and (type_value or _type_default(kind)) not in match.only:
        raise InputError(f"--set {name} applies only to a {kind} of kind {', '.join(match.only)}")
    if lang:
        lang = lang.lower()
        if str(RDF.langString) not in match.datatypes or not LANGUAGE.match(lang):
            raise InputError(f"--set {prop}: only a language-tagged text takes a language, such as @en, @ko or @ja")
    return match, lang or None


def _type_default(kind: str) -> str | None:
    typed = next((e for e in TABLE[kind].values() if isinstance(e, TypeOption)), None)
    return typed.default if typed else None


def set_term(made: Field, value: str, lang: str | None, ref):
    """The RDF term ``--set PROPERTY VALUE`` writes: an existing entity (``ref(value, class,
    option)``), a concept of the scheme, or a literal of the property's datatype."""
    option = f"--set {made.set}"
    if made.widget == "entity":
        return ref(value, made.cls, option)
    if made.widget == "choice":
        for choice in made.choices:
            if value in (choice["value"], choice["iri"]):
                if choice["iri"]:
                    return URIRef(choice["iri"])
                return Literal(value, datatype=URIRef(choice["datatype"]) if choice.get("datatype") else None)
        listed = ", ".join(c["value"] for c in made.choices)
        raise InputError(f"{option}: '{value}' is not one of {listed}")
    if made.pattern and not _matches(made.pattern, value):
        raise InputError(f"{option}: '{value}' does not have the form the shapes ask ({made.pattern})")
    return _literal(made, value, lang, option)


def _matches(pattern: str, value: str) -> bool:
    """``sh:pattern`` as SHACL (and JavaScript) read it: ``$`` is the end of the text, never
    before a last line break as in Python."""
    if pattern.endswith("$") and value.endswith("\n"):
        return False
    return re.search(pattern, value) is not None


def _literal(made: Field, value: str, lang: str | None, option: str) -> Literal:
    datatypes = [URIRef(d) for d in made.datatypes]
    first = datatypes[0] if datatypes else None
    if XSD.integer in datatypes and INTEGER.match(value):
        return Literal(str(int(value)), datatype=XSD.integer)
    if XSD.decimal in datatypes and DECIMAL.match(value):
        return Literal(value, datatype=XSD.decimal)
    if first in (XSD.integer, XSD.decimal):
        raise InputError(f"{option}: '{value}' is not a number written with digits, such as 17")
    if first == XSD.date:
        from .new import checked_date

        return Literal(checked_date(value, option), datatype=XSD.date)
    if first == XSD.boolean:
        if value not in ("true", "false"):
            raise InputError(f"{option}: '{value}' is not true or false")
        return Literal(value, datatype=XSD.boolean)
    if first == XSD.anyURI and not (re.match(r"^https?://", value) and SAFE_IRI.match(value)):
        raise InputError(f"{option}: '{value}' is not an http(s) address without spaces, quotes or <>")
    if first == RDF.langString or (first is None and made.story):
        return Literal(value, lang=lang or "en")
    if first is not None and first != XSD.string:
        return Literal(value, datatype=first)
    return Literal(value)


def prefixed(iri: str) -> str:
    """A property as ``--set`` names it: a prefixed name where one of the project's prefixes fits."""
    name = short(URIRef(iri))
    return name if name != iri and name.split(":", 1)[0] in PREFIXES else iri
