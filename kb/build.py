"""The build: load and check, map, store, validate, write files — all or nothing, and incremental.

The knowledge base is made of units: the registry, and one unit per article (its named graph and
its metadata). Each unit is mapped, serialised and validated on its own, and cached in the output
folder (`cache/`) under a digest of its source files. A rebuild re-reads, re-maps and re-validates
only the articles whose files changed — everything when the registry, the ontology, the shapes or
the tool itself changed — while the quality queries, which look across articles, always run on
the whole store. Output files are assembled from the units' chunks in a fixed order, so a rebuild
gives the same bytes as a full build.

Everything is written to a staging folder beside the output folder and swapped into place only
when the whole build succeeded: a failed or interrupted build leaves the previous output as it was.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import time
from collections.abc import Callable, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, URIRef
from rdflib.namespace import SH

from kb.corpus import REGISTRY_DIR, Corpus, article_files, load_corpus
from kb.errors import CorpusError, InputError, ValidationFailed, display_path, processing
from kb.outputs import protected_folders, replacing_folder
from kb.mapping import Mapped, Origin, map_article, map_registry
from kb.report import Finding, Report
from kb.resources import data_dir, ontology_file, shapes_files
from kb.store import STORE_DIR, Store, sort_quads
from kb.vocabulary import (ARTICLES_GRAPH, DECLARED_GRAPH, KB, PREFIXES, REGISTRY_GRAPH, article_graph_iri,
                           article_iri, claim_iri, provision_iri)
from kb.validate import compiled_checks, compiled_findings, ontology_quads, quality_findings, shapes_graph

TRIG_FILE, TTL_FILE, REPORT_JSON, REPORT_TTL, SUMMARY_FILE, CACHE_DIR = (
    "kb.trig", "kb.ttl", "validation.json", "validation.ttl", "summary.json", "cache",
)
REGISTRY_UNIT = "_registry"  # cannot clash with an article id, which starts with a letter or digit
PARALLEL_FROM = 100  # from this many articles to map, mapping runs in worker processes
SMALL_STORE_UP_TO = 20  # beyond this many changed articles, the shapes run on the whole store

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
    out: Path
    articles: int
    triples: int
    counts: dict[str, int]
    report: Report
    files: list[Path]
    timings: dict[str, float] = field(default_factory=dict)
    rebuilt: list[str] = field(default_factory=list)
    """The articles that were read, mapped and validated again (the others came from the cache)."""


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
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


# --- units ---------------------------------------------------------------------------------------


@dataclass
class Unit:
    """The registry, or one article: its quads, its file chunks, and what validation said of it.

    A unit taken from the previous build's cache leaves its quads, chunks and origins in their files
    (`cached_in`) until something asks for them: a rebuild needs only the changed units' contents,
    and links the others' files into the new cache.
    """

    key: str
    digest: str
    # where its nodes come from: rows ([iri, file, line, article]) until asked for as a mapping,
    # None while they are still in the cache file
    origins: dict[URIRef, Origin] | list | None
    claims: list[str] = field(default_factory=list)
    provisions: list[tuple[str, str]] = field(default_factory=list)
    findings: list[Finding] | None = None  # None until validated
    cached_in: Path | None = None  # the previous build's cache folder, when the unit comes from it
    contents: dict[str, bytes] = field(default_factory=dict)  # by file suffix: .nq, .trig, .ttl

    def origin_map(self) -> dict[URIRef, Origin]:
        """Where each of its nodes comes from (file and line)."""
        if self.origins is None:
            self.origins = self._cached_origins()
        if isinstance(self.origins, list):
            self.origins = {URIRef(iri): Origin(file, line, article) for iri, file, line, article in self.origins}
        return self.origins

    def _cached_origins(self) -> list:
        try:
            return json.loads(self._cache_file(".json").read_text(encoding="utf-8"))["origins"]
        except (OSError, ValueError, KeyError, TypeError):
            return []  # a damaged cache file: findings on these nodes are shown without their line

    def _cache_file(self, suffix: str) -> Path:
        return self.cached_in / f"{self.key}{suffix}"

    def content(self, suffix: str) -> bytes:
        if suffix not in self.contents:
            return self._cache_file(suffix).read_bytes()
        return self.contents[suffix]

    @property
    def nquads(self) -> bytes:
        return self.content(".nq")

    def write_content(self, suffix: str, handle) -> None:
        """Append one of its chunks to an open file, straight from the cache file when it is there."""
        if suffix in self.contents:
            handle.write(self.contents[suffix])
            return
        with self._cache_file(suffix).open("rb") as source:
            shutil.copyfileobj(source, handle, 1 << 20)

    def index_entry(self) -> dict:
        """What the cache index keeps of it: read for every unit by every rebuild, so kept small."""
        return {
            "digest": self.digest,
            "claims": self.claims,
            "provisions": [list(p) for p in self.provisions],
            "findings": [f.model_dump(mode="json") for f in self.findings or []],
        }

    def save(self, folder: Path) -> None:
        """Write its files into the cache `folder` (linking them from the previous cache if it can)."""
        if self.cached_in is not None and _link_all(self.cached_in, folder, self.key):
            return
        for suffix in (".nq", ".trig", ".ttl"):
            (folder / f"{self.key}{suffix}").write_bytes(self.content(suffix))
        if self.origins is None:
            self.origins = self._cached_origins()
        rows = self.origins if isinstance(self.origins, list) else _origin_rows(self.origins)
        (folder / f"{self.key}.json").write_text(json.dumps({"origins": rows}, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path, key: str, entry: dict) -> Unit:
        """A cached unit, from its entry in the cache index (its files are read when asked for)."""
        return cls(
            key, entry["digest"], None,
            entry["claims"], [tuple(p) for p in entry["provisions"]],
            [Finding.model_validate(f) for f in entry["findings"]], folder,
        )


_UNIT_FILES = (".nq", ".trig", ".ttl", ".json")
INDEX_FILE = "index.json"  # in the cache folder: every unit's digest, declarations and findings


def _link_all(source: Path, target: Path, key: str) -> bool:
    """Hard-link a cached unit's files into the new cache (they are never modified in place)."""
    # plain strings: thousands of units, and pathlib's objects cost more than the links themselves
    old, new = os.path.join(source, key), os.path.join(target, key)
    try:
        for suffix in _UNIT_FILES:
            os.link(old + suffix, new + suffix)
        return True
    except OSError:
        for suffix in _UNIT_FILES:
            with suppress(FileNotFoundError):
                os.unlink(new + suffix)
        return False


