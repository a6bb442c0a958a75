"""The Python API: the operations of the `kb` command as functions, usable from a notebook.

Nothing here prints or exits; errors are `KbError`s. Each operation imports what it needs when it
is called (rdflib, pydantic and pySHACL take a while to import), so that a command that needs
none of them (`kb --version`, `kb query`) starts at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kb.errors import CorpusError, KbError, QueryError, ValidationFailed, currently_processing, display_path
from kb.export import Format
from kb.resources import default_corpus
from kb.store import Store
from kb.vocabulary import PREFIX_IRIS

if TYPE_CHECKING:
    from kb import queries as query_library
    from kb.build import BuildResult, Progress
    from kb.coverage import ArticleCoverage
    from kb.report import Report

__all__ = [
    "build", "check", "validate_files", "named_queries", "query", "export", "export_file", "coverage", "push", "report", "show",
    "new", "serve", "schema", "version", "credentials", "Format", "QueryResult",
    # the errors every operation raises, for callers that catch them
    "KbError", "CorpusError", "ValidationFailed", "currently_processing",
]


def version() -> str:
    """The installed version of this package ("unknown" in a source tree never installed)."""
    from kb.version import installed_version

    return installed_version()


def _corpus_dir(corpus: Path | None) -> Path:
    return corpus if corpus is not None else default_corpus()


def build(corpus: Path | None = None, out: Path = Path("build"), progress: Progress | None = None,
          full: bool = False) -> BuildResult:
    """Build the knowledge base from `corpus` (default: ./corpus, else the bundled one) into `out`.

    Returns a BuildResult. Unless `full`, what the previous build in `out` cached is reused where
    nothing changed. `progress` is called with the name of each step. Raises CorpusError (every
    problem, with file and line), ValidationFailed (the data does not conform; nothing is written),
    OutputRefused or OutputBusy (see `kb.outputs`).
    """
    from kb.build import build as _build

    return _build(_corpus_dir(corpus), out, progress, full)


def check(corpus: Path | None = None, articles: list[str] | None = None, build_dir: Path | None = Path("build")) -> Report:
    """Everything a build checks, writing nothing; returns the report.

    With `articles`, the report holds what a build would report for them (and for the registry).
    The build in `build_dir`, when there is one, serves as the cache, so only the articles that
    changed since are read and mapped again. Raises what `build` raises.
    """
    from kb.unchanged import unchanged_report

    corpus_dir = _corpus_dir(corpus)
    report = unchanged_report(corpus_dir, build_dir, set(articles) if articles else None)
    if report is not None:  # nothing changed since that build: its report is the answer
        return report
    from kb.build import check_articles

    return check_articles(corpus_dir, articles, build_dir)


def validate_files(paths: list[Path], fmt: str | None = None, progress: Progress | None = None) -> Report:
    """Validate RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD) against the shapes and the
    quality checks; returns the Report. `fmt` overrides the format read from each extension;
    `progress` is called with a line on each step. The shapes run compiled to SPARQL on an
    in-memory store and find what pySHACL finds (see `kb.rdf_files`). Raises InputError for a
    missing or unparsable file.
    """
    from kb.rdf_files import validate_files as _validate_files

    return _validate_files(paths, fmt, progress)


def named_queries() -> dict[str, query_library.NamedQuery]:
    """The named queries of the library (`queries/*.rq`), by name.

    Raises QueryError for a query file that cannot be read or has a malformed header.
    """
    from kb import queries as query_library

    return query_library.library()


@dataclass
class QueryResult:
    """A query's result, kept as SPARQL JSON (or Turtle for graphs) and parsed on demand."""

    kind: str  # "solutions", "boolean" or "graph"
    payload: bytes

    @cached_property
    def _parsed(self):
        return ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.JSON)

    @property
    def boolean(self) -> bool | None:
        """An ASK query's answer; None for other queries."""
        return bool(self._parsed) if self.kind == "boolean" else None

    @cached_property
    def variables(self) -> list[str]:
        """The names of a SELECT query's variables, in order."""
        return [variable.value for variable in self._parsed.variables] if self.kind == "solutions" else []

    @cached_property
    def rows(self) -> list[tuple]:
        """A SELECT query's rows, as tuples of Oxigraph terms (None where unbound)."""
        if self.kind != "solutions":
            return []
        parsed = ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.JSON)
        return [tuple(solution[name] for name in self.variables) for solution in parsed]

    def records(self) -> list[dict[str, str | None]]:
        """Rows as dictionaries of plain strings (IRIs and literal values), for tests and notebooks."""
        return [
            {name: (term.value if term is not None else None) for name, term in zip(self.variables, row)}
            for row in self.rows
        ]

    def serialize(self, fmt: str) -> bytes:
        """The result as bytes: csv, tsv, json or xml for solutions; a graph stays Turtle."""
        if self.kind == "graph":
            return self.payload
        formats = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                   "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
        parsed = ox.parse_query_results(self.payload, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=formats[fmt])


