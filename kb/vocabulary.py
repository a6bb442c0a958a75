"""The project's vocabulary in one place: namespaces and prefixes, graph IRIs, IRI builders, the
tables from the annotation format's enums to ontology terms, and compact/expand of IRIs.

`KB` is closed (a mistyped term is an error where it is used) and generated from the ontology into
`kb.namespace` by `scripts/generate_namespace.py`. `tests/test_vocabulary.py` and
`tests/test_ontology.py` check this module against `ontology/kb.ttl` both ways: every term here is
declared there with the right type, every term declared there is here (registry types may be
added to the ontology alone: `kb.kinds` reads them from it), and every enum member of the
annotation format has its term.

Names that are plain strings (`KB_NS`, `PREFIX_IRIS`, `SPARQL_PREFIXES`...) cost nothing to import.
The rdflib terms (`KB`, `RES`, `PREFIXES`, the graph IRIs as `URIRef`s, the term tables) are made
on first use, so that a command that needs none of them (`kb query`, `kb --version`) does not pay
for importing rdflib.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

BASE = "https://w3id.org/conflict-news-kb/"
KB_NS = f"{BASE}ontology#"
RES_NS = f"{BASE}id/"
"""Where the knowledge base's own resources live."""
ENTITY_NS = f"{RES_NS}entity/"
ONTOLOGY_IRI = f"{BASE}ontology"
"""The ontology, and the named graph that holds it in the store."""
QUALITY_NS = f"{BASE}quality#"
"""The quality checks, as rules of the validation report."""
OA_NS = "http://www.w3.org/ns/oa#"
"""W3C Web Annotation vocabulary."""
SDO_NS, SKOS_NS, PROV_NS = "https://schema.org/", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/prov#"
RDF_NS, RDFS_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS, XSD_NS = "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF_NS + "type"
WGS_NS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
"""W3C Basic Geo (WGS84) vocabulary: points with latitude and longitude."""
GSP_NS = "http://www.opengis.net/ont/geosparql#"
"""OGC GeoSPARQL: geometries as WKT, for lines and bounding boxes."""
WD_NS = "http://www.wikidata.org/entity/"
"""Wikidata's items."""
DCTERMS_NS = "http://purl.org/dc/terms/"
SCHEME_NS = f"{BASE}scheme/"
"""The external codes the ontology aligns to (ACLED's event types, CAMEO's event codes), as SKOS concepts."""
ACLED_NS, CAMEO_NS = f"{SCHEME_NS}acled/", f"{SCHEME_NS}cameo/"

PREFIX_IRIS = {
    "kb": KB_NS, "entity": ENTITY_NS, "schema": SDO_NS, "prov": PROV_NS, "skos": SKOS_NS,
    "oa": OA_NS, "rdf": RDF_NS, "rdfs": RDFS_NS, "xsd": XSD_NS, "owl": OWL_NS,
    "geo": WGS_NS, "gsp": GSP_NS, "dcterms": DCTERMS_NS, "wd": WD_NS,
}
"""The prefixes of every file, report and query (queries get them as a PREFIX block when loaded)."""
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIX_IRIS.items())

# --- graphs --------------------------------------------------------------------------------------

REGISTRY_GRAPH_IRI = f"{RES_NS}graph/registry"
ARTICLES_GRAPH_IRI = f"{RES_NS}graph/articles"
MANIFEST_GRAPH_IRI = f"{RES_NS}graph/push-manifest"
"""What `kb push` wrote into an external store."""
DECLARED_GRAPH_IRI = "urn:kb:declared-elsewhere"
"""In `kb check ID`: the claims and provisions the other articles declare, typed only."""
REG, ONT, META = f"<{REGISTRY_GRAPH_IRI}>", f"<{ONTOLOGY_IRI}>", f"<{ARTICLES_GRAPH_IRI}>"
"""The registry's, the ontology's and the articles' metadata graphs, as SPARQL IRIs."""

# --- for readers ---------------------------------------------------------------------------------

