"""Who speaks, and how their words reach the article: claims with their claimants (one, several,
or an unnamed speaker the article describes), the chain of reported speech from the speaker to the
article, and the hedges with which the article or the speaker qualifies what is said.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator, model_validator

from kb.dates import DateSpec
from kb.model_base import ClaimRef, Evidence, Fact, Id, NonEmpty, Quote, Strict, as_list, ids_as_list
from kb.terms import Channel, HedgeKind, RelayKind, Stance


class Speaker(Fact):
    """Someone the article quotes without naming ("a Syrian army officer"): its description, as
    the article words it, and the body it belongs to. Its `id` is local to the article, and claims
    name it as their claimant."""

    id: Id
    description: NonEmpty
    member_of: Id | None = None


class RelayStep(Strict):
    """One step of the way a claim reached the article, from the speaker outwards: who passed the
    words on (unnamed when the text does not say, as an interpreter), and how."""

    by: Id | None = None
    kind: RelayKind
    evidence: Evidence
    note: str | None = None

    _listify = field_validator("evidence", mode="before")(lambda cls, v: as_list(v))


class Hedge(Fact):
    """A word or sentence by which the article qualifies what it reports: "reportedly",
    "allegedly", "what it says are", "VOA could not independently confirm the claim"."""

    kind: HedgeKind


class ClaimFact(Fact):
    """An attributed statement: who said what (one claimant, or several together or each on their
    own), when, how, about what, against which claims, how it reached the article, and the hedges
    on it."""

    id: Id
    claimant: Annotated[list[Id], Field(min_length=1)]
    """Who made the claim: a registry actor, or a speaker of the article (`speakers`); a list when
    several made it ("Putin and Erdogan announced", "Turkey, along with western governments")."""
    jointly: bool = False
    """True when the claimants made it together (a joint statement), not each on their own."""
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
    relay: list[RelayStep] = []
    """How the words reached the article, from the speaker outwards ("Zakharova stated, TASS
    reported": one step, TASS reporting)."""
    hedges: list[Hedge] = []
    evidence: list[Quote] = []

    _listify_evidence = field_validator("evidence", mode="before")(lambda cls, v: as_list(v))
    _listify_claimant = field_validator("claimant", mode="before")(lambda cls, v: ids_as_list(v))

    @model_validator(mode="after")
    def _together_means_several(self) -> ClaimFact:
        if self.jointly and len(self.claimant) < 2:
            raise ValueError("`jointly` says several claimants spoke together: list them all under `claimant`")
        if len(set(self.claimant)) != len(self.claimant):
            raise ValueError("a claimant is listed twice")
        return self
