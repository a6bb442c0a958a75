"""A query worker process: it holds the store open read-only and answers one query at a time.

It imports nothing but Oxigraph, so it starts quickly; the server kills it when a query overruns
its time limit, which is the only way to stop a query the engine is evaluating.
"""

from __future__ import annotations

import json
from multiprocessing.connection import Connection

import pyoxigraph as ox

RESULT_FORMATS = {
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv; charset=utf-8"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values; charset=utf-8"),
}
GRAPH_FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
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


def evaluate(store: ox.Store, query: str, result_format: str, graph_format: str, max_rows: int):
    """(content type, body, rows returned, truncated) for one query, at most `max_rows` rows."""
    result = store.query(query, use_default_graph_as_union=True)
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
    bindings, truncated = [], False
    converted: dict = {}  # labels and IRIs repeat from row to row: each term is converted once
    for solution in result:
        if len(bindings) == max_rows:
            truncated = True
            break
        row = {}
        for name, term in zip(variables, solution):  # a solution yields its values in the variables' order
            if term is not None:
                row[name] = converted.get(term) or converted.setdefault(term, _term_json(term))
        bindings.append(row)
    payload = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()
    fmt, media = RESULT_FORMATS[result_format]
    if fmt != ox.QueryResultsFormat.JSON:
        payload = ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return media, payload, len(bindings), truncated


def _graph(triples, graph_format: str) -> tuple[str, bytes]:
    fmt, media = GRAPH_FORMATS[graph_format]
    return media, ox.serialize(triples, format=fmt)


def serve_forever(store_path: str, connection: Connection) -> None:
    store = ox.Store.read_only(store_path)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        query, result_format, graph_format, max_rows = job
        try:
            connection.send(("ok",) + evaluate(store, query, result_format, graph_format, max_rows))
        except SyntaxError as err:
            connection.send(("error", 400, f"the query is not valid SPARQL: {err}"))
        except Exception as err:  # the engine's own errors (a type error at evaluation...)
            connection.send(("error", 400, f"the query failed: {err}"))
