"""The project's SHACL shapes compiled to SPARQL, run on the store.

pySHACL is the reference validator (it checks files given to `kb validate`, and the tests compare
this module with it on every case of the shape catalogue and on the corpora). It walks the data
node by node in Python, which takes minutes on a million triples; the build instead runs each
constraint as one query on the store, which the engine answers from its indexes.

Only what the shapes use is compiled: `SUPPORTED` below lists it, and the end of this docstring is
generated from it. Any other predicate in the SHACL namespace, on a node shape or a property shape
(or on any other node of the shapes graph), is refused with `UnsupportedShape`, naming the shape
and the construct, so that a new kind of constraint cannot be silently skipped while the build says
the data conforms. Predicates of other vocabularies (rdfs:comment, rdfs:label) are ignored. Each
article's account is checked on its own: counts and comparisons between values are made within one
named graph (two sources may date the same event differently), while types may come from any graph.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD, NamespaceManager

from kb.errors import KbError, Refusal, UnsupportedShape


@dataclass(frozen=True)
class Parameter:
    """A SHACL parameter the compiler handles: where it may appear, what it is for, what it accepts."""

    term: URIRef
    on: str  # "node shape", "property shape" or "any shape"
    kind: str  # "targets", "property shapes", "path", "constraints", "read for the report", "ignored"
    only: str = ""  # the values it compiles, when not every value SHACL allows
    note: str = ""  # how it is compiled, when that is worth knowing
    accepts: Callable[[Graph, object], bool] = lambda shapes, value: True


def _iri(shapes: Graph, value) -> bool:
    return isinstance(value, URIRef)


def _literal(shapes: Graph, value) -> bool:
    return isinstance(value, Literal)


def _node(shapes: Graph, value) -> bool:
    return not isinstance(value, Literal)


def _count(shapes: Graph, value) -> bool:
    return isinstance(value, Literal) and type(value.toPython()) is int and value.toPython() >= 0


def _list_of_values(shapes: Graph, value) -> bool:
    """A well-formed RDF list of IRIs and literals (a malformed one would compile to a wrong IN)."""
    seen = set()
    while value != RDF.nil:
        firsts, rests = list(shapes.objects(value, RDF.first)), list(shapes.objects(value, RDF.rest))
        if value in seen or len(firsts) != 1 or len(rests) != 1 or isinstance(firsts[0], BNode):
            return False
        seen.add(value)
        value = rests[0]
    return True


# Everything the compiler handles, in one place: refusals, the docstring and the error message are
# made from it. Severity and message go into the report; documentation is not looked at.
SUPPORTED: tuple[Parameter, ...] = (
    Parameter(SH.targetClass, "node shape", "targets", note="with subclasses", accepts=_iri),
    Parameter(SH.targetSubjectsOf, "node shape", "targets", accepts=_iri),
    Parameter(SH.property, "node shape", "property shapes", accepts=_node),
    Parameter(SH.path, "property shape", "path", only="a predicate, or sh:inversePath of a predicate"),
    Parameter(SH["class"], "property shape", "constraints", note="with subclasses", accepts=_iri),
    Parameter(SH.datatype, "property shape", "constraints", accepts=_iri),
    Parameter(SH.nodeKind, "property shape", "constraints", only="sh:IRI",
              accepts=lambda shapes, value: value == SH.IRI),
    Parameter(SH["in"], "property shape", "constraints", accepts=_list_of_values),
    Parameter(SH.pattern, "property shape", "constraints", note="without sh:flags", accepts=_literal),
    Parameter(SH.minInclusive, "property shape", "constraints", accepts=_literal),
    Parameter(SH.maxInclusive, "property shape", "constraints", accepts=_literal),
    Parameter(SH.minLength, "property shape", "constraints", accepts=_count),
    Parameter(SH.minCount, "property shape", "constraints", only="1",
              accepts=lambda shapes, value: _count(shapes, value) and value.toPython() == 1),
    Parameter(SH.maxCount, "property shape", "constraints", note="within one named graph", accepts=_count),
    Parameter(SH.lessThan, "property shape", "constraints", note="within one named graph", accepts=_iri),
    Parameter(SH.lessThanOrEquals, "property shape", "constraints", note="within one named graph", accepts=_iri),
    Parameter(SH.severity, "any shape", "read for the report", only="sh:Violation, sh:Warning or sh:Info",
              accepts=lambda shapes, value: value in (SH.Violation, SH.Warning, SH.Info)),
    Parameter(SH.message, "any shape", "read for the report"),
    *(Parameter(term, "any shape", "ignored") for term in (SH.name, SH.description, SH.order, SH.group)),
)
_ALLOWED = {role: {p.term: p for p in SUPPORTED if p.on in (role, "any shape")}
            for role in ("node shape", "property shape")}
_CONSTRAINTS = {p.term for p in SUPPORTED if p.kind == "constraints"}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target)
_PATHS = {SH.alternativePath: "an alternative path", SH.zeroOrMorePath: "a zero-or-more path",
          SH.oneOrMorePath: "a one-or-more path", SH.zeroOrOnePath: "a zero-or-one path"}
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_XSD_PREFIX = NamespaceManager(Graph(bind_namespaces="core"))
_BARE = (XSD.integer, XSD.decimal, XSD.boolean)


def _curie(term) -> str:
    """A term as Turtle would show it: sh: terms and literals' datatypes short, other IRIs in full."""
    if isinstance(term, URIRef) and term.startswith(str(SH)):
        return "sh:" + term.removeprefix(str(SH))
    if isinstance(term, Literal):  # numbers and booleans bare, as Turtle writes them
        return str(term) if term.datatype in _BARE else term.n3(_XSD_PREFIX)
    return term.n3() if isinstance(term, URIRef) else "[ ... ]"


