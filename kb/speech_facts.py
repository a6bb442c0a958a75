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
    """The speaker's id, of this article's own (not a registry id): claims, `according_to` and relay
    steps of the article name the speaker by it."""
    description: NonEmpty
    """The speaker as the article describes them ("a Syrian army officer"), shown as their name."""
    member_of: Id | None = None
    """The registry id of the body the speaker belongs to (`syrian-army`)."""


class RelayStep(Strict):
    """One step of the way a claim reached the article, from the speaker outwards: who passed the
    words on (unnamed when the text does not say, as an interpreter), and how."""

    by: Id | None = None
    """Who passed the words on at this step (`tass`); left out when the text does not say, as for an
    interpreter."""
    kind: RelayKind
    """How this step passed the words on: reported, quoted, according-to, translated, interpreted, broadcast."""
    evidence: Evidence
    """The words of the text that show the step ("TASS reported", "(retranslated)")."""
    note: str | None = None
    """The curator's note on the step."""

    _listify = field_validator("evidence", mode="before")(lambda cls, v: as_list(v))


class Hedge(Fact):
    """A word or sentence by which the article qualifies what it reports: "reportedly",
    "allegedly", "what it says are", "VOA could not independently confirm the claim"."""

    kind: HedgeKind
    """How the words qualify what is reported: reportedly, allegedly, as-claimed ("is claiming", "what it
    says are"), or unconfirmed-by-outlet (the outlet's own caveat)."""


class ClaimFact(Fact):
    """An attributed statement: who said what (one claimant, or several together or each on their
    own), when, how, about what, against which claims, how it reached the article, and the hedges
    on it."""

    id: Id
    """Names the claim, unique in the article: other facts name it by this id (`asserted_in`,
    `denies`, a violation's `claim`), other articles as `article-id#claim-id`."""
    claimant: Annotated[list[Id], Field(min_length=1)]
    """Who made the claim: a registry actor, or a speaker of the article (`speakers`); a list when
    several made it ("Putin and Erdogan announced", "Turkey, along with western governments")."""
    jointly: bool = False
    """True when the claimants made it together (a joint statement), not each on their own."""
    said: Quote
    """What was said, in the exact words the article gives (quoted or reported); it is also the
    claim's evidence."""
    direct: bool
    """True when the article quotes the claimant's own words, false for reported speech."""
    stance: Stance
    """What the claim does: asserts, denies, confirms, warns, threatens, demands, accuses..."""
    date: DateSpec | None = None
    """When the claim was made (not the date of what it is about), never after the article:
    `{to: PUBLICATION-DATE, note: ...}` when the text does not date it."""
    channel: Channel = Channel.unspecified
    """How the claim was made: in an interview, a statement, remarks to reporters, a press
    briefing, a speech; `unspecified` by default."""
    medium: Id | None = None
    """The registry id of the media outlet through which the claim was made (the channel of an interview)."""
    place: Id | None = None
    """The registry id of the place where the claim was made."""
    occasion: Id | None = None
    """The registry id of the event during which the claim was made (a visit, talks)."""
    about: list[Id] = []
    """The registry ids of what the claim is about: events, agreements, actors, places."""
    contradicts: list[ClaimRef] = []
    """The claims this one says the opposite of: `claim-id` in this article, `article-id#claim-id` in another."""
    denies: list[ClaimRef] = []
    """The claims this one denies (rejects as untrue), written as for `contradicts`."""
    supports: list[ClaimRef] = []
    """The claims this one supports or confirms, written as for `contradicts`."""
    relay: list[RelayStep] = []
    """How the words reached the article, from the speaker outwards ("Zakharova stated, TASS
    reported": one step, TASS reporting)."""
    hedges: list[Hedge] = []
    """The words with which the article or the speaker qualifies the claim ("claimed that", "could
    not independently confirm")."""
    evidence: list[Quote] = []
    """The attribution, quoted verbatim ("he said", "The Kremlin said on Tuesday that"), besides `said`."""

    _listify_evidence = field_validator("evidence", mode="before")(lambda cls, v: as_list(v))
    _listify_claimant = field_validator("claimant", mode="before")(lambda cls, v: ids_as_list(v))

    @model_validator(mode="after")
    def _together_means_several(self) -> ClaimFact:
        if self.jointly and len(self.claimant) < 2:
            raise ValueError("`jointly` says several claimants spoke together: list them all under `claimant`")
        if len(set(self.claimant)) != len(self.claimant):
            raise ValueError("a claimant is listed twice")
        return self
