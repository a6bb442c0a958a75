"""Mapping a checked corpus to RDF: one named graph per article, plus the registry and metadata.

IRIs come from registry ids and stable keys (article id, claim id, offsets), never from counters
over the whole corpus, so adding an article leaves every other IRI unchanged. No blank nodes.
Every node made from an annotation is recorded in `origins`, so a validation finding about it
can name the annotation file and line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote as percent_encode

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO, SKOS

from kb.corpus import Article, Corpus
from kb.dates import DateSpec, Precision
from kb.models import (
    AgreementFact, ClaimFact, EventFact, Quote, slug,
)
from kb.vocabulary import (ARTICLES_GRAPH, CHANNEL, KB, OA, OUTCOME, PRECISION, PREFIXES, REGISTRY_GRAPH,
                           RELATION, STANCE, article_graph_iri, article_node_iri, article_iri, claim_iri, entity_class, entity_iri,
                           provision_iri)
from kb.store import terms_to_ox
from kb.locations import map_location
from kb.vocabulary import WD

@dataclass(frozen=True)
class Origin:
    """Where a node of the graph was written: file, line, and the article it belongs to."""

    file: str
    line: int | None
    article: str | None = None


class _GraphSink:
    """Where the mapper writes one named graph's triples: a list, not a store (it is read once)."""

    __slots__ = ("identifier", "_quads")

    def __init__(self, identifier: URIRef, quads: list):
        self.identifier = identifier
        self._quads = quads

    def add(self, triple: tuple) -> None:
        self._quads.append((triple[0], triple[1], triple[2], self.identifier))


@dataclass
class Mapped:
    """What the mapping made: quads (subject, predicate, object, graph) and where each node came from."""

    quads: list[tuple] = field(default_factory=list)
    origins: dict[URIRef, Origin] = field(default_factory=dict)

    def graph(self, iri: URIRef) -> _GraphSink:
        return _GraphSink(iri, self.quads)

    @property
    def dataset(self) -> Dataset:
        """The quads as an rdflib Dataset, one named graph each, for use from rdflib."""
        dataset = new_dataset()
        for s, p, o, g in self.quads:
            dataset.graph(g).add((s, p, o))
        return dataset

    def ox_quads(self) -> list:
        """The quads as Oxigraph quads, each once, in canonical order (for byte-identical files)."""
        return terms_to_ox(self.quads)


def new_dataset() -> Dataset:
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    return dataset


def map_corpus(corpus: Corpus) -> Mapped:
    mapped = Mapped()
    map_registry(corpus, mapped)
    for article in corpus.articles.values():
        map_article(article, mapped)
    return mapped


def map_registry(corpus: Corpus, mapped: Mapped) -> None:
    graph = mapped.graph(REGISTRY_GRAPH)
    for entity in corpus.entities.values():
        node = entity_iri(entity.id)
        file, line = corpus.entity_origin[entity.id]
        mapped.origins[node] = Origin(file, line)
        graph.add((node, RDF.type, entity_class(entity.type.value)))
        graph.add((node, RDFS.label, Literal(entity.label)))
        graph.add((node, SKOS.prefLabel, Literal(entity.label)))
        for alias in entity.aliases:
            graph.add((node, SKOS.altLabel, Literal(alias)))
        if entity.description:
            graph.add((node, SDO.description, Literal(entity.description)))
        if entity.wikidata:
            graph.add((node, SDO.sameAs, WD[entity.wikidata]))
        if entity.note:
            graph.add((node, SKOS.editorialNote, Literal(entity.note)))
        map_location(graph, node, entity)


