"""The named query library: `.rq` files with a header, and safe parameter binding.

A header is a block of `#+ key: value` lines at the top of the file (title, description, and one
`param` line per parameter: `#+ param: NAME TYPE description`, TYPE one of iri, string, date,
integer, with a trailing `?` when optional).

Parameters are bound as data, never spliced in as text: each value is first made an RDF term
(an IRI or a typed literal, checked and escaped by the RDF engine), and the terms are given to the
query as a `VALUES` block at the start of every `WHERE` group that uses them (its own patterns
and expressions, not those of the subqueries it holds, which get their own). Unlike a substitution
applied to the results, that binding is seen by FILTERs and subqueries and lets the engine use its
indexes, and it works unchanged against any remote SPARQL endpoint. Groups that do not use a
parameter are left alone: a copy of the block in each of them changes no answer, but Virtuoso 7
estimates the cost of a query with many of them as hours and refuses it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kb.errors import QueryError, display_path
from kb.vocabulary import ENTITY_NS, RDFS_NS, REGISTRY_GRAPH_IRI, XSD_NS, sparql_prologue
from kb.resources import queries_dir

_HEADER = re.compile(r"^#\+\s*([a-z_]+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s+(iri|string|date|integer)(\?)?\s*(.*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Param:
    """A parameter of a named query: its name, type (iri, string, date, integer), description, and whether it may be left out."""
    name: str
    kind: str
    description: str
    optional: bool = False

    def term(self, value: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a value given on the command line."""
        if self.kind == "iri":
            if re.match(r"^[a-z][a-z0-9+.-]*:", value):
                return ox.NamedNode(value.strip("<>"))
            if re.match(r"^[a-z0-9][a-z0-9_-]*$", value):
                return ox.NamedNode(ENTITY_NS + value)
            raise QueryError(f"parameter {self.name}: {value!r} is neither an entity id nor an IRI")
        if self.kind == "date":
            try:
                valid = bool(_DATE.match(value)) and dt.date.fromisoformat(value) is not None
            except ValueError:
                valid = False
            if not valid:
                raise QueryError(f"parameter {self.name}: {value!r} is not a date of the calendar (YYYY-MM-DD)")
            return ox.Literal(value, datatype=ox.NamedNode(XSD_NS + "date"))
        if self.kind == "integer":
            if not re.match(r"^-?\d+$", value):
                raise QueryError(f"parameter {self.name}: {value!r} is not a whole number")
            return ox.Literal(value, datatype=ox.NamedNode(XSD_NS + "integer"))
        return ox.Literal(value)


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library (or a file or text given by the user): its text, title, description and parameters."""
    name: str
    path: Path
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = ()
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def bound(self, values: dict[str, str]) -> str:
        """The query text with the parameters bound (see the module's docstring)."""
        return with_values(self.text, self.bind(values))

    def bind(self, values: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
        """The parameters' values as RDF terms; raises QueryError for an unknown or missing parameter or a bad value."""
        known = {param.name: param for param in self.params}
        unknown = sorted(values.keys() - known.keys())
        if unknown:
            listed = ", ".join(known) or "none"
            raise QueryError(f"query {self.name!r} has no parameter {', '.join(unknown)} (its parameters: {listed})")
        missing = [p.name for p in self.params if not p.optional and p.name not in values]
        if missing:
            raise QueryError(
                f"query {self.name!r} needs --param " + " ".join(f"{name}=VALUE" for name in missing)
            )
        return {name: known[name].term(value) for name, value in values.items()}


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _code_only(text: str) -> str:
    """The query with strings, IRIs and comments blanked out, same length, for finding keywords."""
    out, i, n = list(text), 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                out[i] = " "
                i += 1
            continue
        if c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            end = min(j + len(quote), n)
            for k in range(i, end):
                out[k] = " "
            i = end
            continue
        if c == "<":
            j = text.find(">", i)
            if j != -1 and not any(ch.isspace() for ch in text[i:j]):
                for k in range(i, j + 1):
                    out[k] = " "
                i = j + 1
                continue
        i += 1
    return "".join(out)


def with_values(text: str, terms: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES block binding `terms` at the start of every WHERE group that uses them."""
    if not terms:
        return text
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(str(term) for term in terms.values())
    return _at_each_where(text, f" VALUES ({names}) {{ ({row}) }}", list(terms))


def with_rows(text: str, names: list[str], rows: list[tuple[ox.NamedNode | ox.Literal, ...]]) -> str:
    """The query with variables bound to each of several rows of terms, as `with_values`."""
    header = " ".join(f"?{name}" for name in names)
    body = " ".join(f"({' '.join(str(term) for term in row)})" for row in rows)
    return _at_each_where(text, f" VALUES ({header}) {{ {body} }}", names)


def _group_end(code: str, start: int) -> int:
    """Where the group opened just before `start` closes (the text's end if it never does)."""
    depth = 1
    for position in range(start, len(code)):
        if code[position] == "{":
            depth += 1
        elif code[position] == "}":
            depth -= 1
            if depth == 0:
                return position
    return len(code)


def _at_each_where(text: str, block: str, names: list[str]) -> str:
    code = _code_only(text)
    groups = [(match.end(), _group_end(code, match.end())) for match in _WHERE.finditer(code)]
    if not groups:
        raise QueryError("cannot bind parameters: the query has no `WHERE {` group")
    mention = re.compile(r"[?$](?:" + "|".join(map(re.escape, names)) + r")(?![\w\u00B7\u0300-\u036F\u203F-\u2040])")

    def uses(start: int, end: int) -> bool:
        own, last = [], start
        for inner_start, inner_end in groups:
            if start < inner_start and inner_end <= end and inner_start >= last:
                own.append(code[last:inner_start])
                last = inner_end
        own.append(code[last:end])
        return any(mention.search(piece) for piece in own)

    cuts = [start for start, end in groups if uses(start, end)] or [groups[0][0]]
    pieces, last = [], 0
    for cut in cuts:
        pieces += [text[last:cut], block]
        last = cut
    return "".join(pieces) + text[last:]


def check_entities(store, query: NamedQuery, terms: dict[str, ox.NamedNode | ox.Literal]) -> None:
    """Raise QueryError, with the nearest registry names, for an IRI parameter that names nothing
    the store knows (a mistyped id would otherwise give an empty answer that looks like one)."""
    kinds = {param.name: param.kind for param in query.params}
    for name, term in terms.items():
        if kinds.get(name) != "iri" or bool(store.query(f"ASK {{ {{ {term} ?p ?o }} UNION {{ ?s ?p {term} }} }}")):
            continue
        given = term.value.rsplit("/", 1)[-1]
        rows = store.query(f"SELECT ?entity ?label WHERE {{ GRAPH <{REGISTRY_GRAPH_IRI}> {{ ?entity <{RDFS_NS}label> ?label }} }}")
        names = {}
        for row in rows:
            entity_id = row["entity"].value.rsplit("/", 1)[-1]
            names.setdefault(entity_id, entity_id)
            names.setdefault(row["label"].value.lower(), entity_id)
        # a part of a name first ("erdogan" in "recep-tayyip-erdogan"), then names spelled alike
        wanted = given.lower()
        close = sorted((known for known in names if wanted in known),
                       key=lambda known: (wanted not in re.split(r"[^a-z0-9]+", known), len(known), known))
        close += difflib.get_close_matches(wanted, sorted(names), n=8, cutoff=0.6)
        ids = list(dict.fromkeys(names[match] for match in close))[:3]
        hint = f": did you mean {', '.join(ids)}?" if ids else ": `kb show NAME` finds an entity by any of its names"
        raise QueryError(f"parameter {name}: {given!r} is no entity of the knowledge base{hint}")


def parse_query_file(path: Path, name: str | None = None) -> NamedQuery:
    """A query file with its `#+` header read (title, description, parameters); raises QueryError
    for an unreadable file or a malformed parameter line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(f"cannot read the query file {display_path(path)}: {err}") from None
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = match[1], match[2].strip()
        if key == "param":
            param = _PARAM.match(value)
            if not param:
                raise QueryError(f"{display_path(path)}: bad parameter line {value!r}: write NAME TYPE description")
            params.append(Param(param[1], param[2], param[4], bool(param[3])))
        else:
            meta[key] = value
    return NamedQuery(
        name or path.stem, path, with_prefixes(text), meta.get("title", path.stem), meta.get("description", ""),
        tuple(params), meta,
    )


def with_prefixes(text: str) -> str:
    """The query with the project's PREFIX declarations it does not make itself, before it."""
    return sparql_prologue(text) + text


def library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries (not the quality checks), by name."""
    folder = folder or queries_dir()
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}


def quality_checks(folder: Path | None = None) -> list[NamedQuery]:
    """The quality queries: each must return no rows. A file in the folder is its registration."""
    folder = (folder or queries_dir()) / "quality"
    return [parse_query_file(path) for path in sorted(folder.glob("*.rq"))]


def get(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query `name`; raises QueryError (with the nearest names) when there is none."""
    queries = library(folder)
    if name not in queries:
        import difflib

        close = difflib.get_close_matches(name, queries, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `kb query --list` shows them"
        raise QueryError(f"no named query {name!r}{hint}")
    return queries[name]
