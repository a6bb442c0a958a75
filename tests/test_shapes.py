"""Every SHACL property shape of shapes/kb-shapes.ttl, tested on small graphs.

In the manner of the W3C data-shapes test suite: for each property shape, a conforming case and,
for each of its constraints, a violating case that breaks that constraint alone. A case is a valid
node of the shape's target (`ex:focus`, from BASES) with a few properties changed, beside a context
of valid nodes it can point at. A violating case must give exactly one result, and the test checks
its focus node, path, severity, source shape and constraint component, never its message.

`test_every_constraint_of_every_property_shape_has_a_case` makes a new shape, or a new constraint
on an old one, fail until its cases are written here; the constraints it looks for are those the
build's compiler supports (kb.shacl_sparql.SUPPORTED), which refuses any other.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import SH

from kb.shacl_sparql import SUPPORTED
from kb.validate import compiled_checks, shacl_findings, shapes_graph

NAMESPACES = {
    "kb": "https://w3id.org/conflict-news-kb/ontology#",
    "kbsh": "https://w3id.org/conflict-news-kb/shapes#",
    "schema": "https://schema.org/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "ex": "http://example.org/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "dcterms": "http://purl.org/dc/terms/",
}
PREFIXES = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in NAMESPACES.items())
FOCUS = URIRef("http://example.org/focus")

# Valid nodes the cases point at; on its own this graph conforms (see the first test).
CONTEXT = """
ex:article a kb:Article ; schema:identifier "a" ; schema:text "Alba was shelled." ; schema:inLanguage "en" ;
    kb:datePrecision kb:DayPrecision ; kb:genre kb:NewsReport .
ex:article2 a kb:Article ; schema:identifier "b" ; schema:text "Beta was quiet." ; schema:inLanguage "en" ;
    kb:datePrecision kb:MonthPrecision ; kb:genre kb:NewsReport .
ex:evidence a kb:Evidence ; oa:exact "Alba" ; oa:start 0 ; oa:end 4 ; prov:wasQuotedFrom ex:article .
ex:evidence2 a kb:Evidence ; oa:exact "was" ; oa:start 5 ; oa:end 8 ; prov:wasQuotedFrom ex:article .
ex:state a kb:State ; rdfs:label "Northland" .
ex:state2 a kb:State ; rdfs:label "Southland" .
ex:person a kb:Person ; rdfs:label "Jane Roe" .
ex:person2 a kb:Person ; rdfs:label "John Doe" .
ex:outlet a kb:MediaOutlet ; rdfs:label "Example News" .
ex:outlet2 a kb:MediaOutlet ; rdfs:label "Other News" .
ex:place a kb:Settlement ; rdfs:label "Alba" .
ex:region a kb:Region ; rdfs:label "Border Region" .
ex:event a kb:Shelling ; rdfs:label "Shelling of Alba" ; kb:evidence ex:evidence ; kb:hasOutcome ex:outcome .
ex:outcome a kb:Outcome ; kb:outcomeKind kb:Killed ; kb:evidence ex:evidence .
ex:agreement a kb:Agreement ; rdfs:label "Lake Accord" ; kb:evidence ex:evidence ; kb:hasProvision ex:provision .
ex:agreement2 a kb:Agreement ; rdfs:label "River Accord" ; kb:evidence ex:evidence .
ex:provision a kb:Provision ; kb:obligation "keep a buffer zone" ; kb:evidence ex:evidence .
ex:claim a kb:Claim ; kb:claimant ex:state ; kb:reportedIn ex:article ; kb:claimText "Alba was shelled." ;
    kb:directQuote true ; kb:stance kb:Asserts ; kb:evidence ex:evidence .
ex:figure a schema:QuantitativeValue ; schema:name "width" ; schema:unitText "km" ; kb:qualifier kb:Exactly .
ex:equipment a kb:EquipmentType ; rdfs:label "tank" .
ex:hedge a kb:Hedge ; kb:hedgeKind kb:Reportedly ; kb:evidence ex:evidence .
ex:step a kb:RelayStep ; kb:relayKind kb:RelayReported ; kb:relayOrder 1 ; kb:evidence ex:evidence .
ex:claim kb:relay ex:step .
ex:moment2 a kb:Moment ; kb:datePrecision kb:MonthPrecision .
ex:moment a kb:Moment ; kb:datePrecision kb:DayPrecision ; kb:earliestDate "2021-03-06"^^xsd:date ;
    kb:latestDate "2021-03-06"^^xsd:date .
ex:equipment2 a kb:EquipmentType ; rdfs:label "howitzer" .
ex:point a geo:Point ; geo:lat 35.86 ; geo:long 36.8 ; dcterms:source <https://sws.geonames.org/164816/> ;
    kb:approximateGeometry false .
ex:point2 a geo:Point ; geo:lat 36.2 ; geo:long 37.2 ; dcterms:source <https://sws.geonames.org/170063/> ;
    kb:approximateGeometry true .
ex:line a gsp:Geometry ; gsp:asWKT "LINESTRING(35.9 35.9, 42.4 37.1)"^^gsp:wktLiteral ;
    dcterms:source <https://www.naturalearthdata.com/downloads/50m-cultural-vectors/> ; kb:approximateGeometry true .
ex:line2 a gsp:Geometry ; gsp:asWKT "LINESTRING(36 36, 37 37)"^^gsp:wktLiteral ;
    dcterms:source <https://www.naturalearthdata.com/downloads/50m-cultural-vectors/> ; kb:approximateGeometry true .
