"""The `kb` command: a thin layer over the library.

Each command calls the library and renders its result; data goes to stdout, diagnostics to
stderr. Errors are turned into messages and exit codes in one place, `kb.cli_support.KbGroup.invoke`:
0 success, 1 the data does not conform, 2 usage or input error (or an internal error).
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from kb import api
from kb.cli_support import (
    BuildOption, CorpusOption, CredentialsEnvOption, KbGroup, NetrcFileOption, NetrcOption, ReportFormat,
    ResultFormat, SchemaName, ShowFormat, err_console, parse_params, print_table, progress,
)

app = typer.Typer(
    cls=KbGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="A knowledge base of conflict news with provenance: build, validate, query and export it.\n\n"
    "Exit codes: 0 success; 1 the data does not conform to the shapes; 2 usage or input error; 130 interrupted.",
    rich_markup_mode="markdown",
)


def _version(value: bool) -> None:
    if value:
        print(f"kb {api.version()}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """A knowledge base of conflict news with provenance: build, validate, query and export it."""

@app.command()
def build(
    corpus: CorpusOption = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.", file_okay=False)] = Path("build"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Rebuild every article, ignoring what the previous build cached.")] = False,
) -> None:
    """Check, map, validate and store the corpus, and write kb.trig and kb.ttl to the output folder.

    A build that finds errors exits non-zero and leaves the previous output as it was. A rebuild
    re-checks and re-maps only the articles that changed since the previous build in the same folder.
    """
    result = api.build(corpus, out, progress=None if quiet else progress, full=full)
    if result.report.findings:  # warnings: the data conforms, and the curator should still see them
        sys.stderr.write(result.report.to_text())
    if quiet:
        return
    print(f"Knowledge base built from {result.articles} articles:")
    for label, count in result.counts.items():
        print(f"  {label:<22}{count:>8}")
    print(f"{result.triples} statements in {result.graphs} graphs ({result.distinct_triples} distinct triples: "
          "a fact several articles state is in each one's graph)")
    print(f"validation: {result.report.summary()}")
    print(f"files: {api.shown(result.out)}/ ({', '.join(path.name for path in result.files)})")


@app.command()
def check(
    articles: Annotated[Optional[list[str]], typer.Argument(help="Article ids to check.", show_default="all")] = None,
    corpus: CorpusOption = None,
    build_dir: Annotated[Path, typer.Option("--build", help="A previous build, used as the cache: only what changed since is checked again.", file_okay=False)] = Path("build"),
) -> None:
    """Check articles as `kb build` would (models, registry, texts, shapes, quality checks), writing nothing."""
    report = api.check(corpus, articles or None, build_dir)
    sys.stdout.write(report.to_text())
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def validate(
    files: Annotated[Optional[list[Path]], typer.Argument(help="RDF files to validate.", show_default="the corpus", dir_okay=False)] = None,
    corpus: CorpusOption = None,
    rdf_format: Annotated[Optional[str], typer.Option("--rdf-format", help="Format of the files: ttl, trig, nt, nq, jsonld.", show_default="from the extension")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.text,
) -> None:
    """Validate the corpus, or RDF files (Turtle, TriG, N-Triples, N-Quads, JSON-LD), against the shapes.

    Exit codes: 0 conforms, 1 violations found, 2 usage or input error (missing or unparsable file).
    """
    report = api.validate_files(files, rdf_format, progress) if files else api.check(corpus, None)
    render = {ReportFormat.text: report.to_text, ReportFormat.json: report.to_json, ReportFormat.turtle: report.to_turtle}
    sys.stdout.write(render[format]())
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def query(
    name: Annotated[Optional[str], typer.Argument(help="A named query (see --list).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="A parameter, KEY=VALUE (repeatable).")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", help="Run the query in this .rq file.", exists=True, dir_okay=False)] = None,
    sparql: Annotated[Optional[str], typer.Option("--sparql", help="Run this SPARQL query text.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries with their descriptions.")] = False,
    format: Annotated[Optional[ResultFormat], typer.Option("--format", "-f", help="Result format.", show_default="table in a terminal, else csv")] = None,
    endpoint: Annotated[Optional[str], typer.Option("--endpoint", help="Run it on this remote SPARQL endpoint instead (its default graph must be the union of the graphs).")] = None,
    credentials_env: CredentialsEnvOption = None,
    netrc: NetrcOption = False,
    netrc_file: NetrcFileOption = None,
    build_dir: BuildOption = Path("build"),
) -> None:
    """Run a named query, a query file or query text against the built knowledge base (or a remote endpoint)."""
    if list_:
        for named in api.named_queries().values():
            params = " ".join(f"{p.name}={p.kind}{'?' if p.optional else ''}" for p in named.params)
            print(f"{named.name}{'  [' + params + ']' if params else ''}\n    {named.title}: {named.description}")
        return
    chosen = sum(x is not None for x in (name, file, sparql))
    if chosen != 1:
        raise typer.BadParameter("give exactly one of NAME, --file or --sparql (or --list)")
    credentials = api.credentials(endpoint, credentials_env, netrc, netrc_file) if endpoint else None
    result = api.query(build_dir, name=name, file=file, sparql=sparql, params=parse_params(param or []), endpoint=endpoint,
                       credentials=credentials)
    fmt = format or (ResultFormat.table if sys.stdout.isatty() else ResultFormat.csv)
    if fmt is ResultFormat.table:
        print_table(result)
    else:
        sys.stdout.buffer.write(result.serialize(fmt.value))


@app.command()
def export(
    format: Annotated[api.Format, typer.Option("--format", "-f", help="RDF format, or acled: the events as ACLED's CSV table, one row per report.")] = api.Format.trig,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write.", show_default="stdout", dir_okay=False)] = None,
    build_dir: BuildOption = Path("build"),
) -> None:
    """Export the built knowledge base as Turtle, TriG, N-Triples, N-Quads or JSON-LD, or its events as
    ACLED's CSV table (--format acled: one row per report of an event, ACLED's columns and codes)."""
    if output is None:
        sys.stdout.buffer.write(api.export(build_dir, format))
    else:
        err_console().print(f"wrote {api.shown(api.export_file(build_dir, format, output))}")


@app.command()
def coverage(
    articles: Annotated[Optional[list[str]], typer.Argument(help="Article ids.", show_default="all")] = None,
    corpus: CorpusOption = None,
    all_sentences: Annotated[bool, typer.Option("--all", help="List every sentence, not only uncovered ones.")] = False,
) -> None:
    """Show, per article, which sentences are cited by facts, skipped with a reason, or not yet covered.

    Exits 1 when some sentence is neither cited nor skipped.
    """
    results = api.coverage(corpus, articles or None)
    from rich.console import Console

    console = Console()
    for item in results:
        console.print(
            f"[bold]{item.article}[/bold]: {len(item.sentences)} sentences, {item.count('cited')} cited, "
            f"{item.count('skipped')} skipped, {item.count('uncovered')} uncovered"
        )
        for sentence in item.sentences:
            if all_sentences or sentence.status.value == "uncovered":
                why = f" ({sentence.reason})" if sentence.reason else ""
                console.print(f"  {sentence.index:>3} {sentence.status.value:<9} [{sentence.start}-{sentence.end}] {sentence.text}{why}", markup=False)
    if not all(item.complete for item in results):
        raise typer.Exit(1)


@app.command()
def push(
    endpoint: Annotated[str, typer.Option("--endpoint", help="The store's SPARQL 1.1 Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store; Virtuoso: http://HOST:PORT/sparql-graph-crud-auth).")],
    credentials_env: CredentialsEnvOption = None,
    netrc: NetrcOption = False,
    netrc_file: NetrcFileOption = None,
    build_dir: BuildOption = Path("build"),
) -> None:
    """Load the built knowledge base into an external store, one named graph at a time.

    Each graph replaces the store's graph of the same name, so pushing again never duplicates.
    A manifest graph says "complete" only once every graph went through.
    """
    result = api.push(build_dir, endpoint, progress=progress,
                      credentials=api.credentials(endpoint, credentials_env, netrc, netrc_file))
    print(result.summary())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; loopback unless you say otherwise.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 7878,
    timeout: Annotated[float, typer.Option(help="Time limit per query, in seconds; longer queries are stopped.")] = 5.0,
    max_rows: Annotated[int, typer.Option(help="Most rows (or triples) a query returns.")] = 10_000,
    workers: Annotated[int, typer.Option(
        help="Queries started at once; of those still running after 0.25 s, workers - 1 (at least 1) go on to the time limit.",
        min=1)] = 2,
    max_body: Annotated[int, typer.Option("--max-body", help="Largest request body accepted, in bytes.", min=0)] = 1_000_000,
    request_timeout: Annotated[float, typer.Option(
        help="Seconds a client has to send a whole request (and to read the answer); slower ones are dropped.",
        min=0.1)] = 5.0,
    max_connections: Annotated[int, typer.Option(help="Connections served at once; more get a 503.", min=1)] = 64,
    idle_timeout: Annotated[float, typer.Option(
        help="Seconds a connection kept alive may wait idle for its next request before it is closed.",
        min=0.1)] = 5.0,
    cors: Annotated[Optional[list[str]], typer.Option(
        "--cors", help="Let pages from this origin (https://host:port, or * for any) query the endpoint from a "
                       "browser (CORS); repeatable. Off by default.")] = None,
    build_dir: BuildOption = Path("build"),
) -> None:
    """Serve the built knowledge base as a read-only SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Updates, LOAD and federated SERVICE are refused; the query workers cannot reach the network;
    a query over the time limit is stopped.
    """
    def ready(address, confinement) -> None:
        shield = (f"query workers confined: {confinement.description}" if confinement.confined
                  else f"query workers NOT confined: {confinement.description}")
        err_console().print(f"SPARQL endpoint at http://{address[0]}:{address[1]}/sparql, query page at "
                          f"http://{address[0]}:{address[1]}/; {shield} (Ctrl-C to stop)", markup=False)

    try:
        api.serve(build_dir, host, port, timeout, max_rows, workers, ready=ready, max_body=max_body,
                  request_timeout=request_timeout, max_connections=max_connections, idle_timeout=idle_timeout,
                  cors=tuple(cors or ()))
    except KeyboardInterrupt:
        err_console().print("stopped.")


@app.command()
def report(
    out: Annotated[Path, typer.Option("--out", help="Folder for the site (replaced whole; a non-empty folder that is not a site is refused).", file_okay=False)] = Path("build/site"),
    build_dir: Annotated[Path, typer.Option("--build", help="The build output folder.", file_okay=False)] = Path("build"),
) -> None:
    """Write a static HTML site over the built knowledge base, for analysts: a home page, a timeline of events,
    a network of actors, claims, a page per entity, article and claim (quotes highlighted), and the ontology.

    Open its index.html from disk or serve the folder from any web server; nothing is fetched from elsewhere.
    """
    result = api.report(build_dir, out)
    print(f"wrote {len(result.files)} files to {api.shown(result.out)}/ ({result.entities} entities, "
          f"{result.articles} articles, {result.claims} claims); open {api.shown(result.index)}")


@app.command()
def show(
    entity: Annotated[str, typer.Argument(help="An entity id (dmitry-peskov), an IRI, or any label, alias or name the articles use.")],
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.table,
    build_dir: BuildOption = Path("build"),
) -> None:
    """Show one entity: its type and names, everything the articles state about it, and the claims by or about it."""
    view = api.show(build_dir, entity)
    if format is ShowFormat.json:
        sys.stdout.write(view.to_json())
    else:
        from rich.console import Console

        view.print(Console(width=None if sys.stdout.isatty() else 200, highlight=False))


@app.command()
def new(
    text_file: Annotated[Path, typer.Argument(help="The article's text (UTF-8); it is copied byte for byte.", dir_okay=False)],
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="Corpus folder to add it to (default: ./corpus).", file_okay=False)] = None,
    article_id: Annotated[Optional[str], typer.Option("--id", help="The new article's id (default: from the file name).")] = None,
    publisher: Annotated[Optional[str], typer.Option("--publisher", help="Who published it: a registry id, label or alias, or the name of a publisher the registry lacks (drafted as a new entry).")] = None,
    date: Annotated[Optional[str], typer.Option("--date", help="Publication date, YYYY-MM-DD (or YYYY-MM, or FROM/TO) (default: the date the text states).")] = None,
    url: Annotated[Optional[str], typer.Option("--url", help="The article's URL.")] = None,
    title: Annotated[Optional[str], typer.Option("--title", help="The article's title.")] = None,
) -> None:
    """Add an article: copy its text into the corpus and write a draft annotation beside it.

    The draft holds what a machine finds reliably (publication date and outlet, registry entities,
    new names, dates, attributed statements, the sentences), each with its quote and offsets, as
    comments to confirm, correct or delete. It builds as it is. See docs/curating.md.
    """
    result = api.new(text_file, corpus, article_id=article_id, publisher=publisher, date=date, url=url, title=title)
    for line in result.summary():
        print(line)


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt  # a polite stop (SIGTERM) cleans up like Ctrl-C


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(help="Which file: an article's annotation, or a registry file.")],
) -> None:
    """Print the JSON Schema (draft 2020-12) of an annotation or registry file, for editors that check as you type.

    Drafts written by `kb new` point at it in their first line (`# yaml-language-server: $schema=...`).
    """
    sys.stdout.write(api.schema(name.value))


def main() -> None:
    """The `kb` command's entry point."""
    signal.signal(signal.SIGTERM, _terminated)
    app(prog_name="kb")