_SERIAL_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


@lru_cache(maxsize=2)
def _header(rdf_format: ox.RdfFormat) -> bytes:
    """The prefix lines that open every file of this format (each chunk is written without them)."""
    probe = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"))
    data = ox.serialize([probe if rdf_format == ox.RdfFormat.TRIG else probe.triple], format=rdf_format,
                        prefixes=_SERIAL_PREFIXES)
    lines = data.splitlines(keepends=True)
    return b"".join(line for line in lines if line.startswith(b"@prefix "))


def _chunk(items: list, rdf_format: ox.RdfFormat) -> bytes:
    if not items:
        return b""
    data = ox.serialize(items, format=rdf_format, prefixes=_SERIAL_PREFIXES)
    header = _header(rdf_format)
    assert data.startswith(header), "the serialiser changed how it writes prefixes"
    return data[len(header):]


def _make_unit(key: str, digest: str, mapped: Mapped, claims=(), provisions=()) -> Unit:
    quads = mapped.ox_quads()
    triples = sorted({quad.triple for quad in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    contents = {
        ".nq": ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b"",
        ".trig": _chunk(quads, ox.RdfFormat.TRIG),
        ".ttl": _chunk(triples, ox.RdfFormat.TURTLE),
    }
    return Unit(key, digest, dict(mapped.origins), list(claims), list(provisions), None, None, contents)


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """What else the output depends on: this package's code, the ontology, shapes and checks."""
    package = Path(__file__).resolve().parent
    sources = sorted(package.glob("*.py")) + [ontology_file()] + shapes_files()
    sources += sorted((data_dir("queries") / "quality").glob("*.rq"))
    from importlib.metadata import version  # the libraries' versions matter too

    versions = " ".join(version(name) for name in ("pyoxigraph", "pyshacl", "rdflib", "pydantic")).encode()
    return _digest(versions, *(path.read_bytes() for path in sources))


def _registry_digest(corpus_dir: Path) -> str:
    files = sorted((corpus_dir / REGISTRY_DIR).glob("*.yaml"))
    return _digest(*(part for path in files for part in (path.name.encode(), path.read_bytes())))


# --- the build -----------------------------------------------------------------------------------


@dataclass
class Assembled:
    """Everything a build makes, before it is written: units, the store, the report."""

    corpus: Corpus
    units: dict[str, Unit]
    store: Store
    report: Report
    rebuilt: list[str]


def assemble(corpus_dir: Path, store_path: Path | None, previous: Path | None, timer: _Timer,
             only: set[str] | None = None) -> Assembled:
    """Load, map, store and validate, reusing the units of a previous build where nothing changed.

    With `only`, just those articles (and the registry) are assembled, as `kb check` does.
    """
    with timer.step("load and check"):
        if not corpus_dir.is_dir():
            raise InputError(f"corpus folder not found: {display_path(corpus_dir)}")
        # shapes the validator cannot check are refused before any work, cached findings or not
        compiled_checks()
        if only is not None:
            corpus = load_corpus(corpus_dir, only=only)
            pairs = [(a.text_path, a.source.path) for a in corpus.articles.values()]
            pair_problems = []
        else:
            pairs, pair_problems = article_files(corpus_dir)
        digests = {text.stem: _digest(text.read_bytes(), annotation.read_bytes()) for text, annotation in pairs}
        registry_digest = _digest(tool_fingerprint().encode(), _registry_digest(corpus_dir).encode())
        cached = _cached_units(previous, registry_digest, digests)
        changed = sorted(set(digests) - cached.keys())
        declared = (
            {(key, claim) for key, unit in cached.items() for claim in unit.claims},
            {tuple(p) for unit in cached.values() for p in unit.provisions},
        )
        if only is None:
            try:
                corpus = load_corpus(corpus_dir, only=set(changed), declared=declared)
            except CorpusError as err:
                raise CorpusError(err.problems + pair_problems) from None
            if pair_problems:
                raise CorpusError(pair_problems)
    with timer.step("map"):
        if REGISTRY_UNIT in cached:  # the same registry files, read by the same tool, map the same
            units = {REGISTRY_UNIT: cached[REGISTRY_UNIT]}
        else:
            registry = Mapped()
            map_registry(corpus, registry)
            units = {REGISTRY_UNIT: _make_unit(REGISTRY_UNIT, registry_digest, registry)}
        fresh = [key for key in sorted(digests) if key not in cached]
        # many articles are mapped in worker processes (mapping is pure Python)
        mapped_units = _map_in_parallel(corpus, fresh, digests) if len(fresh) > PARALLEL_FROM else {}
        for key in sorted(digests):
            units[key] = cached.get(key) or mapped_units.get(key) or _map_unit(corpus, key, digests[key])
    with timer.step("store"):
        extra = ontology_quads()
        if only is not None:  # what the chosen articles refer to in the others is taken as declared
            extra += _declared_quads(corpus.elsewhere)
        store = _patched_store(previous, store_path, cached, units) if only is None else None
        if store is None:
            data = b"".join(unit.nquads for _, unit in sorted(units.items()))
            store = Store.load(store_path, data, extra)
    try:
        return _validate(corpus, units, store, cached, changed, only, extra, timer)
    except BaseException:
        store.close()  # the traceback would otherwise keep the database open
        raise


def _validate(corpus, units, store, cached, changed, only, extra, timer) -> Assembled:
    origins = _MergedOrigins(units)
    with timer.step("validate shapes"):
        # a check holds just the articles it checks: the compiled shapes on its small store are quickest
        _validate_units(units, origins, store, compiled=only is not None)
    with timer.step("validate quality"):
        findings = {f.model_dump_json(): f for unit in units.values() for f in unit.findings or []}
        # the previous build conformed: the checks within one article need only look at those rebuilt
        # (an article's metadata lies in the graph all articles share: only its own is looked at)
        scope = None
        if only is None and REGISTRY_UNIT in cached:
            scope = [(str(graph), str(article_iri(key))) for key in changed
                     for graph in (article_graph_iri(key), ARTICLES_GRAPH)]
        findings.update({f.model_dump_json(): f for f in quality_findings(store, origins, scope=scope)})
        rules = len(set(shapes_graph().subjects(RDF.type, SH.PropertyShape)))
        from kb.queries import quality_checks

        report = Report(
            findings=list(findings.values()),
            checked_triples=len(store) - len(extra),
            rules=rules + len(quality_checks()),
        ).sorted()
    return Assembled(corpus, units, store, report, changed)


class _MergedOrigins(Mapping):
    """Every unit's origins as one mapping, merged only if a finding needs tracing to its source."""

    def __init__(self, units: dict[str, Unit]):
        self._units = units

    @cached_property
    def _merged(self) -> dict[URIRef, Origin]:
        merged: dict[URIRef, Origin] = {}
        for unit in self._units.values():
            merged.update(unit.origin_map())
        return merged

    def __getitem__(self, iri: URIRef) -> Origin:
        return self._merged[iri]

    def __iter__(self):
        return iter(self._merged)

    def __len__(self) -> int:
        return len(self._merged)


def _patched_store(previous: Path | None, store_path: Path | None, cached: dict[str, Unit],
                   units: dict[str, Unit]) -> Store | None:
    """The previous build's store with the changed articles' quads replaced, when that is possible.

    Copying the store (a checkpoint of hard links) and replacing a few articles is much cheaper
    than loading the whole knowledge base again; the result holds the same quads.
    """
    if previous is None or store_path is None or REGISTRY_UNIT not in cached:
        return None
    source, folder = previous / STORE_DIR, previous / CACHE_DIR
    if not source.is_dir():
        return None
    stale = sorted({p.stem for p in folder.glob("*.nq")} - cached.keys())
    removed: set[ox.Quad] = set()
    for key in stale:
        removed.update(ox.parse((folder / f"{key}.nq").read_bytes(), format=ox.RdfFormat.N_QUADS))
    added = set(ox.parse(b"".join(unit.nquads for key, unit in sorted(units.items()) if key not in cached),
                         format=ox.RdfFormat.N_QUADS))
    # only the difference: an edit to one figure touches a few quads
    return Store.patched_copy(source, store_path, sort_quads(removed - added), sort_quads(added - removed))


def _declared_quads(elsewhere: tuple[set, set]) -> list[ox.Quad]:
    graph, rdf_type = ox.NamedNode(str(DECLARED_GRAPH)), ox.NamedNode(str(RDF.type))
    claims, provisions = elsewhere
    return [ox.Quad(ox.NamedNode(str(claim_iri(*key))), rdf_type, ox.NamedNode(str(KB.Claim)), graph) for key in sorted(claims)] + [
        ox.Quad(ox.NamedNode(str(provision_iri(*key))), rdf_type, ox.NamedNode(str(KB.Provision)), graph)
        for key in sorted(provisions, key=str)
    ]


def _origin_rows(origins: dict[URIRef, Origin]) -> list[list]:
    return sorted([str(iri), o.file, o.line, o.article] for iri, o in origins.items())


def _map_unit(corpus: Corpus, key: str, digest: str) -> Unit:
    article = corpus.articles[key]
    with processing(article.source.path):
        mapped = Mapped()
        map_article(article, mapped)
    return _make_unit(
        key, digest, mapped,
        [claim.id for claim in article.annotation.claims],
        [(a.agreement, p.id) for a in article.annotation.agreements for p in a.provisions],
    )


_FORKED: tuple[Corpus, dict[str, str]] | None = None  # what forked mapping workers read (set before the fork)


def _ignore_interrupts() -> None:
    """In a mapping worker: Ctrl-C is the parent's to handle (it stops the pool and reports once),
    and the pool stops its workers with SIGTERM, which must end them quietly, whatever handler
    the parent process had installed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _map_chunk(keys: list[str]) -> list[Unit]:
    corpus, digests = _FORKED
    units = [_map_unit(corpus, key, digests[key]) for key in keys]
    for unit in units:  # rows of strings travel back to the parent faster than rdflib terms
        unit.origins = _origin_rows(unit.origins)
    return units


def _map_in_parallel(corpus: Corpus, keys: list[str], digests: dict[str, str]) -> dict[str, Unit]:
    """Map articles in forked worker processes, one per core; {} where that is not possible.

    Mapping is pure Python, so threads would not help. A worker's failure (a mapping error) is
    left for the serial mapping that follows to report, with its file, as usual.
    """
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {}
    global _FORKED
    _FORKED = (corpus, digests)
    chunks = [keys[start:start + 50] for start in range(0, len(keys), 50)]
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=_ignore_interrupts) as pool:
            return {unit.key: unit for chunk in pool.imap(_map_chunk, chunks) for unit in chunk}
    except Exception:  # noqa: BLE001 - the serial mapping reports the error properly
        return {}
    finally:
        _FORKED = None


def _cached_units(previous: Path | None, registry_digest: str, digests: dict[str, str]) -> dict[str, Unit]:
    """The previous build's units that are still valid: none if the registry or the tool changed."""
    folder = previous / CACHE_DIR if previous else None
    if folder is None or not (folder / INDEX_FILE).is_file():
        return {}
    try:
        entries = json.loads((folder / INDEX_FILE).read_text(encoding="utf-8"))["units"]
        files = set(os.listdir(folder))
        registry = entries.get(REGISTRY_UNIT)
        if registry is None or registry["digest"] != registry_digest or not _has_files(files, REGISTRY_UNIT):
            return {}
        units = {REGISTRY_UNIT: Unit.load(folder, REGISTRY_UNIT, registry)}
        for key, digest in digests.items():
            entry = entries.get(key)
            if entry is not None and entry["digest"] == digest and _has_files(files, key):
                units[key] = Unit.load(folder, key, entry)
        return units
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # a damaged cache is no cache


def _has_files(files: set[str], key: str) -> bool:
    return all(key + suffix in files for suffix in _UNIT_FILES)


def _validate_units(units: dict[str, Unit], origins: dict[URIRef, Origin], store: Store, compiled: bool = False) -> None:
    """Validate every unit not yet validated against the shapes, each article as its own account.

    The shapes run compiled to SPARQL (kb.shacl_sparql; the tests compare them with pySHACL case by
    case). Many units (a full build): on the whole store at once. A few (a rebuild after some
    articles changed): on a small store of just those articles, with the registry records of what
    they refer to, which is quicker than the whole store. What links across articles (claims
    answering claims) is left to the quality queries.
    """
    registry = units[REGISTRY_UNIT]
    pending = [unit for key, unit in sorted(units.items()) if key != REGISTRY_UNIT and unit.findings is None]
    if compiled or registry.findings is None or len(pending) > SMALL_STORE_UP_TO:
        by_article: dict[str | None, list[Finding]] = {}
        for finding in compiled_findings(store, origins):
            by_article.setdefault(finding.article if finding.article in units else None, []).append(finding)
        for key, unit in units.items():
            unit.findings = by_article.get(None if key == REGISTRY_UNIT else key, [])
        return
    if not pending:
        return
    quads = list(ox.parse(b"".join(unit.nquads for unit in pending), format=ox.RdfFormat.N_QUADS))
    referenced = {term for quad in quads for term in (quad.subject, quad.object) if isinstance(term, ox.NamedNode)}
    small = Store.in_memory(quads + _registry_records(store, referenced) + ontology_quads())
    by_article = {}
    # findings are traced to their article in the whole store, as a full build traces them
    for finding in compiled_findings(small, origins, trace=store):
        by_article.setdefault(finding.article, []).append(finding)
    for unit in pending:
        unit.findings = by_article.pop(unit.key, [])
    # findings about registry entries, seen through these articles, stay with the first of them
    pending[0].findings += [f for findings in by_article.values() for f in findings]


def _registry_records(store: Store, nodes: set[ox.NamedNode]) -> list[ox.Quad]:
    """The registry's statements about these nodes, read from the store."""
    if not nodes:
        return []
    values = " ".join(str(node) for node in sorted(nodes, key=lambda node: node.value))
    graph = ox.NamedNode(str(REGISTRY_GRAPH))
    return [ox.Quad(triple.subject, triple.predicate, triple.object, graph) for triple in store.query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} GRAPH {graph} {{ ?s ?p ?o }} }}")]