"""

# A valid `ex:focus` for each node shape: property -> objects ("^p" is p pointing at the focus).
BASES: dict[str, dict[str, list[str]]] = {
    "Article": {"a": ["kb:Article"], "schema:identifier": ['"f"'], "schema:text": ['"Alba was shelled."'],
                "schema:inLanguage": ['"en"'], "kb:datePrecision": ["kb:DayPrecision"], "kb:genre": ["kb:NewsReport"]},
    "Evidence": {"a": ["kb:Evidence"], "oa:exact": ['"was"'], "oa:start": ["5"], "oa:end": ["8"],
                 "prov:wasQuotedFrom": ["ex:article"]},
    "Mention": {"a": ["kb:Mention"], "oa:hasBody": ["ex:place"], "kb:surfaceForm": ['"Alba"'],
                "kb:occurrences": ["1"], "kb:evidence": ["ex:evidence"]},
    "Statement": {"a": ["rdf:Statement"], "rdf:subject": ["ex:place"], "rdf:predicate": ["schema:containedInPlace"],
                  "rdf:object": ["ex:region"], "kb:evidence": ["ex:evidence"]},
    "Dated": {"kb:datePrecision": ["kb:RangePrecision"], "kb:earliestDate": ['"2021-03-02"^^xsd:date'],
              "kb:latestDate": ['"2021-03-04"^^xsd:date']},
    "Labelled": {"a": ["kb:ArmedGroup"], "rdfs:label": ['"Group"']},
    "Actor": {"a": ["kb:ArmedGroup"], "rdfs:label": ['"Group"']},
    "Place": {"a": ["kb:Settlement"], "rdfs:label": ['"Beta"']},
    "RoleAssignment": {"a": ["kb:RoleAssignment"], "kb:roleHolder": ["ex:person"], "kb:roleTitle": ['"Minister"'],
                       "kb:evidence": ["ex:evidence"]},
    "Agreement": {"a": ["kb:Agreement"], "rdfs:label": ['"Accord"'], "kb:evidence": ["ex:evidence"]},
    "Provision": {"a": ["kb:Provision"], "kb:obligation": ['"withdraw"'], "kb:evidence": ["ex:evidence"],
                  "^kb:hasProvision": ["ex:agreement"]},
    "QuantitativeValue": {"a": ["schema:QuantitativeValue"], "schema:name": ['"width"'], "schema:unitText": ['"km"'],
                          "kb:qualifier": ["kb:Exactly"]},
    "AllegedViolation": {"a": ["kb:AllegedViolation"], "kb:allegedBy": ["ex:state"], "kb:accused": ["ex:state2"],
                         "kb:violatedAgreement": ["ex:agreement"], "kb:evidence": ["ex:evidence"]},
    "Event": {"a": ["kb:Attack"], "rdfs:label": ['"Attack"'], "kb:evidence": ["ex:evidence"]},
    "Identification": {"a": ["kb:Identification"], "kb:identifiedEntity": ["ex:agreement"],
                       "kb:identifiedAs": ["ex:agreement2"], "kb:certainty": ["kb:Probable"], "kb:evidence": ["ex:evidence"]},
    "RelayStep": {"a": ["kb:RelayStep"], "kb:relayKind": ["kb:RelayReported"], "kb:relayOrder": ["1"],
                  "kb:evidence": ["ex:evidence"], "^kb:relay": ["ex:claim"]},
    "Hedge": {"a": ["kb:Hedge"], "kb:hedgeKind": ["kb:Allegedly"], "kb:evidence": ["ex:evidence"]},
    "UnnamedSpeaker": {"a": ["kb:UnnamedSpeaker"], "rdfs:label": ['"a senior official"'], "kb:evidence": ["ex:evidence"]},
    "Slip": {"a": ["kb:Slip"], "kb:slipKind": ["kb:Typo"], "kb:reading": ['"restricted"'], "kb:evidence": ["ex:evidence"]},
    "Moment": {"a": ["kb:Moment"], "kb:datePrecision": ["kb:DayPrecision"]},
    "Outcome": {"a": ["kb:Outcome"], "kb:outcomeKind": ["kb:Killed"], "kb:evidence": ["ex:evidence"],
                "^kb:hasOutcome": ["ex:event"]},
    "Located": {"a": ["kb:Settlement"], "rdfs:label": ['"Beta"']},
    "Point": {"a": ["geo:Point"], "geo:lat": ["35.5"], "geo:long": ["36.5"],
              "dcterms:source": ["<https://sws.geonames.org/1/>"], "kb:approximateGeometry": ["false"]},
    "Geometry": {"a": ["geo:Point"], "geo:lat": ["35.5"], "geo:long": ["36.5"],
                 "dcterms:source": ["<https://sws.geonames.org/1/>"], "kb:approximateGeometry": ["false"]},
    "WKT": {"a": ["gsp:Geometry"], "gsp:asWKT": ['"LINESTRING(36 35, 37 36)"^^gsp:wktLiteral'],
            "dcterms:source": ["<https://sws.geonames.org/1/>"], "kb:approximateGeometry": ["true"]},
    "Claim": {"a": ["kb:Claim"], "kb:claimant": ["ex:state"], "kb:reportedIn": ["ex:article"],
              "kb:claimText": ['"Alba was shelled."'], "kb:directQuote": ["true"], "kb:stance": ["kb:Asserts"],
              "kb:evidence": ["ex:evidence"]},
}

Changes = dict[str, "str | list[str] | None"]  # property -> new object(s), or None to remove it

# The conforming case of each property shape: changes to its base that give the property a valid value
# ({} when the base already has one; the test checks the focus does use the property).
GOOD: dict[str, Changes] = {
    # provenance
    "Article-identifier": {}, "Article-text": {}, "Article-inLanguage": {"schema:inLanguage": '"en-GB"'},
    "Article-datePrecision": {}, "Article-headline": {"schema:headline": '"Alba shelled"'},
    "Article-url": {"schema:url": '"https://example.org/a"^^xsd:anyURI'},
    "Article-publisher": {"schema:publisher": "ex:state"},  # not only media outlets publish
    "Article-author": {"schema:author": "ex:person"}, "Article-cites": {"kb:cites": ["ex:outlet", "ex:outlet2"]},
    "Article-datePublished": {"schema:datePublished": '"2021-03-03"^^xsd:date'},
    "Article-genre": {"kb:genre": ["kb:PressRelease", "kb:OfficialTranscript"]},
    "Article-textOf": {"kb:genre": "kb:AgreementText", "kb:textOf": "ex:agreement"},
    "Article-license": {"schema:license": "<https://creativecommons.org/licenses/by/4.0/>"},
    "Article-creditText": {"schema:creditText": '"Example News (CC BY 4.0)"'},
    "Evidence-exact": {}, "Evidence-start": {"oa:start": "0", "oa:end": "3", "oa:exact": '"Alb"'}, "Evidence-end": {},
    "Evidence-wasQuotedFrom": {},
    "Mention-hasBody": {}, "Mention-surfaceForm": {}, "Mention-occurrences": {"kb:occurrences": "2"},
    "Mention-evidence": {},
    "Statement-subject": {}, "Statement-predicate": {"rdf:predicate": "kb:near"}, "Statement-object": {},
    "Statement-evidence": {}, "Statement-extent": {"rdf:predicate": "kb:controls", "rdf:subject": "ex:state", "kb:extent": "kb:Most"},
    # dates
    "Dated-earliestDate": {"kb:latestDate": '"2021-03-02"^^xsd:date'}, "Dated-latestDate": {},
    "Dated-datePrecision": {}, "Dated-dateNote": {"kb:dateNote": '"as the article reports it"'},
    "Dated-timeOfDay": {"kb:timeOfDay": '"night"'},
    # registry
    "Labelled-label": {}, "Labelled-prefLabel": {"skos:prefLabel": '"Group"'},
    "Labelled-altLabel": {"skos:altLabel": ['"G"', '"The Group"']},
    "Labelled-sameAs": {"schema:sameAs": "<http://www.wikidata.org/entity/Q42>"},
    "Actor-partOf": {"kb:partOf": "ex:state"}, "Actor-backedBy": {"kb:backedBy": "ex:state"},
    "Actor-allyOf": {"kb:allyOf": "ex:state"}, "Actor-offshootOf": {"kb:offshootOf": "ex:state"},
    "Actor-represents": {"kb:represents": "ex:state"}, "Actor-controls": {"kb:controls": "ex:place"},
    "Actor-ownedBy": {"kb:ownedBy": "ex:state"},
    "Place-containedInPlace": {"schema:containedInPlace": "ex:region"}, "Place-near": {"kb:near": "ex:place"},
    "Place-northOf": {"kb:northOf": "ex:place"}, "Place-southOf": {"kb:southOf": "ex:place"},
    "Place-eastOf": {"kb:eastOf": "ex:state"}, "Place-westOf": {"kb:westOf": "ex:place"},
    "Place-southeastOf": {"kb:southeastOf": "ex:region"}, "Place-passesThrough": {"kb:passesThrough": "ex:place"},
    "RoleAssignment-roleHolder": {"kb:roleHolder": "ex:state"},  # a state, acting as guarantor
    "RoleAssignment-roleTitle": {}, "RoleAssignment-roleOf": {"kb:roleOf": "ex:agreement"},
    "RoleAssignment-evidence": {},
    # agreements
    "Agreement-party": {"kb:party": ["ex:state", "ex:state2"]}, "Agreement-signatory": {"kb:signatory": "ex:person"},
    "Agreement-hasProvision": {"kb:hasProvision": "ex:provision"}, "Agreement-location": {"schema:location": "ex:place"},
    "Agreement-negotiatedAt": {"kb:negotiatedAt": "ex:event"}, "Agreement-creates": {"kb:creates": "ex:region"},
    "Agreement-evidence": {},
    **{f"Agreement-{name}": {f"kb:{name}": "ex:agreement2"}
       for name in ("refersTo", "amends", "supplements", "recalls", "implements", "supersedes")},
    "Provision-obligation": {}, "Provision-obligatedParty": {"kb:obligatedParty": ["ex:state", "ex:state2"]},
    "Provision-zone": {"kb:zone": "ex:region"}, "Provision-figure": {"kb:figure": "ex:figure"},
    "Provision-deadline": {"kb:deadline": '"2021-03-10"^^xsd:date'}, "Provision-evidence": {},
    "Provision-agreement": {}, "Provision-section": {"kb:section": '"Article 2"'},
    "Provision-takesEffect": {"kb:takesEffect": "ex:moment"}, "Provision-deadlineDays": {"kb:deadlineDays": "7"},
    "Provision-deadlineFrom": {"kb:deadlineFrom": "ex:agreement"},
    "Identification-identifiedEntity": {}, "Identification-identifiedAs": {},
    "Identification-certainty": {"kb:certainty": "kb:Possible"}, "Identification-evidence": {},
    "RelayStep-relayKind": {"kb:relayKind": "kb:RelayInterpreted"}, "RelayStep-relayOrder": {"kb:relayOrder": "2"},
    "RelayStep-relayedBy": {"kb:relayedBy": "ex:outlet"}, "RelayStep-evidence": {}, "RelayStep-claim": {},
    "Hedge-hedgeKind": {"kb:hedgeKind": "kb:UnconfirmedByOutlet"}, "Hedge-evidence": {},
    "UnnamedSpeaker-memberOf": {"schema:memberOf": "ex:state"}, "UnnamedSpeaker-evidence": {},
    "Slip-slipKind": {"kb:slipKind": "kb:Error"}, "Slip-reading": {}, "Slip-evidence": {},
    "Moment-datePrecision": {}, "Moment-clockTime": {"kb:clockTime": '"00:01:00"^^xsd:time'},
    "QuantitativeValue-direction": {"kb:direction": ["kb:North", "kb:South"]},
    "QuantitativeValue-measuredFrom": {"kb:measuredFrom": "ex:place"},
    "QuantitativeValue-name": {}, "QuantitativeValue-unitText": {},
    "QuantitativeValue-minValue": {"schema:minValue": "1", "schema:maxValue": "5", "kb:qualifier": "kb:Between"},
    "QuantitativeValue-qualifier": {"kb:qualifier": "kb:UpTo", "schema:value": "10"},
    "AllegedViolation-allegedBy": {}, "AllegedViolation-accused": {"kb:accused": ["ex:state2", "ex:person"]},
    "AllegedViolation-violatedAgreement": {}, "AllegedViolation-violatedProvision": {"kb:violatedProvision": "ex:provision"},
    "AllegedViolation-violatingEvent": {"kb:violatingEvent": "ex:event"}, "AllegedViolation-allegedIn": {"kb:allegedIn": "ex:claim"},
    "AllegedViolation-evidence": {},
    # events and outcomes
    "Event-agent": {"kb:agent": "ex:state"}, "Event-target": {"kb:target": "ex:person"},
    "Event-supporter": {"kb:supporter": "ex:state2"}, "Event-participant": {"kb:participant": ["ex:state", "ex:state2"]},
    "Event-location": {"schema:location": "ex:place"}, "Event-hasOutcome": {"kb:hasOutcome": "ex:outcome"},
    "Event-inResponseTo": {"kb:inResponseTo": "ex:event"}, "Event-superEvent": {"schema:superEvent": "ex:event"},
    "Event-evidence": {}, "Event-accordingTo": {"kb:accordingTo": "ex:state", "kb:eventStatus": "kb:Claimed"},
    "Event-eventStatus": {"kb:eventStatus": "kb:Planned"}, "Event-assertedIn": {"kb:assertedIn": "ex:claim"},
    "Event-hedge": {"kb:hedge": "ex:hedge"},
    "Outcome-outcomeKind": {}, "Outcome-count": {"kb:count": "3"}, "Outcome-qualifier": {"kb:count": "50", "kb:qualifier": "kb:MoreThan"},
    "Outcome-minValue": {"kb:qualifier": "kb:Between", "schema:minValue": "40", "schema:maxValue": "60"},
    "Outcome-maxValue": {"kb:qualifier": "kb:Between", "schema:minValue": "40", "schema:maxValue": "40"},
    "Outcome-amount": {"kb:amount": '"dozens"'}, "Outcome-equipmentType": {"kb:equipmentType": "ex:equipment"},
    "Outcome-affectedParty": {"kb:affectedParty": "ex:state"}, "Outcome-location": {"schema:location": "ex:place"},
    "Outcome-evidence": {}, "Outcome-event": {}, "Outcome-accordingTo": {"kb:accordingTo": "ex:state"},
    "Outcome-includes": {"kb:includes": "ex:outcome"},
    # claims
    "Claim-reportedIn": {}, "Claim-claimText": {}, "Claim-directQuote": {"kb:directQuote": "false"},
    "Claim-stance": {"kb:stance": "kb:ExpressesConcern"}, "Claim-channel": {"kb:channel": "kb:ToldReporters"},
    "Claim-medium": {"kb:medium": "ex:outlet"}, "Claim-occasion": {"kb:occasion": "ex:event"},
    "Claim-location": {"schema:location": "ex:place"}, "Claim-contradicts": {"kb:contradicts": "ex:claim"},
    "Claim-denies": {"kb:denies": "ex:claim"}, "Claim-supports": {"kb:supports": "ex:claim"},
    "Claim-about": {"kb:about": ["ex:event", "ex:place"]}, "Claim-evidence": {},
    # places located
    "Located-location": {"geo:location": "ex:point"}, "Located-hasGeometry": {"gsp:hasGeometry": "ex:line"},
    "Point-lat": {"geo:lat": "-90.0"}, "Point-long": {"geo:long": "180.0"},
    "Geometry-source": {}, "Geometry-approximateGeometry": {"kb:approximateGeometry": "true"},
    "WKT-asWKT": {"gsp:asWKT": '"POLYGON((35 32, 42 32, 42 37, 35 37, 35 32))"^^gsp:wktLiteral'},
    "Claim-claimant": {"kb:claimant": ["ex:state", "ex:state2"]},  # several, jointly or each on their own
    "Claim-jointly": {"kb:claimant": ["ex:state", "ex:state2"], "kb:jointly": "true"},
    "Claim-relay": {"kb:relay": "ex:step"}, "Claim-hedge": {"kb:hedge": "ex:hedge"},
}


@dataclass(frozen=True)
class Bad:
    """A violating case: the shape, the constraint it breaks, and the changes that break it."""

    shape: str
    constraint: str  # the SHACL parameter: minCount, class, datatype...
    changes: Changes = field(hash=False)
    path: str | None = "<changed>"  # the result's path: by default the one property changed
    severity: str = "Violation"

    @property
    def id(self) -> str:
        return f"{self.shape}-{self.constraint}"


NOT_ACTOR, NOT_PLACE, NOT_EVENT = "ex:place", "ex:person", "ex:place"

BAD: list[Bad] = [
    # --- provenance
    Bad("Article-identifier", "minCount", {"schema:identifier": None}),
    Bad("Article-identifier", "maxCount", {"schema:identifier": ['"f"', '"g"']}),
    Bad("Article-identifier", "datatype", {"schema:identifier": '"f"@en'}),
    Bad("Article-text", "minCount", {"schema:text": None}),
    Bad("Article-text", "maxCount", {"schema:text": ['"one"', '"two"']}),
    Bad("Article-text", "datatype", {"schema:text": "42"}),
    Bad("Article-inLanguage", "minCount", {"schema:inLanguage": None}),
    Bad("Article-inLanguage", "maxCount", {"schema:inLanguage": ['"en"', '"fr"']}),
    Bad("Article-inLanguage", "pattern", {"schema:inLanguage": '"English"'}),
    Bad("Article-datePrecision", "minCount", {"kb:datePrecision": None}),
    Bad("Article-headline", "maxCount", {"schema:headline": ['"One"', '"Two"']}),
    Bad("Article-headline", "datatype", {"schema:headline": '"One"@en'}),
    Bad("Article-url", "maxCount", {"schema:url": ['"https://example.org/a"^^xsd:anyURI', '"https://example.org/b"^^xsd:anyURI']}),
    Bad("Article-url", "datatype", {"schema:url": '"https://example.org/a"'}),
    Bad("Article-publisher", "maxCount", {"schema:publisher": ["ex:outlet", "ex:outlet2"]}),
    Bad("Article-publisher", "class", {"schema:publisher": "ex:place"}),
    Bad("Article-author", "class", {"schema:author": "ex:place"}),
    Bad("Article-cites", "class", {"kb:cites": "ex:state"}),
    Bad("Article-datePublished", "maxCount", {"schema:datePublished": ['"2021-03-03"^^xsd:date', '"2021-03-04"^^xsd:date']}),
    Bad("Article-datePublished", "datatype", {"schema:datePublished": '"2021-03-03"'}),
    Bad("Article-genre", "minCount", {"kb:genre": None}),
    Bad("Article-genre", "in", {"kb:genre": "kb:Asserts"}),
    Bad("Article-textOf", "maxCount", {"kb:genre": "kb:AgreementText", "kb:textOf": ["ex:agreement", "ex:agreement2"]},
        path="kb:textOf"),
    Bad("Article-textOf", "class", {"kb:genre": "kb:AgreementText", "kb:textOf": "ex:event"}, path="kb:textOf"),
    Bad("Article-license", "maxCount", {"schema:license": ['"CC-BY-4.0"', '"MIT"']}),
    Bad("Article-creditText", "maxCount", {"schema:creditText": ['"one"', '"two"']}),
    Bad("Article-creditText", "datatype", {"schema:creditText": '"one"@en'}),
    Bad("Evidence-exact", "minCount", {"oa:exact": None}),
    Bad("Evidence-exact", "maxCount", {"oa:exact": ['"was"', '"Alba"']}),
    Bad("Evidence-exact", "datatype", {"oa:exact": '"was"@en'}),
    Bad("Evidence-exact", "minLength", {"oa:exact": '""'}),
    Bad("Evidence-start", "minCount", {"oa:start": None}),
    Bad("Evidence-start", "maxCount", {"oa:start": ["5", "6"]}),
    Bad("Evidence-start", "datatype", {"oa:start": "5.0"}),
    Bad("Evidence-start", "minInclusive", {"oa:start": "-1"}),
    Bad("Evidence-start", "lessThan", {"oa:end": "3"}, path="oa:start"),
    Bad("Evidence-end", "minCount", {"oa:end": None}),
    Bad("Evidence-end", "maxCount", {"oa:end": ["8", "9"]}),
    Bad("Evidence-end", "datatype", {"oa:end": "8.0"}),
    Bad("Evidence-wasQuotedFrom", "minCount", {"prov:wasQuotedFrom": None}),
    Bad("Evidence-wasQuotedFrom", "maxCount", {"prov:wasQuotedFrom": ["ex:article", "ex:article2"]}),
    Bad("Evidence-wasQuotedFrom", "class", {"prov:wasQuotedFrom": "ex:state"}),
    Bad("Mention-hasBody", "minCount", {"oa:hasBody": None}),
    Bad("Mention-hasBody", "maxCount", {"oa:hasBody": ["ex:place", "ex:state"]}),
    Bad("Mention-hasBody", "nodeKind", {"oa:hasBody": '"Alba"'}),
    Bad("Mention-surfaceForm", "minCount", {"kb:surfaceForm": None}),
    Bad("Mention-surfaceForm", "maxCount", {"kb:surfaceForm": ['"Alba"', '"alba"']}),
    Bad("Mention-surfaceForm", "datatype", {"kb:surfaceForm": '"Alba"@en'}),
    Bad("Mention-occurrences", "minCount", {"kb:occurrences": None}),
    Bad("Mention-occurrences", "maxCount", {"kb:occurrences": ["1", "2"]}),
    Bad("Mention-occurrences", "datatype", {"kb:occurrences": "1.0"}),
    Bad("Mention-occurrences", "minInclusive", {"kb:occurrences": "0"}),
    Bad("Mention-evidence", "minCount", {"kb:evidence": None}),
    Bad("Statement-subject", "minCount", {"rdf:subject": None}),
    Bad("Statement-subject", "maxCount", {"rdf:subject": ["ex:place", "ex:region"]}),
    Bad("Statement-subject", "nodeKind", {"rdf:subject": '"Alba"'}),
    Bad("Statement-predicate", "minCount", {"rdf:predicate": None}),
    Bad("Statement-predicate", "maxCount", {"rdf:predicate": ["schema:containedInPlace", "kb:near"]}),
    Bad("Statement-predicate", "in", {"rdf:predicate": "kb:party"}),
    Bad("Statement-object", "minCount", {"rdf:object": None}),
    Bad("Statement-object", "maxCount", {"rdf:object": ["ex:region", "ex:state"]}),
    Bad("Statement-object", "nodeKind", {"rdf:object": '"Border Region"'}),
    Bad("Statement-evidence", "minCount", {"kb:evidence": None}),
    Bad("Statement-extent", "maxCount", {"kb:extent": ["kb:Most", "kb:Part"]}),
    Bad("Statement-extent", "in", {"kb:extent": "kb:About"}),
    Bad("Statement-evidence", "class", {"kb:evidence": "ex:article"}),
    # --- dates
    Bad("Dated-earliestDate", "datatype", {"kb:earliestDate": '"2021-03-02"', "kb:latestDate": None}, path="kb:earliestDate"),
    Bad("Dated-earliestDate", "lessThanOrEquals", {"kb:earliestDate": '"2021-03-05"^^xsd:date'}),
    Bad("Dated-latestDate", "datatype", {"kb:latestDate": '"2021-03-04"', "kb:earliestDate": None}, path="kb:latestDate"),
    Bad("Dated-datePrecision", "minCount", {"kb:datePrecision": None}),
    Bad("Dated-datePrecision", "in", {"kb:datePrecision": "kb:Killed"}),
    Bad("Dated-dateNote", "datatype", {"kb:dateNote": '"as reported"@en'}),
    Bad("Dated-timeOfDay", "maxCount", {"kb:timeOfDay": ['"morning"', '"night"']}),
    Bad("Dated-timeOfDay", "in", {"kb:timeOfDay": '"noon"'}),
    # --- registry
    Bad("Labelled-label", "minCount", {"rdfs:label": None}),
    Bad("Labelled-label", "maxCount", {"rdfs:label": ['"Group"', '"The Group"']}),
    Bad("Labelled-label", "datatype", {"rdfs:label": '"Group"@en'}),
    Bad("Labelled-prefLabel", "maxCount", {"skos:prefLabel": ['"Group"', '"The Group"']}),
    Bad("Labelled-prefLabel", "datatype", {"skos:prefLabel": '"Group"@en'}),
    Bad("Labelled-altLabel", "datatype", {"skos:altLabel": '"G"@en'}),
    Bad("Labelled-sameAs", "nodeKind", {"schema:sameAs": '"http://www.wikidata.org/entity/Q42"'}),
    Bad("Labelled-sameAs", "pattern", {"schema:sameAs": "<http://example.org/entity/Q42>"}),
    *(Bad(f"Actor-{name}", "class", {f"kb:{name}": NOT_ACTOR})
      for name in ("partOf", "backedBy", "allyOf", "offshootOf", "represents", "ownedBy")),
    Bad("Actor-controls", "class", {"kb:controls": NOT_PLACE}),
    Bad("Place-containedInPlace", "class", {"schema:containedInPlace": NOT_PLACE}),
    *(Bad(f"Place-{name}", "class", {f"kb:{name}": NOT_PLACE})
      for name in ("near", "northOf", "southOf", "eastOf", "westOf", "southeastOf", "passesThrough")),
    Bad("RoleAssignment-roleHolder", "minCount", {"kb:roleHolder": None}),
    Bad("RoleAssignment-roleHolder", "maxCount", {"kb:roleHolder": ["ex:person", "ex:person2"]}),
    Bad("RoleAssignment-roleHolder", "class", {"kb:roleHolder": NOT_ACTOR}),
    Bad("RoleAssignment-roleTitle", "minCount", {"kb:roleTitle": None}),
    Bad("RoleAssignment-roleTitle", "maxCount", {"kb:roleTitle": ['"Minister"', '"Envoy"']}),
    Bad("RoleAssignment-roleTitle", "datatype", {"kb:roleTitle": '"Minister"@en'}),
    Bad("RoleAssignment-roleOf", "maxCount", {"kb:roleOf": ["ex:state", "ex:state2"]}),
    Bad("RoleAssignment-roleOf", "nodeKind", {"kb:roleOf": '"the protocol"'}),
    Bad("RoleAssignment-evidence", "minCount", {"kb:evidence": None}),
    Bad("RoleAssignment-evidence", "class", {"kb:evidence": "ex:article"}),
    # --- agreements
    Bad("Agreement-party", "class", {"kb:party": NOT_ACTOR}),
    Bad("Agreement-signatory", "class", {"kb:signatory": NOT_ACTOR}),
    Bad("Agreement-hasProvision", "class", {"kb:hasProvision": "ex:figure"}),
    Bad("Agreement-location", "class", {"schema:location": NOT_PLACE}),
    Bad("Agreement-negotiatedAt", "class", {"kb:negotiatedAt": NOT_EVENT}),
    Bad("Agreement-creates", "class", {"kb:creates": NOT_PLACE}),
    Bad("Agreement-evidence", "class", {"kb:evidence": "ex:article"}),
    *(Bad(f"Agreement-{name}", "class", {f"kb:{name}": "ex:state"})
      for name in ("refersTo", "amends", "supplements", "recalls", "implements", "supersedes")),
    Bad("Provision-obligation", "minCount", {"kb:obligation": None}),
    Bad("Provision-obligation", "datatype", {"kb:obligation": '"withdraw"@en'}),
    Bad("Provision-obligatedParty", "class", {"kb:obligatedParty": NOT_ACTOR}),
    Bad("Provision-zone", "class", {"kb:zone": NOT_PLACE}),
    Bad("Provision-figure", "class", {"kb:figure": "ex:place"}),
    Bad("Provision-deadline", "datatype", {"kb:deadline": '"2021-03-10"'}),
    Bad("Provision-evidence", "minCount", {"kb:evidence": None}),
    Bad("Provision-evidence", "class", {"kb:evidence": "ex:article"}),
    # an inverse path: shacl_findings reports only IRI paths, so the expected path is None
    Bad("Provision-agreement", "minCount", {"^kb:hasProvision": None}, path=None),
    Bad("Provision-agreement", "class", {"^kb:hasProvision": "ex:event"}, path=None),
    Bad("Provision-section", "datatype", {"kb:section": "2"}),
    Bad("Provision-takesEffect", "class", {"kb:takesEffect": "ex:event"}),
    Bad("Provision-deadlineDays", "datatype", {"kb:deadlineDays": "7.0"}),
    Bad("Provision-deadlineDays", "minInclusive", {"kb:deadlineDays": "0"}),
    Bad("Provision-deadlineFrom", "nodeKind", {"kb:deadlineFrom": '"the signing"'}),
    *(Bad(f"Identification-identified{end}", constraint, {f"kb:identified{end}": value})
      for end in ("Entity", "As") for constraint, value in
      (("minCount", None), ("maxCount", ["ex:agreement", "ex:state"]), ("nodeKind", '"the agreements"'))),
    Bad("Identification-certainty", "minCount", {"kb:certainty": None}),
    Bad("Identification-certainty", "maxCount", {"kb:certainty": ["kb:Certain", "kb:Possible"]}),
    Bad("Identification-certainty", "in", {"kb:certainty": "kb:Most"}),
    Bad("Identification-evidence", "minCount", {"kb:evidence": None}),
    Bad("Identification-evidence", "class", {"kb:evidence": "ex:article"}),
    Bad("RelayStep-relayKind", "minCount", {"kb:relayKind": None}),
    Bad("RelayStep-relayKind", "maxCount", {"kb:relayKind": ["kb:RelayReported", "kb:RelayQuoted"]}),
    Bad("RelayStep-relayKind", "in", {"kb:relayKind": "kb:Reportedly"}),
    Bad("RelayStep-relayOrder", "minCount", {"kb:relayOrder": None}),
    Bad("RelayStep-relayOrder", "maxCount", {"kb:relayOrder": ["1", "2"]}),
    Bad("RelayStep-relayOrder", "datatype", {"kb:relayOrder": "1.0"}),
    Bad("RelayStep-relayOrder", "minInclusive", {"kb:relayOrder": "0"}),
    Bad("RelayStep-relayedBy", "maxCount", {"kb:relayedBy": ["ex:outlet", "ex:outlet2"]}),
    Bad("RelayStep-relayedBy", "class", {"kb:relayedBy": NOT_ACTOR}),
    Bad("RelayStep-evidence", "minCount", {"kb:evidence": None}),
    Bad("RelayStep-evidence", "class", {"kb:evidence": "ex:article"}),
    Bad("RelayStep-claim", "minCount", {"^kb:relay": None}, path=None),
    Bad("RelayStep-claim", "class", {"^kb:relay": "ex:event"}, path=None),
    Bad("Hedge-hedgeKind", "minCount", {"kb:hedgeKind": None}),
    Bad("Hedge-hedgeKind", "maxCount", {"kb:hedgeKind": ["kb:Reportedly", "kb:Allegedly"]}),
    Bad("Hedge-hedgeKind", "in", {"kb:hedgeKind": "kb:Claimed"}),
    Bad("Hedge-evidence", "minCount", {"kb:evidence": None}),
    Bad("Hedge-evidence", "class", {"kb:evidence": "ex:article"}),
    Bad("UnnamedSpeaker-memberOf", "class", {"schema:memberOf": NOT_ACTOR}),
    Bad("UnnamedSpeaker-evidence", "minCount", {"kb:evidence": None}),
    Bad("UnnamedSpeaker-evidence", "class", {"kb:evidence": "ex:article"}),
    Bad("Slip-slipKind", "minCount", {"kb:slipKind": None}),
    Bad("Slip-slipKind", "maxCount", {"kb:slipKind": ["kb:Typo", "kb:Error"]}),
    Bad("Slip-slipKind", "in", {"kb:slipKind": "kb:Reportedly"}),
    Bad("Slip-reading", "minCount", {"kb:reading": None}),
    Bad("Slip-reading", "maxCount", {"kb:reading": ['"restricted"', '"restrained"']}),
    Bad("Slip-reading", "datatype", {"kb:reading": '"restricted"@en'}),
    Bad("Slip-reading", "minLength", {"kb:reading": '""'}),
    Bad("Slip-evidence", "minCount", {"kb:evidence": None}),
    Bad("Slip-evidence", "maxCount", {"kb:evidence": ["ex:evidence", "ex:evidence2"]}),
    Bad("Slip-evidence", "class", {"kb:evidence": "ex:article"}),
    Bad("Moment-datePrecision", "minCount", {"kb:datePrecision": None}),
    Bad("Moment-clockTime", "datatype", {"kb:clockTime": '"00:01"'}),
    Bad("QuantitativeValue-direction", "in", {"kb:direction": "kb:Most"}),
    Bad("QuantitativeValue-measuredFrom", "maxCount", {"kb:measuredFrom": ["ex:place", "ex:region"]}),
    Bad("QuantitativeValue-measuredFrom", "class", {"kb:measuredFrom": "ex:person"}),
    Bad("QuantitativeValue-name", "minCount", {"schema:name": None}),
    Bad("QuantitativeValue-name", "maxCount", {"schema:name": ['"width"', '"breadth"']}),
    Bad("QuantitativeValue-name", "datatype", {"schema:name": '"width"@en'}),
    Bad("QuantitativeValue-unitText", "minCount", {"schema:unitText": None}),
    Bad("QuantitativeValue-unitText", "maxCount", {"schema:unitText": ['"km"', '"mi"']}),
    Bad("QuantitativeValue-unitText", "datatype", {"schema:unitText": "1000"}),
    Bad("QuantitativeValue-qualifier", "minCount", {"kb:qualifier": None}),
    Bad("QuantitativeValue-qualifier", "maxCount", {"kb:qualifier": ["kb:Exactly", "kb:About"]}),
    Bad("QuantitativeValue-qualifier", "in", {"kb:qualifier": "kb:Part"}),
    Bad("QuantitativeValue-minValue", "maxCount", {"schema:minValue": ["1", "2"], "schema:maxValue": "5"}, path="schema:minValue"),
    Bad("QuantitativeValue-minValue", "lessThanOrEquals", {"schema:minValue": "6", "schema:maxValue": "5"}, path="schema:minValue"),
    Bad("AllegedViolation-allegedBy", "minCount", {"kb:allegedBy": None}),
    Bad("AllegedViolation-allegedBy", "class", {"kb:allegedBy": NOT_ACTOR}),
    Bad("AllegedViolation-accused", "minCount", {"kb:accused": None}),
    Bad("AllegedViolation-accused", "class", {"kb:accused": NOT_ACTOR}),
    Bad("AllegedViolation-violatedAgreement", "minCount", {"kb:violatedAgreement": None}),
    Bad("AllegedViolation-violatedAgreement", "maxCount", {"kb:violatedAgreement": ["ex:agreement", "ex:agreement2"]}),
    Bad("AllegedViolation-violatedAgreement", "class", {"kb:violatedAgreement": "ex:event"}),
    Bad("AllegedViolation-violatedProvision", "nodeKind", {"kb:violatedProvision": '"the zone"'}),
    Bad("AllegedViolation-violatingEvent", "class", {"kb:violatingEvent": NOT_EVENT}),
    Bad("AllegedViolation-allegedIn", "class", {"kb:allegedIn": "ex:event"}),
    Bad("AllegedViolation-evidence", "minCount", {"kb:evidence": None}),
    Bad("AllegedViolation-evidence", "class", {"kb:evidence": "ex:article"}),
    # --- events and outcomes
    *(Bad(f"Event-{name}", "class", {f"kb:{name}": NOT_ACTOR})
      for name in ("agent", "target", "supporter", "participant", "accordingTo")),
    Bad("Event-location", "class", {"schema:location": NOT_PLACE}),
    Bad("Event-hasOutcome", "class", {"kb:hasOutcome": "ex:figure"}),
    Bad("Event-inResponseTo", "class", {"kb:inResponseTo": NOT_EVENT}),
    Bad("Event-superEvent", "class", {"schema:superEvent": NOT_EVENT}),
    Bad("Event-evidence", "class", {"kb:evidence": "ex:article"}),
    Bad("Event-eventStatus", "in", {"kb:eventStatus": "kb:Asserts"}),
    Bad("Event-assertedIn", "class", {"kb:assertedIn": "ex:event"}),
    Bad("Event-hedge", "class", {"kb:hedge": "ex:evidence"}),
    Bad("Outcome-outcomeKind", "minCount", {"kb:outcomeKind": None}),
    Bad("Outcome-outcomeKind", "maxCount", {"kb:outcomeKind": ["kb:Killed", "kb:Injured"]}),
    Bad("Outcome-outcomeKind", "in", {"kb:outcomeKind": "kb:Asserts"}),
    Bad("Outcome-count", "maxCount", {"kb:count": ["3", "4"]}),
    Bad("Outcome-count", "datatype", {"kb:count": "2.5"}),
    Bad("Outcome-count", "minInclusive", {"kb:count": "-1"}),
    Bad("Outcome-qualifier", "maxCount", {"kb:qualifier": ["kb:About", "kb:Nearly"]}),
    Bad("Outcome-qualifier", "in", {"kb:qualifier": "kb:Most"}),
    Bad("Outcome-minValue", "maxCount", {"schema:minValue": ["40", "41"], "schema:maxValue": "60"}, path="schema:minValue"),
    Bad("Outcome-minValue", "datatype", {"schema:minValue": "40.5", "schema:maxValue": "60"}, path="schema:minValue"),
    Bad("Outcome-minValue", "lessThanOrEquals", {"schema:minValue": "70", "schema:maxValue": "60"}, path="schema:minValue"),
    Bad("Outcome-maxValue", "maxCount", {"schema:maxValue": ["60", "61"]}),
    Bad("Outcome-maxValue", "datatype", {"schema:maxValue": '"sixty"'}),
    Bad("Outcome-amount", "maxCount", {"kb:amount": ['"dozens"', '"scores"']}),
    Bad("Outcome-amount", "datatype", {"kb:amount": "12"}),
    Bad("Outcome-equipmentType", "maxCount", {"kb:equipmentType": ["ex:equipment", "ex:equipment2"]}),
    Bad("Outcome-equipmentType", "class", {"kb:equipmentType": "ex:state"}),
    Bad("Outcome-affectedParty", "maxCount", {"kb:affectedParty": ["ex:state", "ex:person"]}),
    Bad("Outcome-affectedParty", "class", {"kb:affectedParty": NOT_ACTOR}),
    Bad("Outcome-location", "class", {"schema:location": NOT_PLACE}),
    Bad("Outcome-evidence", "minCount", {"kb:evidence": None}),
    Bad("Outcome-evidence", "class", {"kb:evidence": "ex:article"}),
    Bad("Outcome-event", "minCount", {"^kb:hasOutcome": None}, path=None),
    Bad("Outcome-event", "class", {"^kb:hasOutcome": "ex:person"}, path=None),
    Bad("Outcome-accordingTo", "class", {"kb:accordingTo": NOT_ACTOR}),
    Bad("Outcome-includes", "class", {"kb:includes": "ex:event"}),
    # --- claims
    Bad("Claim-claimant", "minCount", {"kb:claimant": None}),
    Bad("Claim-claimant", "class", {"kb:claimant": NOT_ACTOR}),
    Bad("Claim-reportedIn", "minCount", {"kb:reportedIn": None}),
    Bad("Claim-reportedIn", "maxCount", {"kb:reportedIn": ["ex:article", "ex:article2"]}),
    Bad("Claim-reportedIn", "class", {"kb:reportedIn": "ex:state"}),
    Bad("Claim-claimText", "minCount", {"kb:claimText": None}),
    Bad("Claim-claimText", "maxCount", {"kb:claimText": ['"Alba was shelled."', '"Alba"']}),
    Bad("Claim-claimText", "datatype", {"kb:claimText": '"Alba was shelled."@en'}),
    Bad("Claim-claimText", "minLength", {"kb:claimText": '""'}),
    Bad("Claim-directQuote", "minCount", {"kb:directQuote": None}),
    Bad("Claim-directQuote", "maxCount", {"kb:directQuote": ["true", "false"]}),
    Bad("Claim-directQuote", "datatype", {"kb:directQuote": '"yes"'}),
    Bad("Claim-stance", "minCount", {"kb:stance": None}),
    Bad("Claim-stance", "maxCount", {"kb:stance": ["kb:Asserts", "kb:Denies"]}),
    Bad("Claim-stance", "in", {"kb:stance": "kb:Killed"}),
    Bad("Claim-channel", "maxCount", {"kb:channel": ["kb:Interview", "kb:Speech"]}),
    Bad("Claim-channel", "in", {"kb:channel": "kb:Asserts"}),
    Bad("Claim-medium", "class", {"kb:medium": "ex:state"}),
    Bad("Claim-occasion", "class", {"kb:occasion": NOT_EVENT}),
    Bad("Claim-location", "class", {"schema:location": NOT_PLACE}),
    *(Bad(f"Claim-{name}", "nodeKind", {f"kb:{name}": '"the other claim"'}) for name in ("contradicts", "denies", "supports")),
    Bad("Claim-about", "nodeKind", {"kb:about": '"Alba"'}),
    Bad("Claim-evidence", "minCount", {"kb:evidence": None}),
    Bad("Claim-evidence", "class", {"kb:evidence": "ex:article"}),
    # --- places located
    Bad("Located-location", "maxCount", {"geo:location": ["ex:point", "ex:point2"]}),
    Bad("Located-location", "class", {"geo:location": "ex:line"}),
    Bad("Located-hasGeometry", "maxCount", {"gsp:hasGeometry": ["ex:line", "ex:line2"]}),
    Bad("Located-hasGeometry", "class", {"gsp:hasGeometry": "ex:point"}),
    Bad("Point-lat", "minCount", {"geo:lat": None}),
    Bad("Point-lat", "maxCount", {"geo:lat": ["35.5", "35.6"]}),
    Bad("Point-lat", "datatype", {"geo:lat": "3.55e1"}),
    Bad("Point-lat", "minInclusive", {"geo:lat": "-90.5"}),
    Bad("Point-lat", "maxInclusive", {"geo:lat": "91.0"}),
    Bad("Point-long", "minCount", {"geo:long": None}),
    Bad("Point-long", "maxCount", {"geo:long": ["36.5", "36.6"]}),
    Bad("Point-long", "datatype", {"geo:long": "36"}),
    Bad("Point-long", "minInclusive", {"geo:long": "-180.5"}),
    Bad("Point-long", "maxInclusive", {"geo:long": "200.0"}),
    Bad("Geometry-source", "minCount", {"dcterms:source": None}),
    Bad("Geometry-source", "maxCount", {"dcterms:source": ["<https://sws.geonames.org/1/>", "<https://sws.geonames.org/2/>"]}),
    Bad("Geometry-source", "nodeKind", {"dcterms:source": '"GeoNames 1"'}),
    Bad("Geometry-approximateGeometry", "minCount", {"kb:approximateGeometry": None}),
    Bad("Geometry-approximateGeometry", "maxCount", {"kb:approximateGeometry": ["true", "false"]}),
    Bad("Geometry-approximateGeometry", "datatype", {"kb:approximateGeometry": '"no"'}),
    Bad("WKT-asWKT", "minCount", {"gsp:asWKT": None}),
    Bad("WKT-asWKT", "maxCount", {"gsp:asWKT": ['"LINESTRING(36 35, 37 36)"^^gsp:wktLiteral', '"LINESTRING(36 35, 38 36)"^^gsp:wktLiteral']}),
    Bad("WKT-asWKT", "datatype", {"gsp:asWKT": '"LINESTRING(36 35, 37 36)"'}),
    Bad("WKT-asWKT", "pattern", {"gsp:asWKT": '"CIRCLE(36 35, 1)"^^gsp:wktLiteral'}),
    Bad("Claim-jointly", "maxCount", {"kb:jointly": ["true", "false"]}),
    Bad("Claim-jointly", "datatype", {"kb:jointly": '"yes"'}),
    Bad("Claim-relay", "class", {"kb:relay": "ex:event"}),
    Bad("Claim-hedge", "class", {"kb:hedge": "ex:event"}),
]

# every constraint the compiler compiles: a new one there needs its cases here
CONSTRAINTS = tuple(parameter.term.removeprefix(str(SH)) for parameter in SUPPORTED if parameter.kind == "constraints")


def expand(name: str) -> URIRef:
    prefix, local = name.split(":", 1)
    return URIRef(NAMESPACES[prefix] + local)


def focus_lines(shape: str, changes: Changes, focus: str = "ex:focus") -> str:
    """Turtle for `focus`: the base of the shape's node shape with `changes` applied."""
    properties = dict(BASES[shape.split("-")[0]])
    for name, value in changes.items():
        if value is None:
            properties.pop(name, None)
        else:
            properties[name] = value if isinstance(value, list) else [value]
    lines = []
    for name, objects in properties.items():
        if name.startswith("^"):
            lines += [f"{obj} {name[1:]} {focus} ." for obj in objects]
        else:
            lines.append(f"{focus} {name} {', '.join(objects)} .")
    return "\n".join(lines) + "\n"


