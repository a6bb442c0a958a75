"""The project's SHACL shapes compiled to SPARQL, run on the store.

pySHACL is the reference validator (it checks files given to `kb validate`, and the tests compare
this module with it on every case of the shape catalogue and on the corpora). It walks the data
node by node in Python, which takes minutes on a million triples; the build instead runs each
constraint as one query on the store, which the engine answers from its indexes.

Only what the shapes use is compiled: targets by class (with subclasses) and by subject of a
property; predicate and inverse paths; and the constraints class, datatype, nodeKind IRI, in,
pattern, minInclusive, minLength, minCount, maxCount, lessThan and lessThanOrEquals. A shape that
uses anything else is refused, so a new kind of constraint cannot be silently skipped. Each
article's account is checked on its own: counts and comparisons between values are made within one
named graph (two sources may date the same event differently), while types may come from any graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from kb.errors import KbError

_SUPPORTED = {
    SH["class"], SH.datatype, SH.nodeKind, SH["in"], SH.pattern, SH.minInclusive, SH.minLength,
    SH.minCount, SH.maxCount, SH.lessThan, SH.lessThanOrEquals,
}
_IGNORED = {RDF.type, SH.path, SH.severity, SH.message, SH.name, SH.description, URIRef("http://www.w3.org/2000/01/rdf-schema#comment")}
_COMPONENT = {
    SH["class"]: "ClassConstraintComponent", SH.datatype: "DatatypeConstraintComponent",
    SH.nodeKind: "NodeKindConstraintComponent", SH["in"]: "InConstraintComponent",
    SH.pattern: "PatternConstraintComponent", SH.minInclusive: "MinInclusiveConstraintComponent",
    SH.minLength: "MinLengthConstraintComponent", SH.minCount: "MinCountConstraintComponent",
    SH.maxCount: "MaxCountConstraintComponent", SH.lessThan: "LessThanConstraintComponent",
    SH.lessThanOrEquals: "LessThanOrEqualsConstraintComponent",
}
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass(frozen=True)
class Check:
    """One constraint of one property shape, as a query returning ?focus (and ?value)."""

    shape: str
    path: str | None  # the predicate, for a predicate path
    component: str
    severity: str
    message: str
    query: str


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
    if not parts:
        raise KbError(f"the shape {node_shape} has no target this validator knows")
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
        if constraint in _IGNORED:
            continue
        if constraint not in _SUPPORTED:
            raise KbError(f"the shape {property_shape} uses {constraint}, which the fast validator does not know")
        # Each query joins the targets with one scan of the path's predicate, filtered first: in a
        # subquery of its own, Oxigraph joins it in a hash table rather than looking up every target
        # in its indexes (several times faster over a million triples, where most checks find nothing).
        select = "SELECT DISTINCT ?focus ?value WHERE { " + targets + " "
        if constraint == SH.minCount:
            if int(argument) != 1:
                raise KbError(f"the shape {property_shape} uses sh:minCount {argument}; only 1 is supported")
            query = "SELECT DISTINCT ?focus WHERE { " + targets + f" MINUS {{ SELECT DISTINCT ?focus WHERE {{ {step} }} }} }}"
        elif constraint == SH.maxCount:
            query = ("SELECT DISTINCT ?focus WHERE { " + targets + " { SELECT DISTINCT ?focus "
                     f"WHERE {{ GRAPH ?graph {{ {step} }} }} GROUP BY ?focus ?graph "
                     f"HAVING (COUNT(DISTINCT ?value) > {int(argument)}) }} }}")
        elif constraint in (SH.lessThan, SH.lessThanOrEquals):
            operator = "<" if constraint == SH.lessThan else "<="
            query = select + ("{ SELECT ?focus ?value WHERE { "
                              f"{{ SELECT ?graph ?focus ?value WHERE {{ GRAPH ?graph {{ {step} }} }} }} "
                              f"{{ SELECT ?graph ?focus ?other WHERE {{ GRAPH ?graph {{ ?focus {_term(argument)} ?other }} }} }} "
                              f"FILTER (!COALESCE(?value {operator} ?other, false)) }} }} }}")
        elif constraint == SH["class"]:
            typed = f"SELECT DISTINCT ?value WHERE {{ VALUES ?_type {{ {_classes(ontology, argument)} }} ?value {_RDF_TYPE} ?_type }}"
            query = select + f"{{ SELECT ?focus ?value WHERE {{ {step} MINUS {{ {typed} }} }} }} }}"
        else:
            query = select + f"{{ SELECT ?focus ?value WHERE {{ {step} FILTER ({_violates(shapes, constraint, argument)}) }} }} }}"
        checks.append(Check(str(property_shape), predicate, str(SH) + _COMPONENT[constraint], severity, message, query))
    return checks


def _violates(shapes: Graph, constraint, argument) -> str:
    """A SPARQL condition on ?value that holds when the value breaks the constraint."""
    if constraint == SH.datatype:
        return f"!isLiteral(?value) || datatype(?value) != {_term(argument)}"
    if constraint == SH.nodeKind:
        if argument != SH.IRI:
            raise KbError(f"sh:nodeKind {argument} is not supported; only sh:IRI")
        return "!isIRI(?value)"
    if constraint == SH["in"]:
        members = ", ".join(_term(member) for member in Collection(shapes, argument))
        return f"!COALESCE(?value IN ({members}), false)"
    if constraint == SH.pattern:
        return f"isBlank(?value) || !REGEX(STR(?value), {Literal(str(argument)).n3()})"
    if constraint == SH.minInclusive:
        return f"!COALESCE(?value >= {_term(argument)}, false)"
    if constraint == SH.minLength:
        return f"isBlank(?value) || STRLEN(STR(?value)) < {int(argument)}"
    raise KbError(f"unsupported constraint {constraint}")


@lru_cache(maxsize=4)
def compile_shapes(shapes: Graph, ontology: Graph) -> tuple[Check, ...]:
    """Every (property shape, constraint) as a query; subclasses are taken from the ontology."""
    checks = []
    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = _targets(shapes, ontology, node_shape)
        for property_shape in sorted(shapes.objects(node_shape, SH.property)):
            checks += _compile(shapes, ontology, property_shape, targets)
    return tuple(checks)