ENTITY_CATEGORIES = (
    (KB_NS + "Actor", "Actors"), (KB_NS + "Agreement", "Agreements"), (KB_NS + "Resolution", "Resolutions"),
    (KB_NS + "Event", "Events"), (KB_NS + "Place", "Places"), (KB_NS + "EquipmentType", "Equipment types"),
)
"""The broad kinds of registry entities, in the order an entity of several kinds is filed under."""

OTHER_LABELS = {
    SDO_NS + "location": "location", SDO_NS + "containedInPlace": "contained in place",
    SDO_NS + "publisher": "publisher", SDO_NS + "author": "author", SDO_NS + "superEvent": "part of event",
    SDO_NS + "locationCreated": "dateline", SDO_NS + "description": "description", SDO_NS + "sameAs": "same as",
    SKOS_NS + "editorialNote": "curator's note", SKOS_NS + "altLabel": "alias", RDFS_NS + "label": "label",
    SDO_NS + "headline": "headline", SDO_NS + "url": "URL", SDO_NS + "datePublished": "date published",
    SDO_NS + "inLanguage": "language", SDO_NS + "identifier": "identifier", SDO_NS + "name": "name",
    SDO_NS + "value": "value", SDO_NS + "minValue": "minimum", SDO_NS + "maxValue": "maximum",
    SDO_NS + "unitText": "unit", SDO_NS + "license": "licence", SDO_NS + "creditText": "attribution",
    SDO_NS + "memberOf": "member of",
}
"""Labels for the terms of other vocabularies that the data uses (the ontology labels its own)."""


# --- IRI builders: from stable keys, never from counters -----------------------------------------


def entity_iri(entity_id: str):
    """A registry entity's IRI (a URIRef), from its id."""
    return _terms()["RES"][f"entity/{entity_id}"]


def article_iri(article_id: str):
    """An article's IRI, from its id."""
    return _terms()["RES"][f"article/{article_id}"]


def article_graph_iri(article_id: str):
    """The IRI of the named graph that holds what an article says."""
    return _terms()["RES"][f"graph/article/{article_id}"]


def claim_iri(article_id: str, claim_id: str):
    """A claim's IRI, from its article and its id in the annotation."""
    return _terms()["RES"][f"claim/{article_id}/{claim_id}"]


def provision_iri(agreement_id: str, provision_id: str):
    """An agreement provision's IRI, from the agreement's entity id and the provision's id."""
    return _terms()["RES"][f"provision/{agreement_id}/{provision_id}"]


def article_node_iri(kind: str, article_id: str, key: str):
    """The IRI of a node that one article's annotation makes (evidence, outcome, role, mention...),
    from its kind, the article and a key stable within the article."""
    return _terms()["RES"][f"{kind}/{article_id}/{key}"]


def geometry_iri(key: str, kind: str):
    """The IRI of a geometry (`point`, `line`, `bounds`) of a registry entity or a Wikidata item, by its key."""
    return _terms()["RES"][f"geometry/{key}/{kind}"]


GAZETTEERS = {
    "wikidata": lambda key: f"{WD_NS}{key}",
    "geonames": lambda key: f"https://sws.geonames.org/{key}/",
    "whosonfirst": lambda key: f"https://spelunker.whosonfirst.org/id/{key}/",
    "naturalearth": lambda key: f"https://www.naturalearthdata.com/downloads/{key.split('_')[1]}-cultural-vectors/",
}
"""A geometry's source (`gazetteer:record`) as the IRI of the record, or of the Natural Earth layer's page."""


def source_iri(source: str):
    """The IRI (a URIRef) of a geometry's source, written `gazetteer:record` (see `GAZETTEERS`);
    raises KeyError for another gazetteer."""
    from rdflib import URIRef

    gazetteer, _, key = source.partition(":")
    return URIRef(GAZETTEERS[gazetteer](key))


ARTICLE_NODE_KINDS = frozenset({
    "evidence", "claim", "outcome", "statement", "role", "mention", "violation", "identification", "speaker",
    "relay", "hedge", "slip",
})
"""The kinds of node whose IRI names the article they belong to (`res:KIND/ARTICLE/...`)."""


