"""Writing the knowledge base as standard RDF files (and, `acled`, as ACLED's table of events), byte-identical
for the same corpus."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kb.store import sort_quads
from kb.vocabulary import PREFIXES


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
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def triples_of(quads: list[ox.Quad]) -> list[ox.Triple]:
    """All facts in one graph: the union of the named graphs, each triple once, in order."""
    seen = sorted({quad.triple for quad in quads}, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return seen


def serialize(quads: list[ox.Quad], fmt: Format, output: IO[bytes] | Path | None = None) -> bytes | None:
    """Serialise sorted quads; graph-less formats get the union of all graphs."""
    rdf_format = RDF_FORMAT[fmt]
    data = sort_quads(quads) if rdf_format.supports_datasets else triples_of(quads)
    prefixes = _PREFIXES if fmt in (Format.ttl, Format.trig) else None
    target = str(output) if isinstance(output, Path) else output
    return ox.serialize(data, target, format=rdf_format, prefixes=prefixes)
