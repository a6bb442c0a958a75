"""The shapes compiler refuses every SHACL construct it does not compile, naming shape and construct.

Each case is a tiny shapes graph: a node shape `ex:S` targeting `ex:C`, with one property shape
`ex:P` (`sh:path ex:p ; sh:minCount 1`), which compiles; the case adds one construct to one of them.
The test checks that the compiler then refuses, with exactly the refusals the case expects, each
naming the shape. The build's own hook is tested with an extra file in a copy of `shapes/`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest
from rdflib import Graph
from rdflib.namespace import SH

import kb.shacl_sparql
from kb import fingerprints
from kb import resources
from kb import validate as validate_module
from kb.errors import KbError, UnsupportedShape
from kb.shacl_sparql import SUPPORTED, compile_shapes, refusals, supported_summary
from kb.store import Store
from kb.validate import compiled_checks, graph_store, ontology_graph

from conftest import MINI, REPO

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
S, P = "<http://example.org/S>", "<http://example.org/P>"


@dataclass(frozen=True)
class Refused:
    """A construct added to the base graph, and the refusals it must give: (shape, text in construct)."""

    id: str
    node: str = ""  # Turtle added to ex:S
    prop: str = ""  # Turtle added to ex:P
    path: str = "ex:p"
    target: str = "sh:targetClass ex:C ;"
    extra: str = ""  # other triples
    expected: tuple[tuple[str, str], ...] = ()


def turtle(case: Refused) -> str:
    return PREFIXES + f"""
