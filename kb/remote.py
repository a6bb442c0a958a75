"""External SPARQL 1.1 stores: push the knowledge base (Graph Store Protocol) and query them.

`push` replaces each named graph with one HTTP PUT, so a re-push never duplicates triples. A
manifest graph is written first as "incomplete" and rewritten as "complete" (with the number of
triples of each graph) only after every graph went through, so a push that fails midway never
leaves the store looking complete. The manifest is also the record of what `kb push` owns in the
store: a graph that already holds data there and that no earlier manifest lists is someone else's,
and the push is refused before it writes anything (as is a manifest graph kb did not write).

Queries are sent as every SPARQL 1.1 store accepts them: a GET when the URL stays short, else a
form-encoded POST (Virtuoso 7 never answers a POST of `application/sparql-query`). Remote queries
expect the store to expose the union of its named graphs as the default graph, as `kb serve` does
(for Oxigraph: `--union-default-graph`; Virtuoso does so by default).

A store that asks for a password gets it from `kb.credentials` (basic or digest authentication);
no message, error or progress line shows it, nor a user name or password written into the URL.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from kb.credentials import Credentials, refuse_in_url
from kb.errors import KbError
from kb.vocabulary import MANIFEST_GRAPH, ONTOLOGY, SDO, XSD

_SDO = str(SDO)
TIMEOUT = 60
_LONGEST_GET = 2000  # characters of a query URL that every server takes; longer queries are POSTed


class RemoteError(KbError):
    """An external store could not be reached, or refused or failed a request."""


@dataclass
class PushResult:
    """What a push sent: to which endpoint, how many graphs and triples (`counts`: per graph)."""
    endpoint: str
    graphs: int
    triples: int
    counts: dict[str, int]

    def summary(self) -> str:
        """One line for the user: the data's graphs and statements, and the ontology's graph apart,
        so that the figures match those of `kb build`."""
        ontology = self.counts.get(str(ONTOLOGY))
        data_graphs, data = self.graphs - (ontology is not None), self.triples - (ontology or 0)
        line = f"pushed {data_graphs} graphs ({data} statements)"
        if ontology is not None:
            line += f" and the ontology's graph ({ontology} triples)"
        return f"{line} to {self.endpoint}"


class _Client:
    """HTTP requests to one store, answering its authentication challenges when given credentials."""

    def __init__(self, endpoint: str, credentials: Credentials | None):
        refuse_in_url(endpoint)
        self._credentials = credentials
        self._open = credentials.opener(endpoint).open if credentials else urllib.request.urlopen

    def request(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                missing_ok: bool = False, shown: str | None = None) -> bytes | None:
        """One HTTP request; its response body, or None for a 404 when `missing_ok`.

        Messages name `shown` (default: the URL). Raises RemoteError.
        """
        shown = shown or url
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with self._open(request, timeout=TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            if missing_ok and err.code == 404:
                return None
            if err.code == 401:
                raise RemoteError(self._unauthorized(method, shown)) from None
            detail = err.read().decode("utf-8", errors="replace").strip()[:500]
            raise RemoteError(f"{method} {shown} failed: HTTP {err.code} {err.reason}"
                              + (f": {detail}" if detail else "")) from None
        except urllib.error.URLError as err:
            raise RemoteError(f"cannot reach {shown}: {err.reason}") from None
        except (TimeoutError, OSError) as err:
            raise RemoteError(f"cannot reach {shown}: {err}") from None

    def _unauthorized(self, method: str, shown: str) -> str:
        if self._credentials is None:
            return (f"{method} {shown} failed: HTTP 401, the store asks for a user name and password: give them "
                    "with --credentials-env VARIABLE or --netrc")
        return (f"{method} {shown} failed: HTTP 401, the store refused the password of the user "
                f"{self._credentials.user!r} (from {self._credentials.source})")


def _fetch_graph(client: _Client, endpoint: str, graph: str) -> bytes | None:
    """A graph's N-Triples from a Graph Store Protocol endpoint; None when the store has no such graph."""
    return client.request("GET", _graph_url(endpoint, graph), None, {"Accept": "application/n-triples"}, missing_ok=True)


def _owned_graphs(client: _Client, endpoint: str) -> set[str]:
    """The graphs that earlier pushes wrote, from the store's manifest; refuses a manifest graph
    that kb did not write."""
    data = _fetch_graph(client, endpoint, MANIFEST_GRAPH)
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


def _check_ownership(client: _Client, endpoint: str, graphs: list[str]) -> None:
    """Refuse to replace a graph that holds data in the store and that no earlier push wrote."""
    owned = _owned_graphs(client, endpoint)
    for graph in graphs:
        if graph in owned:
            continue
        data = _fetch_graph(client, endpoint, graph)
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


def push(quads_by_graph: dict[str, list[ox.Triple]], endpoint: str, progress: Callable[[str], None] | None = None,
         credentials: Credentials | None = None) -> PushResult:
    """Replace each graph at a Graph Store Protocol endpoint, bracketed by the manifest graph.

    `credentials` answer the store's challenge if it asks for a password. Raises RemoteError when
    the store cannot be reached, fails a request (a refused password too), or holds a graph of the
    same name that kb push did not write (then nothing is written); CredentialsError for an
    endpoint URL holding a user name or password.
    """
    client = _Client(endpoint, credentials)
    bodies = {graph: ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) for graph, triples in sorted(quads_by_graph.items())}
    counts = {graph: len(triples) for graph, triples in quads_by_graph.items()}
    digest = hashlib.sha256(b"".join(graph.encode() + body for graph, body in bodies.items())).hexdigest()
    headers = {"Content-Type": "application/n-triples"}
    _check_ownership(client, endpoint, list(bodies))
    client.request("PUT", _graph_url(endpoint, MANIFEST_GRAPH), _manifest("incomplete", counts, digest), headers)
    for index, (graph, body) in enumerate(bodies.items(), start=1):
        if progress:
            progress(f"{index}/{len(bodies)} {graph}")
        client.request("PUT", _graph_url(endpoint, graph), body, headers)
    client.request("PUT", _graph_url(endpoint, MANIFEST_GRAPH), _manifest("complete", counts, digest), headers)
    return PushResult(endpoint, len(bodies), sum(counts.values()), counts)


def query(endpoint: str, text: str, credentials: Credentials | None = None) -> tuple[str, bytes]:
    """Run a query at a SPARQL endpoint: ("solutions" | "boolean", SPARQL JSON) or ("graph", Turtle).

    A short query goes as a GET, a longer one as a form-encoded POST (see the module's docstring).
    Raises RemoteError as `push` does.
    """
    client = _Client(endpoint, credentials)
    accept = {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}
    form = urllib.parse.urlencode({"query": text})
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}{form}"
    if len(url) <= _LONGEST_GET:
        body = client.request("GET", url, None, accept, shown=endpoint)
    else:
        body = client.request("POST", endpoint, form.encode("ascii"),
                              {**accept, "Content-Type": "application/x-www-form-urlencoded"})
    if body.lstrip().startswith(b"{"):
        kind = "boolean" if "boolean" in json.loads(body) else "solutions"
        return kind, body
    return "graph", body
