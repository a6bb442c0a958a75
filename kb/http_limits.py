"""HTTP limits for `kb serve`: how much a client may send, for how long, and how many at once.

`http.server` gives each connection a thread and waits on each read for ever; these classes bound
both, for any handler built on them:

- `LimitedServer` serves at most `max_connections` connections at once; one more gets a 503 at once
  and is closed, so the number of threads stays bounded.
- `LimitedHandler` drops a connection whose first request has not arrived whole (request line,
  headers, body) within `request_timeout` seconds of its opening. A connection kept alive (HTTP/1.1)
  is closed once it has been idle for `idle_timeout` seconds after an answer; once the next request
  starts, it too must arrive whole within `request_timeout`. A per-read timeout alone would let a
  client that sends a byte every few seconds keep its thread for ever. A client that stops
  reading its answer is dropped after `request_timeout`. An idle connection keeps its place
  under the server's cap until it is closed.
- `LimitedHandler.read_body` reads a body only through a valid Content-Length of at most
  `max_body` bytes. Chunked bodies are not accepted (411); a Content-Length that is missing,
  negative or not a number is a 400; one over the cap a 413, answered before the body is read.
  After such an answer the connection is closed, and what the client still sends is read and
  dropped for a moment (never kept): closing on unread data would send a reset, which can wipe
  the answer before the client reads it. A client that asks to be told before it sends a body
  (`Expect: 100-continue`) gets the 413 instead of the go-ahead.
"""

from __future__ import annotations

import io
import math
import re
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kb.errors import Refused

_LINGER = 1.0  # seconds spent dropping what a refused client still sends
_DIGITS = re.compile(r"[0-9]+")


class _DeadlineReader(io.RawIOBase):
    """Reads from a socket until a deadline, whatever the pace of the bytes.

    While idle (between two requests of a connection kept alive), the deadline is the idle one;
    the first bytes of the next request move it to `request_timeout` from their arrival.
    """

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self.deadline = math.inf
        self._then = None  # seconds the request may take once its first bytes arrive, while idle

    def readable(self) -> bool:
        return True

    def expect(self, wait: float, then: float | None = None) -> None:
        """Wait `wait` seconds for bytes; if `then` is given, the rest must come `then` seconds after the first."""
        self.deadline = time.monotonic() + wait
        self._then = then

    def readinto(self, buffer) -> int:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._sock.settimeout(remaining)
        count = self._sock.recv_into(buffer)
        if count and self._then is not None:
            self.deadline, self._then = time.monotonic() + self._then, None
        return count


class LimitedHandler(BaseHTTPRequestHandler):
    """A request handler whose requests must arrive in time, with bodies of bounded size."""

    max_body = 1_000_000
    request_timeout = 5.0
    idle_timeout = 5.0

    def setup(self) -> None:
        """Start the connection's clock: the whole request must arrive within the request timeout."""
        super().setup()
        self.rfile.close()  # the socket's own reader would hold it open after the server closes it
        self._reader = _DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self._reader)
        self._drop_rest = False
        self._answered = 0

    def handle_one_request(self) -> None:
        """Read and answer one request; a client that stalls past the deadline, or stays idle past the
        idle timeout between requests, is dropped quietly."""
        if self._answered:
            self._reader.expect(self.idle_timeout, self.request_timeout)
        else:
            self._reader.expect(self.request_timeout)
        super().handle_one_request()
        self._answered += 1

    def handle_expect_100(self) -> bool:
        """Answer `Expect: 100-continue`: 413 at once when the declared body is over the limit (the
        client then sends nothing), 100 Continue otherwise. Returns whether to read the body."""
        declared = (self.headers.get("Content-Length") or "").strip()
        if _DIGITS.fullmatch(declared) and int(declared) > self.max_body:
            message = f"the request body ({declared} bytes) is over the limit of {self.max_body} bytes\n".encode()
            self.close_connection = True
            self._drop_rest = True
            self.send_response(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(message)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(message)
            return False
        return super().handle_expect_100()

    def send_response(self, code, message=None) -> None:
        """Send the status line and the server's common headers."""
        self.connection.settimeout(self.request_timeout)  # now writing: the same patience as for reading
        super().send_response(code, message)

    def finish(self) -> None:
        """Close the connection's streams, ignoring a client that already went away."""
        try:
            super().finish()
        finally:
            if self._drop_rest:
                _drop_what_follows(self.connection)

    def read_body(self) -> bytes:
        """The request's body, of at most `max_body` bytes, as its Content-Length frames it.

        Raises Refused: 411 for a chunked body, 400 for a Content-Length that is missing, repeated
        with different values, negative or not a number, or for a body shorter than it says, 413
        over the cap. The body is then not read, and the connection is closed after the answer.
        """
        if self.headers.get("Transfer-Encoding") is not None:
            self._refuse_body(HTTPStatus.LENGTH_REQUIRED,
                              "send the request body with a Content-Length: chunked bodies are not accepted")
        values = {value.strip() for value in self.headers.get_all("Content-Length") or []}
        if not values:
            self._refuse_body(HTTPStatus.BAD_REQUEST, "a request with a body needs a Content-Length header")
        declared = values.pop()
        if values or not _DIGITS.fullmatch(declared):
            self._refuse_body(HTTPStatus.BAD_REQUEST, "the Content-Length header must be one number of bytes")
        length = int(declared)
        if length > self.max_body:
            self._refuse_body(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                              f"the request body ({length} bytes) is over the limit of {self.max_body} bytes")
        body = self.rfile.read(length)
        if len(body) < length:
            self._refuse_body(HTTPStatus.BAD_REQUEST, "the request body ended before its Content-Length")
        return body

    def has_body(self) -> bool:
        """Whether the request declares a body (a Content-Length other than 0, or chunks)."""
        length = self.headers.get("Content-Length")
        return self.headers.get("Transfer-Encoding") is not None or (length is not None and length.strip() != "0")

    def _refuse_body(self, status: int, message: str):
        self.close_connection = True
        self._drop_rest = True
        raise Refused(status, message, {"Connection": "close"})


class LimitedServer(ThreadingHTTPServer):
    """A threading HTTP server that serves at most `max_connections` connections at once."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address, handler, max_connections: int = 64):
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, handler)

    def process_request(self, request, client_address) -> None:
        """Accept a connection in a thread of its own, or answer 503 at once when the cap is reached."""
        if not self._slots.acquire(blocking=False):
            self._turn_away(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        """Serve one connection, then give its place under the cap back."""
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        """A connection's error is the client's (a reset, a timeout): nothing is printed."""
        if isinstance(sys.exc_info()[1], OSError):
            return  # the client went away, or was too slow: nothing to report
        super().handle_error(request, client_address)

    def _turn_away(self, request: socket.socket) -> None:
        message = b"too many connections are open; try again shortly\n"
        try:
            request.settimeout(0.2)  # this runs in the accepting thread: it must not wait
            request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            b"Retry-After: 1\r\nConnection: close\r\nCache-Control: no-store\r\n"
                            b"Content-Length: %d\r\n\r\n%s" % (len(message), message))
            request.shutdown(socket.SHUT_WR)
            request.setblocking(False)
            while request.recv(65536):  # what has already arrived, so that closing sends no reset
                pass
        except OSError:
            pass
        finally:
            self.close_request(request)


def _drop_what_follows(connection: socket.socket) -> None:
    try:
        connection.shutdown(socket.SHUT_WR)
        until = time.monotonic() + _LINGER
        chunk = bytearray(65536)
        while (left := until - time.monotonic()) > 0:
            connection.settimeout(left)
            if not connection.recv_into(chunk):
                return
    except OSError:
        pass