def case_graph(shape: str, changes: Changes) -> Graph:
    """One case on its own: the context and `ex:focus`."""
    return Graph().parse(data=PREFIXES + CONTEXT + focus_lines(shape, changes), format="turtle")


def results(graph: Graph) -> dict[str, set[tuple]]:
    """(focus, path, severity, source shape, constraint component) of each result, by focus node."""
    found: dict[str, set[tuple]] = {}
    for finding in shacl_findings(graph):
        found.setdefault(finding.focus, set()).add(
            (finding.focus, finding.path, finding.severity.value, finding.rule, finding.component)
        )
    return found


# pySHACL takes ~70 ms a run, mostly to mix in the ontology: rather than 300 runs, the cases are
# validated together, each with its own focus node (ex:case/...), once for the conforming cases and
# once for the violating ones. Each case still gets its own test; `test_a_case_gives_the_same_results
# _alone_and_among_the_others` checks, one case per node shape, that the batch changes nothing.
def case_focus(kind: str, name: str) -> str:
    return f"http://example.org/case/{kind}/{name}"


@pytest.fixture(scope="module")
def good_batch() -> tuple[Graph, dict[str, set[tuple]]]:
    lines = "".join(focus_lines(shape, changes, f"<{case_focus('good', shape)}>") for shape, changes in GOOD.items())
    graph = Graph().parse(data=PREFIXES + CONTEXT + lines, format="turtle")
    return graph, results(graph)


