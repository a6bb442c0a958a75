"""The steps that `kb build` and `kb check` share: read, map, store, validate.

Each step reuses what a previous build cached (`kb.units`) where the sources did not change: the
changed articles are read, mapped and validated again, everything when the registry, the ontology,
the shapes or the tool changed; the quality queries, which look across articles, run on the whole
store. A build then writes files; a check only reports (for the articles asked about).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, URIRef

from kb import parallel_mapping
from kb.corpus import Corpus, _declared_elsewhere, article_files, load_corpus
from kb.corpus_files import listed_ids
from kb.errors import CorpusError, InputError, Problem, display_path
from kb.forked import workers
from kb.mapping import Mapped, Origin, map_registry
from kb.registry_cache import cached_registry
from kb.report import Finding, Report
from kb.store import STORE_DIR, Store, sort_quads
from kb.fingerprints import CACHE_DIR, REGISTRY_UNIT, article_digest, registry_digest
from kb.units import Unit, UnitsReader, cached_section, cached_units, make_unit
from kb.validate import compiled_checks, compiled_findings, compiled_shapes, load_compiled, ontology_quads, store_findings
from kb.vocabulary import (ARTICLES_GRAPH, DECLARED_GRAPH, KB, REGISTRY_GRAPH, article_graph_iri, article_iri,
                           claim_iri, provision_iri)
from kb.yamlio import load_yaml

PARALLEL_FROM = 100  # from this many articles to map, mapping runs in worker processes (and the store loads in two parts)
LOAD_STREAMS = 2  # bulk loads at once for a large corpus: each parses on one thread and writes on another
SMALL_STORE_UP_TO = 20  # beyond this many changed articles, the shapes run on the whole store
PARALLEL_CHECKS_FROM = 200_000  # from this many quads in the store, the checks of the whole store run in worker processes


@dataclass
class Sources:
    """The corpus as this run reads it: the articles that changed, loaded and checked, and the
    units of the previous build that are still valid."""

    corpus: Corpus
    digests: dict[str, str]  # every article taking part, by id
    registry_digest: str
    cached: dict[str, Unit]
    changed: list[str]
    previous: Path | None
    assumed: tuple[set, set] = (set(), set())
    """In a check that left articles out: the claims ((article, id)) and provisions ((agreement,
    id)) that the others are taken to declare, so that references to them are not dangling."""
    deferred: dict[str, tuple[Path, Path]] = field(default_factory=dict)
    """The changed articles' (text, annotation) files when they are read with the mapping, in
    worker processes (a full build of many articles): the corpus then holds only the registry."""
    declared: tuple[set, set] = (set(), set())
    """The claims and provisions that the cached units declare."""
    previous_units: set[str] = field(default_factory=set)
    """The keys of every unit the previous build had (in its store), still valid or not."""


def read_sources(corpus_dir: Path, previous: Path | None, focus: set[str] | None = None) -> Sources:
    """Load and check the corpus, reusing the previous build's units where nothing changed.

    With `focus` (a check of some articles), problems in other articles do not stop the run:
    those articles are left out, and only the focus articles' and the registry's problems are
    raised. Raises InputError for a missing corpus or an unknown article id (with the nearest
    ids), CorpusError listing every problem found, and UnsupportedShape for shapes the
    validator cannot check.
    """
    if not corpus_dir.is_dir():
        raise InputError(f"corpus folder not found: {display_path(corpus_dir)}")
    if previous is not None:  # the shapes as the previous build compiled them, if the tool is the same
        load_compiled(previous / CACHE_DIR)
    compiled_checks()  # shapes the validator cannot check are refused before any work
    pairs, pair_problems = listing = article_files(corpus_dir)
    if focus is not None:
        _check_known(corpus_dir, focus, listed_ids(pairs, pair_problems))
        pair_problems = [p for p in pair_problems if Path(p.file).stem in focus]
    digests = {text.stem: article_digest(text, annotation) for text, annotation in pairs}
    registry = registry_digest(corpus_dir)
    cached, previous_units = cached_units(previous, registry, digests)
    declared = (
        {(key, claim) for key, unit in cached.items() for claim in unit.claims},
        {tuple(p) for unit in cached.values() for p in unit.provisions},
    )
    changed = sorted(set(digests) - cached.keys())
    # the registry as the previous build read it, when it is the same
    known = cached_registry(previous / CACHE_DIR, registry) if REGISTRY_UNIT in cached else None
    if focus is None and not pair_problems and len(changed) > PARALLEL_FROM and workers():
        try:  # the articles are read with the mapping, in its worker processes (kb.parallel_mapping)
            corpus = load_corpus(corpus_dir, only=set(), declared=declared, registry=known, files=listing)
        except CorpusError:
            pass  # the registry has problems: everything is read here, to report them all at once
        else:
            wanted = set(changed)
            deferred = {text.stem: (text, annotation) for text, annotation in pairs if text.stem in wanted}
            return Sources(corpus, digests, registry, cached, changed, previous, deferred=deferred, declared=declared,
                           previous_units=previous_units)
    try:
        corpus = load_corpus(corpus_dir, only=set(changed), declared=declared, registry=known, files=listing)
    except CorpusError as err:
        if focus is None:
            raise CorpusError(err.problems + pair_problems) from None
        ours = [p for p in err.problems if _concerns(p, focus, corpus_dir)]
        if ours or pair_problems:
            raise CorpusError(ours + pair_problems) from None
        # only other articles have problems: check without them, taking what the focus articles
        # refer to in them as declared there (it cannot be verified while they cannot be read)
        left_out = {Path(p.file).stem for p in err.problems}
        digests = {key: value for key, value in digests.items() if key not in left_out}
        changed = [key for key in changed if key not in left_out]
        annotations = {annotation.stem: annotation for _, annotation in pairs}
        assumed = _union(_declared_elsewhere([annotations[key] for key in sorted(left_out) if key in annotations]),
                         _referenced_in([annotations[key] for key in sorted(focus) if key in annotations], left_out))
        corpus = load_corpus(corpus_dir, only=set(changed), declared=_union(declared, assumed), registry=known,
                             files=listing)
        if pair_problems:
            raise CorpusError(pair_problems)
        return Sources(corpus, digests, registry, cached, changed, previous, assumed, previous_units=previous_units)
    if pair_problems:
        raise CorpusError(pair_problems)
    return Sources(corpus, digests, registry, cached, changed, previous, previous_units=previous_units)


def _union(a: tuple[set, set], b: tuple[set, set]) -> tuple[set, set]:
    return a[0] | b[0], a[1] | b[1]


def _referenced_in(annotations: list[Path], articles: set[str]) -> tuple[set, set]:
    """The claims of `articles`, and the provisions, that these annotations refer to (read leniently)."""
    claims, provisions = set(), set()
    for path in annotations:
        try:
            data = load_yaml(path).data
        except CorpusError:
            continue
        data = data if isinstance(data, dict) else {}
        for claim in data.get("claims") or []:
            for key in ("contradicts", "denies", "supports"):
                for ref in (claim.get(key) or []) if isinstance(claim, dict) else []:
                    article, _, claim_id = str(ref).partition("#")
                    if claim_id and article in articles:
                        claims.add((article, claim_id))
        for violation in data.get("violations") or []:
            if isinstance(violation, dict) and violation.get("provision"):
                provisions.add((violation.get("agreement"), violation["provision"]))
    return claims, provisions


def _check_known(corpus_dir: Path, focus: set[str], known: set[str]) -> None:
    unknown = sorted(focus - known)
    if not unknown:
        return
    hints = []
    for name in unknown:
        close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.5)
        hints.append(f"{name} (did you mean {', '.join(close)}?)" if close else name)
    raise InputError(f"no such article in {display_path(corpus_dir)}: {'; '.join(hints)}")


def _concerns(problem: Problem, focus: set[str], corpus_dir: Path) -> bool:
    """Whether a problem is in one of the focus articles' files or in the registry."""
    return Path(problem.file).stem in focus or "registry" in Path(problem.file).parts


