"""Loading the store from several N-Quads sources at once (`Store.load`): the same quads as one
source, and a source that cannot be read stops the whole load with its own error."""

from __future__ import annotations

import io
import threading

import pytest

from kb import steps as steps_module
from kb.store import Store

GRAPH = "<urn:kb:graph>"


def nquads(first: int, last: int) -> bytes:
    """Quads about nodes first..last-1, each with a label and a link to a blank node shared by all."""
    lines = []
    for n in range(first, last):
        lines.append(f'<urn:kb:n{n}> <urn:kb:label> "node {n}" {GRAPH} .')
        lines.append(f"<urn:kb:n{n}> <urn:kb:shares> _:shared {GRAPH} .")
    return ("\n".join(lines) + "\n").encode()


class Chunks(io.RawIOBase):
    """A file read in small pieces; after `fail_after` pieces it raises OSError."""

    def __init__(self, data: bytes, fail_after: int | None = None):
        super().__init__()
        self._data, self._at, self._reads, self._fail_after = data, 0, 0, fail_after
        self.reads_after_close = 0

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if self.closed:
            self.reads_after_close += 1
            raise ValueError("closed")
        self._reads += 1
        if self._fail_after is not None and self._reads > self._fail_after:
            raise OSError("the cache file went away")
        count = min(len(target), 64, len(self._data) - self._at)
        target[:count] = self._data[self._at:self._at + count]
        self._at += count
        return count


def loaded(store: Store) -> set[str]:
    """The quads without a blank node (each load names its blank nodes afresh)."""
    return {str(quad) for quad in store.quads() if "_:" not in str(quad)}


def shared_nodes(store: Store) -> int:
    return len({quad.object for quad in store.quads() if quad.predicate.value == "urn:kb:shares"})


@pytest.mark.parametrize("on_disk", [True, False], ids=["on disk", "in memory"])
def test_several_sources_load_the_same_quads_as_one(tmp_path, on_disk):
    whole = Store.load(tmp_path / "one" if on_disk else None, Chunks(nquads(0, 300)))
    parts = Store.load(tmp_path / "two" if on_disk else None,
                       [Chunks(nquads(0, 100)), Chunks(nquads(100, 200)), Chunks(nquads(200, 300))])
    assert loaded(parts) == loaded(whole) and len(loaded(whole)) == 300
    assert len(list(parts.quads())) == len(list(whole.quads())) == 600
    # a blank node label names one node within its source: the build keeps each unit in one source
    assert shared_nodes(whole) == 1 and shared_nodes(parts) == 3


def test_a_source_that_cannot_be_read_fails_the_load_with_its_own_error(tmp_path):
    healthy, failing = Chunks(nquads(0, 200_000)), Chunks(nquads(200_000, 200_100), fail_after=3)
    with pytest.raises(OSError, match="the cache file went away"):
        Store.load(tmp_path / "store", [healthy, failing])
    # the other load was stopped rather than read to its end (some 300,000 reads), and no loading
    # thread is left
    assert healthy.closed and healthy.reads_after_close == 1 and healthy._at < len(healthy._data)
    assert not [thread for thread in threading.enumerate() if thread.name == "kb-bulk-load"]


def test_a_large_corpus_is_loaded_in_two_parts_with_the_same_quads(tmp_path, monkeypatch):
    from conftest import SEED_CORPUS
    from test_build import build, snapshot, stored

    build(SEED_CORPUS, tmp_path / "one")
    loads = []
    original = Store.load.__func__
    monkeypatch.setattr(Store, "load", classmethod(
        lambda cls, path, sources, quads=(): loads.append(len(sources)) or original(cls, path, sources, quads)))
    monkeypatch.setattr(steps_module, "PARALLEL_FROM", 0)
    build(SEED_CORPUS, tmp_path / "two")
    assert loads == [steps_module.LOAD_STREAMS] and steps_module.LOAD_STREAMS > 1
    assert stored(tmp_path / "two") == stored(tmp_path / "one")
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")
