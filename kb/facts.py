"""What an article states, fact by fact: roles, relations, events and their outcomes, alleged
violations, the curator's identifications, and the passages skipped (agreements and their
provisions are in `kb.agreement_facts`, claims and who speaks in `kb.speech_facts`).

Each fact carries its evidence (verbatim quotes); references are registry ids, checked by
`kb.references` once the registry is read.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator, model_validator

from kb.dates import DateSpec
from kb.model_base import Fact, Id, NonEmpty, Quote, Strict, ids_as_list
from kb.speech_facts import Hedge
from kb.terms import (
    ATTRIBUTED_STATUSES, EXTENT_RELATIONS, Certainty, EventStatus, Extent, OutcomeKind, Qualifier, Relation, SlipKind,
)


def default_qualifier(data: Any) -> Any:
    """A figure given as `min` and `max` is a range (`between`); any other, `exactly` unless said."""
    if isinstance(data, dict) and "qualifier" not in data:
        ranged = "min" in data or "max" in data
        data = {**data, "qualifier": Qualifier.between.value if ranged else Qualifier.exactly.value}
    return data


def check_qualified(qualifier: Qualifier, single, low, high, name: str) -> None:
    """A qualified figure is one number (`name`), or for `between` a `min` and a `max`."""
    if qualifier is Qualifier.between:
        if low is None or high is None or single is not None:
            raise ValueError(f"`qualifier: between` takes `min` and `max`, not `{name}`")
        if high < low:
            raise ValueError(f"max ({high}) is less than min ({low})")
    elif low is not None or high is not None:
        raise ValueError(f"`min` and `max` give a range: write `qualifier: between`, or give `{name}` alone")



class RoleFact(Fact):
    """A role as the article states it: a person's ("Russian presidential spokesman"), or the
    capacity in which an actor acts, of an actor or in an agreement (Russia and Turkey "as
    guarantors" of a protocol)."""

    holder: Id
    """Who holds the role: a person, or any other actor (a state acting as guarantor)."""
    title: NonEmpty
    of: Id | None = None
    """Of whom the role is held (an actor: the president, a ministry), or the agreement in which
    the holder acts in this capacity."""


class RelationFact(Fact):
    """A relation between two entities: containment, direction, backing, control..."""

    subject: Id
    relation: Relation
    object: Id
    date: DateSpec | None = None
    extent: Extent | None = None
    """For control and containment, how much the relation covers: `most` ("most of it was captured")
    or `part` ("parts of the neighboring provinces") of the place controlled or contained."""

    @model_validator(mode="after")
    def _extent_of_control_or_containment(self) -> RelationFact:
        if self.extent is not None and self.relation not in EXTENT_RELATIONS:
            allowed = " and ".join(f"`{r.value}`" for r in sorted(EXTENT_RELATIONS, key=lambda r: r.value))
            raise ValueError(f"`extent` qualifies {allowed}, not `{self.relation.value}`")
        return self


Count = Annotated[int, Field(ge=0, strict=True)]


class Outcome(Fact):
    """One result of an event as the article gives it: its kind, how many (a count with its
    qualifier, or a range), or an amount in words, of what, of whose side, where, per whom."""

    id: Id | None = None
    """Names the outcome within the article, for a total to include it (`includes`)."""
    kind: OutcomeKind
    count: Count | None = None
    qualifier: Qualifier = Qualifier.exactly  # `between` when min and max are given (see default_qualifier)
    """How the text gives the count: exactly (the default), more-than, at-least, nearly, about, up-to,
    or between (then `min` and `max` instead of `count`)."""
    min: Count | None = None
    max: Count | None = None
    amount: NonEmpty | None = None
    equipment: Id | None = None
    side: Id | None = None
    place: Id | None = None
    according_to: Id | None = None
    """The source the article attributes this figure to ("according to the Reconciliation Center")."""
    period: DateSpec | None = None
    """The period a total covers ("in February alone"), when it is not the event's own date."""
    includes: list[Id] = []
    """The outcomes of this article (by `id`) that this total includes ("including 33 last week")."""

    _listify_includes = field_validator("includes", mode="before")(lambda cls, v: ids_as_list(v))
    _qualify = model_validator(mode="before")(lambda data: default_qualifier(data))

    @model_validator(mode="after")
    def _qualifier_needs_a_count(self) -> Outcome:
        if self.qualifier not in (Qualifier.exactly, Qualifier.between) and self.count is None:
            raise ValueError(f"`qualifier: {self.qualifier.value}` qualifies a count: give `count` too")
        check_qualified(self.qualifier, self.count, self.min, self.max, "count")
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
    status: EventStatus = EventStatus.happened
    """Whether the article reports the event as having happened (on its own authority, the
    default), or as only claimed, planned, announced, threatened or denied."""
    asserted_in: list[Id] = []
    """The claims of this article that assert this account of the event."""
    hedges: list[Hedge] = []

    _listify_places = field_validator(
        "places", "agents", "targets", "supporters", "participants", "in_response_to", "asserted_in", mode="before"
    )(lambda cls, v: [v] if isinstance(v, str) else v)

    @model_validator(mode="after")
    def _attributed_consistently(self) -> EventFact:
        if self.according_to and self.status is EventStatus.happened:
            raise ValueError(
                f"the article attributes the event to {self.according_to!r} (`according_to`), so it does not "
                "narrate it as having happened: give `status: claimed` (or announced, threatened, denied, planned)"
            )
        if self.status in ATTRIBUTED_STATUSES and not (self.according_to or self.asserted_in):
            raise ValueError(
                f"an event that is {self.status.value} is someone's word: say whose with `according_to`, "
                "or name the claim that asserts it with `asserted_in`"
            )
        return self


class ViolationFact(Fact):
    """An alleged violation of an agreement: who alleges it, against whom, over which event."""

    alleged_by: Annotated[list[Id], Field(min_length=1)]
    accused: Annotated[list[Id], Field(min_length=1)]
    agreement: Id
    provision: Id | None = None
    events: list[Id] = []
    claim: Id | None = None
    date: DateSpec | None = None


class Identification(Fact):
    """The curator's identification of something the text names (an entity of its own, such as
    "the agreements concluded between Russia and Turkey") with another entity of the registry,
    which the text does not state: how sure it is, and why (`note`), with the passage it rests on."""

    entity: Id
    """What the text names."""
    same_as: Id = Field(alias="as")
    """What the curator identifies it with (`as:` in the annotation)."""
    certainty: Certainty

    @model_validator(mode="after")
    def _two_entities(self) -> Identification:
        if self.entity == self.same_as:
            raise ValueError(f"{self.entity!r} is identified with itself")
        return self


class Slip(Strict):
    """A typo or an evident error in the text, quoted as it stands (the text is never corrected),
    with the reading the curator believes is meant."""

    quote: Quote
    reading: NonEmpty
    kind: SlipKind
    note: str | None = None


class Skip(Strict):
    """A passage that states nothing worth mapping, with the reason."""

    quote: Quote
    reason: NonEmpty