# --- mapping -------------------------------------------------------------------------------------


def map_units(sources: Sources, spill: Path | None = None) -> dict[str, Unit]:
    """Every unit of the knowledge base: the cached ones as they were, the others mapped now.

    With `spill` (the new cache folder, made here), each unit mapped now is written there as soon
    as it is mapped, and its quads and file chunks are read back from there when needed: memory
    then holds no unit's contents, however large the knowledge base.
    """
    cached = sources.cached
    keep = (lambda unit: unit) if spill is None else _spiller(spill)
    if REGISTRY_UNIT in cached:  # the same registry files, read by the same tool, map the same
        units = {REGISTRY_UNIT: cached[REGISTRY_UNIT]}
    else:
        registry = Mapped()
        map_registry(sources.corpus, registry)
        units = {REGISTRY_UNIT: keep(make_unit(REGISTRY_UNIT, sources.registry_digest, registry))}
    fresh = [key for key in sorted(sources.digests) if key not in cached]
    mapped: dict[str, Unit] = {}
    if sources.deferred:  # many articles: read, checked and mapped in worker processes
        mapped = parallel_mapping.read_and_map_in_parallel(sources.corpus, sources.deferred, sources.digests,
                                                           sources.declared, spill)
        sources.deferred = {}
        if mapped is None:  # some article has a problem: all are read here, which reports every one
            sources.corpus = load_corpus(sources.corpus.root, only=set(sources.changed), declared=sources.declared)
            mapped = {}
    elif len(fresh) > PARALLEL_FROM:  # many articles are mapped in worker processes (mapping is pure Python)
        mapped = parallel_mapping.map_in_parallel(sources.corpus, fresh, sources.digests, spill)
    for key in sorted(sources.digests):
        units[key] = (cached.get(key) or mapped.get(key)
                      or keep(parallel_mapping.map_unit(sources.corpus, key, sources.digests[key])))
    return units


