"""Checking what an annotation refers to: every quote is in its article's text, every reference is
to a registry entity of the right kind, and relations between places relate places; then, with
`kb.coherence`, that the links between its facts hold together.

Every problem is collected with its file, line and field, so that a curator sees all at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from kb.articles import Article, Corpus, QuoteNotFound, word_occurrences
from kb.coherence import check_links, resolve_claim_ref
from kb.errors import Problem, processing
from kb.kinds import TOP_CLASSES, kinds
from kb.models import PLACE_RELATIONS, Quote, RelationFact
from kb.yamlio import Located

__all__ = ["check_article", "check_references", "kind_types", "resolve_claim_ref", "walk"]

ACTOR, PLACE, EVENT, AGREEMENT, INSTRUMENT, MEDIA, PERSON, EQUIPMENT, ANY = (
    "an actor", "a place", "an event", "an agreement", "an agreement or a resolution", "a media outlet",
    "a person", "an equipment type", "an entity",
)
ACTOR_OR_AGREEMENT, EVENT_OR_AGREEMENT = "an actor or an agreement", "an event or an agreement"
_KIND_CLASSES = {
    ACTOR: ("Actor",), PLACE: ("Place",), EVENT: ("Event",), AGREEMENT: ("Agreement",), INSTRUMENT: ("Instrument",),
    MEDIA: ("MediaOutlet",), PERSON: ("Person",), EQUIPMENT: ("EquipmentType",),
    ACTOR_OR_AGREEMENT: ("Actor", "Agreement"), EVENT_OR_AGREEMENT: ("Event", "Agreement"),
}
"""The ontology classes below which each kind's types lie (an entity: any registry type)."""


def kind_types(kind: str) -> frozenset[str]:
    """The registry types a reference of this kind accepts (`ACTOR`, `PLACE`...), from the ontology."""
    if kind not in _KIND_CLASSES:
        return kinds().types
    return frozenset().union(*(kinds().under(cls) for cls in _KIND_CLASSES[kind]))


PUBLISHER_KIND = ACTOR
"""What may publish an article: any actor (an outlet, a government's website, an organisation)."""

# what each reference field must point at: by field name, unless its model says otherwise
_REFERENCE_KIND = {
    "publisher": PUBLISHER_KIND, "byline": ACTOR, "outlet": MEDIA, "medium": MEDIA, "text_of": AGREEMENT,
    "dateline": PLACE, "places": PLACE, "place": PLACE, "zone": PLACE, "creates": PLACE, "origin": PLACE,
    "holder": ACTOR, "of": ACTOR_OR_AGREEMENT,
    "subject": ANY, "object": ANY, "about": ANY,
    "agreement": AGREEMENT, "equipment": EQUIPMENT,
    "parties": ACTOR, "signatories": ACTOR, "obligated": ACTOR, "agents": ACTOR, "targets": ACTOR,
    "supporters": ACTOR, "participants": ACTOR, "side": ACTOR, "claimant": ACTOR,
    "alleged_by": ACTOR, "accused": ACTOR, "according_to": ACTOR, "member_of": ACTOR, "by": ACTOR,
    "event": EVENT, "events": EVENT, "negotiated_at": EVENT, "part_of": EVENT,
    "in_response_to": EVENT, "occasion": EVENT,
}
_MODEL_REFERENCE_KIND = {
    ("RefersTo", "agreement"): INSTRUMENT,  # an agreement may recall a resolution
    ("Within", "counted_from"): EVENT_OR_AGREEMENT,  # days from a signing, or from an event
    ("Identification", "entity"): ANY, ("Identification", "same_as"): ANY,
}


def walk(model: BaseModel, loc: tuple) -> Iterator[tuple[tuple, str, Any]]:
    """Every (loc, field name, value) below a model, descending into lists and sub-models; the loc
    names each field as the annotation writes it (its alias, such as `from`)."""
    for owner, step_loc, name, value in _walk_owned(model, loc):
        yield step_loc, name, value


def _walk_owned(model: BaseModel, loc: tuple) -> Iterator[tuple[str, tuple, str, Any]]:
    fields = type(model).model_fields
    for name, info in fields.items():
        value = getattr(model, name)
        here = loc + (info.alias or name,)
        yield type(model).__name__, here, name, value
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if isinstance(item, BaseModel):
                yield from _walk_owned(item, here if index is None else here + (index,))


