"""Attacks on a real `kb serve` (the CLI, in a subprocess, over the bundled corpus).

A listener on loopback stands for the outside world: it records every request and answers as a
SPARQL endpoint would. Nothing the server is sent may make it call that listener; the request
limits hold; and clients looping on runaway queries do not starve a small one.
"""

from __future__ import annotations

import json
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest

from kb.errors import Refused
from kb.sparql_policy import Verdict, refuse_unsafe, verdict
from kb.store import STORE_DIR
from kb.worker_pool import WorkerPool

LINUX = sys.platform.startswith("linux")
CAP = 12  # --max-connections of the server under test
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
TRANSPORTS = ["GET", "POST-form", "POST-query"]


# --- the outside world, and the server under test ----------------------------------------------


class _Recorder(BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.server.requests.append((self.command, self.path, self.rfile.read(length)))
        body = json.dumps({"head": {"vars": ["z", "b", "c"]},
                           "results": {"bindings": [{"z": {"type": "literal", "value": "from outside"}}]}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def outside():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    server.url = "http://127.0.0.1:%d" % server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _nothing_heard_before(request):
    if "outside" in request.fixturenames:
        request.getfixturevalue("outside").requests.clear()


@dataclass
class Served:
    url: str
    address: tuple[str, int]
    banner: str


@pytest.fixture(scope="module")
def served(built_seed, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "stderr.txt"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "kb", "serve", "--build", str(built_seed), "--port", "0", "--timeout", "3",
             "--request-timeout", "1", "--max-connections", str(CAP)],
            stdout=subprocess.DEVNULL, stderr=stderr,
        )
    deadline = time.monotonic() + 60
    while not (match := re.search(r"http://127\.0\.0\.1:(\d+)/sparql", log.read_text())):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)
    port = int(match[1])
    yield Served(f"http://127.0.0.1:{port}", ("127.0.0.1", port), log.read_text().splitlines()[0])
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)


