"""Validation: SHACL core shapes with pySHACL, then quality queries on the SPARQL store.

Both produce `Finding`s in one `Report`; each finding is traced back to the annotation file and
line (or registry entry) its focus node was mapped from, when the data came from the corpus.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from kb.check_groups import CHECK_VARIABLE, grouped
from kb.errors import QueryError
from kb.forked import forked_map, worker_store
from kb.queries import NamedQuery, quality_checks, with_rows
from kb.report import Finding, Origin, Report, Severity
from kb.resources import alignments_file, ontology_file, shapes_files
from kb.store import Store
from kb.vocabulary import ONTOLOGY, PREFIXES, QUALITY, RES, expand, node_article



@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes, parsed once per process."""
    graph = Graph()
    for path in shapes_files():
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The ontology, parsed once per process."""
    return Graph().parse(ontology_file(), format="turtle")


@lru_cache(maxsize=1)
def _ontology_quads() -> tuple[ox.Quad, ...]:
    graph = ox.NamedNode(str(ONTOLOGY))
    quads = []
    for path in (ontology_file(), alignments_file()):
        quads += [ox.Quad(t.subject, t.predicate, t.object, graph)
                  for t in ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)]
    from kb.geodata import reference_triples  # the states' bounding boxes, from the shipped borders

    quads += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in reference_triples()]
    return tuple(quads)


def ontology_quads() -> list[ox.Quad]:
    """The ontology's graph as quads, so that queries can follow the class hierarchy: the ontology,
    its alignments to ACLED and CAMEO, and the reference data shipped beside it (each state's
    bounding box, keyed by its Wikidata item)."""
    return list(_ontology_quads())


def _trace(focus: str, origins: Mapping[URIRef, Origin]) -> Origin | None:
    origin = origins.get(URIRef(focus))
    if origin is not None:
        return origin
    # nodes without an origin of their own (evidence, figures) name their article in the IRI
    article = node_article(focus)
    if article is not None:
        for origin in origins.values():
            if origin.article == article:
                return Origin(origin.file, None, origin.article)
    return None


_ARTICLE_GRAPH = str(RES) + "graph/article/"


def _stated_in(store: Store, origins: Mapping[URIRef, Origin], focus: str, path: str | None,
               value: str | None, graph: str | None, described: bool) -> Origin | None:
    """The annotation that states what a finding is about, for a focus declared in the registry.

    Events, agreements and places are declared in the registry but described by articles: a finding
    on their dates, parties or containment is best shown at the article (and the relation, when it
    is one) that stated the offending value, rather than at the registry entry.
    """
    if graph and graph.startswith(_ARTICLE_GRAPH):
        return _article_origin(origins, graph[len(_ARTICLE_GRAPH):])
    patterns = []
    if path:
        patterns.append(f"{{ ?node rdf:subject <{focus}> ; rdf:predicate <{path}> }} UNION {{ <{focus}> <{path}> ?value }}")
    if described:  # a quality check on the articles' account of the focus: any article that describes it
        patterns.append(f"<{focus}> kb:evidence ?evidence")
    for pattern in patterns:
        try:
            solutions = store.query(
                f"SELECT DISTINCT ?graph ?node ?value WHERE {{ GRAPH ?graph {{ {pattern} }} }}", prefixes=PREFIXES
            )
        except QueryError:
            return None
        rows = [
            (solution["graph"].value, solution["node"], solution["value"]) for solution in solutions
            if solution["graph"].value.startswith(_ARTICLE_GRAPH)
        ]
        if rows:
            # best: the row holding the value found wrong; then a relation with its own line
            graph, node, _ = min(rows, key=lambda row: (
                row[2] is None or row[2].value != value, row[1] is None or URIRef(row[1].value) not in origins, row[0],
            ))
            if node is not None and URIRef(node.value) in origins:
                return origins[URIRef(node.value)]
            return _article_origin(origins, graph[len(_ARTICLE_GRAPH):])
    return None


def _article_origin(origins: Mapping[URIRef, Origin], article: str) -> Origin | None:
    return next((Origin(origin.file, None, article) for origin in origins.values() if origin.article == article), None)


def _finding(origins: Mapping[URIRef, Origin], store: Store | None = None, graph: str | None = None,
             described: bool = False, **fields) -> Finding:
    origin = _trace(fields["focus"], origins)
    if origin is not None and origin.article is None and store is not None:
        origin = _stated_in(
            store, origins, fields["focus"], fields.get("path"), fields.get("value"), graph, described,
        ) or origin
    if origin is not None:
        fields.update(source=origin.file, line=origin.line, article=origin.article)
    return Finding(**fields)


def shacl_findings(data: Graph, origins: Mapping[URIRef, Origin] = {}, store: Store | None = None) -> list[Finding]:
    """pySHACL with the project's shapes and ontology (the reference the compiled shapes are tested against)."""
    import pyshacl  # imported when needed: it takes a while, and the build does without it

    _, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none",
        abort_on_first=False, allow_warnings=True, allow_infos=True, advanced=False, meta_shacl=False,
    )
    findings = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        def one(predicate):
            return results.value(result, predicate)

        path, value = one(SH.resultPath), one(SH.value)
        severity = str(one(SH.resultSeverity)).removeprefix(str(SH))
        findings.append(_finding(
            origins, store,
            severity=Severity(severity),
            rule=str(one(SH.sourceShape)),
            focus=str(one(SH.focusNode)),
            path=str(path) if isinstance(path, URIRef) else None,
            value=_show(value) if value is not None else None,
            message=str(one(SH.resultMessage) or "does not conform"),
            component=str(one(SH.sourceConstraintComponent)),
        ))
    return findings


