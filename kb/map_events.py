"""Mapping what an article says of events and of what was said: events with their status and
outcomes, and claims with their claimants (unnamed speakers included), words, stance, links, the
way they reached the article, and the hedges on both."""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SDO

from kb.mapper import MapperBase
from kb.models import ClaimFact, EventFact, Speaker
from kb.references import resolve_claim_ref
from kb.vocabulary import (
    CHANNEL, EVENT_STATUS, KB, OUTCOME, RELAY_KIND, STANCE, article_node_iri, claim_iri, entity_iri,
)


class EventSections(MapperBase):
    """The sections of an article's mapping about events, outcomes and claims."""

    def event(self, index: int, fact: EventFact) -> None:
        """The article's account of an event: date, places, actors, status, hedges, outcomes."""
        node = self.origin(entity_iri(fact.event), ("events", index))
        facts = self.facts
        self.date(facts, node, fact.date)
        if fact.time_of_day:
            facts.add((node, KB.timeOfDay, Literal(fact.time_of_day)))
        self.links(facts, node, SDO.location, fact.places)
        self.links(facts, node, KB.agent, fact.agents)
        self.links(facts, node, KB.target, fact.targets)
        self.links(facts, node, KB.supporter, fact.supporters)
        self.links(facts, node, KB.participant, fact.participants)
        self.links(facts, node, KB.inResponseTo, fact.in_response_to)
        if fact.part_of:
            facts.add((node, SDO.superEvent, entity_iri(fact.part_of)))
        if fact.according_to:
            facts.add((node, KB.accordingTo, self.actor_iri(fact.according_to)))
        facts.add((node, KB.eventStatus, EVENT_STATUS[fact.status.value]))
        for claim_id in fact.asserted_in:
            facts.add((node, KB.assertedIn, claim_iri(self.article.id, claim_id)))
        self.hedges(facts, node, fact.hedges)
        self.evidence(facts, node, fact.evidence)
        self.note(facts, node, fact.note)
        for position, outcome in enumerate(fact.outcomes):
            onode = self.origin(self.outcome_iri(fact.event, position, outcome.id), ("events", index, "outcomes", position))
            facts.add((node, KB.hasOutcome, onode))
            facts.add((onode, RDF.type, KB.Outcome))
            facts.add((onode, KB.outcomeKind, OUTCOME[outcome.kind.value]))
            self.date(facts, onode, outcome.period)
            for part in outcome.includes:
                facts.add((onode, KB.includes, self.outcome_iri(None, None, part)))
            if outcome.count is not None or outcome.min is not None:
                self.quantity(facts, onode, outcome.qualifier.value, (KB.count, outcome.count),
                              outcome.min, outcome.max)
            if outcome.amount:
                facts.add((onode, KB.amount, Literal(outcome.amount)))
            if outcome.equipment:
                facts.add((onode, KB.equipmentType, entity_iri(outcome.equipment)))
            if outcome.side:
                facts.add((onode, KB.affectedParty, entity_iri(outcome.side)))
            if outcome.place:
                facts.add((onode, SDO.location, entity_iri(outcome.place)))
            if outcome.according_to:
                facts.add((onode, KB.accordingTo, self.actor_iri(outcome.according_to)))
            self.evidence(facts, onode, outcome.evidence)
            self.note(facts, onode, outcome.note)

    def claim(self, index: int, fact: ClaimFact) -> None:
        """A claim: its claimants, words, stance, links, relay and hedges."""
        node = self.origin(claim_iri(self.article.id, fact.id), ("claims", index))
        facts = self.facts
        facts.add((node, RDF.type, KB.Claim))
        for claimant in fact.claimant:
            facts.add((node, KB.claimant, self.actor_iri(claimant)))
        if fact.jointly:
            facts.add((node, KB.jointly, Literal(True)))
        facts.add((node, KB.reportedIn, self.node))
        facts.add((node, KB.claimText, Literal(fact.said.quote)))
        facts.add((node, KB.directQuote, Literal(fact.direct)))
        facts.add((node, KB.stance, STANCE[fact.stance.value]))
        facts.add((node, KB.channel, CHANNEL[fact.channel.value]))
        if fact.medium:
            facts.add((node, KB.medium, entity_iri(fact.medium)))
        if fact.place:
            facts.add((node, SDO.location, entity_iri(fact.place)))
        if fact.occasion:
            facts.add((node, KB.occasion, entity_iri(fact.occasion)))
        self.links(facts, node, KB.about, fact.about)
        for predicate, refs in ((KB.contradicts, fact.contradicts), (KB.denies, fact.denies), (KB.supports, fact.supports)):
            for ref in refs:
                facts.add((node, predicate, claim_iri(*resolve_claim_ref(self.article.id, ref))))
        for order, step in enumerate(fact.relay, start=1):
            snode = self.origin(article_node_iri("relay", self.article.id, f"{fact.id}/{order}"), ("claims", index, "relay", order - 1))
            facts.add((node, KB.relay, snode))
            facts.add((snode, RDF.type, KB.RelayStep))
            facts.add((snode, KB.relayKind, RELAY_KIND[step.kind.value]))
            facts.add((snode, KB.relayOrder, Literal(order)))
            if step.by:
                facts.add((snode, KB.relayedBy, self.actor_iri(step.by)))
            self.evidence(facts, snode, step.evidence)
            self.note(facts, snode, step.note)
        self.hedges(facts, node, fact.hedges)
        self.date(facts, node, fact.date)
        self.evidence(facts, node, [fact.said] + fact.evidence)
        self.note(facts, node, fact.note)

    def speaker(self, index: int, speaker: Speaker) -> None:
        """An unnamed speaker of the article: a node of its own, labelled with the description."""
        node = self.origin(self.actor_iri(speaker.id), ("speakers", index))
        self.facts.add((node, RDF.type, KB.UnnamedSpeaker))
        self.facts.add((node, RDFS.label, Literal(speaker.description)))
        if speaker.member_of:
            self.facts.add((node, SDO.memberOf, entity_iri(speaker.member_of)))
        self.evidence(self.facts, node, speaker.evidence)
        self.note(self.facts, node, speaker.note)