def node_article(iri: str) -> str | None:
    """The article whose own node `iri` is (`res:article/ID`, or `res:KIND/ID/...` for a kind of
    `ARTICLE_NODE_KINDS`), or None for anything else: registry entities, provisions, terms."""
    if not iri.startswith(RES_NS):
        return None
    parts = iri[len(RES_NS):].split("/", 2)
    if parts[0] == "article":
        return parts[1] if len(parts) == 2 else None
    return parts[1] if len(parts) == 3 and parts[0] in ARTICLE_NODE_KINDS else None


def entity_class(entity_type: str):
    """The ontology class of a registry entity's `type` (the type's name is the class's local name).

    Not through `KB`, which lists the terms the code names: a curator adds types to the ontology
    alone, and `kb.kinds` checks that the name is one of its classes.
    """
    from rdflib import URIRef

    return URIRef(KB_NS + entity_type)


# --- compact and expand --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def namespace_manager():
    """rdflib's namespace manager, with the project's prefixes and no others."""
    from rdflib import Graph
    from rdflib.namespace import NamespaceManager

    manager = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, namespace in _terms()["PREFIXES"].items():
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


@lru_cache(maxsize=4096)
def compact(iri: str) -> str:
    """`kb:Claim` for the IRI of kb:Claim: a prefixed name where a prefix fits, else the IRI itself."""
    from rdflib import URIRef

    try:
        return namespace_manager().curie(URIRef(iri), generate=False)
    except (KeyError, ValueError):
        return str(iri)


def expand(name: str) -> str:
    """The IRI of a prefixed name (`kb:Claim`); a full IRI, or a name with no known prefix, as it is."""
    try:
        return str(namespace_manager().expand_curie(name))
    except ValueError:
        return name


_DECLARED = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE | re.MULTILINE)


def sparql_prologue(query: str) -> str:
    """The PREFIX lines for the project's prefixes that `query` does not declare itself."""
    declared = {match.group(1) or "" for match in _DECLARED.finditer(query)}
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIX_IRIS.items()
                   if prefix not in declared)


# --- the rdflib terms, made on first use ---------------------------------------------------------


def __getattr__(name: str) -> Any:
    if name.startswith("__"):  # the import system asks for `__path__` and the like: no term, and no rdflib
        raise AttributeError(f"module 'kb.vocabulary' has no attribute {name!r}")
    terms = _terms()
    if name in terms:
        return terms[name]
    raise AttributeError(f"module 'kb.vocabulary' has no attribute {name!r}")