def _spiller(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)

    def spill(unit: Unit) -> Unit:
        unit.spill(folder)
        return unit
    return spill


# --- the store -----------------------------------------------------------------------------------


def load_store(sources: Sources, units: dict[str, Unit], path: Path | None) -> Store:
    """The store of every unit, with the ontology: on disk at `path` (or in memory). An on-disk
    store is returned read-only, everything written.

    The previous build's store with the changed articles' quads replaced, when there is one:
    copying a store (a checkpoint of hard links) and replacing a few articles is much cheaper than
    loading the whole knowledge base again, and the result holds the same quads.
    """
    store = _patched_store(sources, units, path)
    if store is None:  # every unit's quads, read one unit at a time from the cache files
        ordered = [unit for _, unit in sorted(units.items())]
        # a large corpus in two loads at once, which keeps both cores busy (`Store.load`); a unit
        # is never split between them, so its blank nodes, were it to have any, stay one
        parts = LOAD_STREAMS if len(ordered) >= PARALLEL_FROM else 1
        store = Store.load(path, [UnitsReader(ordered[part::parts]) for part in range(parts)], ontology_quads())
    if any(sources.assumed):
        store.add(declared_quads(sources.assumed))
    # complete: read-only from here on, so that worker processes can open it too (`kb.forked`)
    return store.reopened_read_only() if store.path is not None else store


def declared_quads(declared: tuple[set, set]) -> list[ox.Quad]:
    """Claims and provisions declared in articles left out of a check, typed only, in a graph of their own."""
    graph, rdf_type = ox.NamedNode(str(DECLARED_GRAPH)), ox.NamedNode(str(RDF.type))
    claims, provisions = declared
    return [ox.Quad(ox.NamedNode(str(claim_iri(*key))), rdf_type, ox.NamedNode(str(KB.Claim)), graph)
            for key in sorted(claims)] + [
        ox.Quad(ox.NamedNode(str(provision_iri(*key))), rdf_type, ox.NamedNode(str(KB.Provision)), graph)
        for key in sorted(provisions, key=str) if all(isinstance(part, str) for part in key)]


