"""The query workers of `kb serve`, in a quick lane and a long lane, so that no client can starve the others.

The engine cannot be interrupted: a query is stopped by killing the process that evaluates it, so
each query runs in a worker process (`kb.query_worker`), confined off the network, store open
read-only. The pool shares the workers out so that runaway queries, however many clients send
them, leave room for small ones:

- **Quick lane.** At most `workers` queries run here at once, one per worker, taken strictly in
  the order they came. Every query starts here, with a short budget (`quick_budget`, 0.25 s);
  most end within it, and their worker takes the next query.
- **Long lane.** A query still running when its budget is spent moves to the long lane with its
  worker: it keeps running (nothing is lost) until the full time limit, at a lower CPU priority,
  and its place in the quick lane is taken at once by a warm spare. At most `workers - 1` queries
  (at least one) run in the long lane; a query that would exceed that is stopped there and then,
  and its client gets a 503 with Retry-After. A long-lane worker is retired when its query ends.
- **Spares.** A keeper thread keeps `spares` workers started (confined, store open) beyond those
  of the quick lane, and starts one for every worker killed or retired, so that the quick lane does
  not wait for a process to start.

So a runaway query holds a quick-lane worker for one budget at most, and a small query waits for
at most about (queries ahead of it / workers) budgets, however many runaways are running.

Workers are forked from multiprocessing's fork server, which has imported Oxigraph already, so a
new one is ready in a few milliseconds (a fresh interpreter takes about 50 ms of CPU: with a kill
every eighth of a second under attack, that cost decides how long small queries wait). A fork has
one thread, as confinement needs, and inherits nothing of the server but one end of a pipe.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import threading
import time
from collections import deque
from dataclasses import dataclass
from http import HTTPStatus
from multiprocessing.process import BaseProcess
from pathlib import Path

from kb import query_worker
from kb.confine import Confinement
from kb.errors import Refused, StoreError

_START_TIME = 60.0  # seconds a new worker may take to confine itself and open the store
_LOWER_PRIORITY = 10  # nice increment of a long-lane worker
_FAILED_START_PAUSE = 1.0  # seconds between attempts while workers cannot start (the store is gone...)


@dataclass
class Answer:
    """A query's answer from a worker: content type, body, rows returned and whether the rows were cut at the cap."""
    content_type: str
    body: bytes
    rows: int
    truncated: bool


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    connection: object


def _context():
    if "forkserver" not in multiprocessing.get_all_start_methods():  # Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # multiprocessing runs the main script again in each new process: the `kb` command's script
    # does nothing but import kb.cli, which the fork server then holds already
    context.set_forkserver_preload(["kb.query_worker", "kb.cli"])
    return context