def supported_summary() -> str:
    """What the compiler compiles, in words, one line per kind of parameter.

    Takes nothing; returns the lines made from `SUPPORTED` (for the error message and the docstring).
    """
    lines = []
    for kind in dict.fromkeys(p.kind for p in SUPPORTED):
        chosen = [p for p in SUPPORTED if p.kind == kind]
        lines.append(f"  {kind} ({chosen[0].on}): " + ", ".join(_described(p) for p in chosen))
    return "\n".join(lines)


def _described(parameter: Parameter) -> str:
    notes = [note for note in (parameter.only and f"only {parameter.only}", parameter.note) if note]
    return _curie(parameter.term) + (f" ({'; '.join(notes)})" if notes else "")


def _roles(shapes: Graph) -> tuple[list, list]:
    """(node shapes, property shapes), as SHACL finds them: by type, by target, by sh:property, by sh:path.

    An untyped node with a target is a shape to pySHACL: it is compiled (or refused) like the others.
    """
    properties = set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.objects(None, SH.property))
    properties |= set(shapes.subjects(SH.path, None))
    nodes = set(shapes.subjects(RDF.type, SH.NodeShape))
    nodes |= {shape for target in _TARGETS for shape in shapes.subjects(target, None)}
    return sorted(nodes - properties), sorted(properties)


def _name(shapes: Graph, shape, seen: frozenset = frozenset()) -> str:
    """The shape as a user finds it in the file: its IRI, or for a blank node, where it is."""
    if not isinstance(shape, BNode):
        return _curie(shape)
    seen = seen | {shape}
    path = shapes.value(shape, SH.path)
    if path is not None:
        inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
        shown = f"[ sh:inversePath {_curie(inverse)} ]" if isinstance(inverse, URIRef) else _curie(path)
        what = f"[ sh:path {shown} ]"
    else:  # named by its first target, else its first SHACL parameter
        own = sorted((p not in _TARGETS, p, o) for p, o in shapes.predicate_objects(shape) if p.startswith(str(SH)))
        what = f"[ {_curie(own[0][1])} {_curie(own[0][2])} ]" if own else "[ ]"
    for parent, predicate in sorted(shapes.subject_predicates(shape)):
        if parent not in seen:
            return f"{what}, the {_curie(predicate)} of {_name(shapes, parent, seen)}"
    return what


