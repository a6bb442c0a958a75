"""Mapping an article's sources and its words: the article's metadata (genre, publisher, licence,
date...), the names it uses (mentions), the roles it gives, and the relations it states."""

from __future__ import annotations

import re
from urllib.parse import quote as percent_encode

from rdflib import RDF, XSD, Literal, URIRef
from rdflib.namespace import SDO

from kb.dates import Precision
from kb.articles import word_occurrences
from kb.mapper import MapperBase
from kb.models import Identification, Quote, RelationFact, RoleFact, Slip, slug
from kb.vocabulary import CERTAINTY, EXTENT, GENRE, KB, OA, RELATION, SLIP_KIND, article_node_iri, entity_iri


class SourceSections(MapperBase):
    """The sections of an article's mapping about the text itself and how to read it: metadata,
    mentions, roles, relations, the text's own slips, and the curator's identifications."""

    def metadata(self) -> None:
        """The article itself, in the metadata graph: genre, title, publisher, licence, date, citations."""
        meta, node, info = self.meta, self.node, self.article.annotation.article
        self.origin(node, ("article",))
        meta.add((node, RDF.type, KB.Article))
        meta.add((node, SDO.identifier, Literal(self.article.id)))
        meta.add((node, SDO.text, Literal(self.article.text)))
        meta.add((node, SDO.inLanguage, Literal(info.language)))
        if info.title:
            meta.add((node, SDO.headline, Literal(info.title)))
        for genre in info.genre:
            meta.add((node, KB.genre, GENRE[genre.value]))
        if info.text_of:
            meta.add((node, KB.textOf, entity_iri(info.text_of)))
        if info.url:
            meta.add((node, SDO.url, Literal(info.url, datatype=XSD.anyURI)))
        if info.licence:
            # a licence given by its URL is that resource; one given by name stays a name
            is_url = re.match(r"^https?://\S+$", info.licence)
            meta.add((node, SDO.license, URIRef(info.licence) if is_url else Literal(info.licence)))
        if info.attribution:
            meta.add((node, SDO.creditText, Literal(info.attribution)))
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
        """Each name under which the article refers to an entity, with how often it occurs."""
        text = self.article.text
        for index, form in enumerate(forms):
            # the form itself, percent-encoded, keys the mention: "The Center" and "the center" differ
            key = percent_encode(form, safe="")
            node = self.origin(article_node_iri("mention", self.article.id, f"{entity_id}/{key}"), ("mentions", entity_id, index))
            self.facts.add((node, RDF.type, KB.Mention))
            self.facts.add((node, OA.hasBody, entity_iri(entity_id)))
            self.facts.add((node, KB.surfaceForm, Literal(form)))
            # whole words: "Syria" is not counted inside every "Syrian"
            found = word_occurrences(text, form)
            self.facts.add((node, KB.occurrences, Literal(len(found))))
            self.evidence(self.facts, node, [Quote(quote=form, start=found[0])])

    def role(self, index: int, role: RoleFact) -> None:
        """A role the article gives an actor, of an actor or in an agreement."""
        node = self.origin(article_node_iri("role", self.article.id, f"{role.holder}/{slug(role.title)}"), ("roles", index))
        self.facts.add((node, RDF.type, KB.RoleAssignment))
        self.facts.add((node, KB.roleHolder, entity_iri(role.holder)))
        self.facts.add((node, KB.roleTitle, Literal(role.title)))
        if role.of:
            self.facts.add((node, KB.roleOf, entity_iri(role.of)))
        self.evidence(self.facts, node, role.evidence)
        self.note(self.facts, node, role.note)

    def relation(self, index: int, relation: RelationFact) -> None:
        """A relation the article states, reified with its evidence (and its extent)."""
        stated = self.statement(
            self.facts, ("relations", index), entity_iri(relation.subject), RELATION[relation.relation.value],
            entity_iri(relation.object), f"{relation.subject}/{relation.relation.value}/{relation.object}",
            relation.evidence, relation.note, relation.date,
        )
        if relation.extent:
            self.facts.add((stated, KB.extent, EXTENT[relation.extent.value]))

    def identification(self, index: int, fact: Identification) -> None:
        """The curator's identification of what the text names with another entity."""
        node = self.origin(article_node_iri("identification", self.article.id, f"{fact.entity}/{fact.same_as}"),
                           ("identifications", index))
        self.facts.add((node, RDF.type, KB.Identification))
        self.facts.add((node, KB.identifiedEntity, entity_iri(fact.entity)))
        self.facts.add((node, KB.identifiedAs, entity_iri(fact.same_as)))
        self.facts.add((node, KB.certainty, CERTAINTY[fact.certainty.value]))
        self.evidence(self.facts, node, fact.evidence)
        self.note(self.facts, node, fact.note)

    def slip(self, index: int, slip: Slip) -> None:
        """A typo or an error of the text, with the reading the curator believes."""
        span = self.article.locate(slip.quote)
        node = self.origin(article_node_iri("slip", self.article.id, f"{span.start}-{span.end}"), ("slips", index))
        self.facts.add((node, RDF.type, KB.Slip))
        self.facts.add((node, KB.slipKind, SLIP_KIND[slip.kind.value]))
        self.facts.add((node, KB.reading, Literal(slip.reading)))
        self.evidence(self.facts, node, [slip.quote])
        self.note(self.facts, node, slip.note)
