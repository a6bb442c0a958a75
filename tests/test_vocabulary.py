"""The Python tables that name ontology terms agree with `ontology/kb.ttl`, both ways.

Each table is checked in one place: every enum member of the annotation format has its term, every
term is declared in the ontology with the right type, and every term of that type in the ontology
appears in the table, so adding a stance (or an actor class) in one place and not the other fails.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import OWL

from kb import vocabulary as v
from kb.dates import Precision
from kb.kinds import TOP_CLASSES, kinds
from kb.models import ACTOR_TYPES, EVENT_TYPES, PLACE_TYPES, Channel, OutcomeKind, Relation, Stance
from kb.readmodel.records import EDGE_KINDS
from kb.resources import ontology_file
from kb.site.network_chart import EDGE_COLOURS, NODE_COLOURS


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_file())


def instances(ontology: Graph, cls: URIRef) -> set[URIRef]:
    return set(ontology.subjects(RDF.type, cls))


def subclasses(ontology: Graph, cls: URIRef) -> set[URIRef]:
    """Every class below `cls` (not itself), at any depth."""
    found: set[URIRef] = set()
    todo = [cls]
    while todo:
        for child in ontology.subjects(RDFS.subClassOf, todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@pytest.mark.parametrize("enum, table, kind", [
    (Precision, v.PRECISION, v.KB.DatePrecision),
    (Stance, v.STANCE, v.KB.Stance),
    (Channel, v.CHANNEL, v.KB.Channel),
    (OutcomeKind, v.OUTCOME, v.KB.OutcomeKind),
], ids=["precision", "stance", "channel", "outcome"])
def test_each_enum_value_is_an_individual_of_the_ontology_and_back(ontology, enum, table, kind):
    assert set(table) == {member.value for member in enum}, "a member without a term, or a term for no member"
    assert set(table.values()) == instances(ontology, kind), f"the individuals of {kind} and the table differ"


def test_each_relation_is_a_declared_property_and_back(ontology):
    assert set(v.RELATION) == {member.value for member in Relation}
    own = {term for term in v.RELATION.values() if str(term).startswith(v.KB_NS)}
    for term in own:
        assert (term, RDF.type, OWL.ObjectProperty) in ontology, term
    assert set(v.RELATION.values()) - own == {URIRef(v.SDO_NS + "containedInPlace")}


def local_names(classes: set[URIRef]) -> set[str]:
    return {str(cls)[len(v.KB_NS):] for cls in classes}


def test_the_registry_types_are_the_classes_below_the_top_classes(ontology):
    """kb.kinds reads the ontology with pyoxigraph; here rdflib walks the same hierarchy on its own."""
    expected = set()
    for top in TOP_CLASSES:
        assert (v.KB[top], RDF.type, OWL.Class) in ontology, top
        expected |= local_names(subclasses(ontology, v.KB[top])) | {top}
    assert kinds().types == expected
    for name in kinds().types:
        assert (v.entity_class(name), RDF.type, OWL.Class) in ontology, name
    # not everything is a registry type: what articles state has classes of its own
    assert not {"Claim", "Outcome", "Evidence", "Provision", "Article"} & kinds().types


def test_the_kinds_follow_the_hierarchy(ontology):
    assert ACTOR_TYPES == local_names(subclasses(ontology, v.KB.Actor)) | {"Actor"}
    assert EVENT_TYPES == local_names(subclasses(ontology, v.KB.Event)) | {"Event"}
    assert PLACE_TYPES == local_names(subclasses(ontology, v.KB.Place)) | {"Place"}
    assert {"State"} <= ACTOR_TYPES & PLACE_TYPES  # a state is an actor and a territory
    assert {"MilitaryEvent", "AirStrike", "NegotiationRound"} <= EVENT_TYPES  # groupings and leaves, at any depth


def test_the_network_colours_cover_the_kinds_it_draws(ontology):
    assert set(EDGE_COLOURS) == set(EDGE_KINDS)
    for kind in set(EDGE_KINDS) - {"violation"}:  # a violation is drawn from kb:AllegedViolation
        assert (v.KB[kind], RDF.type, OWL.ObjectProperty) in ontology, kind
    # every colour is an actor class's (or the agreements'); a class without one is drawn grey, as
    # "Other", so that a curator's new actor type needs no colour
    actors = {str(c)[len(v.KB_NS):] for c in subclasses(ontology, v.KB.Actor)}
    assert set(NODE_COLOURS) <= actors | {"Agreement"}
    assert {"Person", "State", "GovernmentBody", "ArmedForce", "ArmedGroup", "MediaOutlet"} <= set(NODE_COLOURS)


def test_the_reader_categories_are_classes(ontology):
    for iri, _ in v.ENTITY_CATEGORIES:
        assert (URIRef(iri), RDF.type, OWL.Class) in ontology


@pytest.mark.parametrize("iri, short", [
    ("https://w3id.org/conflict-news-kb/ontology#Claim", "kb:Claim"),
    ("https://w3id.org/conflict-news-kb/id/entity/dmitry-peskov", "entity:dmitry-peskov"),
    ("https://schema.org/name", "schema:name"),
    ("http://www.w3.org/ns/oa#exact", "oa:exact"),
    # no prefix fits a path below the entities, nor another site: the IRI stays whole
    ("https://w3id.org/conflict-news-kb/id/claim/a1/roe", "https://w3id.org/conflict-news-kb/id/claim/a1/roe"),
    ("http://example.org/x", "http://example.org/x"),
])
def test_compact_and_expand_are_inverse(iri, short):
    assert v.compact(iri) == short
    assert v.expand(short) == iri


def test_expand_leaves_unknown_prefixes_alone():
    assert v.expand("zz:thing") == "zz:thing"


def test_the_prologue_declares_only_what_the_query_does_not(ontology):
    prologue = v.sparql_prologue("PREFIX kb: <urn:other#>\nprefix schema: <urn:s/>\nSELECT * {}")
    assert "PREFIX kb:" not in prologue and "PREFIX schema:" not in prologue
    assert "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in prologue
    assert v.sparql_prologue("") == v.SPARQL_PREFIXES


# --- the alignments to ACLED and CAMEO (ontology/alignments.ttl) --------------------------------------

MATCHES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch")


@pytest.fixture(scope="module")
def alignments() -> Graph:
    from kb.resources import alignments_file

    return Graph().parse(ontology_file()).parse(alignments_file())


def scheme_concepts(graph: Graph, scheme: URIRef) -> set[URIRef]:
    from rdflib.namespace import SKOS

    return set(graph.subjects(SKOS.inScheme, scheme))


@pytest.mark.parametrize("scheme, gap", [
    ("acled", "noAcledMatch"), ("cameo", "noCameoMatch"),
], ids=["acled", "cameo"])
def test_every_event_type_and_stance_is_aligned_or_says_why_not(alignments, scheme, gap):
    from rdflib.namespace import SKOS

    namespace = str(v.SCHEME[scheme + "/"])
    concepts = scheme_concepts(alignments, URIRef(str(v.SCHEME) + scheme))
    groupings = {"Event", "MilitaryEvent", "DiplomaticEvent"}  # abstract: their members carry the codes
    terms = {v.entity_class(t) for t in EVENT_TYPES - groupings} | set(v.STANCE.values())
    for term in terms:
        targets = {o for match in MATCHES for o in alignments.objects(term, SKOS[match]) if str(o).startswith(namespace)}
        reasons = list(alignments.objects(term, v.KB[gap]))
        assert bool(targets) != bool(reasons), f"{term}: either matches in {scheme} or a reason for none, not both"
        assert targets <= concepts, f"{term} matches concepts that {scheme} does not declare: {targets - concepts}"
        assert all(len(str(reason)) > 40 for reason in reasons), term
    # and back: every term aligned is an event type or a stance of the format
    aligned = {s for match in MATCHES for s, o in alignments.subject_objects(SKOS[match]) if str(o).startswith(namespace)}
    aligned |= set(alignments.subjects(v.KB[gap], None))
    assert aligned == terms


def test_every_acled_type_is_matched_or_says_why_not(alignments):
    """Both ways: each of ACLED's 6 event types and 25 sub-event types is reached by a term (or holds
    a sub-event type that is), or notes why none of the ontology's types matches it."""
    from rdflib.namespace import SKOS

    concepts = scheme_concepts(alignments, URIRef(str(v.SCHEME) + "acled"))
    tops = {c for c in concepts if (c, SKOS.topConceptOf, None) in alignments}
    assert len(tops) == 6 and len(concepts - tops) == 25
    matched = {o for match in MATCHES for o in alignments.objects(None, SKOS[match]) if o in concepts}
    for concept in concepts - tops:
        assert (concept in matched) != bool(alignments.value(concept, SKOS.editorialNote)), concept
        assert alignments.value(concept, SKOS.broader) in tops, concept
    labels = {str(alignments.value(c, SKOS.prefLabel)) for c in concepts}
    assert {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
            "Strategic developments", "Armed clash", "Air/drone strike", "Shelling/artillery/missile attack",
            "Agreement", "Other"} <= labels


def test_every_cameo_code_is_matched_or_is_the_root_of_one(alignments):
    from rdflib.namespace import SKOS

    concepts = scheme_concepts(alignments, URIRef(str(v.SCHEME) + "cameo"))
    matched = {o for match in MATCHES for o in alignments.objects(None, SKOS[match]) if o in concepts}
    parents = {p for c in matched for p in alignments.transitive_objects(c, SKOS.broader)}
    assert concepts == matched | parents
    for concept in concepts:
        code = str(alignments.value(concept, SKOS.notation))
        assert str(concept).endswith("/" + code) and code.isdigit() and 2 <= len(code) <= 4
        broader = alignments.value(concept, SKOS.broader)
        if broader is not None:  # a code's parent is its prefix: 0871 under 087 under 08
            assert code.startswith(str(alignments.value(broader, SKOS.notation)))