def _path_refusal(shapes: Graph, path) -> str | None:
    """Why a path cannot be compiled, or None: only a predicate or the inverse of one can."""
    if isinstance(path, URIRef) and path != RDF.nil:
        return None
    if not isinstance(path, BNode | URIRef):
        return f"sh:path {_curie(path)} (a path is an IRI or a blank node)"
    if path == RDF.nil or (path, RDF.first, None) in shapes:
        return "a sequence path (sh:path with an RDF list)"
    kinds = sorted(p for p in shapes.predicates(path) if p in _PATHS)
    if kinds:
        return f"{_PATHS[kinds[0]]} ({_curie(kinds[0])})"
    inverse = list(shapes.objects(path, SH.inversePath))
    if len(inverse) == 1 and {p for p in shapes.predicates(path) if p.startswith(str(SH))} == {SH.inversePath}:
        inner = _path_refusal(shapes, inverse[0])
        return None if inner is None else f"sh:inversePath of {inner}"
    return "a path this validator does not know (sh:path [ ... ])"


def _shape_refusals(shapes: Graph, shape, role: str, used: bool) -> tuple[list[Refusal], set]:
    """What of one shape cannot be compiled, and the values of the parameters refused."""
    where = f"{role} {_name(shapes, shape)}"
    refusals, refused_values = [], set()
    allowed = _ALLOWED[role]
    for predicate, value in sorted(shapes.predicate_objects(shape)):
        if not predicate.startswith(str(SH)):
            continue  # another vocabulary's annotation (rdfs:comment, rdfs:label)
        parameter = allowed.get(predicate)
        if parameter is None:
            construct = _curie(predicate)
            if role == "property shape" and predicate in _TARGETS:
                construct += " (a target on a property shape)"
            elif role == "property shape" and predicate == SH.property:
                construct += " (a property shape nested in a property shape)"
            refusals.append(Refusal(where, construct))
            refused_values.add(value)
        elif predicate == SH.path:
            reason = _path_refusal(shapes, value)
            if reason is not None:
                refusals.append(Refusal(where, reason))
        elif not parameter.accepts(shapes, value):
            why = f"only {parameter.only} is supported" if parameter.only else "not a value it compiles"
            refusals.append(Refusal(where, f"{_curie(predicate)} {_curie(value)} ({why})"))
    if role == "node shape" and not any((shape, target, None) in shapes for target in _TARGETS):
        refusals.append(Refusal(where, "no target (a shape without one checks nothing)"))
    if role == "property shape":
        paths = list(shapes.objects(shape, SH.path))
        if len(paths) != 1:
            refusals.append(Refusal(where, f"{len(paths)} values of sh:path (a property shape has exactly one)"))
        if not used:
            refusals.append(Refusal(where, "no node shape has it as sh:property (so nothing would check it)"))
    return refusals, refused_values


def _below(shapes: Graph, starts, through_iris: bool = True) -> set:
    """The nodes reachable from `starts` (through blank nodes only, unless `through_iris`)."""
    kinds = (BNode, URIRef) if through_iris else BNode
    found, todo = set(), [node for node in starts if isinstance(node, kinds)]
    while todo:
        node = todo.pop()
        if node not in found:
            found.add(node)
            todo += [o for o in shapes.objects(node, None) if isinstance(o, kinds)]
    return found


