"""`kb push` and `kb query --endpoint` against a real Oxigraph server started on loopback."""

import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kb import api
from kb.remote import MANIFEST_GRAPH

from conftest import run_cli

# a parameter value for each named query that has required parameters, on the fixture corpus
MINI_PARAMS = {
    "agreement": {"agreement": "lake-accord"},
    "agreement-zones": {"agreement": "lake-accord"},
    "claims-about": {"subject": "alba-shelling"},
    "claims-by-actor": {"actor": "southern-ministry"},
    "entity": {"entity": "alba"},
    "entity-names": {"entity": "jane-roe"},
    "event-outcomes": {"event": "alba-shelling"},
    "events-on-date": {"day": "2021-03-02"},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def oxigraph(tmp_path):
    """A real Oxigraph server on loopback, stopped at the end of the test."""
    port = free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen(
        [binary, "serve", "--location", tmp_path / "oxigraph", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("the Oxigraph server did not start")
    yield base
    process.terminate()
    process.wait(timeout=10)


def count(endpoint: str, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
    result = api.query(sparql=f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", endpoint=f"{endpoint}/query")
    return int(result.records()[0]["n"])


def test_named_queries_give_the_same_results_remotely_after_a_push(built_mini, oxigraph):
    result = run_cli("push", "--endpoint", f"{oxigraph}/store", "--build", built_mini)
    assert result.exit_code == 0, result.stderr
    assert "pushed 4 graphs" in result.stdout and "the ontology's graph" in result.stdout
    for name, named in api.named_queries().items():
        params = MINI_PARAMS.get(name, {})
        assert {p.name for p in named.params if not p.optional} <= params.keys(), name
        local = api.query(built_mini, name=name, params=params).records()
        remote = api.query(name=name, params=params, endpoint=f"{oxigraph}/query").records()
        assert remote == local, name
        assert local or name in {"agreement-zones", "diplomatic-events", "relays", "slips"}, f"{name} answers nothing on the fixture"


def test_pushing_again_replaces_graphs_instead_of_duplicating(built_mini, oxigraph):
    api.push(built_mini, f"{oxigraph}/store")
    first = count(oxigraph)
    api.push(built_mini, f"{oxigraph}/store")
    assert count(oxigraph) == first
    local = api.query(built_mini, sparql="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").records()[0]["n"]
    assert first == int(local) + count(oxigraph, MANIFEST_GRAPH)
    status = api.query(sparql=f"SELECT ?s WHERE {{ GRAPH <{MANIFEST_GRAPH}> {{ ?m <https://schema.org/creativeWorkStatus> ?s }} }}",
                       endpoint=f"{oxigraph}/query").records()
    assert status == [{"s": "complete"}]


def test_an_unreachable_store_is_a_clear_error(built_mini):
    result = run_cli("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store", "--build", built_mini)
    assert result.exit_code == 2
    assert "cannot reach" in result.stderr and "Traceback" not in result.stderr
    result = run_cli("query", "timeline", "--endpoint", f"http://127.0.0.1:{free_port()}/query")
    assert result.exit_code == 2 and "cannot reach" in result.stderr


def test_a_store_failing_midway_never_looks_complete(built_mini):
    received = []

    class Failing(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - an empty store: no graph yet
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_PUT(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"])).decode()
            received.append((self.path, body))
            status = 500 if len(received) == 3 else 204
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run_cli("push", "--endpoint", f"http://127.0.0.1:{server.server_address[1]}/store", "--build", built_mini)
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 2 and "HTTP 500" in result.stderr
    manifests = [body for path, body in received if "push-manifest" in path]
    assert len(manifests) == 1 and '"incomplete"' in manifests[0]
    assert len(received) == 3  # it stopped at the failure
