"""The closed vocabularies of the annotation format: the words a field takes (a stance, a channel,
an outcome kind, a relation...), each one an ontology term (see the tables of `kb.vocabulary`).

Entity types are not here: they are the ontology's classes (`kb.kinds`), which a curator extends
without touching code.
"""

from __future__ import annotations

from enum import Enum


class Genre(str, Enum):
    """What kind of source a text is."""

    news_report = "news-report"
    agreement_text = "agreement-text"
    official_transcript = "official-transcript"
    press_release = "press-release"
    official_statement = "official-statement"
    encyclopedia_entry = "encyclopedia-entry"


class Stance(str, Enum):
    """What a claim does: asserts, denies, warns, demands..."""

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
    """How a claim was made: an interview, a statement, remarks to reporters..."""

    interview = "interview"
    statement = "statement"
    told_reporters = "told-reporters"
    press_briefing = "press-briefing"
    speech = "speech"
    unspecified = "unspecified"


class OutcomeKind(str, Enum):
    """What an outcome of an event is: people killed or injured, equipment destroyed, a place captured..."""

    killed = "killed"
    injured = "injured"
    destroyed = "destroyed"
    captured = "captured"
    displaced = "displaced"
    repelled = "repelled"
    halted = "halted"
    casualties = "casualties"


class Relation(str, Enum):
    """A relation an article states between two entities: containment, direction, backing, control..."""

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
    passes_through = "passes_through"
    owned_by = "owned_by"


class Direction(str, Enum):
    """A compass direction in which a distance is measured."""

    north = "north"
    south = "south"
    east = "east"
    west = "west"
    north_east = "north-east"
    north_west = "north-west"
    south_east = "south-east"
    south_west = "south-west"


class AgreementRelation(str, Enum):
    """How an agreement refers to another agreement, or to a resolution."""

    amends = "amends"
    supplements = "supplements"
    recalls = "recalls"
    implements = "implements"
    supersedes = "supersedes"
    refers_to = "refers-to"


class EventStatus(str, Enum):
    """How an article reports an event: as having happened (narrated on its own authority), or as
    only claimed by a speaker, planned, announced, threatened, or denied."""

    happened = "happened"
    claimed = "claimed"
    planned = "planned"
    announced = "announced"
    threatened = "threatened"
    denied = "denied"


ATTRIBUTED_STATUSES = frozenset({EventStatus.claimed, EventStatus.announced, EventStatus.threatened, EventStatus.denied})
"""The statuses that are someone's word, so that the article says whose (a planned event may be
the article's own report of a plan)."""


class RelayKind(str, Enum):
    """How one step passed a claim on towards the article."""

    reported = "reported"
    quoted = "quoted"
    according_to = "according-to"
    translated = "translated"
    interpreted = "interpreted"
    broadcast = "broadcast"


class HedgeKind(str, Enum):
    """How an article (or a speaker) qualifies what it reports."""

    reportedly = "reportedly"
    allegedly = "allegedly"
    as_claimed = "as-claimed"
    unconfirmed_by_outlet = "unconfirmed-by-outlet"


class SlipKind(str, Enum):
    """What kind of slip a text makes: a typo ("resticted"), or an evident error of fact or of
    translation (a count of "airstrikes" where soldiers are meant, "the central air traffic
    control center" for the reconciliation centre)."""

    typo = "typo"
    error = "error"


class Certainty(str, Enum):
    """How sure a curator's identification is."""

    certain = "certain"
    probable = "probable"
    possible = "possible"


class Qualifier(str, Enum):
    """How a text gives a figure: "54", "more than 50", "at least 50", "nearly 50", "about 50",
    "up to 50", "between 40 and 60"."""

    exactly = "exactly"
    more_than = "more-than"
    at_least = "at-least"
    nearly = "nearly"
    about = "about"
    up_to = "up-to"
    between = "between"


class Extent(str, Enum):
    """How much of a place a relation covers: all of it, most of it, part of it."""

    whole = "whole"
    most = "most"
    part = "part"


EXTENT_RELATIONS = frozenset({Relation.controls, Relation.contained_in})
"""The relations an extent qualifies: control (of most of a zone) and containment (part of a zone
lies in a province)."""

PLACE_RELATIONS = frozenset({
    Relation.contained_in, Relation.near, Relation.north_of, Relation.south_of,
    Relation.east_of, Relation.west_of, Relation.southeast_of, Relation.passes_through,
})
"""The relations between two places (their ends are checked to be places)."""
