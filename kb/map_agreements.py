"""Mapping what an article says of agreements: parties, dates, places, provisions and their
figures, and the violations it alleges."""

from __future__ import annotations

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import SDO

from kb.mapper import MapperBase
from kb.models import AgreementFact, ViolationFact
from kb.vocabulary import AGREEMENT_RELATION, DIRECTION, KB, article_node_iri, claim_iri, entity_iri, provision_iri


class AgreementSections(MapperBase):
    """The sections of an article's mapping about agreements and their alleged violations."""

    def agreement(self, index: int, fact: AgreementFact) -> None:
        """What the article says of an agreement: parties, date, place, references, provisions."""
        node = self.origin(entity_iri(fact.agreement), ("agreements", index))
        facts = self.facts
        self.links(facts, node, KB.party, fact.parties)
        self.links(facts, node, KB.signatory, fact.signatories)
        self.links(facts, node, KB.creates, fact.creates)
        self.date(facts, node, fact.date)
        if fact.place:
            facts.add((node, SDO.location, entity_iri(fact.place)))
        if fact.negotiated_at:
            facts.add((node, KB.negotiatedAt, entity_iri(fact.negotiated_at)))
        self.evidence(facts, node, fact.evidence)
        self.note(facts, node, fact.note)
        for position, reference in enumerate(fact.refers_to):
            other = reference.agreement
            self.statement(facts, ("agreements", index, "refers_to", position), node,
                           AGREEMENT_RELATION[reference.relation.value], entity_iri(other),
                           f"{fact.agreement}/{reference.relation.value}/{other}", reference.evidence, reference.note)
        for position, provision in enumerate(fact.provisions):
            pnode = self.origin(provision_iri(fact.agreement, provision.id), ("agreements", index, "provisions", position))
            facts.add((node, KB.hasProvision, pnode))
            facts.add((pnode, RDF.type, KB.Provision))
            facts.add((pnode, KB.obligation, Literal(provision.obligation)))
            self.links(facts, pnode, KB.obligatedParty, provision.obligated)
            if provision.zone:
                facts.add((pnode, KB.zone, entity_iri(provision.zone)))
            if provision.article:
                facts.add((pnode, KB.section, Literal(provision.article)))
            if provision.deadline:
                facts.add((pnode, KB.deadline, Literal(provision.deadline.latest)))
            if provision.within:
                facts.add((pnode, KB.deadlineDays, Literal(provision.within.days)))
                facts.add((pnode, KB.deadlineFrom, entity_iri(provision.within.counted_from)))
            if provision.effective:
                moment = URIRef(f"{pnode}/effective")
                facts.add((pnode, KB.takesEffect, moment))
                facts.add((moment, RDF.type, KB.Moment))
                self.date(facts, moment, provision.effective)
                if provision.effective_time:
                    facts.add((moment, KB.clockTime, Literal(f"{provision.effective_time}:00", datatype=XSD.time)))
            for figure in provision.figures:
                fnode = URIRef(f"{pnode}/{figure.quantity}")
                facts.add((pnode, KB.figure, fnode))
                facts.add((fnode, RDF.type, SDO.QuantitativeValue))
                facts.add((fnode, SDO.name, Literal(figure.quantity)))
                facts.add((fnode, SDO.unitText, Literal(figure.unit)))
                self.quantity(facts, fnode, figure.qualifier.value, (SDO.value, figure.value), figure.min, figure.max)
                for direction in figure.directions:
                    facts.add((fnode, KB.direction, DIRECTION[direction.value]))
                if figure.origin:
                    facts.add((fnode, KB.measuredFrom, entity_iri(figure.origin)))
            self.evidence(facts, pnode, provision.evidence)
            self.note(facts, pnode, provision.note)

    def violation(self, index: int, violation: ViolationFact) -> None:
        """An alleged violation: who alleges it, against whom, of what, over which events."""
        node = self.origin(article_node_iri("violation", self.article.id, str(index + 1)), ("violations", index))
        self.facts.add((node, RDF.type, KB.AllegedViolation))
        self.links(self.facts, node, KB.allegedBy, violation.alleged_by)
        self.links(self.facts, node, KB.accused, violation.accused)
        self.facts.add((node, KB.violatedAgreement, entity_iri(violation.agreement)))
        if violation.provision:
            self.facts.add((node, KB.violatedProvision, provision_iri(violation.agreement, violation.provision)))
        self.links(self.facts, node, KB.violatingEvent, violation.events)
        if violation.claim:
            self.facts.add((node, KB.allegedIn, claim_iri(self.article.id, violation.claim)))
        self.date(self.facts, node, violation.date)
        self.evidence(self.facts, node, violation.evidence)
        self.note(self.facts, node, violation.note)