def check_references(corpus: Corpus, elsewhere: tuple[set, set] = (set(), set())) -> list[Problem]:
    """Every problem of the loaded articles' quotes, references and links, in article order.

    `elsewhere` holds the claims ((article, claim) pairs) and provisions ((agreement, provision)
    pairs) that articles not loaded declare, so that references to them resolve.
    """
    problems: list[Problem] = []
    provisions = elsewhere[1] | {
        (agreement.agreement, provision.id)
        for article in corpus.articles.values()
        for agreement in article.annotation.agreements
        for provision in agreement.provisions
    }
    claim_ids = elsewhere[0] | {
        (article.id, claim.id) for article in corpus.articles.values() for claim in article.annotation.claims
    }
    for article in corpus.articles.values():
        with processing(article.source.path):
            problems += check_article(corpus, article, provisions, claim_ids)
    return problems


def check_article(corpus: Corpus, article: Article, provisions, claim_ids) -> list[Problem]:
    """Every problem of one article's quotes, references and links.

    `provisions` and `claim_ids` answer whether the corpus declares an (agreement, provision) or
    an (article, claim) pair, this article's included: sets, or anything that answers `in`.
    """
    return _check_article(corpus, article) + check_links(article, provisions, claim_ids)


def _check_article(corpus: Corpus, article: Article) -> list[Problem]:
    problems: list[Problem] = []
    source = article.source
    # an article's unnamed speakers are actors of its own, which claims and relays may name
    speakers = {speaker.id for speaker in article.annotation.speakers}

    def reference(loc: tuple, entity_id: str, kind: str) -> None:
        entity = corpus.entities.get(entity_id)
        if entity is None and kind == ACTOR and entity_id in speakers:
            return
        if entity is None:
            problems.append(source.problem(loc, f"unknown entity {entity_id!r}: add it to the registry, or fix the id"))
        elif entity.type not in kind_types(kind):
            problems.append(source.problem(loc, f"{entity_id!r} is a {entity.type}, but this must be {kind}"))

    for owner, loc, name, value in _walk_owned(article.annotation, ()):
        if isinstance(value, Quote):
            try:
                article.locate(value)
            except QuoteNotFound as err:
                problems.append(source.problem(loc, str(err)))
        elif isinstance(value, list) and value and isinstance(value[0], Quote):
            for index, quote in enumerate(value):
                try:
                    article.locate(quote)
                except QuoteNotFound as err:
                    problems.append(source.problem(loc + (index,), str(err)))
        kind = _MODEL_REFERENCE_KIND.get((owner, name), _REFERENCE_KIND.get(name))
        if kind is None or value is None:
            continue
        if isinstance(value, list):
            listed = source.is_list(loc)  # one id written alone is reported without its index
            for index, item in enumerate(value):
                if isinstance(item, str):
                    reference(loc + (index,) if listed else loc, item, kind)
        elif isinstance(value, str):
            reference(loc, value, kind)

    for entity_id, forms in article.annotation.mentions.items():
        if entity_id not in corpus.entities:
            problems.append(source.problem(("mentions", entity_id), f"unknown entity {entity_id!r}: add it to the registry, or fix the id"))
        for index, form in enumerate(forms):
            if not word_occurrences(article.text, form):
                inside = " (only inside longer words)" if form in article.text else ""
                problems.append(source.problem(("mentions", entity_id, index), f"the name {form!r} is not in the article text{inside}"))

    for index, speaker in enumerate(article.annotation.speakers):
        if speaker.id in corpus.entities:
            problems.append(source.problem(("speakers", index, "id"), f"{speaker.id!r} is a registry id: give the article's speaker an id of its own"))
    for index, relation in enumerate(article.annotation.relations):
        problems += _check_relation(corpus, source, index, relation)
    for index, identification in enumerate(article.annotation.identifications):
        kinds_of = [corpus.kind_of(entity_id) for entity_id in (identification.entity, identification.same_as)]
        if None not in kinds_of and not _tops(kinds_of[0]) & _tops(kinds_of[1]):
            problems.append(source.problem(("identifications", index, "as"), f"{identification.entity!r} ({kinds_of[0]}) cannot be identified with {identification.same_as!r} ({kinds_of[1]}): they are not the same kind of thing"))
    return problems


def _tops(entity_type: str) -> set[str]:
    """The top classes a registry type lies below (a state: actor and place)."""
    return {top for top in TOP_CLASSES if entity_type in kinds().under(top)}


def _check_relation(corpus: Corpus, source: Located, index: int, relation: RelationFact) -> list[Problem]:
    if relation.relation not in PLACE_RELATIONS:
        return []
    return [
        source.problem(("relations", index, end), f"{entity_id!r} is a {kind}, but `{relation.relation.value}` relates places")
        for end, entity_id in (("subject", relation.subject), ("object", relation.object))
        if (kind := corpus.kind_of(entity_id)) is not None and kind not in kind_types(PLACE)
    ]
