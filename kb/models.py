"""The annotation format, as strict pydantic models.

A corpus is a registry of entities (identity: type, label, aliases) and, per article, its text and
an annotation of what the article states, each statement pinned to a verbatim quote. Unknown keys,
wrong types and missing fields are errors; `kb.corpus` reports them with file and line.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from kb.dates import DateSpec

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=120)]
"""A stable identifier: lower-case letters, digits, hyphens and underscores."""

NonEmpty = Annotated[str, StringConstraints(min_length=1)]

Number = Annotated[float, Field(allow_inf_nan=False)]
"""A finite number (YAML's .nan and .inf have no place in xsd:decimal)."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


# --- vocabularies ---------------------------------------------------------------------------


class EntityType(str, Enum):
    # actors
    Person = "Person"
    State = "State"
    GovernmentBody = "GovernmentBody"
    ArmedForce = "ArmedForce"
    ArmedGroup = "ArmedGroup"
    MediaOutlet = "MediaOutlet"
    # places
    Settlement = "Settlement"
    AdministrativeArea = "AdministrativeArea"
    Region = "Region"
    Zone = "Zone"
    Facility = "Facility"
    Route = "Route"
    # things articles speak about
    Agreement = "Agreement"
    EquipmentType = "EquipmentType"
    # events
    Offensive = "Offensive"
    Attack = "Attack"
    AirStrike = "AirStrike"
    Shelling = "Shelling"
    Capture = "Capture"
    Clash = "Clash"
    MilitaryOperation = "MilitaryOperation"
    Reinforcement = "Reinforcement"
    ArmsSupply = "ArmsSupply"
    Patrol = "Patrol"
    CeasefireAttempt = "CeasefireAttempt"
    Displacement = "Displacement"
    NegotiationRound = "NegotiationRound"
    PhoneCall = "PhoneCall"
    Meeting = "Meeting"
    Visit = "Visit"
    LegalDesignation = "LegalDesignation"


ACTOR_TYPES = frozenset({
    EntityType.Person, EntityType.State, EntityType.GovernmentBody, EntityType.ArmedForce,
    EntityType.ArmedGroup, EntityType.MediaOutlet,
})
PLACE_TYPES = frozenset({
    EntityType.State, EntityType.Settlement, EntityType.AdministrativeArea, EntityType.Region,
    EntityType.Zone, EntityType.Facility, EntityType.Route,
})
EVENT_TYPES = frozenset({
    EntityType.Offensive, EntityType.Attack, EntityType.AirStrike, EntityType.Shelling,
    EntityType.Capture, EntityType.Clash, EntityType.MilitaryOperation, EntityType.Reinforcement,
    EntityType.ArmsSupply, EntityType.Patrol, EntityType.CeasefireAttempt, EntityType.Displacement,
    EntityType.NegotiationRound, EntityType.PhoneCall, EntityType.Meeting, EntityType.Visit,
    EntityType.LegalDesignation,
})


class Stance(str, Enum):
    asserts = "asserts"
    denies = "denies"
    confirms = "confirms"
    warns = "warns"
    threatens = "threatens"
    demands = "demands"
    accuses = "accuses"
    expresses_concern = "expresses-concern"
    announces = "announces"
    intends = "intends"


class Channel(str, Enum):
    interview = "interview"
    statement = "statement"
    told_reporters = "told-reporters"
    press_briefing = "press-briefing"
    speech = "speech"
    unspecified = "unspecified"


class OutcomeKind(str, Enum):
    killed = "killed"
    injured = "injured"
    destroyed = "destroyed"
    captured = "captured"
    displaced = "displaced"
    repelled = "repelled"
    halted = "halted"


class Relation(str, Enum):
    contained_in = "contained_in"
    near = "near"
    north_of = "north_of"
    south_of = "south_of"
    east_of = "east_of"
    west_of = "west_of"
    southeast_of = "southeast_of"
    part_of = "part_of"
    backed_by = "backed_by"
    ally_of = "ally_of"
    offshoot_of = "offshoot_of"
    controls = "controls"
    represents = "represents"


PLACE_RELATIONS = frozenset({
    Relation.contained_in, Relation.near, Relation.north_of, Relation.south_of,
    Relation.east_of, Relation.west_of, Relation.southeast_of,
})


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
    approximate: Annotated[bool, Field(strict=True)] = False
    """True when the figures stand for the place roughly: an area's centre, the town a checkpoint is at."""
    note: str | None = None


class Point(Geometry):
    """A place's position, in WGS84 degrees."""

    lat: Latitude
    long: Longitude


class Line(Geometry):
    """A place drawn as a line (a border, a road): its points in order, each `[lat, long]`."""

    points: Annotated[list[tuple[Latitude, Longitude]], Field(min_length=2)]


class Entity(Strict):
    """Identity of one thing the corpus speaks about."""

    id: Id
    type: EntityType
    label: NonEmpty
    aliases: list[NonEmpty] = []
    description: str | None = None
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    note: str | None = None
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
        if (self.point or self.line) and self.type not in PLACE_TYPES:
            raise ValueError(f"a {self.type.value} is not a place: only places have a `point` or a `line`")
        return self


# --- evidence -------------------------------------------------------------------------------


class Quote(Strict):
    """A verbatim quote of the article; `start` (a code-point offset) is needed when it is ambiguous."""

    quote: NonEmpty
    start: Annotated[int, Field(ge=0, strict=True)] | None = None
    end: Annotated[int, Field(ge=0, strict=True)] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"quote": value} if isinstance(value, str) else value

    @field_validator("quote")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the quote is blank")
        return value


Evidence = Annotated[list[Quote], Field(min_length=1)]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, (str, dict)) else value