def refusals(shapes: Graph) -> list[Refusal]:
    """Every construct of the shapes graph that the compiler would not check, sorted.

    Takes the shapes graph; returns one `Refusal` per (shape, construct), empty when every shape
    compiles. Node shapes, property shapes, then any other node with a SHACL predicate (a SPARQL
    constraint, a custom component, prefix declarations). What hangs below a refused construct of a
    shape that is reported is not reported again: the refusal of that construct already makes the
    error, and what it holds would only repeat it.
    """
    node_shapes, property_shapes = _roles(shapes)
    used = {p for shape in node_shapes for p in shapes.objects(shape, SH.property)}
    found, below_refused = [], set()
    for shape in node_shapes:
        refused, values = _shape_refusals(shapes, shape, "node shape", True)
        found += refused
        below_refused |= _below(shapes, values)
    # a property shape a node shape uses is compiled, so it is always looked at
    checked = {shape: _shape_refusals(shapes, shape, "property shape", shape in used)
               for shape in property_shapes if shape in used or shape not in below_refused}
    below = {shape: _below(shapes, values) - {shape} for shape, (_, values) in checked.items()}
    reported = list(checked)
    for shape in list(reported):  # one at a time, so that of two shapes holding each other one stays
        if shape not in used and any(shape in below[other] for other in reported if other != shape):
            reported.remove(shape)
    for shape in reported:
        found += checked[shape][0]
        below_refused |= below[shape]
    paths = _below(shapes, shapes.objects(None, SH.path), through_iris=False)
    known = set(node_shapes) | set(property_shapes) | below_refused | paths
    for node in sorted({s for s, p, _ in shapes if p.startswith(str(SH))} - known):
        predicate = min(p for p in shapes.predicates(node) if p.startswith(str(SH)))
        found.append(Refusal(f"the node {_name(shapes, node)}",
                             f"{_curie(predicate)} (on a node that is no shape the validator compiles)"))
    return sorted(set(found))


def check_supported(shapes: Graph) -> None:
    """Refuse a shapes graph using what the compiler does not compile.

    Takes the shapes graph; returns nothing; raises `UnsupportedShape` listing every refusal and
    what the compiler does support.
    """
    found = refusals(shapes)
    if found:
        raise UnsupportedShape(found, supported_summary())


@dataclass(frozen=True)
class Check:
    """One constraint of one property shape, as a query returning ?focus (and ?value)."""

    shape: str
    path: str | None  # the predicate, for a predicate path
    component: str
    severity: str
    message: str
    query: str
    # the query's parts, for `kb.check_groups` to ask a node shape's checks together: its targets,
    # and what they are joined with (none for `sh:minCount`, which takes away with `MINUS`)
    targets: str = ""
    body: str = ""


