"""A query worker process: it holds the store open read-only and answers one query at a time.

Before it opens the store, while it still has a single thread, the worker cuts itself off from the
network (`kb.confine`): Oxigraph would otherwise make the HTTP request of any `SERVICE` pattern it
is given, and nothing in pyoxigraph turns that off. Its first message to the server says which
confinement is in force. It opens the store read-only and calls nothing but `Store.query`, which
runs no update: INSERT, DELETE, LOAD and the like cannot change anything, whatever reaches it.

It imports little besides Oxigraph, so it starts quickly; the server kills it when a query overruns
its time limit, which is the only way to stop a query the engine is evaluating (and an alarm ends
it, should the server be gone).
"""

from __future__ import annotations

import json
import signal
from multiprocessing.connection import Connection

import pyoxigraph as ox

from kb.confine import confine
from kb.negotiation import not_acceptable

_ALARM_GRACE = 2.0  # seconds past its time limit after which a worker ends itself

RESULT_FORMATS = {
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv; charset=utf-8"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values; charset=utf-8"),
}
GRAPH_FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
}


def _term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


class NotAcceptable(Exception):
    """The query's answer is of a kind that no format the client accepts can carry (a 406)."""


def _dataset(dataset: tuple[list[str] | None, list[str] | None] | None) -> dict:
    """The query's options for a dataset given in the request (default-graph-uri, named-graph-uri).

    Without one, the default graph is the union of all graphs. With one, it is what the request
    says and nothing else, as the protocol asks: no default graph given means an empty one, no
    named graphs given means none.
    """
    if not dataset or (dataset[0] is None and dataset[1] is None):
        return {"use_default_graph_as_union": True}
    default, named = dataset
    return {"default_graph": [ox.NamedNode(iri) for iri in default or []],
            "named_graphs": [ox.NamedNode(iri) for iri in named or []]}


def evaluate(store: ox.Store, query: str, result_format: str | None, graph_format: str | None, max_rows: int,
             dataset: tuple[list[str] | None, list[str] | None] | None = None):
    """(content type, body, rows returned, truncated) for one query, at most `max_rows` rows.

    A format is None when the client accepts none of that kind: raises NotAcceptable if the query
    needs it. `dataset` is (default graph IRIs, named graph IRIs) from the request, or None.
    """
    result = store.query(query, **_dataset(dataset))
    if (result_format if not isinstance(result, ox.QueryTriples) else graph_format) is None:
        raise NotAcceptable(not_acceptable(isinstance(result, ox.QueryTriples)))
    if isinstance(result, ox.QueryBoolean):
        fmt, media = RESULT_FORMATS[result_format]
        return media, result.serialize(format=fmt), 1, False
    if isinstance(result, ox.QueryTriples):
        triples = []
        for triple in result:
            if len(triples) == max_rows:
                return _graph(triples, graph_format) + (len(triples), True)
            triples.append(triple)
        return _graph(triples, graph_format) + (len(triples), False)
    # solutions are collected lazily so that a row cap also stops the evaluation early
    variables = [variable.value for variable in result.variables]
    keys = [json.dumps(name) + ": " for name in variables]
    rows, truncated = [], False
    converted: dict = {}  # labels and IRIs repeat from row to row: each term is written once
    for solution in result:
        if len(rows) == max_rows:
            truncated = True
            break
        cells = []
        for key, term in zip(keys, solution):  # a solution yields its values in the variables' order
            if term is not None:
                text = converted.get(term)
                if text is None:
                    text = converted[term] = json.dumps(_term_json(term))
                cells.append(key + text)
        rows.append("{" + ", ".join(cells) + "}")
    # the JSON text is joined from each term's, written once: what json.dumps would write of the
    # whole answer, in half the time for an answer of thousands of rows
    payload = ('{"head": {"vars": ' + json.dumps(variables) + '}, "results": {"bindings": ['
               + ", ".join(rows) + "]}}").encode()
    fmt, media = RESULT_FORMATS[result_format]
    if fmt != ox.QueryResultsFormat.JSON:
        payload = ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return media, payload, len(rows), truncated


def _graph(triples, graph_format: str) -> tuple[str, bytes]:
    fmt, media = GRAPH_FORMATS[graph_format]
    return media, ox.serialize(triples, format=fmt)


def serve_forever(store_path: str, connection: Connection) -> None:
    """Confine this process, open the store and answer jobs from `connection` until it closes.

    A job is (query, results format, graph format, most rows, time limit in seconds, dataset). The first
    message sent is ("ready", kind, description) of the confinement, or ("failed", reason) if the
    store cannot be opened; then one reply per job: ("ok", content type, body, rows, truncated) or
    ("error", HTTP status, message). A job still running 2 s past its time limit ends the process.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle: it stops the workers
    if hasattr(signal, "SIGALRM"):  # not on Windows
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
    try:
        confinement = confine()
        store = ox.Store.read_only(store_path)
    except Exception as err:  # the server reports it; a worker has no one else to tell
        connection.send(("failed", f"{type(err).__name__}: {err}"))
        return
    connection.send(("ready", confinement.kind, confinement.description))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the server closed its end: it is stopping
            return
        query, result_format, graph_format, max_rows, time_limit, dataset = job
        # a backstop: should the server be gone, nothing would stop a runaway query but this alarm,
        # whose default action ends the process even while the engine runs
        _alarm(time_limit + _ALARM_GRACE)
        try:
            reply = ("ok",) + evaluate(store, query, result_format, graph_format, max_rows, dataset)
        except NotAcceptable as err:
            reply = ("error", 406, str(err))
        except SyntaxError as err:
            reply = ("error", 400, f"the query is not valid SPARQL: {err}")
        except Exception as err:  # the engine's own errors (a type error at evaluation...)
            reply = ("error", 400, f"the query failed: {err}")
        _alarm(0)
        connection.send(reply)


def _alarm(seconds: float) -> None:
    if hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, seconds)