_COMPILED: dict[str, tuple[tuple, int]] = {}  # by the tool's fingerprint: (checks, property shapes)
COMPILED_FILE = "_shapes.json"  # in a build's cache folder: the compiled shapes, for the next run (no article id
# starts with an underscore, so no unit's file takes the name)


def compiled_shapes() -> tuple[tuple, int]:
    """The project's shapes compiled to SPARQL queries (kb.shacl_sparql), and how many property
    shapes they hold (the report's rules), once per process and version of the tool.

    Takes nothing; returns (the `Check`s, the number of property shapes): read from a build's
    cache (`load_compiled`) when one was, else compiled from the shapes and the ontology. Raises
    `UnsupportedShape` when a shape uses SHACL that the compiler does not compile.
    """
    from kb.fingerprints import tool_fingerprint  # the code, the ontology, the shapes and the libraries

    key = tool_fingerprint()
    if key not in _COMPILED:
        from kb.shacl_sparql import compile_shapes

        shapes = shapes_graph()
        _COMPILED[key] = (compile_shapes(shapes, ontology_graph()),
                          len(set(shapes.subjects(RDF.type, SH.PropertyShape))))
    return _COMPILED[key]


def compiled_checks() -> tuple:
    """The `Check`s of `compiled_shapes`; raises `UnsupportedShape` as it does."""
    return compiled_shapes()[0]


def save_compiled(folder: Path) -> None:
    """Write the compiled shapes into a build's cache `folder`, under the tool's fingerprint, so
    that the next run in that build (`load_compiled`) need not parse the shapes and the ontology.
    Raises OSError when the file cannot be written."""
    from dataclasses import astuple

    from kb.fingerprints import tool_fingerprint

    checks, rules = compiled_shapes()
    data = {"fingerprint": tool_fingerprint(), "rules": rules, "checks": [astuple(check) for check in checks]}
    staged = folder / f".{COMPILED_FILE}.{os.getpid()}"  # in place at once: another run may be reading it
    staged.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
    os.replace(staged, folder / COMPILED_FILE)


def load_compiled(folder: Path) -> bool:
    """Take the compiled shapes from a build's cache `folder` when they were compiled by this very
    tool (the same fingerprint); returns whether it did. A missing or damaged file is no error."""
    from kb.shacl_sparql import Check
    from kb.fingerprints import tool_fingerprint

    key = tool_fingerprint()
    if key in _COMPILED:
        return True
    try:
        data = json.loads((folder / COMPILED_FILE).read_text(encoding="utf-8"))
        if data["fingerprint"] != key:
            return False
        _COMPILED[key] = (tuple(Check(*fields) for fields in data["checks"]), int(data["rules"]))
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return True


def compiled_findings(store: Store, origins: Mapping[URIRef, Origin] = {}, trace: Store | None = None) -> list[Finding]:
    """The shapes, compiled to SPARQL (kb.shacl_sparql), run on the store: what the build uses.

    A finding on a registry entry is traced to the article that states it in `trace` (by default
    the store itself). Raises `UnsupportedShape` as `compiled_checks` does.
    """
    return [finding for group in grouped(compiled_checks()) for finding in _check_findings(store, group, origins, trace)]