def _term(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise KbError(f"the shapes use a blank node where a value is expected: {term!r}")


def _classes(ontology: Graph, cls) -> str:
    """The class and all its subclasses, for VALUES: cheaper than a path evaluated per node."""
    found, todo = {cls}, [cls]
    while todo:
        for sub in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return " ".join(_term(c) for c in sorted(found))


def _targets(shapes: Graph, ontology: Graph, node_shape) -> str:
    parts = [f"{{ VALUES ?_class {{ {_classes(ontology, c)} }} ?focus {_RDF_TYPE} ?_class }}"
             for c in sorted(shapes.objects(node_shape, SH.targetClass))]
    parts += [f"{{ ?focus {_term(p)} ?_target . }}" for p in sorted(shapes.objects(node_shape, SH.targetSubjectsOf))]
    return "{ SELECT DISTINCT ?focus WHERE { " + " UNION ".join(parts) + " } }"


def _path(shapes: Graph, property_shape) -> tuple[str, str | None]:
    """(triple pattern from ?focus to ?value, the predicate IRI for a predicate path)."""
    path = shapes.value(property_shape, SH.path)
    if isinstance(path, URIRef):
        return f"?focus {_term(path)} ?value", str(path)
    inverse = shapes.value(path, SH.inversePath) if isinstance(path, BNode) else None
    if isinstance(inverse, URIRef):
        return f"?value {_term(inverse)} ?focus", None
    raise KbError(f"the shape {property_shape} has a path this validator does not know")


def _compile(shapes: Graph, ontology: Graph, property_shape, targets: str) -> list[Check]:
    step, predicate = _path(shapes, property_shape)
    severity = str(shapes.value(property_shape, SH.severity) or SH.Violation).removeprefix(str(SH))
    message = str(shapes.value(property_shape, SH.message) or "does not conform")
    checks = []
    for constraint, argument in sorted(shapes.predicate_objects(property_shape)):
        if constraint not in _CONSTRAINTS:
            continue  # the path, the report's fields, documentation: checked by `refusals`
        # Each query joins the targets with one scan of the path's predicate, filtered first: in a
        # subquery of its own, Oxigraph joins it in a hash table rather than looking up every target
        # in its indexes (several times faster over a million triples, where most checks find nothing).
        head, body = "SELECT DISTINCT ?focus ?value WHERE { ", ""
        if constraint == SH.minCount:
            # no DISTINCT on what is taken away: it changes nothing MINUS keeps, and cost a third
            query = "SELECT DISTINCT ?focus WHERE { " + targets + f" MINUS {{ SELECT ?focus WHERE {{ {step} }} }} }}"
        elif constraint == SH.maxCount:
            head = "SELECT DISTINCT ?focus WHERE { "
            # a graph holds each statement once: a node's rows in it are its distinct values
            body = (f"{{ SELECT DISTINCT ?focus WHERE {{ GRAPH ?graph {{ {step} }} }} GROUP BY ?focus ?graph "
                    f"HAVING (COUNT(*) > {int(argument)}) }}")
        elif constraint in (SH.lessThan, SH.lessThanOrEquals):
            operator = "<" if constraint == SH.lessThan else "<="
            body = ("{ SELECT ?focus ?value WHERE { "
                    f"{{ SELECT ?graph ?focus ?value WHERE {{ GRAPH ?graph {{ {step} }} }} }} "
                    f"{{ SELECT ?graph ?focus ?other WHERE {{ GRAPH ?graph {{ ?focus {_term(argument)} ?other }} }} }} "
                    f"FILTER (!COALESCE(?value {operator} ?other, false)) }} }}")
        elif constraint == SH["class"]:
            typed = f"SELECT DISTINCT ?value WHERE {{ VALUES ?_type {{ {_classes(ontology, argument)} }} ?value {_RDF_TYPE} ?_type }}"
            body = f"{{ SELECT ?focus ?value WHERE {{ {step} MINUS {{ {typed} }} }} }}"
        else:
            body = f"{{ SELECT ?focus ?value WHERE {{ {step} FILTER ({_violates(shapes, constraint, argument)}) }} }}"
        if body:
            query = head + targets + " " + body + " }"
        checks.append(Check(str(property_shape), predicate, _component(constraint), severity, message, query,
                            targets, body))
    return checks


def _violates(shapes: Graph, constraint, argument) -> str:
    """A SPARQL condition on ?value that holds when the value breaks the constraint."""
    if constraint == SH.datatype:
        return f"!isLiteral(?value) || datatype(?value) != {_term(argument)}"
    if constraint == SH.nodeKind:
        return "!isIRI(?value)"
    if constraint == SH["in"]:
        members = ", ".join(_term(member) for member in Collection(shapes, argument))
        return f"!COALESCE(?value IN ({members}), false)"
    if constraint == SH.pattern:
        return f"isBlank(?value) || !REGEX(STR(?value), {Literal(str(argument)).n3()})"
    if constraint == SH.minInclusive:
        return f"!COALESCE(?value >= {_term(argument)}, false)"
    if constraint == SH.maxInclusive:
        return f"!COALESCE(?value <= {_term(argument)}, false)"
    if constraint == SH.minLength:
        return f"isBlank(?value) || STRLEN(STR(?value)) < {int(argument)}"
    raise KbError(f"the compiler lists {constraint} in SUPPORTED but has no query for it")


def _component(constraint: URIRef) -> str:
    local = constraint.removeprefix(str(SH))
    return f"{SH}{local[0].upper()}{local[1:]}ConstraintComponent"


@lru_cache(maxsize=4)
def compile_shapes(shapes: Graph, ontology: Graph) -> tuple[Check, ...]:
    """Every (property shape, constraint) as a query.

    Takes the shapes graph and the ontology (for the subclasses of target and value classes);
    returns the checks, in the order of their shapes and constraints; raises `UnsupportedShape`
    when a shape uses anything `SUPPORTED` does not list, before compiling anything.
    """
    check_supported(shapes)
    checks = []
    for node_shape in _roles(shapes)[0]:
        targets = _targets(shapes, ontology, node_shape)
        for property_shape in sorted(shapes.objects(node_shape, SH.property)):
            checks += _compile(shapes, ontology, property_shape, targets)
    return tuple(checks)


__doc__ += "\nWhat it compiles, from `SUPPORTED`:\n\n" + supported_summary() + "\n"
