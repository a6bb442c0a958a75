"""The project's own vocabulary, closed: a mistyped term is an error at import.

Generated from ontology/kb.ttl; a test checks the two agree both ways.
"""
from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

ONTOLOGY = URIRef("https://w3id.org/conflict-news-kb/ontology")
OA = Namespace("http://www.w3.org/ns/oa#")
"""W3C Web Annotation vocabulary."""
RES = Namespace("https://w3id.org/conflict-news-kb/id/")
"""Where the knowledge base's own resources live."""


class KB(DefinedNamespace):
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
