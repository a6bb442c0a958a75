"""Content negotiation for `kb serve`, as the SPARQL 1.1 Protocol asks: which format an answer takes.

Query results (SELECT, ASK) can be SPARQL JSON, SPARQL XML, CSV or TSV; graphs (CONSTRUCT,
DESCRIBE) RDF/XML, Turtle, N-Triples or JSON-LD. The client says what it accepts in the Accept
header (media ranges with q-values and wildcards, RFC 9110 section 12.5.1), or names a format in
the `format` parameter, as a media type or a short name. Which of the two kinds the answer is
becomes known only once the query is parsed, so both choices are made up front; either may be
None, meaning that nothing the client accepts can carry that kind (a 406 if the query needs it).
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus

from kb.errors import Refused

# each format's media types, the one it answers with first; formats in the order preferred when
# the client accepts several equally (the first is the default)
RESULT_MEDIA = {
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
GRAPH_MEDIA = {
    "turtle": ("text/turtle", "application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3"),
    "ntriples": ("application/n-triples", "text/plain"),
    "rdfxml": ("application/rdf+xml", "application/xml", "text/xml"),
    "jsonld": ("application/ld+json", "application/x-json+ld", "application/json"),
}
# short names for the `format` parameter: (results format, graph format); a name that fits only
# one kind leaves the other unset, as a media type of that kind would
SHORT_NAMES = {
    "json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"),
    "nt": (None, "ntriples"), "ntriples": (None, "ntriples"), "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"), "rdf": (None, "rdfxml"),
}


@dataclass(frozen=True)
class _Range:
    kind: str  # "type/subtype", "type/*" or "*/*"
    weight: float
    position: int

    def specificity(self, media: str) -> int | None:
        """How closely this range names `media` (2 exactly, 1 by its type, 0 as */*), None if not at all."""
        if self.kind == media:
            return 2
        if self.kind == media.split("/")[0] + "/*":
            return 1
        return 0 if self.kind == "*/*" else None


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        media = media.lower()
        if "/" not in media:
            continue  # not a media range: ignored, as RFC 9110 lets a server do
        weight = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = min(1.0, max(0.0, float(value)))
                except ValueError:
                    weight = 0.0
        ranges.append(_Range(media, weight, position))
    return ranges


def _best(ranges: list[_Range], formats: dict[str, tuple[str, ...]]) -> str | None:
    """The format the client accepts most, or None when it accepts none of them."""
    scored = []
    for rank, (name, medias) in enumerate(formats.items()):
        for index, media in enumerate(medias):
            # the most specific range that names a media type decides its weight (RFC 9110); a
            # wildcard stands for a format's own media type, not for its aliases (text/* is not XML)
            matching = [(spec, r) for r in ranges
                        if (spec := r.specificity(media)) is not None and (spec == 2 or index == 0)]
            if not matching:
                continue
            specificity, chosen = max(matching, key=lambda pair: (pair[0], pair[1].weight))
            if chosen.weight > 0:
                scored.append((-chosen.weight, -specificity, chosen.position, rank, name))
    return min(scored)[-1] if scored else None


def negotiate(accept: str | None, explicit: str | None = None) -> tuple[str | None, str | None]:
    """(results format, graph format) for a request; either is None when nothing acceptable fits.

    Takes the Accept header and the `format` parameter (a media type, or a short name such as
    json, xml, csv, tsv, turtle, nt, jsonld, rdfxml), which wins when given. No Accept header
    means anything. Raises Refused (400) for a `format` that names nothing known.
    """
    if explicit:
        name = explicit.strip().lower()
        if "/" not in name:
            if name not in SHORT_NAMES:
                raise Refused(HTTPStatus.BAD_REQUEST, f"unknown format {explicit!r}: give a media type or one of "
                                                      f"{', '.join(SHORT_NAMES)}")
            return SHORT_NAMES[name]
        accept = explicit
    ranges = _ranges(accept) if accept and accept.strip() else [_Range("*/*", 1.0, 0)]
    return _best(ranges, RESULT_MEDIA), _best(ranges, GRAPH_MEDIA)


def not_acceptable(graph: bool) -> str:
    """The 406 message for a query whose answer no accepted format can carry."""
    kinds = GRAPH_MEDIA if graph else RESULT_MEDIA
    offered = ", ".join(medias[0] for medias in kinds.values())
    what = "a graph (CONSTRUCT, DESCRIBE)" if graph else "query results (SELECT, ASK)"
    return f"none of the accepted formats can carry {what}: accept one of {offered}"
