"""The project's vocabulary in one place: namespaces and prefixes, graph IRIs, IRI builders, the
tables from the annotation format's enums to ontology terms, and compact/expand of IRIs.

`KB` is closed: a mistyped term is an error at import. `tests/test_vocabulary.py` checks this
module against `ontology/kb.ttl` both ways: every term here is declared there with the right type,
every term declared there is here, and every enum member of the annotation format has its term.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace, Namespace, NamespaceManager

BASE = "https://w3id.org/conflict-news-kb/"
ONTOLOGY = URIRef(f"{BASE}ontology")
"""The ontology, and the named graph that holds it in the store."""
OA = Namespace("http://www.w3.org/ns/oa#")
"""W3C Web Annotation vocabulary."""
RES = Namespace(f"{BASE}id/")
"""Where the knowledge base's own resources live."""
QUALITY = Namespace(f"{BASE}quality#")
"""The quality checks, as rules of the validation report."""


class KB(DefinedNamespace):
    """The project's own terms (`kb:`), closed: using a term the ontology does not declare raises AttributeError."""
    _NS = Namespace("https://w3id.org/conflict-news-kb/ontology#")
    _fail = True

    Actor: URIRef
    Person: URIRef
    State: URIRef
    GovernmentBody: URIRef
    ArmedForce: URIRef
    ArmedGroup: URIRef
    MediaOutlet: URIRef
    Place: URIRef
    Settlement: URIRef
    AdministrativeArea: URIRef
    Region: URIRef
    Zone: URIRef
    Facility: URIRef
    Route: URIRef
    Agreement: URIRef
    Provision: URIRef
    AllegedViolation: URIRef
    EquipmentType: URIRef
    Event: URIRef
    MilitaryEvent: URIRef
    DiplomaticEvent: URIRef
    Offensive: URIRef
    Attack: URIRef
    AirStrike: URIRef
    Shelling: URIRef
    Capture: URIRef
    Clash: URIRef
    MilitaryOperation: URIRef
    Reinforcement: URIRef
    ArmsSupply: URIRef
    Patrol: URIRef
    CeasefireAttempt: URIRef
    NegotiationRound: URIRef
    PhoneCall: URIRef
    Meeting: URIRef
    Visit: URIRef
    Displacement: URIRef
    LegalDesignation: URIRef
    Outcome: URIRef
    OutcomeKind: URIRef
    Killed: URIRef
    Injured: URIRef
    Destroyed: URIRef
    Captured: URIRef
    Displaced: URIRef
    Repelled: URIRef
    Halted: URIRef
    Claim: URIRef
    Stance: URIRef
    Asserts: URIRef
    Denies: URIRef
    Confirms: URIRef
    Warns: URIRef
    Threatens: URIRef
    Demands: URIRef
    Accuses: URIRef
    ExpressesConcern: URIRef
    Announces: URIRef
    Intends: URIRef
    Channel: URIRef
    Interview: URIRef
    Statement: URIRef
    ToldReporters: URIRef
    PressBriefing: URIRef
    Speech: URIRef
    UnspecifiedChannel: URIRef
    Article: URIRef
    Evidence: URIRef
    Mention: URIRef
    RoleAssignment: URIRef
    DatePrecision: URIRef
    DayPrecision: URIRef
    MonthPrecision: URIRef
    YearPrecision: URIRef
    RangePrecision: URIRef
    OnOrBeforePrecision: URIRef
    OnOrAfterPrecision: URIRef
    CalendarDate: URIRef
    evidence: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    datePrecision: URIRef
    dateNote: URIRef
    timeOfDay: URIRef
    cites: URIRef
    roleHolder: URIRef
    roleTitle: URIRef
    roleOf: URIRef
    near: URIRef
    northOf: URIRef
    southOf: URIRef
    eastOf: URIRef
    westOf: URIRef
    southeastOf: URIRef
    partOf: URIRef
    backedBy: URIRef
    allyOf: URIRef
    offshootOf: URIRef
    controls: URIRef
    represents: URIRef
    party: URIRef
    signatory: URIRef
    negotiatedAt: URIRef
    creates: URIRef
    hasProvision: URIRef
    obligatedParty: URIRef
    obligation: URIRef
    zone: URIRef
    figure: URIRef
    deadline: URIRef
    allegedBy: URIRef
    accused: URIRef
    violatedAgreement: URIRef
    violatedProvision: URIRef
    violatingEvent: URIRef
    allegedIn: URIRef
    agent: URIRef
    target: URIRef
    supporter: URIRef
    participant: URIRef
    inResponseTo: URIRef
    hasOutcome: URIRef
    outcomeKind: URIRef
    count: URIRef
    approximate: URIRef
    amount: URIRef
    equipmentType: URIRef
    affectedParty: URIRef
    accordingTo: URIRef
    claimant: URIRef
    reportedIn: URIRef
    claimText: URIRef
    directQuote: URIRef
    stance: URIRef
    channel: URIRef
    medium: URIRef
    occasion: URIRef
    about: URIRef
    contradicts: URIRef
    denies: URIRef
    supports: URIRef
    surfaceForm: URIRef
    occurrences: URIRef


