"""Real SPARQL clients against a real `kb serve` (the CLI, in a subprocess, over the bundled
corpus): SPARQLWrapper, rdflib's SPARQLStore and Comunica get what `kb query` gets.

Comunica is installed from npm into `tests/.npm/` by `scripts/test.sh`.
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SELECT, SPARQLWrapper

from kb import api

from test_query_order import SEED_PARAMS

HERE = Path(__file__).resolve().parent
COMUNICA = HERE / ".npm" / "node_modules" / "@comunica" / "query-sparql"
NAMES = sorted(api.named_queries())
CONSTRUCT = ("CONSTRUCT { ?claim ?p ?o } WHERE { ?claim a <https://w3id.org/conflict-news-kb/ontology#Claim> ; ?p ?o }")


@pytest.fixture(scope="module")
def served(built_seed, tmp_path_factory):
    log = tmp_path_factory.mktemp("clients") / "stderr.txt"
    with log.open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-m", "kb", "serve", "--build", str(built_seed), "--port", "0",
                                    "--max-rows", "100000", "--cors", "*"], stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 60
    while not (match := re.search(r"http://127\.0\.0\.1:(\d+)/sparql", log.read_text())):
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)
    yield f"http://127.0.0.1:{match[1]}/sparql"
    process.send_signal(signal.SIGINT)
    process.wait(timeout=30)


def text_of(name: str) -> str:
    return api.named_queries()[name].bound(SEED_PARAMS.get(name, {}))


def expected(built_seed, name: str) -> list[dict]:
    return [{k: v for k, v in row.items() if v is not None}
            for row in api.query(built_seed, name=name, params=SEED_PARAMS.get(name, {})).records()]


@pytest.mark.parametrize("name", NAMES)
def test_sparqlwrapper_gets_what_kb_query_gets(built_seed, served, name):
    client = SPARQLWrapper(served)
    client.setQuery(text_of(name))
    # SPARQLWrapper guesses the query's form from its words, and takes `kb:creates` for CREATE
    client.queryType = SELECT
    client.setReturnFormat(JSON)
    rows = [{k: v["value"] for k, v in row.items()} for row in client.query().convert()["results"]["bindings"]]
    assert rows == expected(built_seed, name)


def test_sparqlwrapper_gets_a_graph_for_construct_by_default(built_seed, served):
    client = SPARQLWrapper(served)
    client.setQuery(CONSTRUCT)  # asks for RDF/XML, and parses it into a graph
    graph = client.query().convert()
    assert isinstance(graph, Graph)
    local = Graph().parse(data=api.query(built_seed, sparql=CONSTRUCT).payload, format="turtle")
    assert len(graph) == len(local) > 100
    assert set(graph) == set(local)


@pytest.mark.parametrize("name", NAMES)
def test_rdflib_sparqlstore_gets_what_kb_query_gets(built_seed, served, name):
    graph = Graph(store=SPARQLStore(served, returnFormat="json"))
    result = graph.query(text_of(name))
    rows = [{str(var): str(row[var]) for var in result.vars if row[var] is not None} for row in result]
    assert rows == expected(built_seed, name)


@pytest.fixture(scope="module")
def comunica_results(served):
    node = shutil.which("node")
    if node is None or not COMUNICA.is_dir():
        pytest.fail("Comunica is not installed: run scripts/test.sh, which installs Node's @comunica/query-sparql "
                    "into tests/.npm/ (it needs node and npm)")
    request = json.dumps({"endpoint": served, "queries": [text_of(name) for name in NAMES]})
    done = subprocess.run([node, str(HERE / "comunica_query.mjs")], input=request, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(zip(NAMES, (json.loads(line) for line in done.stdout.splitlines())))


@pytest.mark.parametrize("name", NAMES)
def test_comunica_gets_what_kb_query_gets(built_seed, comunica_results, name):
    rows = [{k: v["value"] for k, v in row.items()} for row in comunica_results[name]]
    assert rows == expected(built_seed, name)
