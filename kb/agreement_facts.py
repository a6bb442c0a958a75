"""What an article says of agreements: their parties, dates and places, their provisions (who
must do what, from when, by when, with which figures, where), and the agreements they refer to.

In an agreement's own text (an article with `text_of`), these are the agreement's own statements;
in any other article, a report of them.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from kb.dates import DateSpec
from kb.facts import check_qualified, default_qualifier
from kb.model_base import Fact, Id, NonEmpty, Number, Strict
from kb.terms import AgreementRelation, Direction, Qualifier

ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
"""A time of day on the 24-hour clock, as `HH:MM` ("00:01")."""


class Figure(Strict):
    """A quantity a provision states, as the text gives it: a value with its qualifier ("up to 10
    km"), or a range (`min` and `max`, qualifier `between`), with its unit; for a distance, the
    directions it is measured in and the place it is measured from ("6 km deep to the north and to
    the south of highway M4")."""

    quantity: Id
    """What the figure measures, as a short name (`width`, `depth`, `zones`); it names the figure
    within its provision, so a provision has one figure of each quantity."""
    value: Number | None = None
    """The number the text gives, when it gives one number."""
    qualifier: Qualifier = Qualifier.exactly  # `between` when min and max are given (see default_qualifier)
    """How the text gives the value: exactly (the default), more-than, at-least, nearly, about, up-to,
    or between (then `min` and `max` instead of `value`)."""
    min: Number | None = None
    """The low end of a range ("15-20 kilometer-wide"), with `max` and instead of `value`."""
    max: Number | None = None
    """The high end of the range, with `min`."""
    unit: NonEmpty
    """The unit, as a short text: `km`, `zones`."""
    directions: list[Direction] = []
    """For a distance, the directions it is measured in from `from` ("to the north and to the south")."""
    origin: Id | None = Field(None, alias="from")
    """The registry id of the place a distance is measured from (`from:` in the annotation)."""

    _qualify = model_validator(mode="before")(lambda data: default_qualifier(data))

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("a figure needs `value`, or `min` and `max`")
        check_qualified(self.qualifier, self.value, self.min, self.max, "value")
        if self.directions and self.origin is None:
            raise ValueError("a distance in some direction is measured from a place: give `from`")
        return self


class Within(Strict):
    """A deadline counted from something else's date: "within 7 days" of the signing."""

    days: Annotated[int, Field(ge=1, strict=True)]
    """How many days the deadline gives, a whole number from 1."""
    counted_from: Id = Field(alias="from")
    """The registry id of what the days count from (`from:` in the annotation): an agreement (from its
    signing) or an event."""


class Provision(Fact):
    """One provision: who is obliged to do what, where, with which figures, from when and by when."""

    id: Id
    """Names the provision within its agreement: every article that speaks of it uses the same id, and
    violations name it (`provision`)."""
    article: NonEmpty | None = None
    """Where the provision stands in the agreement's own text: "Article 2", "Preamble"."""
    obligated: list[Id] = []
    """The actors the provision obliges."""
    obligation: NonEmpty
    """What the provision obliges them to do, in the curator's words ("Create a demilitarized zone...")."""
    zone: Id | None = None
    """The registry id of the zone (a place) the provision concerns."""
    figures: list[Figure] = []
    """The quantities the provision states: widths, depths, distances, numbers."""
    deadline: DateSpec | None = None
    """The date by which the provision is to be fulfilled; a month or a range means by its last day."""
    within: Within | None = None
    """A deadline counted in days from another date, when the text gives it so."""
    effective: DateSpec | None = None
    """The day the provision takes effect ("from 00:01 of March 6")."""
    effective_time: ClockTime | None = None
    """The time of day it takes effect on the `effective` day, on the 24-hour clock (`"00:01"`), when
    the text states it."""

    @model_validator(mode="after")
    def _time_of_a_day(self) -> Provision:
        if self.effective_time and self.effective is None:
            raise ValueError("`effective_time` is a time of the day `effective` gives: give `effective` too")
        return self


class RefersTo(Fact):
    """An agreement's reference to another agreement (or a resolution): amends, supplements,
    recalls, implements, supersedes, or refers to it."""

    agreement: Id
    """The registry id of the other agreement, or of a resolution."""
    relation: AgreementRelation
    """How this agreement refers to it."""


class AgreementFact(Fact):
    """What an article says about an agreement: parties, date, place, provisions, and the
    agreements it refers to."""

    agreement: Id
    """The registry id of the agreement (an entry of type `Agreement`)."""
    parties: list[Id] = []
    """The actors party to it (states, as a rule); the articles that describe it give two at least
    between them."""
    signatories: list[Id] = []
    """The actors who concluded it on behalf of the parties (presidents, ministers)."""
    date: DateSpec | None = None
    """When it was reached or signed, as the article dates it."""
    place: Id | None = None
    """The registry id of the place where it was reached."""
    negotiated_at: Id | None = None
    """The registry id of the event at which it was reached (a summit, talks)."""
    creates: list[Id] = []
    """The registry ids of the zones or other places it creates."""
    provisions: list[Provision] = []
    """What it provides, one provision at a time, as the article states it."""
    refers_to: list[RefersTo] = []
    """The agreements (or resolutions) it amends, supplements, recalls, implements, supersedes or
    refers to."""
