"""`kb validate FILE...`: RDF files checked against the shapes and the quality queries.

The files are parsed by Oxigraph into two in-memory stores: one holds their quads as they are, for
the quality queries (which look into named graphs as they do in a built store); the other holds
every triple once, in one graph, for the shapes compiled to SPARQL (`kb.shacl_sparql`). That is
the data pySHACL sees, the union of the files' graphs, so the findings are pySHACL's (the tests
compare the two), found by queries on the store's indexes instead of a walk over the data in
Python: a hundred thousand triples take seconds instead of minutes. `reference_report` is pySHACL's
own report of the same files, for the tests and the benchmarks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kb.errors import InputError, display_path
from kb.store import Store

if TYPE_CHECKING:
    from rdflib import Graph

    from kb.report import Report

FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
}
UNION_GRAPH = ox.NamedNode("urn:kb:data")
"""The graph that holds every triple of the files once, for the shapes."""
_PARALLEL_FROM = 20_000  # triples from which the checks run in worker processes (forking them costs ~0.1 s)
_CHUNK = 200_000  # quads parsed, then stored, at a time: a large file is never held whole as Python objects

Progress = Callable[[str], None]


def _format(path: Path, fmt: str | None) -> ox.RdfFormat:
    key = (fmt if fmt.startswith(".") else f".{fmt}") if fmt is not None else path.suffix.lower()
    rdf_format = FORMATS.get(key)
    if rdf_format is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{display_path(path)}: unknown RDF format {key or '(no extension)'!r}; "
                         f"use a file ending in {known}, or --rdf-format")
    return rdf_format


def parsed_chunks(path: Path, fmt: str | None = None, size: int = _CHUNK) -> Iterator[list[ox.Quad]]:
    """A user's RDF file parsed safely (no remote contexts, no external entities), in lists of at
    most `size` quads. Takes the path and a format (ttl, trig, nt, nq, jsonld; by default from
    the extension); raises InputError, naming the file (and the line), for an unknown format, a
    missing, empty or unreadable file and invalid syntax."""
    name, rdf_format = display_path(path), _format(path, fmt)
    if not path.is_file():
        raise InputError(f"{name}: no such file")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    quads = iter(ox.parse(data, format=rdf_format, base_iri=path.resolve().as_uri()))
    while True:
        try:
            chunk = list(islice(quads, size))
        except SyntaxError as err:
            where = f"{name}:{err.lineno}" if err.lineno else name
            raise InputError(f"{where}: not valid {rdf_format.name}: {err.msg}") from None
        except (OSError, ValueError) as err:
            raise InputError(f"{name}: cannot read it as {rdf_format.name}: {err}") from None
        if not chunk:
            return
        yield chunk


def read_rdf_file(path: Path, fmt: str | None = None) -> list[ox.Quad]:
    """Every quad of a user's RDF file, as `parsed_chunks` reads them; raises what it raises."""
    return [quad for chunk in parsed_chunks(path, fmt) for quad in chunk]


_AT_ONCE = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)
_HAS_BLANK = ("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER (isBlank(?s) || isBlank(?o)) }")