class _ArticleMapper:
    """Maps one article; each method handles one section of the annotation."""

    def __init__(self, article: Article, mapped: Mapped):
        self.article = article
        self.mapped = mapped
        self.node = article_iri(article.id)
        self.meta = mapped.graph(ARTICLES_GRAPH)
        self.facts = mapped.graph(article_graph_iri(article.id))

    # --- helpers ---

    def origin(self, node: URIRef, loc: tuple) -> URIRef:
        self.mapped.origins.setdefault(
            node, Origin(self.article.annotation_file, self.article.line_of(loc), self.article.id)
        )
        return node

    def evidence(self, graph: Graph, node: URIRef, quotes: list[Quote]) -> None:
        for quote in quotes:
            span = self.article.locate(quote)
            ev = article_node_iri("evidence", self.article.id, f"{span.start}-{span.end}")
            graph.add((node, KB.evidence, ev))
            graph.add((ev, RDF.type, KB.Evidence))
            graph.add((ev, OA.exact, Literal(span.quote)))
            graph.add((ev, OA.start, Literal(span.start)))
            graph.add((ev, OA.end, Literal(span.end)))
            graph.add((ev, PROV.wasQuotedFrom, self.node))

    def date(self, graph: Graph, node: URIRef, date: DateSpec | None) -> None:
        if date is None:
            return
        if date.earliest:
            graph.add((node, KB.earliestDate, Literal(date.earliest)))
        if date.latest:
            graph.add((node, KB.latestDate, Literal(date.latest)))
        graph.add((node, KB.datePrecision, PRECISION[date.precision.value]))
        if date.note:
            graph.add((node, KB.dateNote, Literal(date.note)))

    def note(self, graph: Graph, node: URIRef, note: str | None) -> None:
        if note:
            graph.add((node, SKOS.editorialNote, Literal(note)))

    def links(self, graph: Graph, node: URIRef, predicate: URIRef, ids: list[str]) -> None:
        for entity_id in ids:
            graph.add((node, predicate, entity_iri(entity_id)))

    def statement(self, graph: Graph, loc: tuple, subject: URIRef, predicate: URIRef, obj: URIRef,
                  key: str, quotes: list[Quote], note: str | None = None, date: DateSpec | None = None) -> None:
        """A fact about two resources: the triple itself, and its reification carrying the evidence."""
        graph.add((subject, predicate, obj))
        node = self.origin(article_node_iri("statement", self.article.id, key), loc)
        graph.add((node, RDF.type, RDF.Statement))
        graph.add((node, RDF.subject, subject))
        graph.add((node, RDF.predicate, predicate))
        graph.add((node, RDF.object, obj))
        self.evidence(graph, node, quotes)
        self.date(graph, node, date)
        self.note(graph, node, note)

    # --- sections ---

    def map(self) -> None:
        self.metadata()
        annotation = self.article.annotation
        for entity_id, forms in annotation.mentions.items():
            self.mentions(entity_id, forms)
        for index, role in enumerate(annotation.roles):
            node = self.origin(article_node_iri("role", self.article.id, f"{role.holder}/{slug(role.title)}"), ("roles", index))
            self.facts.add((node, RDF.type, KB.RoleAssignment))
            self.facts.add((node, KB.roleHolder, entity_iri(role.holder)))
            self.facts.add((node, KB.roleTitle, Literal(role.title)))
            if role.of:
                self.facts.add((node, KB.roleOf, entity_iri(role.of)))
            self.evidence(self.facts, node, role.evidence)
            self.note(self.facts, node, role.note)
        for index, relation in enumerate(annotation.relations):
            self.statement(
                self.facts, ("relations", index), entity_iri(relation.subject), RELATION[relation.relation.value],
                entity_iri(relation.object), f"{relation.subject}/{relation.relation.value}/{relation.object}",
                relation.evidence, relation.note, relation.date,
            )
        for index, agreement in enumerate(annotation.agreements):
            self.agreement(index, agreement)
        for index, event in enumerate(annotation.events):
            self.event(index, event)
        for index, claim in enumerate(annotation.claims):
            self.claim(index, claim)
        for index, violation in enumerate(annotation.violations):
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

    def metadata(self) -> None:
        meta, node, info = self.meta, self.node, self.article.annotation.article
        self.origin(node, ("article",))
        meta.add((node, RDF.type, KB.Article))
        meta.add((node, SDO.identifier, Literal(self.article.id)))
        meta.add((node, SDO.text, Literal(self.article.text)))
        meta.add((node, SDO.inLanguage, Literal(info.language)))
        if info.title:
            meta.add((node, SDO.headline, Literal(info.title)))
        if info.url:
            meta.add((node, SDO.url, Literal(info.url, datatype=XSD.anyURI)))
        if info.dateline:
            meta.add((node, SDO.locationCreated, entity_iri(info.dateline)))
        published = info.published
        self.date(meta, node, published.date)
        if published.date.precision is Precision.day:
            meta.add((node, SDO.datePublished, Literal(published.date.earliest)))
        self.evidence(meta, node, published.evidence + ([info.title_evidence] if info.title_evidence else []))
        self.note(meta, node, published.note)
        self.note(meta, node, info.note)
        for predicate, outlet, quotes, key in (
            (SDO.publisher, info.publisher, info.publisher_evidence, "publisher"),
            (SDO.author, info.byline, info.byline_evidence, "byline"),
        ):
            if outlet:
                self.statement(meta, ("article", key), node, predicate, entity_iri(outlet), f"{key}/{outlet}", quotes)
        for index, citation in enumerate(info.cites):
            self.statement(meta, ("article", "cites", index), node, KB.cites, entity_iri(citation.outlet),
                           f"cites/{citation.outlet}", citation.evidence, citation.note)

    def mentions(self, entity_id: str, forms: list[str]) -> None:
        text = self.article.text
        for index, form in enumerate(forms):
            # the form itself, percent-encoded, keys the mention: "The Center" and "the center" differ
            key = percent_encode(form, safe="")
            node = self.origin(article_node_iri("mention", self.article.id, f"{entity_id}/{key}"), ("mentions", entity_id, index))
            self.facts.add((node, RDF.type, KB.Mention))
            self.facts.add((node, OA.hasBody, entity_iri(entity_id)))
            self.facts.add((node, KB.surfaceForm, Literal(form)))
            self.facts.add((node, KB.occurrences, Literal(text.count(form))))
            self.evidence(self.facts, node, [Quote(quote=form, start=text.index(form))])

    def agreement(self, index: int, fact: AgreementFact) -> None:
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
        for position, provision in enumerate(fact.provisions):
            pnode = self.origin(provision_iri(fact.agreement, provision.id), ("agreements", index, "provisions", position))
            facts.add((node, KB.hasProvision, pnode))
            facts.add((pnode, RDF.type, KB.Provision))
            facts.add((pnode, KB.obligation, Literal(provision.obligation)))
            self.links(facts, pnode, KB.obligatedParty, provision.obligated)
            if provision.zone:
                facts.add((pnode, KB.zone, entity_iri(provision.zone)))
            if provision.deadline:
                facts.add((pnode, KB.deadline, Literal(provision.deadline.latest)))
            for figure in provision.figures:
                fnode = URIRef(f"{provision_iri(fact.agreement, provision.id)}/{figure.quantity}")
                facts.add((pnode, KB.figure, fnode))
                facts.add((fnode, RDF.type, SDO.QuantitativeValue))
                facts.add((fnode, SDO.name, Literal(figure.quantity)))
                facts.add((fnode, SDO.unitText, Literal(figure.unit)))
                for predicate, value in ((SDO.value, figure.value), (SDO.minValue, figure.min), (SDO.maxValue, figure.max)):
                    if value is not None:
                        facts.add((fnode, predicate, _number(value)))
            self.evidence(facts, pnode, provision.evidence)
            self.note(facts, pnode, provision.note)

    def event(self, index: int, fact: EventFact) -> None:
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
            facts.add((node, KB.accordingTo, entity_iri(fact.according_to)))
        self.evidence(facts, node, fact.evidence)
        self.note(facts, node, fact.note)
        for position, outcome in enumerate(fact.outcomes):
            onode = self.origin(
                article_node_iri("outcome", self.article.id, f"{fact.event}/{position + 1}"), ("events", index, "outcomes", position)
            )
            facts.add((node, KB.hasOutcome, onode))
            facts.add((onode, RDF.type, KB.Outcome))
            facts.add((onode, KB.outcomeKind, OUTCOME[outcome.kind.value]))
            if outcome.count is not None:
                facts.add((onode, KB.count, Literal(outcome.count)))
                facts.add((onode, KB.approximate, Literal(outcome.approximate)))
            if outcome.amount:
                facts.add((onode, KB.amount, Literal(outcome.amount)))
            if outcome.equipment:
                facts.add((onode, KB.equipmentType, entity_iri(outcome.equipment)))
            if outcome.side:
                facts.add((onode, KB.affectedParty, entity_iri(outcome.side)))
            if outcome.place:
                facts.add((onode, SDO.location, entity_iri(outcome.place)))
            if outcome.according_to:
                facts.add((onode, KB.accordingTo, entity_iri(outcome.according_to)))
            self.evidence(facts, onode, outcome.evidence)
            self.note(facts, onode, outcome.note)

    def claim(self, index: int, fact: ClaimFact) -> None:
        from kb.corpus import resolve_claim_ref

        node = self.origin(claim_iri(self.article.id, fact.id), ("claims", index))
        facts = self.facts
        facts.add((node, RDF.type, KB.Claim))
        facts.add((node, KB.claimant, entity_iri(fact.claimant)))
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
        self.date(facts, node, fact.date)
        self.evidence(facts, node, [fact.said] + fact.evidence)
        self.note(facts, node, fact.note)


def _number(value: float) -> Literal:
    return Literal(int(value)) if float(value).is_integer() else Literal(Decimal(str(value)))


def map_article(article: Article, mapped: Mapped) -> None:
    _ArticleMapper(article, mapped).map()
