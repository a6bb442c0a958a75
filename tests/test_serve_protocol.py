"""The corners of the SPARQL 1.1 Protocol on a real `kb serve`: negotiation, datasets, CORS, HEAD,
OPTIONS, HTTP/1.1 keep-alive within the request limits."""

import http.client as http_client
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph

from kb.negotiation import negotiate
from kb.serve import ServeConfig, serve_in_thread

KB = "https://w3id.org/conflict-news-kb/"
CLAIMS = f"SELECT ?claim WHERE {{ ?claim a <{KB}ontology#Claim> }} ORDER BY ?claim"
CONSTRUCT = f"CONSTRUCT {{ ?c ?p ?o }} WHERE {{ ?c a <{KB}ontology#Claim> ; ?p ?o }}"
ORIGIN = "https://yasgui.example"
REGISTRY = f"{KB}id/graph/registry"


@pytest.fixture(scope="module")
def endpoint(built_mini):
    config = ServeConfig(built_mini, "127.0.0.1", 0, timeout=5.0, max_rows=1000, workers=2, idle_timeout=1.0,
                         max_connections=6, cors=(ORIGIN,))
    server, endpoint, thread = serve_in_thread(config)
    host, port = server.server_address
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()
    endpoint.close()


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def get(endpoint, query, accept=None, **params):
    headers = {"Accept": accept} if accept else {}
    return http("GET", f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": query, **params}, doseq=True),
                headers=headers)


# --- content negotiation -------------------------------------------------------------------------


@pytest.mark.parametrize("accept, media, rdf_format", [
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("text/*", "text/turtle", "turtle"),
    ("*/*", "text/turtle", "turtle"),
    ("text/turtle;q=0.2, application/rdf+xml;q=0.9", "application/rdf+xml", "xml"),
    ("*/*;q=0.1, application/n-triples", "application/n-triples", "nt"),
])
def test_graphs_in_every_rdf_format(endpoint, accept, media, rdf_format):
    status, headers, body = get(endpoint, CONSTRUCT, accept)
    assert status == 200 and headers["Content-Type"].startswith(media), (status, body[:200])
    assert len(Graph().parse(data=body, format=rdf_format)) > 20


@pytest.mark.parametrize("accept, media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/*", "text/csv"),
    ("text/*, text/csv;q=0", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
    ("application/xml", "application/sparql-results+xml"),
])
def test_results_in_every_format(endpoint, accept, media):
    status, headers, body = get(endpoint, CLAIMS, accept)
    assert status == 200 and headers["Content-Type"].startswith(media), body[:200]
    assert body.count(b"ministry-report") == 1


@pytest.mark.parametrize("query, accept", [
    (CLAIMS, "image/png"), (CONSTRUCT, "image/png"), (CONSTRUCT, "text/csv"), (CLAIMS, "application/rdf+xml"),
    (CLAIMS, "*/*;q=0"), ("ASK {}", "text/turtle"),
])
def test_nothing_acceptable_is_a_406(endpoint, query, accept):
    status, _, body = get(endpoint, query, accept)
    assert status == 406, body
    assert b"accept one of" in body


@pytest.mark.parametrize("fmt, media", [
    ("application/ld+json", "application/ld+json"), ("json-ld", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"), ("xml", "application/rdf+xml"),
    ("rdf+xml", "application/rdf+xml"), ("nt", "application/n-triples"), ("turtle", "text/turtle"),
])
def test_the_format_parameter_takes_media_types_and_short_names(endpoint, fmt, media):
    status, headers, body = get(endpoint, CONSTRUCT, "image/png", format=fmt)
    assert status == 200 and headers["Content-Type"].startswith(media), body[:200]


def test_an_unknown_format_name_is_a_400(endpoint):
    status, _, body = get(endpoint, CLAIMS, format="yaml")
    assert status == 400 and b"unknown format" in body


@pytest.mark.parametrize("accept, explicit, expected", [
    (None, None, ("json", "turtle")),
    ("", None, ("json", "turtle")),
    ("application/*", None, ("json", "ntriples")),
    ("text/csv;q=0.5, text/tab-separated-values;q=0.6", None, ("tsv", None)),
    ("application/sparql-results+xml, application/sparql-results+json", None, ("xml", None)),
    ("TEXT/Turtle; charset=utf-8", None, (None, "turtle")),
    ("image/png", "application/ld+json", (None, "jsonld")),
    ("image/png", "json", ("json", "jsonld")),
    ("garbage, , ;q=x", None, (None, None)),
])
def test_negotiation_rules(accept, explicit, expected):
    assert negotiate(accept, explicit) == expected


# --- the dataset of a request -------------------------------------------------------------------


def _graphs(body: bytes) -> set[str]:
    return {row["g"]["value"] for row in json.loads(body)["results"]["bindings"]}


def test_default_graph_uri_is_the_default_graph(endpoint):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }"
    _, _, everything = get(endpoint, count)
    status, _, registry = get(endpoint, count, **{"default-graph-uri": REGISTRY})
    assert status == 200
    total, in_registry = (int(json.loads(b)["results"]["bindings"][0]["n"]["value"]) for b in (everything, registry))
    assert 0 < in_registry < total
    status, _, nothing = get(endpoint, count, **{"default-graph-uri": "urn:kb:no-such-graph"})
    assert status == 200 and json.loads(nothing)["results"]["bindings"][0]["n"]["value"] == "0"