class Fact(Strict):
    """Anything an article states: it carries its evidence and an optional curator's note."""

    evidence: Evidence
    note: str | None = None

    _listify = field_validator("evidence", mode="before")(lambda cls, v: _as_list(v))


# --- article metadata -----------------------------------------------------------------------


class Published(Strict):
    date: DateSpec
    evidence: list[Quote] = []
    note: str | None = None

    _listify = field_validator("evidence", mode="before")(lambda cls, v: _as_list(v))

    @model_validator(mode="after")
    def _stated_or_reasoned(self) -> Published:
        if not self.evidence and not (self.note or self.date.note):
            raise ValueError("a publication date needs the quote that states it, or a note on how it was inferred")
        return self


class Citation(Fact):
    outlet: Id


class ArticleMeta(Strict):
    title: NonEmpty | None = None
    title_evidence: Quote | None = None
    publisher: Id | None = None
    publisher_evidence: list[Quote] = []
    byline: Id | None = None
    byline_evidence: list[Quote] = []
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]
    published: Published
    dateline: Id | None = None
    cites: list[Citation] = []
    note: str | None = None

    _listify = field_validator("publisher_evidence", "byline_evidence", mode="before")(
        lambda cls, v: _as_list(v)
    )


# --- facts ----------------------------------------------------------------------------------


class RoleFact(Fact):
    """A person's role as the article states it ("Russian presidential spokesman")."""

    holder: Id
    title: NonEmpty
    of: Id | None = None


class RelationFact(Fact):
    """A relation between two entities: containment, direction, backing, control..."""

    subject: Id
    relation: Relation
    object: Id
    date: DateSpec | None = None


class Figure(Strict):
    """A quantity a provision states: a value or a range, with its unit."""

    quantity: Id
    value: Number | None = None
    min: Number | None = None
    max: Number | None = None
    unit: NonEmpty

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("a figure needs `value`, or `min` and `max`")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is less than min ({self.min})")
        return self


class Provision(Fact):
    id: Id
    obligated: list[Id] = []
    obligation: NonEmpty
    zone: Id | None = None
    figures: list[Figure] = []
    deadline: DateSpec | None = None


class AgreementFact(Fact):
    """What an article says about an agreement: parties, date, place and provisions."""

    agreement: Id
    parties: list[Id] = []
    signatories: list[Id] = []
    date: DateSpec | None = None
    place: Id | None = None
    negotiated_at: Id | None = None
    creates: list[Id] = []
    provisions: list[Provision] = []


class Outcome(Fact):
    kind: OutcomeKind
    count: Annotated[int, Field(ge=0, strict=True)] | None = None
    approximate: bool = False
    amount: NonEmpty | None = None
    equipment: Id | None = None
    side: Id | None = None
    place: Id | None = None
    according_to: Id | None = None
    """The source the article attributes this figure to ("according to the Reconciliation Center")."""

    @model_validator(mode="after")
    def _approximate_needs_count(self) -> Outcome:
        if self.approximate and self.count is None:
            raise ValueError("`approximate` qualifies a count: give `count` too")
        return self


class EventFact(Fact):
    """What an article says about an event: when, where, who, against whom, with what result."""

    event: Id
    date: DateSpec | None = None
    time_of_day: Annotated[str, StringConstraints(pattern=r"^(morning|afternoon|evening|night)$")] | None = None
    places: list[Id] = []
    agents: list[Id] = []
    targets: list[Id] = []
    supporters: list[Id] = []
    participants: list[Id] = []
    part_of: Id | None = None
    in_response_to: list[Id] = []
    outcomes: list[Outcome] = []
    according_to: Id | None = None
    """The source the article attributes this account to, when it does not narrate it itself."""

    _listify_places = field_validator(
        "places", "agents", "targets", "supporters", "participants", "in_response_to", mode="before"
    )(lambda cls, v: [v] if isinstance(v, str) else v)


ClaimRef = Annotated[str, StringConstraints(pattern=r"^([a-z0-9][a-z0-9_-]*#)?[a-z0-9][a-z0-9_-]*$")]
"""A claim of this article (`id`) or of another one (`article-id#claim-id`)."""


class ClaimFact(Fact):
    """An attributed statement: who said what, when, how, about what, against which claims."""

    id: Id
    claimant: Id
    said: Quote
    direct: bool
    stance: Stance
    date: DateSpec | None = None
    channel: Channel = Channel.unspecified
    medium: Id | None = None
    place: Id | None = None
    occasion: Id | None = None
    about: list[Id] = []
    contradicts: list[ClaimRef] = []
    denies: list[ClaimRef] = []
    supports: list[ClaimRef] = []
    evidence: list[Quote] = []

    _listify_evidence = field_validator("evidence", mode="before")(lambda cls, v: _as_list(v))


class ViolationFact(Fact):
    """An alleged violation of an agreement: who alleges it, against whom, over which event."""

    alleged_by: Annotated[list[Id], Field(min_length=1)]
    accused: Annotated[list[Id], Field(min_length=1)]
    agreement: Id
    provision: Id | None = None
    events: list[Id] = []
    claim: Id | None = None
    date: DateSpec | None = None


class Skip(Strict):
    """A passage that states nothing worth mapping, with the reason."""

    quote: Quote
    reason: NonEmpty


class Annotation(Strict):
    """One article's annotation: its metadata and everything it states."""

    article: ArticleMeta
    mentions: dict[Id, Annotated[list[NonEmpty], Field(min_length=1)]] = {}
    roles: list[RoleFact] = []
    relations: list[RelationFact] = []
    agreements: list[AgreementFact] = []
    events: list[EventFact] = []
    claims: list[ClaimFact] = []
    violations: list[ViolationFact] = []
    skipped: list[Skip] = []


def slug(text: str) -> str:
    """A lower-case, hyphenated key made from free text, for IRIs."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
