"""Mapping a checked corpus to RDF: one named graph per article, plus the registry and metadata.

IRIs come from registry ids and stable keys (article id, claim id, offsets), never from counters
over the whole corpus, so adding an article leaves every other IRI unchanged. No blank nodes.
Every node made from an annotation is recorded in `origins`, so a validation finding about it
can name the annotation file and line it came from. The sections of an article's mapping are in
`kb.map_sources`, `kb.map_agreements` and `kb.map_events`; their shared helpers in `kb.mapper`.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Literal
from rdflib.namespace import SDO, SKOS

from kb.articles import Article, Corpus
from kb.map_agreements import AgreementSections
from kb.map_events import EventSections
from kb.map_sources import SourceSections
from kb.mapper import GraphSink, Mapped, Origin, new_dataset
from kb.locations import map_location
from kb.vocabulary import REGISTRY_GRAPH, WD, entity_class, entity_iri

__all__ = ["GraphSink", "Mapped", "Origin", "map_article", "map_corpus", "map_registry", "new_dataset"]


def map_corpus(corpus: Corpus) -> Mapped:
    """The RDF of a whole checked corpus: the registry, then each article."""
    mapped = Mapped()
    map_registry(corpus, mapped)
    for article in corpus.articles.values():
        map_article(article, mapped)
    return mapped


def map_registry(corpus: Corpus, mapped: Mapped) -> None:
    """The registry's graph: each entity's type, labels, description, external id, note and location."""
    graph = mapped.graph(REGISTRY_GRAPH)
    for entity in corpus.entities.values():
        node = entity_iri(entity.id)
        file, line = corpus.entity_origin[entity.id]
        mapped.origins[node] = Origin(file, line)
        graph.add((node, RDF.type, entity_class(entity.type)))
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


class _ArticleMapper(SourceSections, AgreementSections, EventSections):
    """Maps one article, section by section of its annotation."""

    def map(self) -> None:
        """Map every section of the article's annotation."""
        self.metadata()
        annotation = self.article.annotation
        for entity_id, forms in annotation.mentions.items():
            self.mentions(entity_id, forms)
        for index, speaker in enumerate(annotation.speakers):
            self.speaker(index, speaker)
        for index, role in enumerate(annotation.roles):
            self.role(index, role)
        for index, relation in enumerate(annotation.relations):
            self.relation(index, relation)
        for index, agreement in enumerate(annotation.agreements):
            self.agreement(index, agreement)
        for index, event in enumerate(annotation.events):
            self.event(index, event)
        for index, claim in enumerate(annotation.claims):
            self.claim(index, claim)
        for index, violation in enumerate(annotation.violations):
            self.violation(index, violation)
        for index, identification in enumerate(annotation.identifications):
            self.identification(index, identification)
        for index, slip in enumerate(annotation.slips):
            self.slip(index, slip)


def map_article(article: Article, mapped: Mapped) -> None:
    """Add one article's graph and its metadata to `mapped`."""
    _ArticleMapper(article, mapped).map()
