"""External SPARQL 1.1 stores: push the knowledge base (Graph Store Protocol) and query them.

`push` replaces each named graph with one HTTP PUT, so a re-push never duplicates triples. A
manifest graph is written first as "incomplete" and rewritten as "complete" (with the number of
triples of each graph) only after every graph went through, so a push that fails midway never
leaves the store looking complete. The manifest is also the record of what `kb push` owns in the
store: a graph that already holds data there and that no earlier manifest lists is someone else's,
and the push is refused before it writes anything (as is a manifest graph kb did not write). Remote queries expect the store to expose the union of its
named graphs as the default graph, as `kb serve` does (for Oxigraph: `--union-default-graph`).
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from kb.errors import KbError
from kb.vocabulary import MANIFEST_GRAPH, SDO, XSD

_SDO = str(SDO)
TIMEOUT = 60


class RemoteError(KbError):
    """An external store could not be reached, or refused or failed a request."""


@dataclass
class PushResult:
    """What a push sent: to which endpoint, how many graphs and triples."""
    endpoint: str
    graphs: int
    triples: int


def _request(method: str, url: str, body: bytes | None, headers: dict[str, str],
             missing_ok: bool = False) -> bytes | None:
    """One HTTP request; its response body, or None for a 404 when `missing_ok`. Raises RemoteError."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        if missing_ok and err.code == 404:
            return None
        detail = err.read().decode("utf-8", errors="replace").strip()[:500]
        raise RemoteError(f"{method} {url} failed: HTTP {err.code} {err.reason}" + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as err:
        raise RemoteError(f"cannot reach {url}: {err.reason}") from None
    except (TimeoutError, OSError) as err:
        raise RemoteError(f"cannot reach {url}: {err}") from None


def _fetch_graph(endpoint: str, graph: str) -> bytes | None:
    """A graph's N-Triples from a Graph Store Protocol endpoint; None when the store has no such graph."""
    return _request("GET", _graph_url(endpoint, graph), None, {"Accept": "application/n-triples"}, missing_ok=True)


def _owned_graphs(endpoint: str) -> set[str]:
    """The graphs that earlier pushes wrote, from the store's manifest; refuses a manifest graph
    that kb did not write."""
    data = _fetch_graph(endpoint, MANIFEST_GRAPH)
    if not data or not data.strip():
        return set()
    try:
        triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError:
        triples = []
    manifest = ox.NamedNode(MANIFEST_GRAPH)
    said = {t.predicate.value for t in triples if t.subject == manifest}
    if not {_SDO + "creativeWorkStatus", _SDO + "version"} <= said:
        raise RemoteError(f"the store's graph <{MANIFEST_GRAPH}> was not written by kb push: "
                          "nothing was pushed; push to another store, or remove that graph yourself")
    return {t.object.value for t in triples if t.subject == manifest and t.predicate.value == _SDO + "hasPart"}


def _check_ownership(endpoint: str, graphs: list[str]) -> None:
    """Refuse to replace a graph that holds data in the store and that no earlier push wrote."""
    owned = _owned_graphs(endpoint)
    for graph in graphs:
        if graph in owned:
            continue
        data = _fetch_graph(endpoint, graph)
        if data and data.strip():
            raise RemoteError(f"the store already holds data in the graph <{graph}>, which kb push did not write: "
                              "nothing was pushed; push to another store, or remove that graph yourself")


def _graph_url(endpoint: str, graph: str) -> str:
    separator = "&" if "?" in endpoint else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


def _manifest(status: str, counts: dict[str, int], digest: str) -> bytes:
    manifest = ox.NamedNode(MANIFEST_GRAPH)
    triples = [
        ox.Triple(manifest, ox.NamedNode(_SDO + "creativeWorkStatus"), ox.Literal(status)),
        ox.Triple(manifest, ox.NamedNode(_SDO + "version"), ox.Literal(digest)),
    ]
    for graph, count in sorted(counts.items()):
        part = ox.NamedNode(graph)
        triples.append(ox.Triple(manifest, ox.NamedNode(_SDO + "hasPart"), part))
        triples.append(ox.Triple(part, ox.NamedNode(_SDO + "size"), ox.Literal(str(count), datatype=ox.NamedNode(str(XSD.integer)))))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def push(quads_by_graph: dict[str, list[ox.Triple]], endpoint: str, progress: Callable[[str], None] | None = None) -> PushResult:
    """Replace each graph at a Graph Store Protocol endpoint, bracketed by the manifest graph.

    Raises RemoteError when the store cannot be reached, fails a request, or holds a graph of the
    same name that kb push did not write (then nothing is written).
    """
    bodies = {graph: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) for graph, triples in sorted(quads_by_graph.items())}
    counts = {graph: len(triples) for graph, triples in quads_by_graph.items()}
    digest = hashlib.sha256(b"".join(graph.encode() + body for graph, body in bodies.items())).hexdigest()
    headers = {"Content-Type": "application/n-triples"}
    _check_ownership(endpoint, list(bodies))
    _request("PUT", _graph_url(endpoint, MANIFEST_GRAPH), _manifest("incomplete", counts, digest), headers)
    for index, (graph, body) in enumerate(bodies.items(), start=1):
        if progress:
            progress(f"{index}/{len(bodies)} {graph}")
        _request("PUT", _graph_url(endpoint, graph), body, headers)
    _request("PUT", _graph_url(endpoint, MANIFEST_GRAPH), _manifest("complete", counts, digest), headers)
    return PushResult(endpoint, len(bodies), sum(counts.values()))


def query(endpoint: str, text: str) -> tuple[str, bytes]:
    """Run a query at a SPARQL endpoint: ("solutions" | "boolean", SPARQL JSON) or ("graph", Turtle)."""
    body = _request("POST", endpoint, text.encode("utf-8"), {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
    })
    if body.lstrip().startswith(b"{"):
        import json

        kind = "boolean" if "boolean" in json.loads(body) else "solutions"
        return kind, body
    return "graph", body