ex:S a sh:NodeShape ; {case.target} sh:property ex:P {case.node} .
ex:P a sh:PropertyShape ; sh:path {case.path} ; sh:minCount 1 {case.prop} .
{case.extra}
"""


def on_node(id: str, turtle: str, *constructs: str) -> Refused:
    return Refused(f"node-{id}", node="; " + turtle, expected=tuple((S, c) for c in constructs or (f"sh:{id}",)))


def on_property(id: str, turtle: str, *constructs: str) -> Refused:
    return Refused(f"property-{id}", prop="; " + turtle, expected=tuple((P, c) for c in constructs or (f"sh:{id}",)))


def with_path(id: str, path: str, construct: str) -> Refused:
    return Refused(id, path=path, expected=((P, construct),))


SPARQL = '[ a sh:SPARQLConstraint ; sh:select "SELECT $this WHERE { $this ex:p ex:q }" ]'

CASES = [
    # --- on the node shape
    on_node("closed", "sh:closed true"),
    on_node("ignoredProperties", "sh:ignoredProperties ( rdf:type )"),
    on_node("closed-with-ignoredProperties", "sh:closed true ; sh:ignoredProperties ( rdf:type )",
            "sh:closed", "sh:ignoredProperties"),
    on_node("sparql", f"sh:sparql {SPARQL}"),
    on_node("or", "sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] )"),
    on_node("xone", "sh:xone ( [ sh:class ex:C ] [ sh:class ex:D ] )"),
    on_node("and", "sh:and ( [ sh:class ex:C ] [ sh:class ex:D ] )"),
    on_node("not", "sh:not [ sh:class ex:D ]"),
    on_node("node", "sh:node ex:T", "sh:node"),
    on_node("class", "sh:class ex:D"),  # a constraint on the focus node itself
    on_node("datatype", "sh:datatype xsd:string"),
    on_node("hasValue", "sh:hasValue ex:x"),
    on_node("in", "sh:in ( ex:x ex:y )"),
    on_node("targetNode", "sh:targetNode ex:x"),
    on_node("targetObjectsOf", "sh:targetObjectsOf ex:p"),
    on_node("target", 'sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this ex:p ?o }" ]'),
    on_node("deactivated", "sh:deactivated true"),
    on_node("unknown", "sh:frobnicate 1", "sh:frobnicate"),
    Refused("no-target", target="", expected=((S, "no target"),)),
    Refused("untyped-node-shape", extra="ex:U sh:targetClass ex:C ; sh:closed true .",
            expected=(("<http://example.org/U>", "sh:closed"),)),
    # --- on the property shape
    on_property("sparql", f"sh:sparql {SPARQL}"),
    on_property("or", "sh:or ( [ sh:datatype xsd:string ] [ sh:datatype xsd:date ] )"),
    on_property("xone", "sh:xone ( [ sh:datatype xsd:string ] [ sh:datatype xsd:date ] )"),
    on_property("and", "sh:and ( [ sh:datatype xsd:string ] [ sh:minLength 1 ] )"),
    on_property("not", "sh:not [ sh:datatype xsd:string ]"),
    on_property("node", "sh:node ex:T"),
    on_property("property", "sh:property [ sh:path ex:q ; sh:minCount 1 ]", "sh:property"),
    on_property("qualifiedValueShape", "sh:qualifiedValueShape [ sh:class ex:C ] ; sh:qualifiedMinCount 1",
                "sh:qualifiedValueShape", "sh:qualifiedMinCount"),
    on_property("qualifiedMinCount", "sh:qualifiedMinCount 1"),
    on_property("qualifiedMaxCount", "sh:qualifiedMaxCount 2"),
    on_property("qualifiedValueShapesDisjoint", "sh:qualifiedValueShapesDisjoint true"),
    on_property("equals", "sh:equals ex:q"),
    on_property("disjoint", "sh:disjoint ex:q"),
    on_property("hasValue", "sh:hasValue ex:x"),
    on_property("languageIn", 'sh:languageIn ( "en" "fr" )'),
    on_property("uniqueLang", "sh:uniqueLang true"),
    on_property("maxLength", "sh:maxLength 10"),
    on_property("minExclusive", "sh:minExclusive 0"),
    on_property("maxExclusive", "sh:maxExclusive 10"),
    on_property("flags", 'sh:pattern "^a" ; sh:flags "i"', "sh:flags"),
    on_property("closed", "sh:closed true"),
    on_property("deactivated", "sh:deactivated true"),
    on_property("targetClass", "sh:targetClass ex:C", "sh:targetClass (a target on a property shape)"),
    on_property("unknown", "sh:frobnicate 1", "sh:frobnicate"),
    # --- values the compiler does not compile, of parameters it does
    Refused("minCount-2", prop="; sh:minCount 2", expected=((P, "sh:minCount 2 (only 1 is supported)"),)),
    on_property("nodeKind-Literal", "sh:nodeKind sh:Literal", "sh:nodeKind sh:Literal (only sh:IRI is supported)"),
    on_property("nodeKind-BlankNodeOrIRI", "sh:nodeKind sh:BlankNodeOrIRI", "sh:nodeKind sh:BlankNodeOrIRI"),
    on_property("severity-custom", "sh:severity ex:Serious", "sh:severity <http://example.org/Serious>"),
    on_property("in-with-a-blank-node", "sh:in ( ex:x [ ex:p ex:y ] )", "sh:in [ ... ]"),
    on_property("datatype-blank-node", "sh:datatype [ ex:p ex:q ]", "sh:datatype [ ... ]"),
    # --- paths
    with_path("sequence-path", "( ex:p ex:q )", "a sequence path"),
    with_path("alternative-path", "[ sh:alternativePath ( ex:p ex:q ) ]", "sh:alternativePath"),
    with_path("zero-or-more-path", "[ sh:zeroOrMorePath ex:p ]", "sh:zeroOrMorePath"),
    with_path("one-or-more-path", "[ sh:oneOrMorePath ex:p ]", "sh:oneOrMorePath"),
    with_path("zero-or-one-path", "[ sh:zeroOrOnePath ex:p ]", "sh:zeroOrOnePath"),
    with_path("inverse-of-a-complex-path", "[ sh:inversePath [ sh:oneOrMorePath ex:p ] ]",
              "sh:inversePath of a one-or-more path (sh:oneOrMorePath)"),
    Refused("two-paths", prop="; sh:path ex:q", expected=((P, "2 values of sh:path"),)),
    # --- shapes and nodes nothing would check
    Refused("property-shape-of-no-node-shape", extra="ex:Q a sh:PropertyShape ; sh:path ex:q ; sh:minCount 1 .",
            expected=(("<http://example.org/Q>", "no node shape has it as sh:property"),)),
    Refused("sparql-prefixes", extra='ex:Ontology sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/" ] .',
            expected=(("<http://example.org/Ontology>", "sh:declare"),
                      ('[ sh:namespace "http://example.org/" ], the sh:declare of <http://example.org/Ontology>',
                       "sh:namespace"))),
]


def refused(case: Refused) -> UnsupportedShape:
    with pytest.raises(UnsupportedShape) as caught:
        compile_shapes(Graph().parse(data=turtle(case), format="turtle"), ontology_graph())
    return caught.value


def test_the_base_graph_compiles_and_checks_its_one_constraint():
    checks = compile_shapes(Graph().parse(data=turtle(Refused("base")), format="turtle"), ontology_graph())
    assert [(check.shape, check.component) for check in checks] == [
        ("http://example.org/P", str(SH.MinCountConstraintComponent))]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_construct_the_compiler_does_not_compile_is_refused(case):
    error = refused(case)
    assert isinstance(error, KbError) and error.exit_code == 2
    assert len(error.refusals) == len(case.expected), error.refusals
    for shape, construct in case.expected:
        matching = [r for r in error.refusals if r.shape.endswith(shape) and construct in r.construct]
        assert len(matching) == 1, (shape, construct, error.refusals)
        assert f"{matching[0].shape}: {matching[0].construct}" in str(error)
    # the message says where the supported set is listed, and lists it
    assert "SUPPORTED in kb/shacl_sparql.py" in str(error) and supported_summary() in str(error)


def test_a_blank_node_shape_is_named_by_its_path_and_the_shape_holding_it():
    case = Refused("blank", node="; sh:property [ sh:path ex:q ; sh:maxLength 3 ]")
    (refusal,) = refused(case).refusals
    assert refusal.shape == f"property shape [ sh:path <http://example.org/q> ], the sh:property of {S}"
    assert refusal.construct == "sh:maxLength"
    inverse = Refused("inverse", node="; sh:property [ sh:path [ sh:inversePath ex:q ] ; sh:uniqueLang true ]")
    (refusal,) = refused(inverse).refusals
    assert refusal.shape == f"property shape [ sh:path [ sh:inversePath <http://example.org/q> ] ], the sh:property of {S}"


def test_what_hangs_below_a_refused_construct_is_not_refused_again():
    # the SPARQL constraint and the shapes inside sh:or use SHACL too, but sh:sparql and sh:or say it all
    case = on_node("below", f"sh:sparql {SPARQL} ; sh:or ( [ sh:path ex:q ; sh:maxLength 1 ] )", "sh:sparql", "sh:or")
    assert {(r.shape, r.construct) for r in refused(case).refusals} == {(f"node shape {S}", "sh:sparql"),
                                                                        (f"node shape {S}", "sh:or")}


def test_documentation_and_other_vocabularies_on_shapes_change_no_check():
    base = compile_shapes(Graph().parse(data=turtle(Refused("base")), format="turtle"), ontology_graph())
    annotated = Refused("annotated", node='; rdfs:label "S" ; sh:name "S" ; sh:description "a shape" ; sh:order 1',
                        prop='; rdfs:comment "p" ; sh:group ex:G ; sh:message "p is missing" ; sh:severity sh:Violation')
    checks = compile_shapes(Graph().parse(data=turtle(annotated), format="turtle"), ontology_graph())
    assert [check.query for check in checks] == [check.query for check in base]
    assert checks[0].message == "p is missing"


def test_the_supported_set_is_listed_once_and_the_docstring_is_made_from_it():
    assert supported_summary() in kb.shacl_sparql.__doc__
    terms = [parameter.term for parameter in SUPPORTED]
    assert len(terms) == len(set(terms))
    assert all(term.startswith(str(SH)) for term in terms)
    # documentation is not validated: it may say anything
    ignored = {parameter.term for parameter in SUPPORTED if parameter.kind in ("ignored", "read for the report")}
    assert ignored == {SH.name, SH.description, SH.message, SH.severity, SH.order, SH.group}


def test_the_project_shapes_are_all_supported():
    assert refusals(validate_module.shapes_graph()) == []


def test_an_untyped_node_shape_with_a_target_is_compiled_and_agrees_with_pyshacl():
    """pySHACL checks a shape found by its target alone: so does the compiler, rather than skip it."""
    import pyshacl

    shapes = Graph().parse(data=PREFIXES + """
