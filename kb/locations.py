"""Where the registry's places are, as RDF: points in W3C Basic Geo (WGS84), lines in GeoSPARQL.

A point is `geo:Point` with `geo:lat` and `geo:long` (xsd:decimal degrees), reached from the place by
`geo:location`; a line is a `gsp:Geometry` whose `gsp:asWKT` is a `LINESTRING` (longitude first, as
WKT writes it), reached by `gsp:hasGeometry`. Each says where its figures come from (`dcterms:source`,
the gazetteer record or layer) and whether they only roughly place the place (`kb:approximateGeometry`).
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kb.models import Entity, Geometry
from kb.vocabulary import GSP, KB, WGS, geometry_iri, source_iri


def degrees(value: float) -> Literal:
    """A coordinate as an xsd:decimal, written as the registry gives it (no binary rounding noise)."""
    return Literal(Decimal(repr(float(value))))


def wkt_line(points: list[tuple[float, float]]) -> Literal:
    """`[(lat, long), ...]` as a GeoSPARQL WKT literal, `LINESTRING(long lat, ...)`."""
    text = ", ".join(f"{Decimal(repr(float(lon)))} {Decimal(repr(float(lat)))}" for lat, lon in points)
    return Literal(f"LINESTRING({text})", datatype=GSP.wktLiteral)


def map_location(graph, node: URIRef, entity: Entity) -> None:
    """Add an entity's point and line, if it has them, to `graph` (anything with `add(triple)`).

    Takes the entity's node and its registry record; returns nothing.
    """
    if entity.point is not None:
        point = geometry_iri(entity.id, "point")
        graph.add((node, WGS.location, point))
        graph.add((point, RDF.type, WGS.Point))
        graph.add((point, WGS.lat, degrees(entity.point.lat)))
        graph.add((point, WGS.long, degrees(entity.point.long)))
        _provenance(graph, point, entity.point)
    if entity.line is not None:
        line = geometry_iri(entity.id, "line")
        graph.add((node, GSP.hasGeometry, line))
        graph.add((line, RDF.type, GSP.Geometry))
        graph.add((line, GSP.asWKT, wkt_line(entity.line.points)))
        _provenance(graph, line, entity.line)


def _provenance(graph, node: URIRef, geometry: Geometry) -> None:
    graph.add((node, DCTERMS.source, source_iri(geometry.source)))
    graph.add((node, KB.approximateGeometry, Literal(geometry.approximate)))
    if geometry.note:
        graph.add((node, SKOS.editorialNote, Literal(geometry.note)))
