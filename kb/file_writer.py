"""`kb.trig` and `kb.ttl` written from the units' chunks, by a forked process while the build goes on.

Once every unit is mapped and its files are in the new cache, the two files depend on nothing
else: a forked process writes them while the parent loads the store and validates it, which keeps
one core busy for most of that time while the other waits (the store's bulk load is single-threaded).
Where processes cannot be forked, or the writer fails, the parent writes the files itself when it
needs them, so an error is reported as any other.
"""

from __future__ import annotations

import multiprocessing
import signal
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kb.units import Unit, write_each_triple_once, write_joined, write_new_file

FORK_FROM = 100  # units: below this many, the files take less time to write than a process to fork


class FileWriter:
    """Writes `kb.trig` (`trig`) and `kb.ttl` (`ttl`) from the units (in order), in a forked process
    when there are many and every unit's files are in the new cache folder `cache`; `finish`
    waits for it."""

    def __init__(self, units: list[Unit], trig: Path, ttl: Path, cache: Path):
        self.units, self.trig, self.ttl, self.cache = units, trig, ttl, cache
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None

    def start(self) -> FileWriter:
        """Fork the writer, when there are many units, all in the new cache, and processes can be forked."""
        if (len(self.units) < FORK_FROM or "fork" not in multiprocessing.get_all_start_methods()
                or any(unit.cached_in != self.cache for unit in self.units)):
            return self
        receiver, sender = multiprocessing.get_context("fork").Pipe(duplex=False)
        self._process = multiprocessing.get_context("fork").Process(target=self._write_in_child, args=(sender,),
                                                                    daemon=True)
        self._process.start()
        sender.close()
        self._connection = receiver
        return self

    def finish(self) -> int:
        """Wait for the files (or write them now); returns how many triples `kb.ttl` holds. Raises
        OSError when a file cannot be written."""
        outcome = self._outcome()
        if outcome is None:  # no writer, or it failed: written here, where an error is reported
            return self._write()
        distinct, once = outcome
        for unit in self.units:  # what the writer decided about each unit's kb.ttl chunk
            unit.once_digest = once[unit.key]
        return distinct

    def cancel(self) -> None:
        """Stop the writer, if it still runs (the build failed; its staging folder goes)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None

    def _outcome(self) -> tuple[int, dict[str, str | None]] | None:
        if self._process is None:
            return None
        try:
            outcome = self._connection.recv()
        except (EOFError, OSError):
            outcome = None  # the writer ended without a word
        finally:
            self._connection.close()
            self._process.join()
            self._process = None
        return outcome

    def _write(self) -> int:
        write_joined(self.trig, ox.RdfFormat.TRIG, self.units, ".trig")
        return write_each_triple_once(self.ttl, self.units)

    def _write_in_child(self, connection: Connection) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        try:
            distinct = self._write()
            for unit in self.units:  # the chunks made without the triples earlier units hold
                if ".once" in unit.contents:
                    write_new_file(self.cache / f"{unit.key}.once", unit.contents.pop(".once"))
            connection.send((distinct, {unit.key: unit.once_digest for unit in self.units}))
        except BaseException:  # noqa: BLE001 - the parent writes the files again and reports the error
            connection.send(None)
        finally:
            connection.close()
