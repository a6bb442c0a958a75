"""The compiled checks of a node shape asked in one query find what each check finds on its own."""

from __future__ import annotations

from rdflib import Graph, Literal, Namespace, URIRef

from kb.check_groups import CheckGroup, grouped
from kb.validate import _check_findings, compiled_checks, compiled_findings, graph_store

KB = Namespace("https://w3id.org/conflict-news-kb/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
EX = Namespace("http://example.org/")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def _broken_evidence() -> Graph:
    """Evidence nodes breaking several constraints of their shape at once."""
    graph = Graph()
    for name in ("e1", "e2", "e3"):
        graph.add((EX[name], RDF_TYPE, KB.Evidence))
    graph.add((EX.e1, OA.start, Literal("seven")))  # not an integer
    graph.add((EX.e1, OA.exact, Literal("one")))
    graph.add((EX.e1, OA.exact, Literal("two")))  # two quotes
    graph.add((EX.e2, OA.start, Literal(9, datatype=INTEGER)))
    graph.add((EX.e2, OA.end, Literal(3, datatype=INTEGER)))  # ends before it starts
    graph.add((EX.e3, OA.exact, URIRef("http://example.org/not-a-literal")))
    return graph


def test_a_node_shapes_joining_checks_form_one_group_and_the_others_their_own():
    checks = compiled_checks()
    groups = grouped(checks)
    assert sorted((check for group in groups for check in group.checks), key=repr) == sorted(checks, key=repr)
    evidence = [group for group in groups if "#Evidence-" in group.name and len(group.checks) > 1]
    assert len(evidence) == 1 and "UNION" in evidence[0].query
    assert {check.shape.rsplit("-", 1)[-1] for check in evidence[0].checks} >= {"start", "end", "exact"}
    assert all(len(g.checks) == 1 for g in groups if not g.checks[0].body)  # sh:minCount stays alone


def test_a_group_finds_what_its_checks_find_one_by_one():
    store = graph_store(_broken_evidence())
    together = compiled_findings(store)
    one_by_one = [finding for check in compiled_checks()
                  for finding in _check_findings(store, CheckGroup((check,), check.query), {}, None)]
    assert sorted(together, key=repr) == sorted(one_by_one, key=repr)
    found = {(f.focus.rsplit("/", 1)[-1], f.component.rsplit("#", 1)[-1]) for f in together}
    # three checks of one group, tagged apart, on one node; a fourth and a fifth on others
    assert {("e1", "DatatypeConstraintComponent"), ("e1", "MaxCountConstraintComponent"),
            ("e1", "MinInclusiveConstraintComponent"), ("e2", "LessThanConstraintComponent"),
            ("e3", "DatatypeConstraintComponent")} <= found
