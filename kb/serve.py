"""`kb serve`: a read-only SPARQL 1.1 Protocol endpoint over the built knowledge base.

This module carries the protocol: routes, content negotiation, and the server's assembly. The
other parts each have their own module:

- `kb.sparql_policy` refuses updates and federated SERVICE queries, from the parsed query (403);
- `kb.worker_pool` runs queries in worker processes, in a quick and a long lane, with a time
  limit, so that runaway queries cannot starve small ones (503 with Retry-After when full);
- `kb.query_worker` is the worker: confined off the network by `kb.confine` before it opens the
  store read-only, so that no query can make the server send a request anywhere;
- `kb.http_limits` bounds what a client may send: body size (413), Content-Length (400, 411),
  time to send a request, number of open connections (503).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kb.errors import KbError, QueryError, Refused, StoreError, display_path
from kb.http_limits import LimitedHandler, LimitedServer
from kb.queries import library
from kb.sparql_policy import refuse_unsafe
from kb.store import STORE_DIR
from kb.worker_pool import Answer, WorkerPool

__all__ = ["Answer", "Endpoint", "Refused", "ServeConfig", "make_server", "negotiate", "serve", "serve_in_thread"]


@dataclass
class ServeConfig:
    """How `kb serve` runs: where, with which limits (times in seconds, sizes in bytes)."""

    build_dir: Path = Path("build")
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 5.0
    max_rows: int = 10_000
    workers: int = 2
    max_body: int = 1_000_000
    request_timeout: float = 5.0
    max_connections: int = 64
    quick_budget: float = 0.25


# --- content negotiation -------------------------------------------------------------------------

_RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
_GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/ld+json": "jsonld",
}
_SHORT_NAMES = {"json": ("json", None), "xml": ("xml", None), "csv": ("csv", None), "tsv": ("tsv", None),
                "turtle": (None, "turtle"), "ttl": (None, "turtle"), "nt": (None, "ntriples"),
                "ntriples": (None, "ntriples"), "jsonld": (None, "jsonld")}


def negotiate(accept: str | None, explicit: str | None = None) -> tuple[str, str]:
    """The (results format, graph format) to answer with, from a `format` parameter or Accept."""
    result_format, graph_format = "json", "turtle"
    if explicit:
        # some clients send a media type as `format`, others a short name
        media = explicit.split(";")[0].strip().lower()
        if media in _RESULT_TYPES or media in _GRAPH_TYPES:
            return _RESULT_TYPES.get(media, result_format), _GRAPH_TYPES.get(media, graph_format)
        if media not in _SHORT_NAMES:
            raise Refused(HTTPStatus.BAD_REQUEST, f"unknown format {explicit!r}: use one of {', '.join(_SHORT_NAMES)}")
        chosen_result, chosen_graph = _SHORT_NAMES[media]
        return chosen_result or result_format, chosen_graph or graph_format
    ranked = []
    for position, item in enumerate((accept or "").split(",")):
        media, _, params = item.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        ranked.append((-weight, position, media.strip().lower()))
    picked_result = picked_graph = None
    for _, _, media in sorted(ranked):
        picked_result = picked_result or _RESULT_TYPES.get(media)
        picked_graph = picked_graph or _GRAPH_TYPES.get(media)
    return picked_result or result_format, picked_graph or graph_format


# --- HTTP ----------------------------------------------------------------------------------------


class Endpoint:
    """The endpoint's logic, independent of the HTTP server that carries it."""

    def __init__(self, config: ServeConfig):
        """Start the query workers over the build in `config`; raises StoreError when there is none."""
        store = config.build_dir / STORE_DIR
        if not store.is_dir():
            raise StoreError(f"no knowledge base at {display_path(config.build_dir)}: run `kb build` first")
        self.config = config
        self.pool = WorkerPool(store, config.workers, config.quick_budget).start()
        self.confinement = self.pool.confinement
        self.queries = library()

    def answer(self, query: str, accept: str | None, explicit_format: str | None) -> Answer:
        """The answer to a query sent by a client; raises Refused (see `kb.sparql_policy`, `kb.worker_pool`)."""
        refuse_unsafe(query, self.confinement.confined)
        return self._run(query, accept, explicit_format)

    def named(self, name: str, params: dict[str, str], accept: str | None, explicit_format: str | None) -> Answer:
        """The answer to a named query with its parameters bound; raises Refused (404, 400, as `answer`)."""
        if name not in self.queries:
            raise Refused(HTTPStatus.NOT_FOUND, f"no named query {name!r}")
        # the library's text is checked (once: it is cached); the values are bound as RDF terms,
        # which cannot add a pattern, so each binding of it need not be parsed again
        refuse_unsafe(self.queries[name].text, self.confinement.confined)
        try:
            text = self.queries[name].bound(params)
        except QueryError as err:
            raise Refused(HTTPStatus.BAD_REQUEST, str(err)) from None
        return self._run(text, accept, explicit_format)

    def _run(self, query: str, accept: str | None, explicit_format: str | None) -> Answer:
        result_format, graph_format = negotiate(accept, explicit_format)
        return self.pool.run(query, result_format, graph_format, self.config.max_rows, self.config.timeout)

    def catalogue(self) -> bytes:
        """The named queries as JSON: name, title, description, text and parameters of each."""
        return json.dumps([
            {"name": q.name, "title": q.title, "description": q.description, "query": q.text,
             "params": [{"name": p.name, "type": p.kind, "optional": p.optional, "description": p.description}
                        for p in q.params]}
            for q in self.queries.values()
        ], indent=1).encode()

    def close(self) -> None:
        """Stop the worker pool."""
        self.pool.close()