PREFIXES: dict[str, Namespace] = {
    "kb": Namespace(str(KB._NS)), "entity": Namespace(RES["entity/"]), "schema": SDO, "prov": PROV, "skos": SKOS,
    "oa": OA, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "owl": OWL,
}
"""The prefixes of every file, report and query (queries get them as a PREFIX block when loaded)."""
SPARQL_PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

# the same, as plain strings: for building SPARQL text and reading result values
KB_NS, RES_NS, SDO_NS, SKOS_NS = str(KB._NS), str(RES), str(SDO), str(SKOS)
RDF_NS, RDFS_NS, OWL_NS = str(RDF), str(RDFS), str(OWL)
RDF_TYPE = str(RDF.type)

# --- graphs --------------------------------------------------------------------------------------

REGISTRY_GRAPH = RES["graph/registry"]
ARTICLES_GRAPH = RES["graph/articles"]
MANIFEST_GRAPH = RES["graph/push-manifest"]
"""What `kb push` wrote into an external store."""
DECLARED_GRAPH = URIRef("urn:kb:declared-elsewhere")
"""In `kb check ID`: the claims and provisions the other articles declare, typed only."""
ARTICLES_GRAPH_IRI = str(ARTICLES_GRAPH)
REG, ONT, META = f"<{REGISTRY_GRAPH}>", f"<{ONTOLOGY}>", f"<{ARTICLES_GRAPH}>"
"""The registry's, the ontology's and the articles' metadata graphs, as SPARQL IRIs."""


# --- for readers ---------------------------------------------------------------------------------

ENTITY_CATEGORIES = (
    (KB_NS + "Actor", "Actors"), (KB_NS + "Agreement", "Agreements"), (KB_NS + "Event", "Events"),
    (KB_NS + "Place", "Places"), (KB_NS + "EquipmentType", "Equipment types"),
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
    SDO_NS + "unitText": "unit",
}
"""Labels for the terms of other vocabularies that the data uses (the ontology labels its own)."""


# --- IRI builders: from stable keys, never from counters -----------------------------------------


def entity_iri(entity_id: str) -> URIRef:
    """A registry entity's IRI, from its id."""
    return RES[f"entity/{entity_id}"]


def article_iri(article_id: str) -> URIRef:
    """An article's IRI, from its id."""
    return RES[f"article/{article_id}"]


def article_graph_iri(article_id: str) -> URIRef:
    """The IRI of the named graph that holds what an article says."""
    return RES[f"graph/article/{article_id}"]


def claim_iri(article_id: str, claim_id: str) -> URIRef:
    """A claim's IRI, from its article and its id in the annotation."""
    return RES[f"claim/{article_id}/{claim_id}"]


def provision_iri(agreement_id: str, provision_id: str) -> URIRef:
    """An agreement provision's IRI, from the agreement's entity id and the provision's id."""
    return RES[f"provision/{agreement_id}/{provision_id}"]


def article_node_iri(kind: str, article_id: str, key: str) -> URIRef:
    """The IRI of a node that one article's annotation makes (evidence, outcome, role, mention...),
    from its kind, the article and a key stable within the article."""
    return RES[f"{kind}/{article_id}/{key}"]


ARTICLE_NODE_KINDS = frozenset({"evidence", "claim", "outcome", "statement", "role", "mention", "violation"})
"""The kinds of node whose IRI names the article they belong to (`res:KIND/ARTICLE/...`)."""


# --- the annotation format's values as ontology terms ---------------------------------------------
# Keyed by the enums' values (`Stance.asserts.value`), so that this module needs no import of the
# models.

PRECISION = {
    "day": KB.DayPrecision, "month": KB.MonthPrecision, "year": KB.YearPrecision, "range": KB.RangePrecision,
    "on-or-before": KB.OnOrBeforePrecision, "on-or-after": KB.OnOrAfterPrecision,
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
    "displaced": KB.Displaced, "repelled": KB.Repelled, "halted": KB.Halted,
}
RELATION = {
    "contained_in": SDO.containedInPlace, "near": KB.near, "north_of": KB.northOf, "south_of": KB.southOf,
    "east_of": KB.eastOf, "west_of": KB.westOf, "southeast_of": KB.southeastOf, "part_of": KB.partOf,
    "backed_by": KB.backedBy, "ally_of": KB.allyOf, "offshoot_of": KB.offshootOf, "controls": KB.controls,
    "represents": KB.represents,
}


def entity_class(entity_type: str) -> URIRef:
    """The ontology class of a registry entity's `type` (the type's name is the class's local name)."""
    return KB[entity_type]


# --- compact and expand --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def namespace_manager() -> NamespaceManager:
    """rdflib's namespace manager, with the project's prefixes and no others."""
    manager = NamespaceManager(Graph(bind_namespaces="none"), bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        manager.bind(prefix, namespace, override=True, replace=True)
    return manager


@lru_cache(maxsize=4096)
def compact(iri: str) -> str:
    """`kb:Claim` for the IRI of kb:Claim: a prefixed name where a prefix fits, else the IRI itself."""
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
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items()
                   if prefix not in declared)
