"""The build: load and check, map, validate, store, write files — all or nothing.

Everything is written to a staging folder beside the output folder, and swapped into place only
when the whole build succeeded, so a failed or interrupted build leaves the previous output as it
was.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kb.corpus import Corpus, load_corpus
from kb.errors import InputError, ValidationFailed, display_path
from kb.export import Format, serialize
from kb.mapping import PREFIXES, Mapped, map_corpus
from kb.report import Report
from kb.store import STORE_DIR, Store, dataset_quads
from kb.validate import ontology_quads, validate

TRIG_FILE, TTL_FILE, REPORT_JSON, REPORT_TTL, SUMMARY_FILE = (
    "kb.trig", "kb.ttl", "validation.json", "validation.ttl", "summary.json",
)

Progress = Callable[[str], None]

# what the summary counts, as (label, SPARQL pattern binding ?x)
COUNTED = {
    "entities": "GRAPH <https://w3id.org/conflict-news-kb/id/graph/registry> { ?x a ?type }",
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
    out: Path
    articles: int
    triples: int
    counts: dict[str, int]
    report: Report
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)


class _Timer:
    def __init__(self, progress: Progress | None):
        self.timings: dict[str, float] = {}
        self.progress = progress

    @contextmanager
    def step(self, name: str):
        if self.progress:
            self.progress(name)
        start = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - start


def count_facts(store: Store) -> dict[str, int]:
    counts = {}
    for label, pattern in COUNTED.items():
        solutions = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}", prefixes=PREFIXES)
        counts[label] = int(next(iter(solutions))["n"].value)
    return counts


def build(corpus_dir: Path, out: Path, progress: Progress | None = None) -> BuildResult:
    """Build the knowledge base from a corpus into `out`; raises CorpusError or ValidationFailed."""
    timer = _Timer(progress)
    with timer.step("load and check"):
        corpus = load_corpus(corpus_dir)
    with timer.step("map"):
        mapped = map_corpus(corpus)
        quads = dataset_quads(mapped.dataset)
    return _finish(corpus, mapped, quads, out, timer)


def _finish(corpus: Corpus, mapped: Mapped, quads, out: Path, timer: _Timer) -> BuildResult:
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise InputError(f"the output {display_path(out)} exists and is not a folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with timer.step("store"):
            store = Store.create(staging / STORE_DIR, quads + ontology_quads())
        with timer.step("validate"):
            union = Graph()
            for s, p, o, _ in mapped.dataset.quads((None, None, None, None)):
                union.add((s, p, o))
            report = validate(union, store, mapped.origins)
        if not report.conforms:
            raise ValidationFailed(report)
        with timer.step("write files"):
            counts = count_facts(store)
            del store  # close the database before its folder moves
            serialize(quads, Format.trig, staging / TRIG_FILE)
            serialize(quads, Format.ttl, staging / TTL_FILE)
            (staging / REPORT_JSON).write_text(report.to_json(), encoding="utf-8")
            (staging / REPORT_TTL).write_text(report.to_turtle(), encoding="utf-8")
            summary = {
                "articles": len(corpus.articles),
                "triples": len({quad.triple for quad in quads}),
                "quads": len(quads),
                "counts": counts,
                "validation": report.summary(),
            }
            (staging / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        _swap_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    files = [out / name for name in (TRIG_FILE, TTL_FILE, REPORT_JSON, REPORT_TTL, SUMMARY_FILE, STORE_DIR)]
    return BuildResult(out, summary["articles"], summary["triples"], counts, report, files, timer.timings)


def _swap_into_place(staging: Path, out: Path) -> None:
    """Replace `out` by `staging` with two renames; the old output is restored if the second fails."""
    previous = out.parent / f".{out.name}.previous-{os.getpid()}"
    if out.exists():
        out.rename(previous)
    try:
        staging.rename(out)
    except BaseException:
        if previous.exists() and not out.exists():
            previous.rename(out)
        raise
    shutil.rmtree(previous, ignore_errors=True)
