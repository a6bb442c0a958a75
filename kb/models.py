"""The annotation format, as strict pydantic models: the registry's entities and an article's
annotation (its metadata, and everything it states).

A corpus is a registry of entities (identity: type, label, aliases) and, per article, its text and
an annotation of what the article states, each statement pinned to a verbatim quote. Unknown keys,
wrong types and missing fields are errors; `kb.corpus` reports them with file and line. The facts
are defined in `kb.facts`, the closed vocabularies in `kb.terms`, the building blocks in
`kb.model_base`; this module gathers them, so that `from kb.models import ...` reaches all.

`ACTOR_TYPES`, `PLACE_TYPES` and `EVENT_TYPES` are the names of the classes below kb:Actor,
kb:Place and kb:Event in the ontology (frozensets of strings), read from it on first use.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from kb.dates import DateSpec
from kb.agreement_facts import AgreementFact, Figure, Provision, RefersTo, Within
from kb.facts import EventFact, Identification, Outcome, RelationFact, RoleFact, Skip, Slip, ViolationFact
from kb.speech_facts import ClaimFact, Hedge, RelayStep, Speaker
from kb.model_base import ClaimRef, Evidence, Fact, Id, NonEmpty, Number, Quote, Strict, as_list, ids_as_list, slug
from kb.kinds import kinds
from kb.terms import PLACE_RELATIONS, Channel, Genre, OutcomeKind, Relation, Stance

__all__ = [
    "ACTOR_TYPES", "EVENT_TYPES", "PLACE_RELATIONS", "PLACE_TYPES", "AgreementFact", "Annotation", "ArticleMeta",
    "Channel", "Citation", "Genre", "ClaimFact", "ClaimRef", "Entity", "EventFact", "Evidence", "Fact", "Figure",
    "Hedge", "Identification", "RelayStep", "Speaker",
    "Id", "NonEmpty", "Number", "Outcome", "OutcomeKind", "Provision", "Published", "Quote", "RefersTo", "Relation",
    "RelationFact", "RoleFact", "Skip", "Slip", "Stance", "Strict", "ViolationFact", "Within", "slug",
]


_KIND_SETS = {"ACTOR_TYPES": "Actor", "PLACE_TYPES": "Place", "EVENT_TYPES": "Event"}


def __getattr__(name: str) -> frozenset[str]:
    """ACTOR_TYPES, PLACE_TYPES and EVENT_TYPES: the types below those classes of the ontology."""
    if name in _KIND_SETS:
        return kinds().under(_KIND_SETS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- registry -------------------------------------------------------------------------------

Latitude = Annotated[float, Field(ge=-90, le=90, strict=True, allow_inf_nan=False)]
"""Degrees north (WGS84), from -90 to 90."""
Longitude = Annotated[float, Field(ge=-180, le=180, strict=True, allow_inf_nan=False)]
"""Degrees east (WGS84), from -180 to 180."""
GeoSource = Annotated[str, StringConstraints(
    pattern=r"^(wikidata:Q[1-9][0-9]*|geonames:[1-9][0-9]*|whosonfirst:[1-9][0-9]*|naturalearth:ne_(10|50|110)m_[a-z0-9_]+)$")]
"""Where coordinates come from: a Wikidata item (its coordinate location), a GeoNames or Who's On First
record, or a Natural Earth layer (`naturalearth:ne_10m_populated_places`)."""


class Geometry(Strict):
    """Where figures of a place come from, and whether they only roughly place it."""

    source: GeoSource
    """Where the figures come from: `wikidata:Q…` (the item's coordinate location), `geonames:…` or
    `whosonfirst:…` (a record), or `naturalearth:ne_…` (a Natural Earth layer)."""
    approximate: Annotated[bool, Field(strict=True)] = False
    """True when the figures stand for the place roughly: an area's centre, the town a checkpoint is at."""
    note: str | None = None
    """The curator's note on the figures: which record or feature they were read from, how they were chosen."""


class Point(Geometry):
    """A place's position, in WGS84 degrees."""

    lat: Latitude
    """Latitude in decimal degrees north (WGS84), from -90 to 90; south is negative."""
    long: Longitude
    """Longitude in decimal degrees east (WGS84), from -180 to 180; west is negative."""


class Line(Geometry):
    """A place drawn as a line (a border, a road): its points in order, each `[lat, long]`."""

    points: Annotated[list[tuple[Latitude, Longitude]], Field(min_length=2)]
    """The line's points in order, at least two, each `[lat, long]` in WGS84 degrees (latitude first)."""


class Entity(Strict):
    """Identity of one thing the corpus speaks about."""

    id: Id
    """The entity's identifier, unique in the registry: annotations refer to the entity by it and its
    IRI is made from it, so it is kept once used."""
    type: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Za-z0-9]*$")]
    """A class of `ontology/kb.ttl` below Actor, Place, Event, Instrument or EquipmentType: `Person`,
    `Settlement`, `AirStrike`...; it decides where the entity may be referred to."""
    label: NonEmpty
    """The entity's preferred name, as queries and pages show it."""
    aliases: list[NonEmpty] = []
    """Other names and spellings of the same thing, in any article ("Al Nusra"); not a metonym such as
    "Moscow" for Russia, which is a mention of one article. None repeats the label."""
    description: str | None = None
    """What the entity is, in a sentence or two, so that it is told apart from entities like it."""
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """The entity's Wikidata item (`Q…`), linked as the same thing; a state's item also finds its
    borders for the check that its places lie inside it."""
    note: str | None = None
    """The curator's note on the entry: how the entity was told apart, spellings the articles get wrong."""
    point: Point | None = None
    """Where a place is (a settlement, an area's centre), with the source of the figures."""
    line: Line | None = None
    """A place drawn as a line (a border, a road), with the source of the figures."""

    @model_validator(mode="after")
    def _aliases_differ_from_label(self) -> Entity:
        if self.label in self.aliases:
            raise ValueError(f"the label {self.label!r} is repeated among the aliases")
        if len(set(self.aliases)) != len(self.aliases):
            raise ValueError("an alias is listed twice")
        return self

    @model_validator(mode="after")
    def _only_places_have_geometry(self) -> Entity:
        if (self.point or self.line) and self.type not in kinds().under("Place"):
            raise ValueError(f"a {self.type} is not a place: only places have a `point` or a `line`")
        return self


