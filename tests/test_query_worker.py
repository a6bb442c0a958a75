"""The query worker's answers: SPARQL JSON written term by term, as json.dumps writes the whole."""

import json

import pyoxigraph as ox

from kb.query_worker import _term_json, evaluate

XSD = "http://www.w3.org/2001/XMLSchema#"


def _store() -> ox.Store:
    store = ox.Store()
    graph = ox.NamedNode("urn:g")
    objects = [
        ox.Literal('a "quoted" \\ back\\slash\nnew line'), ox.Literal("Şehir ﺣﻠﺐ 😀", language="tr"),
        ox.Literal("12", datatype=ox.NamedNode(XSD + "integer")), ox.NamedNode("https://example.org/é?x=1&y"),
        ox.BlankNode("b1"), ox.Literal("\u2028\u0000\x7f"),
    ]
    for index, obj in enumerate(objects):
        store.add(ox.Quad(ox.NamedNode(f"urn:s{index}"), ox.NamedNode("urn:p"), obj, graph))
    return store


def test_the_json_answer_is_what_json_dumps_writes_of_it():
    query = "SELECT ?s ?o ?missing WHERE { GRAPH ?g { ?s ?p ?o } OPTIONAL { ?s <urn:none> ?missing } } ORDER BY ?s"
    media, body, rows, truncated = evaluate(_store(), query, "json", "turtle", 100)
    expected = {"head": {"vars": ["s", "o", "missing"]}, "results": {"bindings": [
        {"s": _term_json(solution["s"]), "o": _term_json(solution["o"])}
        for solution in _store().query(query)]}}
    assert body == json.dumps(expected).encode()  # the same bytes, not only the same data
    assert json.loads(body) == expected and rows == 6 and not truncated
    assert media == "application/sparql-results+json"


def test_a_row_cap_truncates_the_answer_and_says_so():
    _, body, rows, truncated = evaluate(_store(), "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?s",
                                        "json", "turtle", 2)
    assert rows == 2 and truncated
    assert [row["s"]["value"] for row in json.loads(body)["results"]["bindings"]] == ["urn:s0", "urn:s1"]


def test_an_empty_answer_is_valid_json():
    _, body, rows, _ = evaluate(_store(), "SELECT ?s WHERE { ?s <urn:none> ?o }", "json", "turtle", 10)
    assert json.loads(body) == {"head": {"vars": ["s"]}, "results": {"bindings": []}} and rows == 0