def store_findings(store: Store, origins: Mapping[URIRef, Origin], shapes: bool,
                   scope: list[tuple[str, str]] | None = None, parallel: bool = False,
                   quality_store: Store | None = None, quality: list[NamedQuery] | None = None,
                   ) -> tuple[list[Finding], list[Finding]]:
    """(the compiled shapes' findings on the whole store, none unless `shapes`; the quality
    queries' findings on `quality_store`, by default the store, within `scope` as
    `quality_findings` reads it), computed together.

    With `parallel`, the checks run in worker processes (`kb.forked`), one per core, each taking
    the next check when it is done with one: a store on disk (read-only, and the only store) is
    opened by each worker; stores in memory are the parent's, which the forked workers share.
    Raises `UnsupportedShape` as `compiled_checks` does, and QueryError naming the check that failed.
    """
    quality = list(quality if quality is not None else quality_checks())
    quality_store = quality_store or store
    # the quality queries first: one of them (every quote against its article's text) is the longest
    jobs = [(False, check) for check in quality] + [(True, group) for group in grouped(compiled_checks() if shapes else ())]

    def run(shape_store: Store, on: Store, job) -> list[Finding]:
        is_shape, check = job
        if is_shape:
            return _check_findings(shape_store, check, origins, None)
        return _quality_check_findings(on, check, origins, scope)

    found = None
    if parallel and store.path is None and quality_store.path is None:
        found = forked_map(lambda index: run(store, quality_store, jobs[index]), range(len(jobs)))
    elif parallel and quality_store is store:
        found = forked_map(lambda index: run(worker_store(), worker_store(), jobs[index]), range(len(jobs)), store.path)
    if found is None:
        found = [run(store, quality_store, job) for job in jobs]
    return ([finding for findings in found[len(quality):] for finding in findings],
            [finding for findings in found[:len(quality)] for finding in findings])


def _check_findings(store: Store, group, origins: Mapping[URIRef, Origin], trace: Store | None) -> list[Finding]:
    try:
        solutions = store.query(group.query)
    except QueryError as err:
        raise QueryError(f"shape {group.name}: {err}") from None
    names = [variable.value for variable in solutions.variables]
    findings = []
    for solution in solutions:
        check = group.checks[int(solution[CHECK_VARIABLE].value)] if CHECK_VARIABLE in names else group.checks[0]
        value = solution["value"] if "value" in names else None
        if isinstance(value, ox.BlankNode):
            shown = "(blank node)"  # as pySHACL shows it: its label means nothing to a reader
        else:
            shown = value.value if value is not None else None
        findings.append(_finding(
            origins, trace or store,
            severity=Severity(check.severity), rule=check.shape, focus=solution["focus"].value,
            path=check.path, value=shown,
            message=check.message, component=check.component,
        ))
    return findings


def graph_store(data: Graph) -> Store:
    """An in-memory store holding an rdflib graph in a named graph, with the ontology beside it."""
    from kb.store import _TermConverter

    convert, graph = _TermConverter(), ox.NamedNode("urn:kb:data")
    quads = [ox.Quad(convert.term(s), convert.term(p), convert.term(o), graph) for s, p, o in data]
    return Store.in_memory(quads + ontology_quads())


def _show(term) -> str:
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return "(blank node)"
    return str(term)


def quality_findings(store: Store, origins: Mapping[URIRef, Origin] = {}, checks: list[NamedQuery] | None = None,
                     scope: list[tuple[str, str]] | None = None) -> list[Finding]:
    """The quality queries' rows as findings.

    With `scope`, (named graph, article) pairs, the checks whose header says `scope: article` look
    only at what those articles say in those graphs: each of their rows lies within one named graph
    and, where it has an `?article`, is about what that article says there.
    """
    checks = checks if checks is not None else quality_checks()
    return [finding for check in checks for finding in _quality_check_findings(store, check, origins, scope)]


def _quality_check_findings(store: Store, check: NamedQuery, origins: Mapping[URIRef, Origin],
                            scope: list[tuple[str, str]] | None) -> list[Finding]:
    severity = Severity(check.meta.get("severity", "Violation"))
    path = expand(check.meta["path"]) if check.meta.get("path") else None
    template = check.meta.get("message", check.title)
    text = check.text
    if scope is not None and check.meta.get("scope") == "article":
        if not scope:
            return []
        text = with_rows(text, ["graph", "article"],
                         [(ox.NamedNode(graph), ox.NamedNode(article)) for graph, article in scope])
    try:
        solutions = store.query(text)
    except QueryError as err:
        raise QueryError(f"quality check {check.name}: {err}") from None
    findings = []
    for solution in solutions:
        values = {var.value: _ox_value(solution[var]) for var in solutions.variables if solution[var] is not None}
        focus = values.get("focus")
        if focus is None:
            raise QueryError(f"quality check {check.name} returned a row without ?focus")
        findings.append(_finding(
            origins, store, values.get("graph"), described=True,
            severity=severity,
            rule=QUALITY + check.name,
            focus=focus,
            path=path,
            value=values.get("value"),
            message=_fill(template, values),
        ))
    return findings


def _ox_value(term) -> str:
    return term.value


def _fill(template: str, values: dict[str, str]) -> str:
    try:
        return template.format_map(values)
    except (KeyError, ValueError, IndexError):
        return template


def validate(data: Graph, store: Store, origins: Mapping[URIRef, Origin] = {}) -> Report:
    """Check a graph against the shapes and its store against the quality queries."""
    checks = quality_checks()
    findings = shacl_findings(data, origins, store) + quality_findings(store, origins, checks)
    rules = compiled_shapes()[1] + len(checks)
    return Report(findings=findings, checked_triples=len(data), rules=rules).sorted()
