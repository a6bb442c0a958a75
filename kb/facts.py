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
    """The role as the article words it ("Russian Presidential spokesman", "guarantor of the ceasefire")."""
    of: Id | None = None
    """Of whom the role is held (an actor: the president, a ministry), or the agreement in which
    the holder acts in this capacity."""


class RelationFact(Fact):
    """A relation between two entities: containment, direction, backing, control..."""

    subject: Id
    """The registry id of the entity the relation is stated of: `subject relation object` reads as the
    sentence ("saraqib near idlib-city")."""
    relation: Relation
    """How the subject stands to the object; the relations between places (`contained_in`, `near`,
    `north_of`...) take places at both ends."""
    object: Id
    """The registry id of the entity the subject is related to."""
    date: DateSpec | None = None
    """When the relation holds, as the article dates it (a present tense holds up to the article:
    `{to: PUBLICATION-DATE}`)."""
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
    """What the outcome is: people killed, injured or displaced (or casualties, not told apart),
    equipment destroyed, a place captured, an attack repelled or halted."""
    count: Count | None = None
    """How many (people, pieces of equipment), as a whole number, when the text gives one."""
    qualifier: Qualifier = Qualifier.exactly  # `between` when min and max are given (see default_qualifier)
    """How the text gives the count: exactly (the default), more-than, at-least, nearly, about, up-to,
    or between (then `min` and `max` instead of `count`)."""
    min: Count | None = None
    """The low end of a range the text gives ("between 40 and 60"), with `max` and instead of `count`."""
    max: Count | None = None
    """The high end of the range, with `min`."""
    amount: NonEmpty | None = None
    """The amount in words when the text gives no number ("many", "some", "heavy")."""
    equipment: Id | None = None
    """The registry id of the kind of equipment destroyed or captured (an equipment type: `tank`)."""
    side: Id | None = None
    """The registry id of the side the outcome concerns: whose people or equipment, or who took the
    place or repelled the attack."""
    place: Id | None = None
    """The registry id of the place where the outcome happened; for a capture, the place taken."""
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
    """The registry id of the event (an entry of an event type); several articles' accounts of the
    same event name the same id."""
    date: DateSpec | None = None
    """When the event happened (or is planned for), as this article dates it, never more exact than
    the text."""
    time_of_day: Annotated[str, StringConstraints(pattern=r"^(morning|afternoon|evening|night)$")] | None = None
    """The part of the day the text gives: `morning`, `afternoon`, `evening` or `night`."""
    places: list[Id] = []
    """The registry ids of the places where the event happened."""
    agents: list[Id] = []
    """The actors who carried out the event."""
    targets: list[Id] = []
    """The actors against whom the event was directed."""
    supporters: list[Id] = []
    """The actors who supported the agents (fire support, backing)."""
    participants: list[Id] = []
    """The actors who took part without being named its agents: delegates, attendees, the sides of
    a clash."""
    part_of: Id | None = None
    """The registry id of a larger event this one is part of (the talks in restricted format, of a day of talks)."""
    in_response_to: list[Id] = []
    """The registry ids of earlier events this one answered ("took retaliatory actions")."""
    outcomes: list[Outcome] = []
    """The results of the event the article gives: people killed, equipment destroyed, places captured."""
    according_to: Id | None = None
    """The source the article attributes this account to, when it does not narrate it itself."""
    status: EventStatus = EventStatus.happened
    """Whether the article reports the event as having happened (on its own authority, the
    default), or as only claimed, planned, announced, threatened or denied."""
    asserted_in: list[Id] = []
    """The claims of this article that assert this account of the event."""
    hedges: list[Hedge] = []
    """The words with which the article qualifies its account ("reportedly", "could not independently
    confirm")."""

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
    """The actors who allege the violation (at least one)."""
    accused: Annotated[list[Id], Field(min_length=1)]
    """The actors accused of it (at least one): a party, as a rule."""
    agreement: Id
    """The registry id of the agreement said to be violated, as the article names it."""
    provision: Id | None = None
    """The `id` of the provision said to be violated, as some article declares it under that agreement;
    only when the text says which."""
    events: list[Id] = []
    """The registry ids of the events said to violate it."""
    claim: Id | None = None
    """The `id` of this article's claim that makes the allegation."""
    date: DateSpec | None = None
    """When the alleged violation took place; without it, queries give the date of `claim`."""


class Identification(Fact):
    """The curator's identification of something the text names (an entity of its own, such as
    "the agreements concluded between Russia and Turkey") with another entity of the registry,
    which the text does not state: how sure it is, and why (`note`), with the passage it rests on."""

    entity: Id
    """The registry id of what the text names (an entity of its own: `russia-turkey-idlib-agreements`)."""
    same_as: Id = Field(alias="as")
    """The registry id of what the curator identifies it with (`as:` in the annotation), a thing of the
    same kind."""
    certainty: Certainty
    """How sure the curator is of the identification."""

    @model_validator(mode="after")
    def _two_entities(self) -> Identification:
        if self.entity == self.same_as:
            raise ValueError(f"{self.entity!r} is identified with itself")
        return self


class Slip(Strict):
    """A typo or an evident error in the text, quoted as it stands (the text is never corrected),
    with the reading the curator believes is meant."""

    quote: Quote
    """The slip as it stands in the text (give `start` when the words occur more than once)."""
    reading: NonEmpty
    """What the curator believes is meant ("restricted", "the reconciliation centre")."""
    kind: SlipKind
    """A typo, or an evident error of fact or of translation."""
    note: str | None = None
    """Why the curator reads it so."""


class Skip(Strict):
    """A passage that states nothing worth mapping, with the reason."""

    quote: Quote
    """The passage skipped, quoted verbatim; the sentences it overlaps count as skipped."""
    reason: NonEmpty
    """Why it states nothing worth mapping: a photo caption, a credit, a link, a heading."""
