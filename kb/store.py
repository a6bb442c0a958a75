"""The embedded SPARQL store (Oxigraph, on disk) and the bridge from rdflib terms to it.

rdflib is the modelling API; Oxigraph stores, queries and serialises, because it does those
one to two orders of magnitude faster.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kb.errors import QueryError, StoreError, display_path

if TYPE_CHECKING:
    from rdflib import Dataset

STORE_DIR = "store"


class _TermConverter:
    """rdflib terms to Oxigraph terms, caching IRIs (they repeat a lot)."""

    def __init__(self) -> None:
        from rdflib import BNode, Literal, URIRef  # only the build maps rdflib terms: others need not import it

        self._iris: dict[str, ox.NamedNode] = {}
        self._classes = URIRef, Literal, BNode

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def term(self, term):
        URIRef, Literal, BNode = self._classes
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=self.iri(str(term.datatype)))
            return ox.Literal(str(term))
        if isinstance(term, BNode):
            raise ValueError(f"blank node {term!r} in the knowledge base: every node needs an IRI")
        raise TypeError(f"cannot convert {term!r}")


def dataset_quads(dataset: Dataset) -> list[ox.Quad]:
    """Every quad of a dataset's named graphs as Oxigraph quads, in canonical order."""
    return terms_to_ox(
        (s, p, o, g.identifier if hasattr(g, "identifier") else g)
        for s, p, o, g in dataset.quads((None, None, None, None))
    )