@lru_cache(maxsize=1)
def _terms() -> dict[str, Any]:
    from rdflib import URIRef
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Namespace

    from kb.namespace import KB

    RES = Namespace(RES_NS)
    PREFIXES = {prefix: Namespace(iri) for prefix, iri in PREFIX_IRIS.items()}

    # The annotation format's values as ontology terms, keyed by the enums' values
    # (`Stance.asserts.value`), so that this module needs no import of the models.
    PRECISION = {
        "day": KB.DayPrecision, "month": KB.MonthPrecision, "year": KB.YearPrecision, "range": KB.RangePrecision,
        "on-or-before": KB.OnOrBeforePrecision, "on-or-after": KB.OnOrAfterPrecision,
    }
    GENRE = {
        "news-report": KB.NewsReport, "agreement-text": KB.AgreementText, "official-transcript": KB.OfficialTranscript,
        "press-release": KB.PressRelease, "official-statement": KB.OfficialStatement,
        "encyclopedia-entry": KB.EncyclopediaEntry,
    }
    STANCE = {
        "asserts": KB.Asserts, "denies": KB.Denies, "confirms": KB.Confirms, "warns": KB.Warns,
        "threatens": KB.Threatens, "demands": KB.Demands, "accuses": KB.Accuses,
        "expresses-concern": KB.ExpressesConcern, "announces": KB.Announces, "intends": KB.Intends,
    }
    CHANNEL = {
        "interview": KB.Interview, "statement": KB.Statement, "told-reporters": KB.ToldReporters,
        "press-briefing": KB.PressBriefing, "speech": KB.Speech, "unspecified": KB.UnspecifiedChannel,
    }
    OUTCOME = {
        "killed": KB.Killed, "injured": KB.Injured, "destroyed": KB.Destroyed, "captured": KB.Captured,
        "displaced": KB.Displaced, "repelled": KB.Repelled, "halted": KB.Halted, "casualties": KB.Casualties,
    }
    QUALIFIER = {
        "exactly": KB.Exactly, "more-than": KB.MoreThan, "at-least": KB.AtLeast, "nearly": KB.Nearly,
        "about": KB.About, "up-to": KB.UpTo, "between": KB.Between,
    }
    EXTENT = {"whole": KB.Whole, "most": KB.Most, "part": KB.Part}
    EVENT_STATUS = {
        "happened": KB.Happened, "claimed": KB.Claimed, "planned": KB.Planned, "announced": KB.Announced,
        "threatened": KB.Threatened, "denied": KB.Denied,
    }
    RELAY_KIND = {
        "reported": KB.RelayReported, "quoted": KB.RelayQuoted, "according-to": KB.RelayAccordingTo,
        "translated": KB.RelayTranslated, "interpreted": KB.RelayInterpreted, "broadcast": KB.RelayBroadcast,
    }
    HEDGE_KIND = {
        "reportedly": KB.Reportedly, "allegedly": KB.Allegedly, "as-claimed": KB.AsClaimed,
        "unconfirmed-by-outlet": KB.UnconfirmedByOutlet,
    }
    SLIP_KIND = {"typo": KB.Typo, "error": KB.Error}
    CERTAINTY = {"certain": KB.Certain, "probable": KB.Probable, "possible": KB.Possible}
    DIRECTION = {
        "north": KB.North, "south": KB.South, "east": KB.East, "west": KB.West, "north-east": KB.NorthEast,
        "north-west": KB.NorthWest, "south-east": KB.SouthEast, "south-west": KB.SouthWest,
    }
    AGREEMENT_RELATION = {
        "amends": KB.amends, "supplements": KB.supplements, "recalls": KB.recalls, "implements": KB.implements,
        "supersedes": KB.supersedes, "refers-to": KB.refersTo,
    }
    RELATION = {
        "contained_in": SDO.containedInPlace, "near": KB.near, "north_of": KB.northOf, "south_of": KB.southOf,
        "east_of": KB.eastOf, "west_of": KB.westOf, "southeast_of": KB.southeastOf, "part_of": KB.partOf,
        "backed_by": KB.backedBy, "ally_of": KB.allyOf, "offshoot_of": KB.offshootOf, "controls": KB.controls,
        "represents": KB.represents, "passes_through": KB.passesThrough, "owned_by": KB.ownedBy,
    }

    return {
        "KB": KB, "RES": RES, "OA": Namespace(OA_NS), "QUALITY": Namespace(QUALITY_NS),
        "ONTOLOGY": URIRef(ONTOLOGY_IRI), "PREFIXES": PREFIXES,
        "REGISTRY_GRAPH": URIRef(REGISTRY_GRAPH_IRI), "ARTICLES_GRAPH": URIRef(ARTICLES_GRAPH_IRI),
        "MANIFEST_GRAPH": URIRef(MANIFEST_GRAPH_IRI), "DECLARED_GRAPH": URIRef(DECLARED_GRAPH_IRI),
        "PRECISION": PRECISION, "STANCE": STANCE, "CHANNEL": CHANNEL, "OUTCOME": OUTCOME, "RELATION": RELATION,
        "GENRE": GENRE, "QUALIFIER": QUALIFIER, "EXTENT": EXTENT, "EVENT_STATUS": EVENT_STATUS,
        "RELAY_KIND": RELAY_KIND, "HEDGE_KIND": HEDGE_KIND, "SLIP_KIND": SLIP_KIND, "CERTAINTY": CERTAINTY,
        "DIRECTION": DIRECTION, "AGREEMENT_RELATION": AGREEMENT_RELATION,
        "SDO": SDO, "XSD": XSD, "RDF": RDF, "RDFS": RDFS, "OWL": OWL, "SKOS": SKOS, "PROV": PROV,
        "DCTERMS": DCTERMS, "WGS": Namespace(WGS_NS), "GSP": Namespace(GSP_NS), "WD": Namespace(WD_NS),
        "SCHEME": Namespace(SCHEME_NS), "ACLED": Namespace(ACLED_NS), "CAMEO": Namespace(CAMEO_NS),
    }