ex:S sh:targetClass ex:C ; rdfs:label "untyped" ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:datatype xsd:string ] .
""", format="turtle")
    data = Graph().parse(data=PREFIXES + """
ex:good a ex:C ; ex:p "text" .
ex:missing a ex:C .
ex:typed a ex:C ; ex:p 3 .
""", format="turtle")
    store = graph_store(data)
    compiled = {(row["focus"].value, check.component)
                for check in compile_shapes(shapes, ontology_graph()) for row in store.query(check.query)}
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    reference = {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceConstraintComponent)))
                 for r in report.subjects(SH.focusNode, None)}
    assert compiled == reference == {("http://example.org/missing", str(SH.MinCountConstraintComponent)),
                                     ("http://example.org/typed", str(SH.DatatypeConstraintComponent))}


# --- the build: a shape it cannot check stops it with a clean error, before any work ---------------


@pytest.fixture
def shapes_copy(tmp_path, monkeypatch):
    """A copy of shapes/ that the library reads instead of the real one, for the test's duration."""
    folder = tmp_path / "shapes"
    shutil.copytree(REPO / "shapes", folder)
    original = resources.data_dir
    monkeypatch.setattr(resources, "data_dir", lambda name: folder if name == "shapes" else original(name))
    caches = (validate_module.shapes_graph, fingerprints.tool_fingerprint)
    for cache in caches:
        cache.cache_clear()
    yield folder
    monkeypatch.undo()
    for cache in caches:
        cache.cache_clear()


