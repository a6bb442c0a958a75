"""`kb build` and `kb check`: the same steps (`kb.steps`), then files written, or a report only.

A build reads the corpus, maps it, loads the store and validates it, reusing what the previous
build in the same folder cached (`kb.units`), and writes every file into a staging folder that is
swapped into place only when the whole build succeeded (`kb.outputs`): a failed or interrupted
build leaves the previous output as it was. A check runs the same steps on a scratch store that it
removes afterwards, and reports what a build would report, for the articles asked about.
"""

from __future__ import annotations

import gc
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kb import steps
from kb.errors import ValidationFailed
from kb.file_writer import FileWriter
from kb.outputs import Marker, protected_folders, replacing_folder
from kb.registry_cache import save_registry
from kb.report import REPORT_JSON, Report
from kb.store import STORE_DIR, Store
from kb.fingerprints import CACHE_DIR
from kb.units import Unit, save_cache
from kb.validate import save_compiled
from kb.vocabulary import ONTOLOGY, PREFIXES, REGISTRY_GRAPH

TRIG_FILE, TTL_FILE, REPORT_TTL, SUMMARY_FILE = "kb.trig", "kb.ttl", "validation.ttl", "summary.json"

Progress = Callable[[str], None]

# what the summary counts, as (label, SPARQL pattern binding ?x)
COUNTED = {
    "entities": f"GRAPH <{REGISTRY_GRAPH}> {{ ?x a ?type }}",
    "events reported": "?x a/rdfs:subClassOf* kb:Event ; kb:evidence ?e",
    "outcomes": "?x a kb:Outcome",
    "claims": "?x a kb:Claim",
    "agreements described": "?x a kb:Agreement ; kb:evidence ?e",
    "provisions": "?x a kb:Provision",
    "alleged violations": "?x a kb:AllegedViolation",
    "roles": "?x a kb:RoleAssignment",
    "relations": "?x a rdf:Statement",
    "mentions": "?x a kb:Mention",
    "evidence quotes": "?x a kb:Evidence",
}


@dataclass
class BuildResult:
    """What a build made: where, how much of each kind, its report and files, and how long each step took."""

    out: Path
    articles: int
    triples: int
    """Statements: the triples of every graph, a triple stated in several graphs counted in each."""
    counts: dict[str, int]
    report: Report
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    rebuilt: list[str] = field(default_factory=list)
    """The articles that were read, mapped and validated again (the others came from the cache)."""
    graphs: int = 0
    """The named graphs holding the statements (the ontology's, kept in the store too, is not one)."""
    distinct_triples: int = 0
    """The triples of `kb.ttl`: each once, however many graphs state it."""


class _Timer:
    def __init__(self, progress: Progress | None):
        self.timings: dict[str, float] = {}
        self.progress = progress

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        if self.progress:
            self.progress(name)
        start = time.perf_counter()
        yield
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a build or a check runs, then resumed.

    A build holds millions of long-lived objects (the parsed annotations and their YAML nodes, the
    mapped terms, the cache index) and makes next to no reference cycles, which are all the
    collector frees. Each of its full passes walks every live object: at a million triples they
    took more than half of the time spent reading the corpus and three quarters of the mapping.
    Reference counting frees everything else as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _Assembled:
    sources: steps.Sources
    units: dict[str, Unit]
    store: Store
    report: Report
    counts: Future | None = None  # the summary's counts, when they were started with the validation

    def close(self) -> None:
        """Close the store, once the counting thread is done with it."""
        if self.counts is not None:
            self.counts.exception()  # waits, and raises nothing: `_write` reports what failed
        self.store.close()


def _assemble(corpus_dir: Path, store_path: Path | None, previous: Path | None, timer: _Timer,
              focus: set[str] | None = None, spill: Path | None = None,
              mapped: Callable[[dict[str, Unit]], None] | None = None, count: bool = False) -> _Assembled:
    """The four steps, timed; the store is closed again if a step fails. Units mapped now are
    written into `spill` (the new cache folder) as they are mapped, when it is given; `mapped` is
    called with every unit once the mapping is done. With `count`, the summary's counts are
    queried in a thread while the store is validated (Oxigraph runs a query without holding
    Python's lock, so the two share the processors)."""
    with timer.step("load and check"):
        sources = steps.read_sources(corpus_dir, previous, focus)
    with timer.step("map"):
        units = steps.map_units(sources, spill)
        sources.corpus.articles.clear()  # mapped: the rest of the run reads the units, not the articles
    if mapped is not None:
        mapped(units)
    with timer.step("store"):
        store = steps.load_store(sources, units, store_path)
    counts = None
    try:
        if count:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kb-counts")
            counts = pool.submit(count_facts, store)
            pool.shutdown(wait=False)  # the thread ends with the counts
        with timer.step("validate"):
            report = steps.validate(sources, units, store)
    except BaseException:
        if counts is not None:
            counts.cancel() or counts.exception()  # done with the database before it closes
        store.close()  # the traceback would otherwise keep the database open
        raise
    return _Assembled(sources, units, store, report, counts)