def _page() -> bytes:
    return resources.files("kb").joinpath("static/index.html").read_bytes()


class _Handler(LimitedHandler):
    endpoint: Endpoint  # set on the subclass made per server, with the limits
    server_version = "kb-sparql"

    def log_message(self, format, *args):  # noqa: A002 - the name is the base class's
        pass

    def _send(self, status: int, content_type: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str, extra: dict | None = None) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), extra)

    def _refused(self, refused: Refused) -> None:
        self._error(refused.status, str(refused), refused.headers)

    def _internal_error(self) -> None:
        self.close_connection = True
        self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "internal error: the request could not be answered",
                    {"Connection": "close"})

    def _params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query, keep_blank_values=True)

    def do_GET(self):  # noqa: N802 - the name is the base class's
        path = urlsplit(self.path).path
        params = self._params()
        try:
            if self.has_body():
                self.read_body()  # within the limits, and dropped: a GET's body means nothing here
            if path == "/":
                self._send(200, "text/html; charset=utf-8", _page(),
                           {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'"})
            elif path == "/queries":
                self._send(200, "application/json", self.endpoint.catalogue())
            elif path.startswith("/queries/"):
                name = path.removeprefix("/queries/")
                values = {key: value[-1] for key, value in params.items() if key != "format"}
                self._answer(self.endpoint.named(name, values, self.headers.get("Accept"), _one(params, "format")))
            elif path == "/sparql":
                if "update" in params:
                    raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
                query = _one(params, "query")
                if not query:
                    raise Refused(HTTPStatus.BAD_REQUEST, "give the query in the `query` parameter")
                self._answer(self.endpoint.answer(query, self.headers.get("Accept"), _one(params, "format")))
            else:
                self._error(404, f"nothing at {path}: the endpoint is /sparql, the query page is /")
        except Refused as refused:
            self._refused(refused)
        except OSError:
            raise  # the connection failed: nothing can be sent
        except Exception:
            self._internal_error()
            raise  # for the server's log; the client has its answer

    def do_POST(self):  # noqa: N802
        path = urlsplit(self.path).path
        try:
            body = self.read_body().decode("utf-8", errors="replace")
            if path != "/sparql":
                raise Refused(HTTPStatus.NOT_FOUND, f"nothing to POST at {path}: the endpoint is /sparql")
            media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = self._params()
            if media == "application/sparql-update":
                raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            if media == "application/sparql-query":
                query = body
            elif media == "application/x-www-form-urlencoded":
                form = parse_qs(body, keep_blank_values=True)
                if "update" in form:
                    raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
                query = _one(form, "query")
                params = {**params, **form}
            else:
                raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                              "POST the query as application/sparql-query or application/x-www-form-urlencoded")
            if not query:
                raise Refused(HTTPStatus.BAD_REQUEST, "the request holds no query")
            self._answer(self.endpoint.answer(query, self.headers.get("Accept"), _one(params, "format")))
        except Refused as refused:
            self._refused(refused)
        except OSError:
            raise
        except Exception:
            self._internal_error()
            raise

    def _answer(self, answer: Answer) -> None:
        extra = {"X-Result-Rows": str(answer.rows)}
        if answer.truncated:
            extra["X-Result-Truncated"] = f"only the first {answer.rows} rows are returned"
        self._send(200, answer.content_type, answer.body, extra)


def _one(params: dict[str, list[str]], key: str) -> str | None:
    values = params.get(key)
    return values[-1] if values else None


def make_server(config: ServeConfig) -> tuple[LimitedServer, Endpoint]:
    """A server ready to `serve_forever()`, and its endpoint; the caller closes both when done.

    Raises StoreError when there is no build, KbError when the address cannot be listened on.
    """
    endpoint = Endpoint(config)
    handler = type("Handler", (_Handler,), {
        "endpoint": endpoint, "max_body": config.max_body, "request_timeout": config.request_timeout,
    })
    try:
        server = LimitedServer((config.host, config.port), handler, config.max_connections)
    except OSError as err:
        endpoint.close()
        raise KbError(f"cannot listen on {config.host}:{config.port}: {err.strerror}") from None
    return server, endpoint


def serve(config: ServeConfig, ready=None) -> None:
    """Serve until interrupted; `ready(address, confinement)` is called once it listens."""
    server, endpoint = make_server(config)
    if ready:
        ready(server.server_address, endpoint.confinement)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        endpoint.close()


def serve_in_thread(config: ServeConfig) -> tuple[LimitedServer, Endpoint, threading.Thread]:
    """A server serving in a daemon thread, for tests and benchmarks: `shutdown()` it, then close both."""
    server, endpoint = make_server(config)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, endpoint, thread