EXTRA_SHAPE = PREFIXES + """
@prefix kb: <https://w3id.org/conflict-news-kb/ontology#> .
<https://w3id.org/conflict-news-kb/shapes#Closed> a sh:NodeShape ;
    sh:targetClass kb:Article ; sh:closed true .
"""


@pytest.mark.parametrize("command", ["build", "check"])
def test_the_build_refuses_an_extra_shapes_file_it_cannot_check_with_a_clean_error(command, shapes_copy, tmp_path, cli,
                                                                                    monkeypatch):
    assert compiled_checks()  # the copy as it is compiles
    (shapes_copy / "zz-extra.ttl").write_text(EXTRA_SHAPE)
    validate_module.shapes_graph.cache_clear()
    fingerprints.tool_fingerprint.cache_clear()

    def no_store(*args, **kwargs):
        raise AssertionError("the store was loaded before the shapes were refused")

    monkeypatch.setattr(Store, "load", no_store)  # it would show as an internal error
    out = tmp_path / "out"
    args = ["build", "--corpus", MINI, "--out", out, "--quiet"] if command == "build" else ["check", "--corpus", MINI]
    result = cli(*args)
    assert result.exit_code == 2
    assert "error:" in result.stderr and "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert "node shape <https://w3id.org/conflict-news-kb/shapes#Closed>: sh:closed" in result.stderr
    assert "SUPPORTED in kb/shacl_sparql.py" in result.stderr
    assert not out.exists()
    assert not (REPO / "shapes" / "zz-extra.ttl").exists()
