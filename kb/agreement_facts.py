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
    value: Number | None = None
    qualifier: Qualifier = Qualifier.exactly  # `between` when min and max are given (see default_qualifier)
    min: Number | None = None
    max: Number | None = None
    unit: NonEmpty
    directions: list[Direction] = []
    origin: Id | None = Field(None, alias="from")
    """The place a distance is measured from (`from:` in the annotation)."""

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
    counted_from: Id = Field(alias="from")
    """What the days count from: an agreement (from its signing) or an event."""


class Provision(Fact):
    """One provision: who is obliged to do what, where, with which figures, from when and by when."""

    id: Id
    article: NonEmpty | None = None
    """Where the provision stands in the agreement's own text: "Article 2", "Preamble"."""
    obligated: list[Id] = []
    obligation: NonEmpty
    zone: Id | None = None
    figures: list[Figure] = []
    deadline: DateSpec | None = None
    within: Within | None = None
    """A deadline counted in days from another date, when the text gives it so."""
    effective: DateSpec | None = None
    """When the provision takes effect ("from 00:01 of March 6"): the day..."""
    effective_time: ClockTime | None = None
    """...and the time of day, when the text states it."""

    @model_validator(mode="after")
    def _time_of_a_day(self) -> Provision:
        if self.effective_time and self.effective is None:
            raise ValueError("`effective_time` is a time of the day `effective` gives: give `effective` too")
        return self


class RefersTo(Fact):
    """An agreement's reference to another agreement (or a resolution): amends, supplements,
    recalls, implements, supersedes, or refers to it."""

    agreement: Id
    relation: AgreementRelation


class AgreementFact(Fact):
    """What an article says about an agreement: parties, date, place, provisions, and the
    agreements it refers to."""

    agreement: Id
    parties: list[Id] = []
    signatories: list[Id] = []
    date: DateSpec | None = None
    place: Id | None = None
    negotiated_at: Id | None = None
    creates: list[Id] = []
    provisions: list[Provision] = []
    refers_to: list[RefersTo] = []