@pytest.fixture(scope="module")
def bad_batch() -> dict[str, set[tuple]]:
    lines = "".join(focus_lines(case.shape, case.changes, f"<{case_focus('bad', case.id)}>") for case in BAD)
    return results(Graph().parse(data=PREFIXES + CONTEXT + lines, format="turtle"))


def expected(case: Bad, focus: str) -> set[tuple]:
    if case.path == "<changed>":
        (changed,) = case.changes
        path = str(expand(changed))
    else:
        path = str(expand(case.path)) if case.path else None
    component = str(SH[case.constraint[0].upper() + case.constraint[1:] + "ConstraintComponent"])
    return {(focus, path, case.severity, NAMESPACES["kbsh"] + case.shape, component)}


def property_shapes() -> dict[str, set[str]]:
    """Each property shape of the shapes files, by local name, with the constraints it declares.

    A property shape is one typed so, or one a node shape points at with sh:property.
    """
    shapes = shapes_graph()
    found = set(shapes.subjects(RDF.type, SH.PropertyShape)) | set(shapes.objects(None, SH.property))
    return {
        str(shape).removeprefix(NAMESPACES["kbsh"]): {c for c in CONSTRAINTS if (shape, SH[c], None) in shapes}
        for shape in found
    }


def test_the_context_conforms():
    graph = Graph().parse(data=PREFIXES + CONTEXT, format="turtle")
    assert shacl_findings(graph) == []