def terms_to_ox(quads: Iterable[tuple]) -> list[ox.Quad]:
    """(subject, predicate, object, graph) rdflib terms as Oxigraph quads, each once, in canonical
    order (for byte-identical files); the default graph is left out."""
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    convert = _TermConverter()
    converted = []
    for s, p, o, graph in quads:
        if graph is None or graph == DATASET_DEFAULT_GRAPH_ID:
            continue
        converted.append(ox.Quad(convert.term(s), convert.term(p), convert.term(o), convert.iri(str(graph))))
    return sort_quads(converted)


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads, each once, in canonical order (graph, subject, predicate, object), for byte-identical files."""
    return sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


_STATE_FILE = "kb-store.json"  # beside the database's own files: its quads, and patches since it was loaded whole
_BULK_FROM_QUADS = 200_000  # patches larger than this (some 200 articles) are bulk-loaded


def _read_state(store_dir: Path) -> dict:
    try:
        state = json.loads((store_dir / _STATE_FILE).read_text(encoding="utf-8"))
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def _bulk_load(store: ox.Store, sources: list[bytes | BinaryIO]) -> None:
    """Bulk-load N-Quads sources into `store`, each by a loader of its own, in threads at once.

    A loader parses on one thread and writes the indexes' files on another, and the writing is the
    longer part: two loads at once, which Oxigraph runs without holding Python's lock, took half
    the time of one over a million quads. Each load ingests files of its own (randomly named), and
    the store is compacted afterwards.
    """
    def load(source) -> None:
        store.bulk_load(source if isinstance(source, bytes) else io.BufferedReader(source, 1 << 20),
                        format=ox.RdfFormat.N_QUADS)

    if len(sources) <= 1:
        for source in sources:
            load(source)
        return
    failures: list[BaseException] = []

    def stop_all() -> None:  # every load stops at its next read
        for source in sources:
            if not isinstance(source, bytes):
                source.close()

    def guarded(source) -> None:
        try:
            load(source)
        except BaseException as err:  # the first failure is re-raised in the caller's thread
            failures.append(err)
            stop_all()

    threads = [threading.Thread(target=guarded, args=(source,), name="kb-bulk-load") for source in sources]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except BaseException:  # an interrupt
        stop_all()
        for thread in threads:
            thread.join()
        raise
    if failures:
        raise failures[0]


class Store:
    """A SPARQL store: the knowledge base on disk, or an in-memory one for checking files."""

    def __init__(self, store: ox.Store, path: Path | None = None, quads: int | None = None):
        self._store = store
        self.path = path
        self._quads = quads  # how many quads it holds, when known without counting them (a scan)

    @classmethod
    def in_memory(cls, quads: Iterable[ox.Quad] = ()) -> Store:
        """A store in memory holding `quads`."""
        store = cls(ox.Store())
        store.add(quads)
        return store

    @classmethod
    def load(cls, path: Path | None, nquads: bytes | BinaryIO | list[BinaryIO], quads: Iterable[ox.Quad] = ()) -> Store:
        """A store (on disk at `path`, or in memory) loaded with N-Quads data (bytes, a file read
        to its end, or several files, loaded at once) and more quads.

        Each source is a load of its own, and a load names its blank nodes afresh: a label names
        one node within its source only. Raises what reading a source raises (closing the others
        first, so that their loads stop too).
        """
        if path is None:
            store = cls(ox.Store())
        else:
            path.mkdir(parents=True, exist_ok=True)
            store = cls(ox.Store(str(path)), path)
        try:
            _bulk_load(store._store, nquads if isinstance(nquads, list) else [nquads] if nquads else [])
            store.add(quads)
            if path is not None:
                store._store.flush()
                # compacted now, while the database is open for writing: it is then opened read-only,
                # which leaves the bulk load's files as they are, and queries ran 1.5-2x slower on them
                store._store.optimize()
                store._save_state(patches=0)
        except BaseException:
            # closed now: the traceback keeps this frame, and so the database and its lock, alive
            # until the collector frees it, and another build in this process may need the folder
            store.close()
            raise
        return store

    @classmethod
    def patched_copy(cls, source: Path, target: Path, remove: list[ox.Quad], add: list[ox.Quad]) -> Store:
        """A copy of the store at `source` (a cheap checkpoint on the same disk) with quads taken out and added."""
        try:
            ox.Store.read_only(str(source)).backup(str(target))
        except OSError as err:
            raise StoreError(f"cannot copy the previous store at {display_path(source)}: {err}") from None
        store = cls(ox.Store(str(target)), target)
        try:
            store._patch(remove, add)
            # Each patch leaves small files that later reads must merge in, until the database's own
            # background compaction folds them in: at 1M triples, queries stayed within about 10% of a
            # freshly loaded store over 30 one-article rebuilds, while compacting it all (`optimize`)
            # would add 2 s to a rebuild.
            state = _read_state(source)
            patches = (state["patches"] if isinstance(state.get("patches"), int) else 0) + 1
            # the quads taken out were all in the store and those added were not (they are differences)
            if isinstance(state.get("quads"), int):
                store._quads = state["quads"] - len(remove) + len(add)
            store._save_state(patches=patches)
        except BaseException:
            store.close()  # as in `load`: the traceback must not keep the database open
            raise
        return store

    def _patch(self, remove: list[ox.Quad], add: list[ox.Quad]) -> None:
        for quad in remove:
            self._store.remove(quad)
        if len(add) > _BULK_FROM_QUADS:
            self._store.bulk_extend(add)
        elif add:
            # a bulk load writes files that span every index, and every later read must merge them
            # in (queries ran 20-40% slower after a one-article rebuild); a transaction costs less
            self._store.extend(add)
        self._store.flush()

    def _save_state(self, patches: int) -> None:
        state = {"patches": patches, "quads": len(self)}
        (self.path / _STATE_FILE).write_text(json.dumps(state) + "\n", encoding="utf-8")

    def close(self) -> None:
        """Release the database (its folder can then be moved); the object is unusable afterwards."""
        self._store = None

    @classmethod
    def read_only_at(cls, path: Path, quads: int | None = None) -> Store:
        """The store in the database folder `path`, opened read-only (several processes may)."""
        return cls(ox.Store.read_only(str(path)), path, quads)

    def reopened_read_only(self) -> Store:
        """This on-disk store closed and opened again read-only, once everything is written: other
        processes can then open it too (`kb.forked`). This object is unusable afterwards."""
        quads, path = self._quads, self.path
        self.close()  # the database closes with its last reference, before it is opened again
        return Store.read_only_at(path, quads)

    @classmethod
    def open(cls, build_dir: Path) -> Store:
        """The built knowledge base in `build_dir`, opened read-only; raises StoreError when there is none."""
        path = build_dir / STORE_DIR
        if not path.is_dir():
            raise StoreError(
                f"no knowledge base at {display_path(build_dir)}: run `kb build` first (or pass --out/--build)"
            )
        try:
            return cls(ox.Store.read_only(str(path)), path)
        except OSError as err:
            raise StoreError(f"cannot open the store at {display_path(path)}: {err}") from None

    def add(self, quads: Iterable[ox.Quad]) -> None:
        """Add quads (in one bulk operation)."""
        self._store.bulk_extend(quads)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store, in the store's order."""
        return self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        if self._quads is None:
            self._quads = len(self._store)
        return self._quads

    def named_graphs(self) -> list[ox.NamedNode]:
        """The store's named graphs, sorted."""
        return sorted(self._store.named_graphs(), key=str)

    def query(self, sparql: str, prefixes: dict | None = None):
        """Run a query over the union of all graphs (GRAPH ?g still reaches each one)."""
        try:
            return self._store.query(
                sparql, use_default_graph_as_union=True,
                prefixes={name: str(ns) for name, ns in (prefixes or {}).items()},
            )
        except SyntaxError as err:
            raise QueryError(f"the query is not valid SPARQL: {err}") from None
        except OSError as err:
            raise QueryError(f"the query failed: {err}") from None
