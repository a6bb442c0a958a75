"""Writing the knowledge base as standard RDF files (and, `acled`, as ACLED's table of events),
byte-identical for the same corpus.

JSON-LD is written compacted, with a `@context` of the project's prefixes (`kb.vocabulary`), by
rdflib's serializer (Oxigraph's writes expanded JSON-LD only); rdflib lists subjects in the order
of its hash tables, so the document's arrays are sorted afterwards, which makes it deterministic.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kb.store import sort_quads
from kb.vocabulary import PREFIX_IRIS


class Format(str, Enum):
    """The RDF formats `kb export` writes."""
    ttl = "ttl"
    trig = "trig"
    nt = "nt"
    nq = "nq"
    jsonld = "jsonld"
    acled = "acled"  # not RDF: the events as ACLED's CSV table (kb.acled)


RDF_FORMAT = {
    Format.ttl: ox.RdfFormat.TURTLE, Format.trig: ox.RdfFormat.TRIG, Format.nt: ox.RdfFormat.N_TRIPLES,
    Format.nq: ox.RdfFormat.N_QUADS, Format.jsonld: ox.RdfFormat.JSON_LD,
}
_PREFIXES = dict(PREFIX_IRIS)


def triples_of(quads: list[ox.Quad]) -> list[ox.Triple]:
    """All facts in one graph: the union of the named graphs, each triple once, in order."""
    seen = sorted({quad.triple for quad in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return seen


def _rdflib_term(term):
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _sorted_json(node):
    if isinstance(node, dict):
        return {key: _sorted_json(value) for key, value in node.items()}
    if isinstance(node, list):
        items = [_sorted_json(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


def jsonld(quads: list[ox.Quad]) -> bytes:
    """Compacted JSON-LD of the quads (each named graph in a `@graph` of its own), with the
    project's prefixes as its `@context`; the same quads always give the same bytes."""
    from rdflib import Dataset, URIRef

    dataset = Dataset()
    for quad in sort_quads(quads):
        dataset.graph(URIRef(quad.graph_name.value)).add(
            (_rdflib_term(quad.subject), _rdflib_term(quad.predicate), _rdflib_term(quad.object)))
    text = dataset.serialize(format="json-ld", context=_PREFIXES, auto_compact=True)
    document = _sorted_json(json.loads(text))
    return (json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def serialize(quads: list[ox.Quad], fmt: Format, output: IO[bytes] | Path | None = None) -> bytes | None:
    """Serialise sorted quads; graph-less formats get the union of all graphs. JSON-LD is compacted
    (see `jsonld`). Returns the bytes, or None when written to `output`."""
    if fmt is Format.jsonld:
        data = jsonld(quads)
        if output is None:
            return data
        if isinstance(output, Path):
            output.write_bytes(data)
        else:
            output.write(data)
        return None
    rdf_format = RDF_FORMAT[fmt]
    data = sort_quads(quads) if rdf_format.supports_datasets else triples_of(quads)
    prefixes = _PREFIXES if fmt in (Format.ttl, Format.trig) else None
    target = str(output) if isinstance(output, Path) else output
    return ox.serialize(data, target, format=rdf_format, prefixes=prefixes)