def ask(url: str, query: str, transport: str = "GET") -> tuple[int, dict, str]:
    if transport == "GET":
        request = urllib.request.Request(f"{url}/sparql?" + urllib.parse.urlencode({"query": query}))
    elif transport == "POST-form":
        request = urllib.request.Request(f"{url}/sparql", urllib.parse.urlencode({"query": query}).encode(),
                                         {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(f"{url}/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode()


def rows(body: str) -> int:
    return len(json.loads(body)["results"]["bindings"])


# --- nothing gets out ----------------------------------------------------------------------------

ATTACKS = {
    "as reported": "SELECT ?z WHERE { BIND(1 AS ?x) BIND(2 AS ?y) FILTER(?x<?y)SERVICE<OUTSIDE/x>{?z?b?c} }",
    "lower case": "select ?z where { service <OUTSIDE/x> { ?z ?b ?c } }",
    "mixed case": "SELECT ?z WHERE { SeRvIcE <OUTSIDE/x> { ?z ?b ?c } }",
    "unicode escape": r"SELECT ?z WHERE { S\u0045RVICE <OUTSIDE/x> { ?z ?b ?c } }",
    "comments and newlines": "SELECT ?z WHERE { SERVICE # where to\n\n  # ask\n<OUTSIDE/x>\n{ ?z ?b ?c } }",
    "no spaces around >": "SELECT ?z WHERE { BIND(2 AS ?x) BIND(1 AS ?y) FILTER(?x>?y)SERVICE<OUTSIDE/x>{?z?b?c}}",
    "prefixed name": "PREFIX x: <OUTSIDE/> SELECT ?z WHERE { SERVICE x:y { ?z ?b ?c } }",
    "silent": "SELECT ?z WHERE { SERVICE SILENT <OUTSIDE/x> { ?z ?b ?c } }",
    "variable bound by VALUES": "SELECT ?z WHERE { VALUES ?e { <OUTSIDE/x> } SERVICE ?e { ?z ?b ?c } }",
    "variable bound by BIND": "SELECT ?z WHERE { BIND(<OUTSIDE/x> AS ?e) SERVICE ?e { ?z ?b ?c } }",
    "in OPTIONAL": "SELECT ?z WHERE { OPTIONAL { SERVICE <OUTSIDE/x> { ?z ?b ?c } } }",
    "in UNION": "SELECT ?z WHERE { { BIND(1 AS ?q) } UNION { SERVICE <OUTSIDE/x> { ?z ?b ?c } } }",
    "in MINUS": "SELECT ?s WHERE { ?s a ?t MINUS { SERVICE <OUTSIDE/x> { ?s ?b ?c } } }",
    "in FILTER EXISTS": "SELECT ?s WHERE { ?s a ?t FILTER EXISTS { SERVICE <OUTSIDE/x> { ?s ?b ?c } } }",
    "in a sub-select": "SELECT ?z WHERE { { SELECT ?z WHERE { SERVICE <OUTSIDE/x> { ?z ?b ?c } } } }",
    "in GRAPH": "SELECT ?z WHERE { GRAPH ?g { SERVICE <OUTSIDE/x> { ?z ?b ?c } } }",
    "in ASK": "ASK { SERVICE <OUTSIDE/x> { ?z ?b ?c } }",
}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("attack", ATTACKS)
def test_a_federated_query_is_refused_and_nothing_goes_out(served, outside, attack, transport):
    status, _, message = ask(served.url, ATTACKS[attack].replace("OUTSIDE", outside.url), transport)
    assert (status, outside.requests) == (403, [])
    assert "SERVICE" in message and "Traceback" not in message


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_load_as_a_query_is_refused_as_an_update(served, outside, transport):
    status, _, message = ask(served.url, f"# a comment first\nLOAD <{outside.url}/data.ttl>", transport)
    assert (status, outside.requests) == (403, []) and "read-only" in message


def test_a_query_the_check_cannot_read_runs_confined_and_reaches_nobody(served, outside):
    # rdflib expands the escapes before it reads, so it sees the SERVICE inside a string;
    # Oxigraph expands them inside the strings only, and sees a SERVICE call
    trick = 'SELECT ?z WHERE { BIND("\\u0022" AS ?a) SERVICE <OUTSIDE/x> { ?z ?b ?c } BIND("\\u0022" AS ?d) }'
    status, _, message = ask(served.url, trick.replace("OUTSIDE", outside.url))
    assert outside.requests == []
    assert status == 400 and "the query failed" in message and "from outside" not in message


def test_the_start_up_line_says_how_the_workers_are_confined(served):
    assert re.search(r"query workers confined: (a new network namespace|a seccomp filter)", served.banner), served.banner


def test_a_confined_worker_reaches_nobody_even_unchecked(built_seed, outside):
    query = f"SELECT ?z WHERE {{ SERVICE <{outside.url}/x> {{ ?z ?b ?c }} }}"
    # the control: unconfined, the engine does call the listener, and takes its rows
    assert [str(solution["z"]) for solution in ox.Store().query(query)] == ['"from outside"']
    assert len(outside.requests) == 1
    outside.requests.clear()
    pool = WorkerPool(built_seed / STORE_DIR, workers=1, spares=0).start()
    try:
        assert pool.confinement.confined or not LINUX, pool.confinement.description
        with pytest.raises(Refused) as refused:
            pool.run(query, "json", "turtle", 10, 5.0)
        assert refused.value.status == 400 and "the query failed" in str(refused.value)
        silent = pool.run(query.replace("SERVICE", "SERVICE SILENT"), "json", "turtle", 10, 5.0)
        assert b"from outside" not in silent.body
    finally:
        pool.close()
    assert outside.requests == []


@pytest.mark.skipif(not LINUX, reason="namespaces and seccomp are Linux's")
@pytest.mark.parametrize("way, error", [("network namespace", "ENETUNREACH"), ("seccomp", "EACCES")])
def test_each_confinement_cuts_a_process_off(outside, way, error):
    probe = (
        "import errno, socket, sys\n"
        "from kb.confine import confine\n"
        "kind = confine((sys.argv[1],)).kind\n"
        "try:\n"
        "    socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=5).close(); print(kind, 'connected')\n"
        "except OSError as err:\n"
        "    print(kind, errno.errorcode.get(err.errno, err))\n"
    )
    port = str(outside.server_address[1])
    result = subprocess.run([sys.executable, "-c", probe, way, port], capture_output=True, text=True, timeout=60)
    if result.stdout.startswith("none"):
        pytest.skip(f"this system refuses a {way}")
    assert result.stdout.strip() == f"{way} {error}", result.stderr
    assert outside.requests == []


def test_confining_a_process_with_threads_is_refused():
    probe = ("import threading, time\nfrom kb.confine import confine, ConfinementError\n"
             "threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\n"
             "try:\n    confine()\nexcept ConfinementError as err:\n    print('refused:', err)\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.startswith("refused: a process must be confined before it starts any thread")


# --- what must still run -------------------------------------------------------------------------

LEGITIMATE = {
    "a variable ?service": ("SELECT ?service WHERE { ?service a ?type } LIMIT 3", 3),
    "ex:service as a term": ("PREFIX ex: <https://example.org/> SELECT ?s ?t WHERE { ?s a ?type BIND(ex:service AS ?t) } LIMIT 3", 3),
    "the word in a string": ('SELECT ?s ?note WHERE { ?s a ?type BIND("SERVICE <http://127.0.0.1:9/x> {}" AS ?note) } LIMIT 3', 3),
    "the word in a comment": ("SELECT ?s WHERE { # SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }\n ?s a ?type } LIMIT 3", 3),
    "< and > without spaces": ("SELECT ?x ?y WHERE { VALUES (?x ?y) { (1 2) (3 2) } FILTER(?x<?y&&?y>?x) }", 1),
}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("case", LEGITIMATE)
def test_legitimate_spellings_run(served, outside, case, transport):
    query, expected = LEGITIMATE[case]
    status, _, body = ask(served.url, query, transport)
    assert status == 200, body
    assert rows(body) == expected and outside.requests == []


def test_what_rdflib_cannot_read_is_refused_only_where_nothing_confines_the_engine():
    unreadable = 'SELECT * WHERE { BIND("caf\\u00E9" AS ?x) }'  # fine for Oxigraph
    assert verdict(unreadable)[0] is Verdict.UNCHECKED
    refuse_unsafe(unreadable, engine_confined=True)
    with pytest.raises(Refused) as refused:
        refuse_unsafe(unreadable, engine_confined=False)
    assert refused.value.status == 400 and "could not be checked" in str(refused.value)


def test_verdicts_are_cached_by_query_text():
    from kb.sparql_policy import _cached_verdict

    query = "SELECT ?s WHERE { ?s ?p ?o } # cached once"
    verdict(query)
    hits = _cached_verdict.cache_info().hits
    assert verdict(query) == (Verdict.QUERY, "") and _cached_verdict.cache_info().hits == hits + 1


# --- request limits ------------------------------------------------------------------------------


def _read_all(sock: socket.socket) -> bytes | None:
    """What the server sent until it closed the connection; None if it did not close it in time."""
    chunks = []
    try:
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    except TimeoutError:
        return None
    return b"".join(chunks)


def _exchange(served: Served, data: bytes) -> bytes | None:
    with socket.create_connection(served.address, timeout=10) as sock:
        sock.sendall(data)
        return _read_all(sock)


POST = b"POST /sparql HTTP/1.1\r\nHost: kb\r\nContent-Type: application/sparql-query\r\n"


def test_a_body_over_the_cap_gets_413_before_it_is_read(served):
    with socket.create_connection(served.address, timeout=10) as sock:
        sock.sendall(POST + b"Content-Length: 52428800\r\n\r\n")  # 50 MB announced, 2 MB sent

        def send():
            try:
                sock.sendall(b"#" * 2_000_000)
            except OSError:
                pass

        sender = threading.Thread(target=send)
        sender.start()
        reply = _read_all(sock)
        sender.join()
    assert reply is not None and reply.startswith(b"HTTP/1.1 413"), reply
    assert b"over the limit of 1000000 bytes" in reply


@pytest.mark.parametrize("header, message", [
    (b"Content-Length: -1\r\n", b"must be one number of bytes"),
    (b"Content-Length: abc\r\n", b"must be one number of bytes"),
    (b"", b"needs a Content-Length header"),
], ids=["negative", "not a number", "missing"])
def test_a_bad_content_length_gets_400(served, header, message):
    reply = _exchange(served, POST + header + b"\r\nASK {}")
    assert reply is not None and reply.startswith(b"HTTP/1.1 400"), reply
    assert message in reply and b"Traceback" not in reply


def test_a_chunked_body_is_refused_cleanly(served):
    reply = _exchange(served, POST + b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n")
    assert reply is not None and reply.startswith(b"HTTP/1.1 411") and b"Content-Length" in reply


@pytest.mark.parametrize("half", [
    b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: kb\r\n",
    POST + b"Content-Length: 100\r\n\r\nASK",
], ids=["half the headers", "half the body"])
def test_a_stalled_request_is_dropped(served, half):
    assert _exchange(served, half) == b""  # closed by the server, well before this client's 10 s


def test_a_request_trickled_byte_by_byte_is_dropped(served):
    request = b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: kb\r\nX-Slow: " + b"x" * 60 + b"\r\n\r\n"
    with socket.create_connection(served.address, timeout=10) as sock:
        for position in range(len(request)):  # 0.1 s a byte: 8 s for all of it
            readable, _, _ = select.select([sock], [], [], 0.1)
            if readable:
                break
            sock.sendall(request[position:position + 1])
        assert readable and _read_all(sock) == b"", "the server waited for the whole trickle"


def test_connections_over_the_cap_get_a_quick_503(served):
    idle = [socket.create_connection(served.address, timeout=10) for _ in range(CAP)]
    try:
        reply = _exchange(served, b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: kb\r\n\r\n")
    finally:
        for sock in idle:
            sock.close()
    assert reply is not None and reply.startswith(b"HTTP/1.1 503"), reply
    assert b"Retry-After: 1" in reply and b"too many connections" in reply
    for _ in range(50):  # the slots come back as those connections close
        if ask(served.url, "ASK {}")[0] == 200:
            break
        time.sleep(0.1)
    assert ask(served.url, "ASK {}")[0] == 200


# --- fairness ------------------------------------------------------------------------------------


def test_runaway_clients_do_not_starve_a_small_query(served):
    stop, outcomes = threading.Event(), []

    def runaway(client: int) -> None:
        attempt = 0
        while not stop.is_set():  # a different text each time: no cache or memory helps
            status, headers, _ = ask(served.url, f"{RUNAWAY} # client {client}, attempt {attempt}", "POST-query")
            outcomes.append((status, headers.get("Retry-After")))
            attempt += 1

    clients = [threading.Thread(target=runaway, args=(client,)) for client in range(4)]
    for client in clients:
        client.start()
    latencies = []
    try:
        time.sleep(1.0)  # both lanes full by now
        for attempt in range(12):
            query = "ASK {}" if attempt % 2 else "SELECT ?s WHERE { ?s a ?type } LIMIT 1"
            started = time.monotonic()
            status, _, body = ask(served.url, query)
            latencies.append(round(time.monotonic() - started, 3))
            assert status == 200, body
            time.sleep(0.1)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=30)
    assert max(latencies) < 1.0, latencies
    assert len(outcomes) >= 8 and all(status == 503 and retry for status, retry in outcomes), outcomes