def run_on_store(store: Store, text: str) -> QueryResult:
    """Run SPARQL text on an open store; returns a QueryResult. Raises QueryError for invalid SPARQL."""
    result = store.query(text)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("boolean", result.serialize(format=ox.QueryResultsFormat.JSON))
    if isinstance(result, ox.QueryTriples):
        return QueryResult("graph", ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIX_IRIS)))
    return QueryResult("solutions", result.serialize(format=ox.QueryResultsFormat.JSON))


def query(build_dir: Path = Path("build"), *, name: str | None = None, file: Path | None = None,
          sparql: str | None = None, params: dict[str, str] | None = None,
          endpoint: str | None = None, credentials=None) -> QueryResult:
    """Run a named query (with parameters), a query file or query text on the built knowledge base
    in `build_dir`, or on a remote SPARQL endpoint; returns a QueryResult.

    Give exactly one of `name`, `file` and `sparql`. `credentials` (`kb.credentials.Credentials`)
    answer the endpoint's challenge if it asks for a password. Raises QueryError (unknown query,
    bad parameter, invalid SPARQL), StoreError (no build), RemoteError (the endpoint failed).
    """
    from kb import queries as query_library

    params = params or {}
    if name is not None:
        named = query_library.get(name)
    elif file is not None:
        named = query_library.parse_query_file(file)
    elif sparql is not None:
        named = query_library.NamedQuery("inline", Path("-"), query_library.with_prefixes(sparql), "inline query", "")
    else:
        raise QueryError("give a query name, a file or query text")
    if params and not named.params and name is None:
        raise QueryError("parameters need a query whose header declares them (`#+ param: NAME TYPE description`)")
    terms = named.bind(params)
    text = query_library.with_values(named.text, terms)
    if endpoint is not None:
        from kb import remote

        return QueryResult(*remote.query(endpoint, text, credentials))
    store = Store.open(build_dir)
    query_library.check_entities(store, named, terms)
    return run_on_store(store, text)


def credentials(endpoint: str, variable: str | None = None, use_netrc: bool = False,
                netrc_file: Path | None = None):
    """The user name and password chosen for the store at `endpoint` (`kb.credentials.Credentials`):
    from the environment variable `variable` (USER:PASSWORD), from a netrc file (`netrc_file`, or
    the default one when `use_netrc`), or None when none were asked for.

    Raises CredentialsError (an InputError) for both sources at once, an unset or malformed
    variable, or a netrc file that is missing or has no entry for the endpoint's host.
    """
    from kb.credentials import chosen

    return chosen(endpoint, variable, use_netrc, netrc_file)


def push(build_dir: Path = Path("build"), endpoint: str = "", progress=None, credentials=None):
    """Load the built knowledge base (every named graph, the ontology's too) into a Graph Store
    Protocol endpoint; returns a PushResult. `progress` is called once per graph; `credentials`
    (`kb.credentials.Credentials`) answer the store's challenge if it asks for a password.

    Raises StoreError (no build) and RemoteError (unreachable, a failed request, or a graph of the
    same name in the store that kb push did not write: then nothing is written).
    """
    from kb import remote

    graphs: dict[str, list] = {}
    for quad in Store.open(build_dir).quads():
        graphs.setdefault(quad.graph_name.value, []).append(quad.triple)
    return remote.push(graphs, endpoint, progress, credentials)


def export(build_dir: Path = Path("build"), fmt: Format = Format.trig) -> bytes:
    """The built knowledge base's data graphs (not the ontology) in an RDF format, or (`acled`) its
    events as ACLED's CSV table, one row per report (see `kb.acled`).

    Turtle and TriG are the files the build wrote; the other formats are serialised from the store.
    Raises `StoreError` when there is no build in `build_dir`.
    """
    if fmt is Format.acled:
        from kb.acled import acled_csv

        return acled_csv(build_dir)
    from kb.export import serialize
    from kb.validate import ontology_quads

    store = Store.open(build_dir)
    built = {Format.trig: build_dir / "kb.trig", Format.ttl: build_dir / "kb.ttl"}.get(fmt)
    if built is not None and built.is_file():
        return built.read_bytes()
    ontology = ox.NamedNode(ontology_quads()[0].graph_name.value)
    quads = [quad for quad in store.quads() if quad.graph_name != ontology]
    return serialize(quads, fmt)


