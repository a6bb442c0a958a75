"""The border data shipped with the package: Natural Earth's 1:50m admin-0 countries around the
region the corpus speaks of (`geodata/countries.geojson`; see `geodata/README.md` for its source).

The site draws the states' borders from it, and each state that carries a Wikidata id there gets a
bounding box in the ontology's graph (`reference_triples`), which the quality check
`place-outside-its-state-warning` compares the points of the places it contains with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox

from kb.errors import InputError
from kb.resources import data_dir
from kb.vocabulary import DCTERMS, GSP, KB, RDF, WD, XSD, geometry_iri, source_iri

BORDERS_SOURCE = "naturalearth:ne_50m_admin_0_countries"
Ring = tuple[tuple[float, float], ...]  # (longitude, latitude) points, closed


@dataclass(frozen=True)
class Country:
    """One country of the border data: its name, ISO 3166 numeric code, Wikidata id (when the data
    gives one) and its polygons, each an outer ring followed by its holes, in (long, lat) degrees."""

    name: str
    iso_n3: str | None
    wikidata: str | None
    polygons: tuple[tuple[Ring, ...], ...]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of every ring; a state that crosses the antimeridian spans
        every longitude."""
        xs = [x for polygon in self.polygons for ring in polygon for x, _ in ring]
        ys = [y for polygon in self.polygons for ring in polygon for _, y in ring]
        return min(xs), min(ys), max(xs), max(ys)


def borders_file():
    """The shipped GeoJSON of the countries' borders."""
    return data_dir("geodata") / "countries.geojson"


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the border data, by name.

    Raises `InputError` when the file is missing or is not the GeoJSON it should be.
    """
    try:
        data = json.loads(borders_file().read_text(encoding="utf-8"))
        found = []
        for feature in data["features"]:
            properties, geometry = feature["properties"], feature["geometry"]
            polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            found.append(Country(
                properties["name"], properties.get("iso_n3"), properties.get("wikidata"),
                tuple(tuple(tuple((float(x), float(y)) for x, y in ring) for ring in polygon) for polygon in polygons),
            ))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InputError(f"the border data {borders_file()} cannot be read: {err}") from None
    return tuple(sorted(found, key=lambda country: country.name))


def box_wkt(bounds: tuple[float, float, float, float]) -> str:
    """A bounding box as a WKT polygon, always written `POLYGON((W S, E S, E N, W N, W S))`, which
    the quality check reads back."""
    west, south, east, north = (f"{value:.3f}" for value in bounds)
    return f"POLYGON(({west} {south}, {east} {south}, {east} {north}, {west} {north}, {west} {south}))"


def reference_triples() -> list[ox.Triple]:
    """Each state's bounding box, for the ontology's graph: `wd:Q… gsp:hasBoundingBox` a GeoSPARQL
    geometry with its WKT, its source and `kb:approximateGeometry true` (a box only roughly places
    a state). Only the countries that the border data gives a Wikidata id for; in name order."""
    def iri(term) -> ox.NamedNode:
        return ox.NamedNode(str(term))

    triples = []
    for country in countries():
        if not country.wikidata:
            continue
        box = iri(geometry_iri(country.wikidata, "bounds"))
        triples += [
            ox.Triple(iri(WD[country.wikidata]), iri(GSP.hasBoundingBox), box),
            ox.Triple(box, iri(RDF.type), iri(GSP.Geometry)),
            ox.Triple(box, iri(GSP.asWKT), ox.Literal(box_wkt(country.bounds), datatype=iri(GSP.wktLiteral))),
            ox.Triple(box, iri(DCTERMS.source), iri(source_iri(BORDERS_SOURCE))),
            ox.Triple(box, iri(KB.approximateGeometry), ox.Literal("true", datatype=iri(XSD.boolean))),
        ]
    return triples