def check_articles(corpus_dir: Path, articles: list[str] | None = None) -> Report:
    """What a build would report, in memory, writing nothing; limited to `articles` if given.

    Claims and provisions that the chosen articles take from other articles are typed as
    declared there, so a reference to them is not mistaken for a dangling one.
    """
    only = set(articles) if articles else None
    assembled = assemble(corpus_dir, None, None, _Timer(None), only)
    report = assembled.report
    if only:
        report = report.model_copy(update={"findings": [f for f in report.findings if f.article in only]})
    return report


def count_facts(store: Store) -> dict[str, int]:
    counts = {}
    for label, pattern in COUNTED.items():
        solutions = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}", prefixes=PREFIXES)
        counts[label] = int(next(iter(solutions))["n"].value)
    return counts


def build(corpus_dir: Path, out: Path, progress: Progress | None = None, full: bool = False) -> BuildResult:
    """Build the knowledge base from a corpus into `out`; raises CorpusError or ValidationFailed.

    Unless `full`, the units cached by the previous build in `out` are reused where their
    sources did not change. The output folder is replaced only as `kb.outputs` allows (an empty
    folder, or one this command made), and only once the whole build succeeded; OutputRefused
    and OutputBusy say why not.
    """
    timer = _Timer(progress)
    out = out.resolve()
    with replacing_folder(out, "kb build", protected_folders(corpus_dir.resolve())) as staging:
        assembled = assemble(corpus_dir, staging / STORE_DIR, None if full else out, timer)
        try:
            if not assembled.report.conforms:
                raise ValidationFailed(assembled.report)
            with timer.step("write files"):
                summary = _write(assembled, staging)
        finally:
            assembled.store.close()  # the database's folder is about to move, or to be removed
    files = [out / name for name in (TRIG_FILE, TTL_FILE, REPORT_JSON, REPORT_TTL, SUMMARY_FILE, STORE_DIR)]
    return BuildResult(out, summary["articles"], summary["triples"], summary["counts"], assembled.report, files,
                       timer.timings, assembled.rebuilt)


