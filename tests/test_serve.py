"""`kb serve` end to end, with a real SPARQL client (SPARQLWrapper) and plain HTTP."""

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, XML, SPARQLWrapper

from kb.serve import ServeConfig, negotiate, serve_in_thread

CLAIMS = "SELECT ?claim WHERE { ?claim a <https://w3id.org/conflict-news-kb/ontology#Claim> } ORDER BY ?claim"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(built_mini):
    server, endpoint, thread = serve_in_thread(ServeConfig(built_mini, "127.0.0.1", 0, timeout=2.0, max_rows=50, workers=2))
    host, port = server.server_address
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()
    endpoint.close()


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def client(endpoint, method=None):
    sparql = SPARQLWrapper(f"{endpoint}/sparql")
    if method:
        sparql.setMethod(POST)
        if method == POSTDIRECTLY:
            sparql.setRequestMethod(POSTDIRECTLY)
    return sparql


@pytest.mark.parametrize("method", [None, "form", POSTDIRECTLY], ids=["GET", "POST-form", "POST-query"])
def test_select_through_each_protocol_binding(endpoint, method):
    sparql = client(endpoint, method)
    sparql.setQuery(CLAIMS)
    sparql.setReturnFormat(JSON)
    rows = sparql.query().convert()["results"]["bindings"]
    assert [row["claim"]["value"].rsplit("/", 1)[-1] for row in rows] == [
        "army-denial", "ministry-report", "roe-violation", "ministry-four-killed",
    ]


@pytest.mark.parametrize("fmt, check", [
    (XML, lambda result: len(result.getElementsByTagName("result")) == 4),
    (CSV, lambda result: result.decode().splitlines()[0] == "claim" and len(result.decode().splitlines()) == 5),
    (TSV, lambda result: result.decode().splitlines()[0] == "?claim" and len(result.decode().splitlines()) == 5),
])
def test_result_formats_by_content_negotiation(endpoint, fmt, check):
    sparql = client(endpoint)
    sparql.setQuery(CLAIMS)
    sparql.setReturnFormat(fmt)
    assert check(sparql.query().convert())


@pytest.mark.parametrize("accept, rdf_format", [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
])
def test_construct_and_describe_return_rdf(endpoint, accept, rdf_format):
    query = "CONSTRUCT { ?c ?p ?o } WHERE { ?c a <https://w3id.org/conflict-news-kb/ontology#Claim> ; ?p ?o }"
    status, headers, body = http("POST", f"{endpoint}/sparql", query.encode(),
                                 {"Content-Type": "application/sparql-query", "Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(Graph().parse(data=body, format=rdf_format)) > 20
    describe = "DESCRIBE <https://w3id.org/conflict-news-kb/id/entity/alba>"
    status, _, body = http("GET", f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": describe}), headers={"Accept": accept})
    assert status == 200 and len(Graph().parse(data=body, format=rdf_format)) >= 3


@pytest.mark.parametrize("request_args", [
    ("POST", "/sparql", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", {"Content-Type": "application/sparql-update"}),
    ("POST", "/sparql", urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode(),
     {"Content-Type": "application/x-www-form-urlencoded"}),
    ("POST", "/sparql", b"LOAD <http://127.0.0.1:9/data.ttl>", {"Content-Type": "application/sparql-query"}),
    ("POST", "/sparql", b"PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }", {"Content-Type": "application/sparql-query"}),
], ids=["update-body", "update-form", "load", "delete"])
def test_updates_are_refused_and_change_nothing(endpoint, request_args):
    method, path, body, headers = request_args
    status, _, message = http(method, f"{endpoint}{path}", body, headers)
    assert 400 <= status < 500 and "read-only" in message
    status, _, body = http("GET", f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}))
    sparql = client(endpoint)
    sparql.setQuery("SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }")
    sparql.setReturnFormat(JSON)
    assert sparql.query().convert()["results"]["bindings"][0]["n"]["value"] == "0"


def test_federated_service_is_refused_before_it_runs(endpoint):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, _, message = http("GET", f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 403 and "SERVICE" in message
    # the word in a string or an IRI is not a SERVICE call
    harmless = 'SELECT ?x WHERE { BIND ("SERVICE" AS ?x) }'
    status, _, _ = http("GET", f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": harmless}))
    assert status == 200


def test_a_runaway_query_is_stopped_while_others_are_answered(endpoint):
    outcome = {}

    def runaway():
        started = time.monotonic()
        outcome["status"], _, outcome["message"] = http(
            "POST", f"{endpoint}/sparql", RUNAWAY.encode(), {"Content-Type": "application/sparql-query"})
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    sparql = client(endpoint)
    sparql.setQuery(CLAIMS)
    sparql.setReturnFormat(JSON)
    assert len(sparql.query().convert()["results"]["bindings"]) == 4
    assert time.monotonic() - started < 1.5  # answered while the runaway query runs
    thread.join(timeout=30)
    assert outcome["status"] == 503 and "time limit of 2 s" in outcome["message"]
    assert outcome["seconds"] < 5
    # and the pool is whole again afterwards
    assert len(sparql.query().convert()["results"]["bindings"]) == 4


def test_results_are_capped(endpoint):
    status, headers, body = http("GET", f"{endpoint}/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { ?s ?p ?o }", "format": "json"}))
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert "first 50 rows" in headers["X-Result-Truncated"]


def test_bad_queries_get_a_400_with_the_reason(endpoint):
    status, _, message = http("GET", f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": "SELECT WHERE {"}))
    assert status == 400 and "not valid SPARQL" in message
    status, _, message = http("GET", f"{endpoint}/sparql")
    assert status == 400 and "query" in message


def test_named_queries_are_listed_and_run_with_bound_parameters(endpoint):
    status, _, body = http("GET", f"{endpoint}/queries")
    names = {item["name"] for item in json.loads(body)}
    assert {"claims-by-actor", "timeline", "contradictions"} <= names
    status, _, body = http("GET", f"{endpoint}/queries/claims-by-actor?actor=jane-roe&format=csv")
    assert status == 200 and "This attack violates the Lake Accord" in body
    status, _, body = http("GET", f"{endpoint}/queries/claims-by-actor?actor=%22oops&format=csv")
    assert status == 400 and "neither an entity id nor an IRI" in body


def test_the_query_page_is_served_and_names_no_outside_host(endpoint):
    status, headers, body = http("GET", f"{endpoint}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in body
    for marker in ("src=\"http", "href=\"http", "src='http", "@import", "//cdn", "url(http"):
        assert marker not in body


@pytest.mark.parametrize("accept, explicit, expected", [
    (None, None, ("json", "turtle")),
    ("text/csv", None, ("csv", None)),
    ("application/sparql-results+xml;q=0.5, text/tab-separated-values", None, ("tsv", None)),
    ("application/n-triples", None, (None, "ntriples")),
    ("text/csv", "xml", ("xml", "rdfxml")),
])
def test_negotiation(accept, explicit, expected):
    assert negotiate(accept, explicit) == expected


def test_the_server_binds_to_loopback_by_default():
    assert ServeConfig().host == "127.0.0.1"
