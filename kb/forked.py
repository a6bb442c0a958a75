"""Work spread over forked worker processes, one per core: the build's mapping and its checks.

Python runs one thread at a time, and pyoxigraph holds the interpreter while it evaluates a query,
so only processes put a second core to work. The workers are forked: they start at once, with what
the parent prepared (the loaded corpus, the compiled checks) already in their memory, and only the
items and the results travel between the processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

Result = TypeVar("Result")

MOST_WORKERS = 4

# what the workers run, set in the parent just before it forks them: (function, store folder or None)
_TASK: tuple[Callable[[Any], Any], Path | None] | None = None
_WORKER_STORE = None  # in a worker: the store it opened read-only, when the task has one


def workers() -> int:
    """How many worker processes `forked_map` would start here: one per core (at most four), or 0
    where processes cannot be forked (Windows) or there is a single core."""
    count = min(os.cpu_count() or 1, MOST_WORKERS)
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return count


def forked_map(function: Callable[[Any], Result], items: Sequence, store: Path | None = None) -> list[Result] | None:
    """function(item) for every item, in the items' order, computed in forked worker processes;
    None where `workers()` is 0.

    With `store` (a store's folder, which no process may be writing to), each worker opens that
    store read-only before its first item, and the function reads it with `worker_store()`. An
    exception raised by the function is raised here, once the workers are stopped.
    """
    if not workers() or not items:
        return None
    count = min(workers(), len(items))
    global _TASK
    _TASK = (function, store)
    # the workers share the parent's memory until they write to it: the collector, which writes to
    # every object it looks at, must not look at what the parent holds (each worker would copy it)
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(count, initializer=_start_worker) as pool:
            return list(pool.imap(_run_item, items, chunksize=1))
    finally:
        _TASK = None
        gc.unfreeze()


def worker_store():
    """In a worker of `forked_map` given a store: that store, opened read-only (a `kb.store.Store`)."""
    return _WORKER_STORE


def _start_worker() -> None:
    # Ctrl-C is the parent's to handle (it stops the pool and reports once), and the pool stops
    # its workers with SIGTERM, which must end them quietly, whatever handler the parent installed
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _, store = _TASK
    if store is not None:
        from kb.store import Store

        global _WORKER_STORE
        _WORKER_STORE = Store.read_only_at(store)


def _run_item(item):
    return _TASK[0](item)