# --- article metadata -----------------------------------------------------------------------


class Published(Strict):
    """When the article was published: the date, and the quote that states it or how it was inferred."""

    date: DateSpec
    """The publication date, never more exact than can be established: a day, a month, or a range
    whose note says how it was reasoned."""
    evidence: list[Quote] = []
    """The passages of the text that state the date (a dateline, a date line); needed unless a note
    says how the date was inferred."""
    note: str | None = None
    """How the date was established when no quote states it (or what the quote leaves open)."""

    _listify = field_validator("evidence", mode="before")(lambda cls, v: as_list(v))

    @model_validator(mode="after")
    def _stated_or_reasoned(self) -> Published:
        if not self.evidence and not (self.note or self.date.note):
            raise ValueError("a publication date needs the quote that states it, or a note on how it was inferred")
        return self


class Citation(Fact):
    """A media outlet the article cites or credits."""

    outlet: Id
    """The registry id of the media outlet the article cites or credits (a news agency, a photo credit)."""


class ArticleMeta(Strict):
    """The article's metadata: genre, title, publisher, byline, URL, licence, language, publication date."""

    genre: Annotated[list[Genre], Field(min_length=1)] = [Genre.news_report]
    """One genre or several (a press release followed by a transcript); a news report by default."""
    text_of: Id | None = None
    """The agreement this text is the own text of (genre `agreement-text`, and only then)."""
    title: NonEmpty | None = None
    """The text's title or headline, as it gives it."""
    title_evidence: Quote | None = None
    """The title where it stands in the text, when the text includes it."""
    publisher: Id | None = None
    """The registry id of whoever published the text: a media outlet, a state or government body, an
    organisation (any actor)."""
    publisher_evidence: list[Quote] = []
    """The passages of the text that name the publisher (a dateline's `/TASS/`, a masthead); the
    publisher needs at least one."""
    byline: Id | None = None
    """The registry id of the actor the byline credits (`By Reuters`), when there is one."""
    byline_evidence: list[Quote] = []
    """The byline where it stands in the text; the byline needs at least one."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """The address the text was published at (`http://` or `https://`)."""
    licence: NonEmpty | None = None
    """The licence the text is published under: a URL, or a name (an SPDX identifier such as CC-BY-4.0)."""
    attribution: NonEmpty | None = None
    """The credit the licence asks for, as it is to be given."""
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
    """The language of the text, as a two-letter code with an optional region: `en`, `en-GB`."""
    published: Published
    """When the text was published, and how that is known."""
    dateline: Id | None = None
    """The registry id of the place the dateline names (`MOSCOW, February 23`)."""
    cites: list[Citation] = []
    """The media outlets the text cites or credits, each with the passage that names it."""
    note: str | None = None
    """The curator's note on the text as a whole: what it lacks (no byline, no date), how it was obtained."""

    _listify = field_validator("publisher_evidence", "byline_evidence", mode="before")(
        lambda cls, v: as_list(v)
    )
    _listify_genre = field_validator("genre", mode="before")(lambda cls, v: ids_as_list(v))

    @model_validator(mode="after")
    def _text_of_only_for_agreement_texts(self) -> ArticleMeta:
        text = Genre.agreement_text in self.genre
        if self.text_of and not text:
            raise ValueError("`text_of` says the article is an agreement's own text: give it the genre agreement-text")
        if text and not self.text_of:
            raise ValueError("an article of genre agreement-text is the text of an agreement: name it with `text_of`")
        return self


# --- the annotation -------------------------------------------------------------------------


class Annotation(Strict):
    """One article's annotation: its metadata and everything it states."""

    article: ArticleMeta
    """The text itself: its genre, title, publisher, language, publication date, licence."""
    mentions: dict[Id, Annotated[list[NonEmpty], Field(min_length=1)]] = {}
    """For each registry entity the article refers to, by its id, the names it uses for it, exactly
    as written (metonyms, descriptions and slips included); each must occur in the text as whole words."""
    speakers: list[Speaker] = []
    """The people the article quotes without naming them, each with an id of the article's own."""
    roles: list[RoleFact] = []
    """The roles the article gives actors: titles, offices, capacities."""
    relations: list[RelationFact] = []
    """What the article states between two entities: where a place lies, who backs or controls whom."""
    agreements: list[AgreementFact] = []
    """What the article says of agreements: parties, date, place, provisions, other agreements."""
    events: list[EventFact] = []
    """The article's account of each event: when, where, who, against whom, with what outcome, on
    whose word."""
    claims: list[ClaimFact] = []
    """The statements the article attributes to someone: who said what, when, how, about what."""
    violations: list[ViolationFact] = []
    """The violations of agreements that someone in the article alleges."""
    identifications: list[Identification] = []
    """The curator's readings of what the text names as another entity of the registry, which the
    text itself does not state."""
    slips: list[Slip] = []
    """The typos and evident errors of the text, with the reading meant; they count for no sentence
    in `kb coverage`."""
    skipped: list[Skip] = []
    """The passages that state nothing worth mapping (captions, credits, links), with the reason, so
    that `kb coverage` counts them as accounted for."""