def test_named_graph_uri_limits_graph_patterns(endpoint):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, _, body = get(endpoint, query)
    assert len(_graphs(body)) > 2
    status, _, body = get(endpoint, query, **{"named-graph-uri": [REGISTRY]})
    assert status == 200 and _graphs(body) == {REGISTRY}
    # the dataset then has only what the request names: its default graph is empty
    status, _, body = get(endpoint, "ASK { ?s ?p ?o }", **{"named-graph-uri": [REGISTRY]})
    assert json.loads(body)["boolean"] is False


def test_the_dataset_is_taken_from_a_form_and_from_the_url_of_a_direct_post(endpoint):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    form = urllib.parse.urlencode({"query": query, "named-graph-uri": REGISTRY}).encode()
    status, _, body = http("POST", f"{endpoint}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and _graphs(body) == {REGISTRY}
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"named-graph-uri": REGISTRY})
    status, _, body = http("POST", url, query.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 200 and _graphs(body) == {REGISTRY}


def test_a_dataset_iri_that_is_not_one_is_a_400(endpoint):
    status, _, body = get(endpoint, CLAIMS, **{"default-graph-uri": "not an iri"})
    assert status == 400 and b"default-graph-uri" in body


def test_a_named_query_refuses_a_dataset_rather_than_ignoring_it(endpoint):
    status, _, body = http("GET", f"{endpoint}/queries/timeline?default-graph-uri={urllib.parse.quote(REGISTRY)}")
    assert status == 400 and b"default-graph-uri" in body


# --- CORS, HEAD, OPTIONS --------------------------------------------------------------------------


def test_a_preflight_from_an_allowed_origin_is_answered(endpoint):
    status, headers, body = http("OPTIONS", f"{endpoint}/sparql", headers={
        "Origin": ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, accept"})
    assert status == 204 and body == b""
    assert headers["Access-Control-Allow-Origin"] == ORIGIN
    assert {"GET", "POST"} <= {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")}
    allowed = {h.strip().lower() for h in headers["Access-Control-Allow-Headers"].split(",")}
    assert {"content-type", "accept"} <= allowed


def test_answers_to_an_allowed_origin_carry_cors_headers(endpoint):
    status, headers, _ = http(
        "GET", f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": CLAIMS}), headers={"Origin": ORIGIN})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Result-Rows" in headers["Access-Control-Expose-Headers"]
    # refusals too, so that the page can show why
    status, headers, _ = http("GET", f"{endpoint}/sparql", headers={"Origin": ORIGIN})
    assert status == 400 and headers["Access-Control-Allow-Origin"] == ORIGIN


def test_other_origins_get_no_cors_headers(endpoint):
    status, headers, _ = http("OPTIONS", f"{endpoint}/sparql", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
    assert status == 204 and "Access-Control-Allow-Origin" not in headers
    assert "GET" in headers["Allow"]


def test_cors_is_off_by_default_and_star_allows_any_origin(built_mini):
    assert ServeConfig().cors == ()
    server, endpoint, _ = serve_in_thread(ServeConfig(built_mini, "127.0.0.1", 0, cors=("*",)))
    try:
        url = "http://%s:%d/sparql?query=ASK%%7B%%7D" % server.server_address
        status, headers, _ = http("GET", url, headers={"Origin": "https://anywhere.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    finally:
        server.shutdown()
        server.server_close()
        endpoint.close()


def test_head_answers_as_get_without_a_body(endpoint):
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": CLAIMS})
    _, get_headers, body = http("GET", url)
    status, headers, head_body = http("HEAD", url)
    assert status == 200 and head_body == b""
    assert headers["Content-Type"] == get_headers["Content-Type"]
    assert int(headers["Content-Length"]) == len(body)
    status, _, _ = http("HEAD", f"{endpoint}/")
    assert status == 200


# --- HTTP/1.1 ------------------------------------------------------------------------------------


def test_requests_share_one_kept_alive_connection(endpoint):
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    connection = http_client.HTTPConnection(host, int(port), timeout=10)
    try:
        for _ in range(3):
            connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
            response = connection.getresponse()
            assert response.version == 11 and response.status == 200
            response.read()
        first_socket = connection.sock
        connection.request("POST", "/sparql", CLAIMS.encode(), {"Content-Type": "application/sparql-query"})
        response = connection.getresponse()
        assert response.status == 200 and b"ministry-report" in response.read()
        assert connection.sock is first_socket  # the same connection throughout
    finally:
        connection.close()


def test_an_idle_kept_alive_connection_is_closed_after_the_idle_timeout(endpoint):
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: kb\r\n\r\n")
        reply = sock.recv(65536)
        assert reply.startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        while sock.recv(65536):
            pass
        assert time.monotonic() - started < 3  # closed by the server after its idle timeout of 1 s


def test_idle_kept_alive_connections_still_count_against_the_cap(endpoint):
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    kept = []
    try:
        for _ in range(6):  # --max-connections 6, each kept alive after an answer
            sock = socket.create_connection((host, int(port)), timeout=10)
            sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: kb\r\n\r\n")
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
            kept.append(sock)
        with socket.create_connection((host, int(port)), timeout=10) as extra:
            extra.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: kb\r\n\r\n")
            assert extra.recv(65536).startswith(b"HTTP/1.1 503")
    finally:
        for sock in kept:
            sock.close()
    time.sleep(1.5)
    assert get(endpoint, "ASK {}")[0] == 200


def test_a_body_over_the_cap_is_refused_before_continue(endpoint):
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: kb\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 50000000\r\nExpect: 100-continue\r\n\r\n")
        reply = sock.recv(65536)
    assert reply.startswith(b"HTTP/1.1 413") and b"100 Continue" not in reply
