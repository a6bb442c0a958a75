"""The mapper's machinery: what a mapping makes (quads, and where each node came from) and the
helpers every section of an article's mapping uses (evidence, dates, notes, links, reified
statements, figures).

The sections themselves are in `kb.map_sources`, `kb.map_agreements` and `kb.map_events`, and
`kb.mapping` puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO, SKOS

from kb.articles import Article
from kb.dates import DateSpec
from kb.models import Quote
from kb.report import Origin
from kb.store import terms_to_ox
from kb.vocabulary import (
    ARTICLES_GRAPH, HEDGE_KIND, KB, OA, PRECISION, PREFIXES, QUALIFIER, article_graph_iri, article_iri, article_node_iri, entity_iri,
)


class GraphSink:
    """Where the mapper writes one named graph's triples: a list, not a store (it is read once)."""

    __slots__ = ("identifier", "_quads")

    def __init__(self, identifier: URIRef, quads: list):
        self.identifier = identifier
        self._quads = quads

    def add(self, triple: tuple) -> None:
        """Add one triple to this graph."""
        self._quads.append((triple[0], triple[1], triple[2], self.identifier))


@dataclass
class Mapped:
    """What the mapping made: quads (subject, predicate, object, graph) and where each node came from."""

    quads: list[tuple] = field(default_factory=list)
    origins: dict[URIRef, Origin] = field(default_factory=dict)

    def graph(self, iri: URIRef) -> GraphSink:
        """Where to write the triples of the named graph `iri`."""
        return GraphSink(iri, self.quads)

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
    """An empty rdflib Dataset with the project's prefixes bound."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    return dataset


def number(value: float) -> Literal:
    """A figure as a literal: an xsd:integer when it is whole, else an exact xsd:decimal."""
    return Literal(int(value)) if float(value).is_integer() else Literal(Decimal(str(value)))


class MapperBase:
    """What every section of an article's mapping shares: the article, its graphs, the helpers."""

    def __init__(self, article: Article, mapped: Mapped):
        self.article = article
        self.mapped = mapped
        self.node = article_iri(article.id)
        self.meta = mapped.graph(ARTICLES_GRAPH)
        self.facts = mapped.graph(article_graph_iri(article.id))
        self.speakers = {speaker.id for speaker in article.annotation.speakers}

    def origin(self, node: URIRef, loc: tuple) -> URIRef:
        """Record where `node` was written (the annotation line of `loc`); returns the node."""
        self.mapped.origins.setdefault(
            node, Origin(self.article.annotation_file, self.article.line_of(loc), self.article.id)
        )
        return node

    def evidence(self, graph: Graph, node: URIRef, quotes: list[Quote]) -> None:
        """The quotes of a fact, each an evidence node at its offsets, quoted from the article."""
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
        """A date as the text gives it: earliest and latest day, precision, and how it was read."""
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
        """A curator's note, as a SKOS editorial note."""
        if note:
            graph.add((node, SKOS.editorialNote, Literal(note)))

    def links(self, graph: Graph, node: URIRef, predicate: URIRef, ids: list[str]) -> None:
        """A link from `node` to each registry entity of `ids`."""
        for entity_id in ids:
            graph.add((node, predicate, entity_iri(entity_id)))

    def actor_iri(self, actor_id: str) -> URIRef:
        """An actor's IRI: the article's own node for one of its unnamed speakers, else the registry's."""
        if actor_id in self.speakers:
            return article_node_iri("speaker", self.article.id, actor_id)
        return entity_iri(actor_id)

    def hedges(self, graph: Graph, node: URIRef, hedges: list) -> None:
        """The hedges on a claim or an event account, each a node keyed by where its quote is."""
        for hedge in hedges:
            span = self.article.locate(hedge.evidence[0])
            hnode = article_node_iri("hedge", self.article.id, f"{span.start}-{span.end}")
            graph.add((node, KB.hedge, hnode))
            graph.add((hnode, RDF.type, KB.Hedge))
            graph.add((hnode, KB.hedgeKind, HEDGE_KIND[hedge.kind.value]))
            self.evidence(graph, hnode, hedge.evidence)
            self.note(graph, hnode, hedge.note)

    def outcome_iri(self, event: str | None, position: int | None, outcome_id: str | None) -> URIRef:
        """An outcome's IRI: from its id when it has one (a total's parts refer to it so), else from
        its event and its place among the event's outcomes."""
        key = f"{outcome_id}" if outcome_id else f"{event}/{position + 1}"
        return article_node_iri("outcome", self.article.id, key)

    def quantity(self, graph: Graph, node: URIRef, qualifier: str, single: tuple, low, high) -> None:
        """A figure as the text gives it: its qualifier, and its value (`single`: predicate and value)
        or, for a range, its minimum and maximum."""
        graph.add((node, KB.qualifier, QUALIFIER[qualifier]))
        for predicate, value in (single, (SDO.minValue, low), (SDO.maxValue, high)):
            if value is not None:
                graph.add((node, predicate, number(value)))

    def statement(self, graph: Graph, loc: tuple, subject: URIRef, predicate: URIRef, obj: URIRef,
                  key: str, quotes: list[Quote], note: str | None = None, date: DateSpec | None = None) -> URIRef:
        """A fact about two resources: the triple itself, and its reification carrying the evidence
        (returned, for what qualifies the fact)."""
        graph.add((subject, predicate, obj))
        node = self.origin(article_node_iri("statement", self.article.id, key), loc)
        graph.add((node, RDF.type, RDF.Statement))
        graph.add((node, RDF.subject, subject))
        graph.add((node, RDF.predicate, predicate))
        graph.add((node, RDF.object, obj))
        self.evidence(graph, node, quotes)
        self.date(graph, node, date)
        self.note(graph, node, note)
        return node
