"""`kb serve`: a read-only SPARQL 1.1 Protocol endpoint over the built knowledge base.

This module carries the protocol: routes, content negotiation, and the server's assembly. The
other parts each have their own module:

- `kb.sparql_policy` refuses updates and federated SERVICE queries, from the parsed query (403);
- `kb.worker_pool` runs queries in worker processes, in a quick and a long lane, with a time
  limit, so that runaway queries cannot starve small ones (503 with Retry-After when full);
- `kb.query_worker` is the worker: confined off the network by `kb.confine` before it opens the
  store read-only, so that no query can make the server send a request anywhere;
- `kb.http_limits` bounds what a client may send: body size (413), Content-Length (400, 411),
  time to send a request, idle time of a connection kept alive, number of open connections (503);
- `kb.negotiation` picks the answer's format from Accept or `format` (406 when none fits).

It speaks HTTP/1.1 with keep-alive, answers HEAD and OPTIONS, and, when `cors` names origins,
sends the CORS headers that let a page from those origins query it (`*`: any page).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kb.errors import KbError, QueryError, Refused, StoreError, display_path
from kb.http_limits import LimitedHandler, LimitedServer
from kb.negotiation import negotiate
from kb.queries import library
from kb.sparql_policy import refuse_unsafe
from kb.store import STORE_DIR
from kb.worker_pool import Answer, WorkerPool

__all__ = ["Answer", "Endpoint", "Refused", "ServeConfig", "make_server", "negotiate", "serve", "serve_in_thread"]


# what the query page fills in for a parameter, by type, for the user to edit (optional ones are left out)
EXAMPLE_VALUES = {"iri": "dmitry-peskov", "date": "2020-02-20", "string": "", "integer": "1"}


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
    idle_timeout: float = 5.0
    cors: tuple[str, ...] = ()
    """Origins whose pages may query the endpoint from a browser (`*` for any); none by default."""


Dataset = tuple[list[str] | None, list[str] | None]
"""The dataset a request names: (default-graph-uri values, named-graph-uri values), None where not given."""

_METHODS = "GET, HEAD, POST, OPTIONS"
# what a SPARQL client in a browser sends beyond the headers CORS always allows
_CORS_REQUEST_HEADERS = "Accept, Accept-Language, Content-Language, Content-Type, Cache-Control, X-Requested-With"
_CORS_EXPOSED = "X-Result-Rows, X-Result-Truncated, Retry-After"


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

    def answer(self, query: str, accept: str | None, explicit_format: str | None, dataset: Dataset | None = None) -> Answer:
        """The answer to a query sent by a client, over the request's dataset if it names one.

        Raises Refused: 400 for a dataset IRI that is not one, 406 when no accepted format fits,
        and those of `kb.sparql_policy` and `kb.worker_pool`.
        """
        refuse_unsafe(query, self.confinement.confined)
        return self._run(query, accept, explicit_format, _checked(dataset))

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

    def _run(self, query: str, accept: str | None, explicit_format: str | None, dataset: Dataset | None = None) -> Answer:
        result_format, graph_format = negotiate(accept, explicit_format)
        return self.pool.run(query, result_format, graph_format, self.config.max_rows, self.config.timeout, dataset)

    def catalogue(self) -> bytes:
        """The named queries as JSON: name, title, description, text and parameters of each, and
        the text with example values bound as `kb query` binds them (the page's examples)."""
        return json.dumps([
            {"name": q.name, "title": q.title, "description": q.description, "query": q.text,
             "example": q.bound({p.name: EXAMPLE_VALUES[p.kind] for p in q.params if not p.optional}),
             "params": [{"name": p.name, "type": p.kind, "optional": p.optional, "description": p.description}
                        for p in q.params]}
            for q in self.queries.values()
        ], indent=1).encode()

    def close(self) -> None:
        """Stop the worker pool."""
        self.pool.close()


def _checked(dataset: Dataset | None) -> Dataset | None:
    for name, iris in zip(("default-graph-uri", "named-graph-uri"), dataset or ()):
        for iri in iris or ():
            try:
                ox.NamedNode(iri)
            except ValueError:
                raise Refused(HTTPStatus.BAD_REQUEST, f"{name}: {iri!r} is not an IRI") from None
    return dataset


def _page() -> bytes:
    return resources.files("kb").joinpath("static/index.html").read_bytes()


class _Handler(LimitedHandler):
    endpoint: Endpoint  # set on the subclass made per server, with the limits
    server_version = "kb-sparql"
    protocol_version = "HTTP/1.1"  # connections are kept alive, within the limits of kb.http_limits
    _head = False

    def log_message(self, format, *args):  # noqa: A002 - the name is the base class's
        pass

    def _cors(self) -> dict[str, str]:
        """The CORS headers for this request's Origin: none unless it is one of those allowed."""
        allowed, origin = self.endpoint.config.cors, self.headers.get("Origin")
        if not allowed or not origin:
            return {}
        if "*" in allowed:
            return {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": _CORS_EXPOSED}
        if origin in allowed:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin", "Access-Control-Expose-Headers": _CORS_EXPOSED}
        return {}

    def _send(self, status: int, content_type: str | None, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if status != HTTPStatus.NO_CONTENT:  # a 204 has no body, and says no length (RFC 9110)
            self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for key, value in {**self._cors(), **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if not self._head:
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

    def _guarded(self, handle) -> None:
        """Run a request's handling, turning refusals into their answers and failures into a 500."""
        try:
            handle()
        except Refused as refused:
            self._refused(refused)
        except OSError:
            raise  # the connection failed: nothing can be sent
        except Exception:
            self._internal_error()
            raise  # for the server's log; the client has its answer

    def do_GET(self):  # noqa: N802 - the name is the base class's
        self._guarded(self._get)

    def do_HEAD(self):  # noqa: N802 - the answer GET would give, without its body
        self._head = True
        try:
            self._guarded(self._get)
        finally:
            self._head = False

    def do_POST(self):  # noqa: N802
        self._guarded(self._post)

    def do_OPTIONS(self):  # noqa: N802 - a CORS preflight, or a client asking what the server allows
        self._guarded(self._options)

    def _get(self) -> None:
        path = urlsplit(self.path).path
        params = self._params()
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
            self._answer(self.endpoint.answer(query, self.headers.get("Accept"), _one(params, "format"),
                                              _dataset(params)))
        else:
            self._error(404, f"nothing at {path}: the endpoint is /sparql, the query page is /")

    def _post(self) -> None:
        path = urlsplit(self.path).path
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
        self._answer(self.endpoint.answer(query, self.headers.get("Accept"), _one(params, "format"), _dataset(params)))

    def _options(self) -> None:
        if self.has_body():
            self.read_body()
        path = urlsplit(self.path).path
        if not (path in ("*", "/", "/sparql", "/queries") or path.startswith("/queries/")):
            raise Refused(HTTPStatus.NOT_FOUND, f"nothing at {path}: the endpoint is /sparql, the query page is /")
        extra = {"Allow": _METHODS}
        if self._cors() and self.headers.get("Access-Control-Request-Method"):
            extra.update({"Access-Control-Allow-Methods": _METHODS, "Access-Control-Allow-Headers": _CORS_REQUEST_HEADERS,
                          "Access-Control-Max-Age": "600"})
        self._send(HTTPStatus.NO_CONTENT, None, b"", extra)

    def _answer(self, answer: Answer) -> None:
        extra = {"X-Result-Rows": str(answer.rows)}
        if answer.truncated:
            extra["X-Result-Truncated"] = f"only the first {answer.rows} rows are returned"
        self._send(200, answer.content_type, answer.body, extra)


def _dataset(params: dict[str, list[str]]) -> Dataset | None:
    default, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    return None if default is None and named is None else (default, named)


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
        "idle_timeout": config.idle_timeout,
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
