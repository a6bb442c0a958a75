"""Places located: the registry's points and lines in RDF, the shipped borders, and the quality check
that a place lies inside the state that contains it."""

from __future__ import annotations

import shutil

import pytest
from rdflib import Literal, URIRef

from kb import api
from kb.corpus import load_corpus
from kb.geodata import box_wkt, countries, reference_triples
from kb.mapping import map_corpus
from kb.vocabulary import DCTERMS, GSP, KB, WGS, entity_iri, geometry_iri

from conftest import SEED_CORPUS

RULE = "https://w3id.org/conflict-news-kb/quality#place-outside-its-state-warning"


@pytest.fixture(scope="module")
def registry_graph():
    dataset = map_corpus(load_corpus(SEED_CORPUS)).dataset
    return dataset.graph(URIRef("https://w3id.org/conflict-news-kb/id/graph/registry"))


def test_a_point_is_a_wgs84_point_with_its_source_and_precision(registry_graph):
    point = registry_graph.value(entity_iri("saraqib"), WGS.location)
    assert point == geometry_iri("saraqib", "point")
    assert registry_graph.value(point, WGS.lat) == Literal("35.86447", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))
    assert str(registry_graph.value(point, WGS.long)) == "36.80591"
    assert registry_graph.value(point, DCTERMS.source) == URIRef("https://spelunker.whosonfirst.org/id/890449833/")
    assert registry_graph.value(point, KB.approximateGeometry).toPython() is False
    area = registry_graph.value(entity_iri("idlib-province"), WGS.location)
    assert registry_graph.value(area, KB.approximateGeometry).toPython() is True


def test_a_line_is_geosparql_wkt_longitude_first(registry_graph):
    line = registry_graph.value(entity_iri("syrian-turkish-border"), GSP.hasGeometry)
    wkt = registry_graph.value(line, GSP.asWKT)
    assert wkt.datatype == GSP.wktLiteral
    assert str(wkt).startswith("LINESTRING(35.8942 35.9168, ") and str(wkt).endswith("42.3598 37.1094)")


def test_the_states_bounding_boxes_come_from_the_shipped_borders():
    syria = next(c for c in countries() if c.name == "Syria")
    assert syria.wikidata == "Q858" and syria.iso_n3 == "760"
    west, south, east, north = syria.bounds
    assert (35.7 < west < 35.8) and (32.3 < south < 32.4) and (42.3 < east < 42.4) and (37.2 < north < 37.4)
    boxes = {str(t.subject.value): t.object for t in reference_triples() if t.predicate.value == str(GSP.hasBoundingBox)}
    assert set(boxes) == {"http://www.wikidata.org/entity/" + q for q in ("Q858", "Q43", "Q159", "Q794")}
    wkt = next(t.object.value for t in reference_triples() if t.subject == boxes["http://www.wikidata.org/entity/Q858"]
               and t.predicate.value == str(GSP.asWKT))
    assert wkt == box_wkt(syria.bounds) == "POLYGON((35.765 32.318, 42.360 32.318, 42.360 37.297, 35.765 37.297, 35.765 32.318))"


def test_every_located_place_of_the_corpus_lies_in_its_states_box(built_seed):
    report = api.check(SEED_CORPUS, None, built_seed)
    assert [f for f in report.findings if f.rule == RULE] == []


def test_a_point_outside_the_state_that_contains_it_is_flagged(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    places = corpus / "registry" / "places.yaml"
    text = places.read_text(encoding="utf-8")
    # a sign lost: west of Greenwich rather than east (swapped figures would still fall inside Syria's box)
    swapped = text.replace("point: {lat: 35.86447, long: 36.80591,", "point: {lat: 35.86447, long: -36.80591,")
    assert swapped != text
    places.write_text(swapped, encoding="utf-8")
    report = api.check(corpus, None, None)
    found = [f for f in report.findings if f.rule == RULE]
    assert [(f.focus, f.severity.value) for f in found] == [(str(entity_iri("saraqib")), "Warning")]
    assert "latitude 35.86447, longitude -36.80591" in found[0].message and "Syria" in found[0].message
    assert found[0].source == "corpus/registry/places.yaml" or found[0].source.endswith("registry/places.yaml")
