"""What the drafter finds: verbatim pieces of the text with their offsets, and the findings built
on them (dates, outlets, mentions, new names, statements, figures), gathered in a `Draft`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from kb.errors import KbError


class DraftError(KbError):
    """A new article cannot be drafted: the id is taken or malformed, an option is not usable, the
    text states no publication date and none was given..."""


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar on one line.

    Takes any text; returns it quoted (JSON's escapes are YAML's, and the characters YAML refuses
    in a document are escaped too)."""
    out = json.dumps(value, ensure_ascii=False)
    return re.sub(r"[\u0085\u2028\u2029\ufeff\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", out)


@dataclass(frozen=True)
class Found:
    """A verbatim piece of the text and where it starts (code-point offsets, as `Quote` counts)."""

    quote: str
    start: int

    @property
    def end(self) -> int:
        """The offset just after the piece."""
        return self.start + len(self.quote)

    def flow(self) -> str:
        """The piece as an annotation cites it: `{quote: "...", start: N, end: M}`."""
        return f"{{quote: {yaml_string(self.quote)}, start: {self.start}, end: {self.end}}}"


def found(text: str, start: int, end: int) -> Found:
    """The piece `text[start:end]`, as a `Found`."""
    return Found(text[start:end], start)


def trimmed(text: str, start: int, end: int, chars: str = " \t,;:–—-") -> tuple[int, int]:
    """The span without the given characters at either end (and no full stop at its end)."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars + ".":
        end -= 1
    return start, end


@dataclass(frozen=True)
class StatedDate:
    """The publication date as the text states it (`written`: a `date:` value), and a time of day
    when the text gives one with it."""

    written: str
    evidence: Found
    how: str
    time: str | None = None


@dataclass(frozen=True)
class NewEntity:
    """A registry entry to propose: a name the registry does not have, for the curator to add."""

    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class Outlet:
    """An outlet the text names as its publisher or in its byline (`entity`: a registry id, or the
    id of the `new` entry proposed for it)."""

    entity: str
    role: str  # "publisher" or "byline"
    evidence: Found
    how: str
    new: NewEntity | None = None


@dataclass(frozen=True)
class Mention:
    """A registry entity named in the text under one form, at each start; `note` says when the
    form is not exactly a registry name (another spelling, a longer name)."""

    entity: str
    form: str
    starts: tuple[int, ...]
    note: str = ""


@dataclass(frozen=True)
class Candidate:
    """A name the registry does not have, with where it occurs and a guess at its type."""

    name: str
    starts: tuple[int, ...]
    type: str = "TYPE"
    why: str = ""


@dataclass(frozen=True)
class DateFound:
    """A date expression of the text and what it resolves to (`written`: a `date:` value, or None
    when it cannot be resolved), with the time of day the text gives with it."""

    found: Found
    written: str | dict | None
    precision: str | None
    how: str | None = None
    time: str | None = None
    time_of_day: str | None = None


@dataclass(frozen=True)
class Statement:
    """A candidate claim: who said what, in which words, as the text attributes it.

    `speaker` is a registry actor or None; `speaker_name` the words of the text that name the
    speaker (or stand for it, such as a pronoun's antecedent); `speaker_basis` why, for the
    curator; `person` whether the speaker is a person; `pronoun` the pronoun that named it, if
    one did."""

    said: Found
    direct: bool
    attribution: Found | None
    speaker: str | None
    speaker_basis: str
    speaker_name: str = ""
    stance: str = "asserts"
    channel: str = "unspecified"
    medium: str | None = None
    date: DateFound | None = None
    person: bool = False
    pronoun: str = ""


@dataclass(frozen=True)
class FigureFound:
    """A count or measure the text states: the number (or `low`-`high` range), its qualifier
    ("at least"...), what is counted and its unit, the outcome it reports (`kind`: killed,
    destroyed...) when a verb says so, whose (the side, a registry actor when resolved) and the
    speaker the text attributes it to."""

    found: Found
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    what: str = ""
    unit: str | None = None
    kind: str | None = None
    kind_word: str | None = None
    whose: str | None = None
    side: str | None = None
    equipment: str | None = None
    according_to: str | None = None


@dataclass
class Draft:
    """Everything `kb new` finds in one text; `kb.draft.render.render` writes it as the draft annotation."""

    article_id: str
    text: str
    language: str = "en"
    published: str | dict | None = None
    published_note: str | None = None
    stated_date: StatedDate | None = None
    title: str | None = None
    title_found: Found | None = None
    url: str | None = None
    url_found: Found | None = None
    publisher: str | None = None
    publisher_found: Found | None = None
    publisher_comment: str | None = None
    outlets: list[Outlet] = field(default_factory=list)
    byline_people: Found | None = None
    dateline: tuple[str, Found] | None = None
    furniture: list[tuple[Found, str]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    new_entities: list[NewEntity] = field(default_factory=list)
    dates: list[DateFound] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    figures: list[FigureFound] = field(default_factory=list)
    sentences: list[Found] = field(default_factory=list)
    source_name: str = ""

    def quotes(self) -> list[Found]:
        """Every piece of the text the draft cites, for checking that each is where it says."""
        pieces: list[Found] = []
        if self.stated_date:
            pieces.append(self.stated_date.evidence)
        pieces += [outlet.evidence for outlet in self.outlets]
        for item in (self.title_found, self.url_found, self.publisher_found, self.byline_people,
                     self.dateline[1] if self.dateline else None):
            if item:
                pieces.append(item)
        pieces += [piece for piece, _ in self.furniture]
        pieces += [Found(m.form, start) for m in self.mentions for start in m.starts]
        pieces += [Found(c.name, start) for c in self.candidates for start in c.starts]
        pieces += [d.found for d in self.dates]
        for statement in self.statements:
            pieces.append(statement.said)
            if statement.attribution:
                pieces.append(statement.attribution)
        pieces += [figure.found for figure in self.figures]
        return pieces + self.sentences