class WorkerPool:
    """Query workers in two lanes (see the module's docstring); `start()` it, `close()` it when done."""

    def __init__(self, store_path: Path, workers: int = 2, quick_budget: float = 0.25, spares: int | None = None):
        self.store_path = store_path
        self.quick_size = max(1, workers)
        self.long_size = max(1, workers - 1)
        self.quick_budget = quick_budget
        self.spares = self.quick_size if spares is None else spares
        self.confinement: Confinement | None = None
        self._context = _context()
        self._lock = threading.Condition()
        self._ready: deque[_Worker] = deque()  # started, idle
        self._queue: deque[object] = deque()  # a ticket per query waiting for the quick lane
        self._live: set[_Worker] = set()
        self._dead: list[_Worker] = []  # killed, to be reaped by the keeper
        self._in_quick = self._in_long = self._starting = 0
        self._closed = False
        self._keeper = threading.Thread(target=self._keep, name="kb-serve-workers", daemon=True)

    def start(self) -> WorkerPool:
        """Start the quick lane's workers, then the keeper that adds the spares.

        Returns the pool. Raises StoreError when a worker cannot start (the store cannot be opened).
        """
        launched = [self._launch() for _ in range(self.quick_size)]
        for worker in launched:
            failure = self._await_ready(worker)
            if failure:
                self.close()
                raise StoreError(f"a query worker could not start: {failure}")
            self._ready.append(worker)
        self._keeper.start()
        return self

    def run(self, query: str, result_format: str | None, graph_format: str | None, max_rows: int, timeout: float,
            dataset: tuple[list[str] | None, list[str] | None] | None = None) -> Answer:
        """The answer to one query, which must end within `timeout` seconds of its arrival.

        A format is None when the client accepts none of its kind; `dataset` is the request's
        (default graph IRIs, named graph IRIs), or None for the union of all graphs.

        Raises Refused: 503 (with Retry-After) when no quick-lane worker frees up in time, when the
        long lane is full, or at the time limit; 500 when the worker dies; and the worker's own
        refusals (400 for a syntax error or a failed evaluation, 406 for an answer no accepted
        format can carry).
        """
        started = time.monotonic()
        worker = self._enter_quick(started + timeout)
        in_quick = True
        try:
            worker.connection.send((query, result_format, graph_format, max_rows, timeout, dataset))
            if worker.connection.poll(self.quick_budget):
                return self._reply(worker, keep=True)
            self._leave_quick()  # its place goes to a spare
            in_quick = False
            return self._run_long(worker, started, timeout)
        except (EOFError, OSError):
            self._discard(worker)
            raise Refused(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker failed; the query was not answered") from None
        finally:
            if in_quick:
                self._leave_quick()

    def close(self) -> None:
        """Stop every worker, busy or not, and the keeper."""
        with self._lock:
            self._closed = True
            workers = list(self._live) + self._dead
            self._live.clear()
            self._ready.clear()
            self._dead = []
            self._lock.notify_all()
        for worker in workers:
            _kill(worker)
            worker.process.join()

    # --- the lanes ---

    def _enter_quick(self, deadline: float) -> _Worker:
        ticket = object()
        with self._lock:
            self._queue.append(ticket)
            try:
                while not (self._queue[0] is ticket and self._in_quick < self.quick_size and self._ready):
                    if self._closed:
                        raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, "the endpoint is shutting down")
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise _busy()
                    self._lock.wait(remaining)
                self._in_quick += 1
                return self._ready.popleft()
            finally:
                self._queue.remove(ticket)
                self._lock.notify_all()  # the next in the queue may go

    def _leave_quick(self) -> None:
        with self._lock:
            self._in_quick -= 1
            self._lock.notify_all()

    def _run_long(self, worker: _Worker, started: float, timeout: float) -> Answer:
        retry = {"Retry-After": str(math.ceil(timeout))}
        with self._lock:
            admitted = self._in_long < self.long_size
            self._in_long += admitted
        if not admitted:
            self._discard(worker)
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"the query was stopped after {self.quick_budget:g} s: too many long queries are running; "
                          "try again later", retry)
        try:
            _lower_priority(worker)
            if worker.connection.poll(max(0.0, timeout - (time.monotonic() - started))):
                return self._reply(worker, keep=False)
            self._discard(worker)
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"the query was stopped: it ran longer than the time limit of {timeout:g} s", retry)
        finally:
            with self._lock:
                self._in_long -= 1

    def _reply(self, worker: _Worker, keep: bool) -> Answer:
        reply = worker.connection.recv()
        with self._lock:
            kept = keep and not self._closed
            if kept:
                self._ready.append(worker)
                self._lock.notify_all()
        if not kept:  # a long-lane worker is retired: it runs at a lower priority
            self._discard(worker)
        if reply[0] == "error":
            raise Refused(reply[1], reply[2])
        return Answer(*reply[1:])

    def _discard(self, worker: _Worker) -> None:
        _kill(worker)  # reaped by the keeper, so that the client is answered at once
        with self._lock:
            self._live.discard(worker)
            self._dead.append(worker)
            self._lock.notify_all()

    # --- the keeper: spares and replacements ---

    def _missing(self) -> int:
        return self.quick_size + self.spares - (len(self._ready) + self._in_quick + self._starting)

    def _keep(self) -> None:
        while True:
            with self._lock:
                while not self._closed and not self._dead and self._missing() <= 0:
                    self._lock.wait()
                if self._closed:
                    return
                dead, self._dead = self._dead, []
                count = max(0, self._missing())
                self._starting += count
            for _ in range(count):  # each in its own thread: a slow start does not hold up the next
                threading.Thread(target=self._start_one, name="kb-serve-worker-start", daemon=True).start()
            for worker in dead:
                worker.process.join()

    def _start_one(self) -> None:
        worker = self._launch()
        failed = self._await_ready(worker)
        if failed:
            time.sleep(_FAILED_START_PAUSE)  # the store went missing, say: do not spin
        with self._lock:
            self._starting -= 1
            if not failed and worker in self._live and not self._closed:
                self._ready.append(worker)
            self._lock.notify_all()

    def _launch(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=query_worker.serve_forever, args=(str(self.store_path), child),
                                        name="kb-serve-query-worker", daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._live.add(worker)
        return worker

    def _await_ready(self, worker: _Worker) -> str | None:
        """None once the worker is ready, under the pool's confinement; else why not (it is discarded)."""
        try:
            ready = worker.connection.poll(_START_TIME)
            message = worker.connection.recv() if ready else ("failed", "it did not start in time")
        except (EOFError, OSError):
            message = ("failed", "it exited as it started")
        if message[0] == "ready":
            confinement = Confinement(message[1], message[2])
            if self.confinement is None:
                self.confinement = confinement
            if confinement == self.confinement:
                return None
            message = ("failed", f"it is confined by {confinement.kind}, unlike the others ({self.confinement.kind})")
        self._discard(worker)
        return message[1]


def _busy() -> Refused:
    return Refused(HTTPStatus.SERVICE_UNAVAILABLE, "all query workers are busy; try again shortly", {"Retry-After": "1"})


def _kill(worker: _Worker) -> None:
    if worker.process.exitcode is None:  # asked first: a pid is not signalled once it is known to be free
        worker.process.kill()
    worker.connection.close()


def _lower_priority(worker: _Worker) -> None:
    try:
        os.setpriority(os.PRIO_PROCESS, worker.process.pid, _LOWER_PRIORITY)
    except (AttributeError, OSError):  # no such call on Windows; the worker may just have exited
        pass