@pytest.mark.parametrize("shape", sorted(GOOD))
def test_a_conforming_case(shape, good_batch):
    graph, found = good_batch
    focus = URIRef(case_focus("good", shape))
    path = shapes_graph().value(URIRef(NAMESPACES["kbsh"] + shape), SH.path)
    # the case exercises the shape: the focus does have the property it constrains
    if isinstance(path, BNode):
        assert (None, shapes_graph().value(path, SH.inversePath), focus) in graph
    else:
        assert (focus, path, None) in graph
    assert found.get(str(focus), set()) == set()


def test_the_conforming_cases_together_conform(good_batch):
    assert good_batch[1] == {}


@pytest.mark.parametrize("case", BAD, ids=[case.id for case in BAD])
def test_a_violating_case(case, bad_batch):
    focus = case_focus("bad", case.id)
    assert bad_batch.get(focus) == expected(case, focus)


def test_the_violating_cases_find_nothing_else(bad_batch):
    """No result on a context node, nor on a focus through another case."""
    assert set(bad_batch) == {case_focus("bad", case.id) for case in BAD}


FIRST_OF_EACH_NODE_SHAPE = list({case.shape.split("-")[0]: case for case in reversed(BAD)}.values())


@pytest.mark.parametrize("case", FIRST_OF_EACH_NODE_SHAPE, ids=[case.id for case in FIRST_OF_EACH_NODE_SHAPE])
def test_a_case_gives_the_same_results_alone_and_among_the_others(case, bad_batch):
    alone = results(case_graph(case.shape, case.changes))
    assert alone == {str(FOCUS): expected(case, str(FOCUS))}
    assert bad_batch[case_focus("bad", case.id)] == expected(case, case_focus("bad", case.id))