def _write(assembled: Assembled, staging: Path) -> dict:
    units = [unit for _, unit in sorted(assembled.units.items())]
    counts = count_facts(assembled.store)
    triples = assembled.report.checked_triples
    assembled.store.close()  # the database is complete; its folder is about to move
    _write_joined(staging / TRIG_FILE, _header(ox.RdfFormat.TRIG), units, ".trig")
    _write_joined(staging / TTL_FILE, _header(ox.RdfFormat.TURTLE), units, ".ttl")
    (staging / REPORT_JSON).write_text(assembled.report.to_json(), encoding="utf-8")
    (staging / REPORT_TTL).write_text(assembled.report.to_turtle(), encoding="utf-8")
    summary = {
        "articles": len(units) - 1,
        "triples": triples,
        "counts": counts,
        "validation": assembled.report.summary(),
    }
    (staging / SUMMARY_FILE).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    cache = staging / CACHE_DIR
    cache.mkdir()
    for unit in units:
        unit.save(cache)
    index = {"units": {unit.key: unit.index_entry() for unit in units}}
    (cache / INDEX_FILE).write_text(json.dumps(index, sort_keys=True), encoding="utf-8")
    return summary


def _write_joined(path: Path, header: bytes, units: list[Unit], suffix: str) -> None:
    with path.open("wb") as handle:
        handle.write(header)
        for unit in units:
            unit.write_content(suffix, handle)


__all__ = ["BuildResult", "assemble", "build", "check_articles"]