def export_file(build_dir: Path = Path("build"), fmt: Format = Format.trig, output: Path = Path("kb.trig")) -> Path:
    """Write the export to the file `output` atomically and return its path.

    An existing file is replaced only if kb wrote it there before and nobody changed it since;
    raises OutputRefused otherwise, and for a path inside the corpus (see `kb.outputs`).
    """
    from kb.outputs import protected_folders, write_file

    write_file(output, export(build_dir, fmt), "kb export", protected_folders(default_corpus()))
    return output


def coverage(corpus: Path | None = None, articles: list[str] | None = None) -> list[ArticleCoverage]:
    """Which sentences of each article are cited by facts, skipped with a reason, or not yet covered.

    With `articles`, only those; raises CorpusError or InputError as `check` does.
    """
    from kb.corpus import load_corpus
    from kb.coverage import coverage as _coverage

    return _coverage(load_corpus(_corpus_dir(corpus), only=set(articles) if articles else None))


def shown(path: Path) -> str:
    """A path as the CLI shows it: relative to the working directory when below it."""
    return display_path(path)


def show_term(term) -> str:
    """A term as a person reads it: prefixed IRIs, bare literal values, empty for unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        from kb.vocabulary import compact

        return compact(term.value)
    return term.value


def serve(build_dir: Path = Path("build"), host: str = "127.0.0.1", port: int = 7878, timeout: float = 5.0,
          max_rows: int = 10_000, workers: int = 2, ready=None, **options) -> None:
    """Serve the built knowledge base as a read-only SPARQL 1.1 endpoint until interrupted.

    `ready` is called with the (host, port) listened on and the workers' confinement once the server
    accepts requests; other `options` are the server's (see `kb.serve.ServeConfig`). Raises StoreError without a build and
    KbError when the address cannot be listened on; KeyboardInterrupt stops it.
    """
    from kb.serve import ServeConfig, serve as run_server

    run_server(ServeConfig(build_dir, host, port, timeout, max_rows, workers, **options), ready)


def schema(name: str) -> str:
    """The JSON Schema (draft 2020-12) of a corpus file, as text: `name` is annotation or registry.

    Raises InputError for another name.
    """
    from kb.errors import InputError
    from kb.schema import SCHEMA_FILES, schema_text

    if name not in SCHEMA_FILES:
        raise InputError(f"no schema {name!r}: there are {', '.join(SCHEMA_FILES)}")
    return schema_text(name)


def report(build_dir: Path = Path("build"), out: Path = Path("build/site")):
    """Write the static HTML site over the built knowledge base to `out` (see `kb.site`); returns a `SiteResult`.

    Raises StoreError when there is no build in `build_dir`, and OutputRefused when `out` holds
    files that `kb report` did not write, is the corpus or a folder holding it, or cannot be written.
    """
    from kb.outputs import protected_folders
    from kb.site import generate

    return generate(build_dir, out, protected_folders(default_corpus()))


def show(build_dir: Path = Path("build"), entity: str = ""):
    """Everything known about one entity, found by id, IRI, label, alias or a name the articles use
    (see `kb.show`); returns an `EntityView` (`.data`, `.to_json()`, `.print(console)`).

    Raises StoreError when there is no build, UnknownEntity (with the nearest names) when nothing
    matches, and AmbiguousEntity (listing the ids) when a name fits several entities.
    """
    from kb.show import show as _show

    return _show(build_dir, entity)


def new(text_file: Path, corpus: Path | None = None, *, article_id: str | None = None, publisher: str | None = None,
        date: str | None = None, url: str | None = None, title: str | None = None):
    """Add an article: copy its text into the corpus and write a draft annotation (see `kb.draft`).

    Without `corpus`, the `corpus/` folder of the working directory (never the bundled corpus).
    Returns a `NewArticle` (the files written, and `.summary()` lines).

    Raises InputError for a missing corpus or text file, a text that is not UTF-8 or is empty, or a
    file that cannot be written; DraftError for an id, date, URL or title that cannot be used, or an
    article that already exists; CorpusError when the registry itself has problems. Nothing is
    written unless the whole draft is.
    """
    from kb.draft import new_article

    return new_article(corpus if corpus is not None else Path("corpus"), text_file, article_id=article_id,
                       date=date, publisher=publisher, url=url, title=title)