def test_every_constraint_of_every_property_shape_has_a_case():
    declared = property_shapes()
    assert len(declared) > 100
    assert sorted(GOOD) == sorted(declared), "each property shape needs one conforming case in GOOD"
    covered = {(case.shape, case.constraint) for case in BAD}
    missing = {(shape, c) for shape, constraints in declared.items() for c in constraints} - covered
    assert not missing, f"constraints without a violating case: {sorted(missing)}"
    unknown = {(shape, c) for shape, c in covered if c not in declared.get(shape, set())}
    assert not unknown, f"cases for constraints the shapes do not declare: {sorted(unknown)}"
    assert len({case.id for case in BAD}) == len(BAD)


def test_every_node_shape_has_a_base_and_every_shape_is_in_the_shapes_namespace():
    shapes = shapes_graph()
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(SH.targetClass, None))
    node_shapes |= set(shapes.subjects(SH.targetSubjectsOf, None))
    assert {str(shape) for shape in node_shapes} == {NAMESPACES["kbsh"] + name for name in BASES}
    assert all(str(shape).startswith(NAMESPACES["kbsh"]) for shape in shapes.objects(None, SH.property))


def test_the_compiled_checks_are_the_declared_constraints_one_for_one():
    """The build runs one check per constraint of the catalogue and node shape using it, and no other."""
    shapes = shapes_graph()
    expected: Counter = Counter()
    for name, constraints in property_shapes().items():
        shape = URIRef(NAMESPACES["kbsh"] + name)
        users = len(set(shapes.subjects(SH.property, shape)))
        for c in constraints:
            expected[(str(shape), str(SH[c[0].upper() + c[1:] + "ConstraintComponent"]))] += users
    assert sum(expected.values()) > 150
    assert Counter((check.shape, check.component) for check in compiled_checks()) == expected


# --- the build's validator: the shapes compiled to SPARQL give what pySHACL gives ------------------


def compiled_results(graph: Graph) -> dict[str, set[tuple]]:
    from kb.validate import compiled_findings, graph_store

    found: dict[str, set[tuple]] = {}
    for finding in compiled_findings(graph_store(graph)):
        found.setdefault(finding.focus, set()).add(
            (finding.focus, finding.path, finding.severity.value, finding.rule, finding.component)
        )
    return found


def test_the_compiled_shapes_pass_every_conforming_case(good_batch):
    graph, _ = good_batch
    assert compiled_results(graph) == {}


def test_the_compiled_shapes_find_what_pyshacl_finds_in_every_violating_case(bad_batch):
    lines = "".join(focus_lines(case.shape, case.changes, f"<{case_focus('bad', case.id)}>") for case in BAD)
    compiled = compiled_results(Graph().parse(data=PREFIXES + CONTEXT + lines, format="turtle"))
    differences = {focus for focus in set(compiled) | set(bad_batch) if compiled.get(focus) != bad_batch.get(focus)}
    assert not differences, {focus: (bad_batch.get(focus), compiled.get(focus)) for focus in sorted(differences)}