def build(corpus_dir: Path, out: Path, progress: Progress | None = None, full: bool = False) -> BuildResult:
    """Build the knowledge base from a corpus into `out`; returns what it built.

    Unless `full`, the units cached by the previous build in `out` are reused where their
    sources did not change. The output folder is replaced only as `kb.outputs` allows (an empty
    folder, or one this command made), and only once the whole build succeeded. Raises
    CorpusError, ValidationFailed (the data does not conform), OutputRefused or OutputBusy.
    """
    timer = _Timer(progress)
    out = out.resolve()
    writers: list[FileWriter] = []

    def write_joined_files(units: dict[str, Unit]) -> None:  # while the store loads and is validated
        ordered = [unit for _, unit in sorted(units.items())]
        for unit in ordered:  # the unchanged units' files, linked into the new cache for the writer
            unit.adopt(staging / CACHE_DIR)
        writers.append(FileWriter(ordered, staging / TRIG_FILE, staging / TTL_FILE, staging / CACHE_DIR).start())

    with collector_paused(), replacing_folder(out, "kb build", protected_folders(corpus_dir.resolve())) as staging:
        try:
            assembled = _assemble(corpus_dir, staging / STORE_DIR, None if full else out, timer,
                                  spill=staging / CACHE_DIR, mapped=write_joined_files, count=True)
            try:
                if not assembled.report.conforms:
                    raise ValidationFailed(assembled.report)
                with timer.step("write files"):
                    summary = _write(assembled, staging, writers[0])
            finally:
                assembled.close()  # the database's folder is about to move, or to be removed
        except BaseException:
            for writer in writers:
                writer.cancel()  # its files go with the staging folder
            raise
    files = [out / name for name in (TRIG_FILE, TTL_FILE, REPORT_JSON, REPORT_TTL, SUMMARY_FILE, STORE_DIR)]
    return BuildResult(out, summary["articles"], summary["triples"], summary["counts"], assembled.report, files,
                       timer.timings, assembled.sources.changed, summary["graphs"], summary["distinct_triples"])


def check_articles(corpus_dir: Path, articles: list[str] | None = None, build_dir: Path | None = None) -> Report:
    """What `build` would report, writing nothing; for `articles` only, if given.

    The previous build in `build_dir` (when it is one) serves as the cache, as for a rebuild, so
    a check of one article takes the time of a one-article rebuild and sees the other articles
    as the build does. With `articles`, the report holds their findings and those of no article
    (the registry's). Raises what `build` raises, except for the output folder.
    """
    focus = set(articles) if articles else None
    previous = build_dir if build_dir is not None and _is_build(build_dir) else None
    with collector_paused(), tempfile.TemporaryDirectory(prefix="kb-check-") as scratch:
        assembled = _assemble(corpus_dir, Path(scratch) / STORE_DIR, previous, _Timer(None), focus)
        assembled.store.close()
    report = assembled.report
    if focus:
        report = report.about(focus)
    return report


def _is_build(folder: Path) -> bool:
    marker = Marker.read(folder)
    return marker is not None and marker.made_by == "kb build"


def count_facts(store: Store) -> dict[str, int]:
    """How many of each kind of fact the store holds (the summary's counts)."""
    counts = {}
    for label, pattern in COUNTED.items():
        solutions = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}", prefixes=PREFIXES)
        counts[label] = int(next(iter(solutions))["n"].value)
    return counts


def _write(assembled: _Assembled, staging: Path, writer: FileWriter) -> dict:
    units = [unit for _, unit in sorted(assembled.units.items())]
    counts = assembled.counts.result() if assembled.counts is not None else count_facts(assembled.store)
    triples = assembled.report.checked_triples
    graphs = sum(graph.value != str(ONTOLOGY) for graph in assembled.store.named_graphs())
    assembled.store.close()  # the database is complete; its folder is about to move
    distinct = writer.finish()
    (staging / REPORT_JSON).write_text(assembled.report.to_json(), encoding="utf-8")
    (staging / REPORT_TTL).write_text(assembled.report.to_turtle(), encoding="utf-8")
    summary = {
        "articles": len(units) - 1,
        "triples": triples,
        "graphs": graphs,
        "distinct_triples": distinct,
        "counts": counts,
        "validation": assembled.report.summary(),
    }
    (staging / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    save_cache(units, staging / CACHE_DIR)
    corpus = assembled.sources.corpus
    save_registry(staging / CACHE_DIR, assembled.sources.registry_digest, (corpus.entities, corpus.entity_origin))
    save_compiled(staging / CACHE_DIR)
    return summary


__all__ = ["BuildResult", "build", "check_articles", "count_facts"]
