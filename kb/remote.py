"""External SPARQL 1.1 stores: push the knowledge base (Graph Store Protocol) and query them.

`push` replaces each named graph with one HTTP PUT, so a re-push never duplicates triples. A
manifest graph is written first as "incomplete" and rewritten as "complete" (with the number of
triples of each graph) only after every graph went through, so a push that fails midway never
leaves the store looking complete. Remote queries expect the store to expose the union of its
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

MANIFEST_GRAPH = "https://w3id.org/conflict-news-kb/id/graph/push-manifest"
_SDO = "https://schema.org/"
TIMEOUT = 60


class RemoteError(KbError):
    """An external store could not be reached, or refused or failed a request."""


@dataclass
class PushResult:
    endpoint: str
    graphs: int
    triples: int


def _request(method: str, url: str, body: bytes | None, headers: dict[str, str]) -> bytes:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", errors="replace").strip()[:500]
        raise RemoteError(f"{method} {url} failed: HTTP {err.code} {err.reason}" + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as err:
        raise RemoteError(f"cannot reach {url}: {err.reason}") from None
    except (TimeoutError, OSError) as err:
        raise RemoteError(f"cannot reach {url}: {err}") from None


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
        triples.append(ox.Triple(part, ox.NamedNode(_SDO + "size"), ox.Literal(str(count), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def push(quads_by_graph: dict[str, list[ox.Triple]], endpoint: str, progress: Callable[[str], None] | None = None) -> PushResult:
    """Replace each graph at a Graph Store Protocol endpoint, bracketed by the manifest graph."""
    bodies = {graph: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) for graph, triples in sorted(quads_by_graph.items())}
    counts = {graph: len(triples) for graph, triples in quads_by_graph.items()}
    digest = hashlib.sha256(b"".join(graph.encode() + body for graph, body in bodies.items())).hexdigest()
    headers = {"Content-Type": "application/n-triples"}
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
