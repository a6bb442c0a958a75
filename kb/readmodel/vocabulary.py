"""The IRIs the read model reads by: namespaces, the store's graphs, the kinds of entities, and words for other vocabularies."""

from __future__ import annotations

from kb.mapping import ARTICLES_GRAPH, REGISTRY_GRAPH
from kb.namespace import KB, ONTOLOGY, RES

KB_NS = str(KB._NS)
RES_NS = str(RES)
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SDO_NS = "https://schema.org/"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = RDF_NS + "type"

PREFIXES = f"""PREFIX kb: <{KB_NS}>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <{OWL_NS}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <{RDF_NS}>
PREFIX rdfs: <{RDFS_NS}>
PREFIX schema: <{SDO_NS}>
PREFIX skos: <{SKOS_NS}>
"""
ARTICLES_GRAPH_IRI = str(ARTICLES_GRAPH)
REG, ONT, META = f"<{REGISTRY_GRAPH}>", f"<{ONTOLOGY}>", f"<{ARTICLES_GRAPH}>"

# The broad kinds of registry entities, in the order an entity of several kinds is filed under.
CATEGORIES = (
    (KB_NS + "Actor", "Actors"), (KB_NS + "Agreement", "Agreements"), (KB_NS + "Event", "Events"),
    (KB_NS + "Place", "Places"), (KB_NS + "EquipmentType", "Equipment types"),
)

# Labels for the few terms of other vocabularies that the data uses.
OTHER_LABELS = {
    SDO_NS + "location": "location", SDO_NS + "containedInPlace": "contained in place",
    SDO_NS + "publisher": "publisher", SDO_NS + "author": "author", SDO_NS + "superEvent": "part of event",
    SDO_NS + "locationCreated": "dateline", SDO_NS + "description": "description", SDO_NS + "sameAs": "same as",
    SKOS_NS + "editorialNote": "curator's note", SKOS_NS + "altLabel": "alias", RDFS_NS + "label": "label",
    SDO_NS + "headline": "headline", SDO_NS + "url": "URL", SDO_NS + "datePublished": "date published",
    SDO_NS + "inLanguage": "language", SDO_NS + "identifier": "identifier", SDO_NS + "name": "name",
    SDO_NS + "value": "value", SDO_NS + "minValue": "minimum", SDO_NS + "maxValue": "maximum",
    SDO_NS + "unitText": "unit",
}