def _loaded_at_once(path: Path, fmt: str | None) -> tuple[Store, Store] | None:
    """The file's quads loaded by the store itself, with no Python object per quad: (its quads as
    they are, every triple once in one graph); None when that cannot give what `parsed_chunks`
    gives (JSON-LD, blank nodes, whose labels the store's loader renames, an error to report)."""
    try:
        rdf_format = _format(path, fmt)
        data = path.read_bytes() if rdf_format in _AT_ONCE and path.is_file() else b""
    except (InputError, OSError):
        return None
    if not data.strip():
        return None
    base = path.resolve().as_uri()

    def as_it_is() -> ox.Store | None:
        store = ox.Store()
        store.bulk_load(data, format=rdf_format, base_iri=base)
        return None if store.query(_HAS_BLANK) else store

    def in_one_graph() -> ox.Store:
        store = ox.Store()
        if not rdf_format.supports_datasets:
            store.bulk_load(data, format=rdf_format, base_iri=base, to_graph=UNION_GRAPH)
            return store
        store.bulk_load(data, format=rdf_format, base_iri=base)
        store.update(f"INSERT {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o }} ; "
                     f"INSERT {{ GRAPH {UNION_GRAPH} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
        for graph in list(store.named_graphs()):
            if graph != UNION_GRAPH:
                store.remove_graph(graph)
        store.clear_graph(ox.DefaultGraph())
        return store

    # both at once: Oxigraph parses and loads without holding Python's lock
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kb-load") as pool:
        loading = pool.submit(as_it_is), pool.submit(in_one_graph)
        try:
            data_store, union_store = (future.result() for future in loading)
        except (SyntaxError, OSError, ValueError):
            return None  # read again quad by quad, which says where the file is wrong
    return None if data_store is None else (Store(data_store), Store(union_store))


def validate_files(paths: list[Path], fmt: str | None = None, progress: Progress | None = None) -> Report:
    """Validate RDF files against the shapes and the quality queries; returns one report.

    Takes the files, a format for all of them (ttl, trig, nt, nq, jsonld; by default each file's
    extension) and `progress`, called with a line on each step. The shapes see the union of the
    files' graphs, as pySHACL does; the quality queries, which follow the class hierarchy, see the
    files' graphs with the ontology beside them, as in a built store. Raises InputError for a
    missing, unreadable or unparsable file (before anything is validated).
    """
    from kb.queries import quality_checks
    from kb.report import Report
    from kb.validate import compiled_shapes, load_compiled, ontology_quads, save_compiled, store_findings

    say = progress or (lambda line: None)
    loaded = _loaded_at_once(paths[0], fmt) if len(paths) == 1 else None
    if loaded is None:
        data, union = Store.in_memory(), Store.in_memory()
        for path in paths:
            read = 0
            for chunk in parsed_chunks(path, fmt):
                data.add(chunk)
                union.add(ox.Quad(quad.subject, quad.predicate, quad.object, UNION_GRAPH) for quad in chunk)
                read += len(chunk)
                say(f"read {display_path(path)}: {read} statements")
    else:
        data, union = loaded
        say(f"read {display_path(paths[0])}: {len(data._store)} statements")
    ontology = ontology_quads()
    data.add(ontology)
    union.add(ontology)
    triples = len(union) - len(ontology)
    checks, shape_rules = _shapes_through_user_cache(compiled_shapes, load_compiled, save_compiled)
    quality = quality_checks()
    # the shapes see the files' union, the quality queries their graphs: both at once, in worker
    # processes for a large file (they share the stores, in memory, with this one)
    say(f"shapes: {len(checks)} checks on {triples} triples; quality: {len(quality)} checks")
    shape_findings, quality_found = store_findings(union, {}, True, parallel=triples >= _PARALLEL_FROM,
                                                   quality_store=data, quality=quality)
    return Report(findings=shape_findings + quality_found, checked_triples=triples,
                  rules=shape_rules + len(quality)).sorted()


def user_cache() -> Path:
    """The folder where `kb validate FILE` keeps the compiled shapes between runs (there is no build
    folder to keep them in): `$XDG_CACHE_HOME/conflict-news-kb`, by default `~/.cache/conflict-news-kb`."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "conflict-news-kb"


def _shapes_through_user_cache(compiled_shapes, load_compiled, save_compiled) -> tuple[tuple, int]:
    """The compiled shapes, from the user's cache when this very tool compiled them before (kept by
    the tool's fingerprint, so a new version compiles them again); a cache that cannot be read or
    written is none."""
    folder = user_cache()
    if not load_compiled(folder):
        compiled = compiled_shapes()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            save_compiled(folder)
        except OSError:
            pass
        return compiled
    return compiled_shapes()


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    """The union graph of Oxigraph quads, as rdflib terms (for pySHACL)."""
    from rdflib import BNode, Graph, Literal, URIRef

    graph = Graph()
    nodes: dict = {}

    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return nodes.setdefault(t.value, BNode(t.value))
        if t.language:
            return Literal(t.value, lang=t.language)
        if t.datatype.value == _XSD_STRING:  # rdflib writes simple literals without a datatype
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    for quad in quads:
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def reference_report(paths: list[Path], fmt: str | None = None) -> Report:
    """pySHACL's report of the files (with the same quality queries): what `validate_files` is
    tested against, and the baseline of the benchmarks. Takes and raises what `validate_files`
    does; returns the Report."""
    from kb.validate import ontology_quads, validate

    quads = [quad for path in paths for quad in read_rdf_file(path, fmt)]
    return validate(to_rdflib(quads), Store.in_memory(quads + ontology_quads()))