def _patched_store(sources: Sources, units: dict[str, Unit], path: Path | None) -> Store | None:
    previous, cached = sources.previous, sources.cached
    if previous is None or path is None or REGISTRY_UNIT not in cached:
        return None
    source, folder = previous / STORE_DIR, previous / CACHE_DIR
    if not source.is_dir():
        return None
    removed: set[ox.Quad] = set()
    for key in sorted(sources.previous_units - cached.keys()):  # changed or gone since
        try:
            removed.update(ox.parse(cached_section(folder, key, ".nq"), format=ox.RdfFormat.N_QUADS))
        except OSError:
            return None  # what the store holds of this unit is unknown: it is loaded whole
    added = set(ox.parse(b"".join(unit.nquads for key, unit in sorted(units.items()) if key not in cached),
                         format=ox.RdfFormat.N_QUADS))
    # only the difference: an edit to one figure touches a few quads
    return Store.patched_copy(source, path, sort_quads(removed - added), sort_quads(added - removed))


# --- validation ----------------------------------------------------------------------------------


def validate(sources: Sources, units: dict[str, Unit], store: Store) -> Report:
    """Validate the units not yet validated against the shapes (their findings go on the units) and
    run the quality queries on the store: one report of every finding, each traced to its
    annotation file and line.

    The shapes run compiled to SPARQL (kb.shacl_sparql; the tests compare them with pySHACL case by
    case). Many units (a full build): on the whole store at once, together with the quality
    queries, in worker processes when the store is large. A few (a rebuild after some articles
    changed): on a small store of just those articles, with the registry records of what they
    refer to, which is quicker than the whole store. What links across articles (claims answering
    claims) is left to the quality queries.
    """
    origins = merged_origins(units)
    pending = [unit for key, unit in sorted(units.items()) if key != REGISTRY_UNIT and unit.findings is None]
    whole = units[REGISTRY_UNIT].findings is None or len(pending) > SMALL_STORE_UP_TO
    # the previous build conformed: the checks within one article need only look at those changed
    # (an article's metadata lies in the graph all articles share: only its own is looked at)
    scope = None
    if REGISTRY_UNIT in sources.cached:
        scope = [(str(graph), str(article_iri(key))) for key in sources.changed
                 for graph in (article_graph_iri(key), ARTICLES_GRAPH)]
    # in worker processes only for the whole store: for a few articles, starting them costs more
    parallel = whole and len(store) > PARALLEL_CHECKS_FROM
    shape_findings, quality = store_findings(store, origins, whole, scope, parallel=parallel)
    if whole:
        by_article: dict[str | None, list[Finding]] = {}
        for finding in shape_findings:
            by_article.setdefault(finding.article if finding.article in units else None, []).append(finding)
        for key, unit in units.items():
            unit.findings = by_article.get(None if key == REGISTRY_UNIT else key, [])
    elif pending:
        _validate_on_small_store(pending, origins, store)
    # each finding once (a dict keeps their first order)
    findings = dict.fromkeys([f for unit in units.values() for f in unit.findings or []] + quality)
    from kb.queries import quality_checks

    return Report(
        findings=list(findings),
        checked_triples=len(store) - len(ontology_quads()) - len(declared_quads(sources.assumed)),
        rules=compiled_shapes()[1] + len(quality_checks()),
    ).sorted()


def merged_origins(units: dict[str, Unit]) -> Mapping[URIRef, Origin]:
    """Every unit's origins as one mapping, merged only when a finding needs them."""
    return _MergedOrigins(units)


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


def _validate_on_small_store(pending: list[Unit], origins: Mapping[URIRef, Origin], store: Store) -> None:
    """Validate these units against the shapes on a store of their own quads and the registry's
    records of what they refer to; their findings go on the units."""
    quads = list(ox.parse(b"".join(unit.nquads for unit in pending), format=ox.RdfFormat.N_QUADS))
    referenced = {term for quad in quads for term in (quad.subject, quad.object) if isinstance(term, ox.NamedNode)}
    small = Store.in_memory(quads + _registry_records(store, referenced) + ontology_quads())
    by_article: dict[str | None, list[Finding]] = {}
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
