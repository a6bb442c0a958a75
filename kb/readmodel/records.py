"""The records of the read model: plain values, one class per kind of thing analysts look at.

Each is built by `kb.readmodel.loading` from the store and never changed afterwards; lists in them
are sorted, so the same knowledge base always gives equal records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.readmodel.text import to_day

# --- plain values ---


@dataclass(frozen=True, order=True)
class Quote:
    """A verbatim span of an article, by code-point offsets (start inclusive, end exclusive).

    Quotes order by article id, then offsets, then text.
    """

    article: str  # the article's id
    start: int
    end: int
    text: str

    @property
    def anchor(self) -> str:
        """The fragment id of the quote on its article's page: `q-START-END`."""
        return f"q-{self.start}-{self.end}"


@dataclass(frozen=True, order=True)
class Lit:
    """A literal value (a date, a number, a text) as an object of a statement, by its lexical form."""

    value: str


Term = str | Lit  # an IRI, or a literal


@dataclass(frozen=True)
class Ref:
    """A resource named in a description: its IRI and the text shown for it (its label, usually)."""

    iri: str
    text: str


Parts = tuple[str | Ref, ...]  # a description: plain words and named resources, in reading order


def plain(parts: Parts) -> str:
    """A description as plain text: each `Ref` by its text."""
    return "".join(part.text if isinstance(part, Ref) else part for part in parts)


def term_key(term: Term | None) -> str:
    """A sort key that keeps IRIs and literals apart (literals after a `"`); "" for None."""
    if term is None:
        return ""
    return f'"{term.value}' if isinstance(term, Lit) else term


# --- the records ---


@dataclass(frozen=True)
class Geometry:
    """Where a place is: a point (`points` holds one) or a line, as (lat, long) degrees, with the IRI of
    its source, whether it only roughly places the place, and the curator's note."""

    kind: str  # "point" or "line"
    points: tuple[tuple[float, float], ...]
    source: str | None = None
    approximate: bool = False
    note: str | None = None

    @property
    def lat(self) -> float:
        """The point's latitude (a line's first point's)."""
        return self.points[0][0]

    @property
    def long(self) -> float:
        """The point's longitude (a line's first point's)."""
        return self.points[0][1]


@dataclass(frozen=True)
class Alignment:
    """A term of the ontology matched to a code of ACLED's or CAMEO's (`scheme` "acled" or "cameo"):
    how closely (`match`: exact, close, broad, narrow), the concept's IRI, name, code and its parent's name."""

    term: str
    scheme: str
    match: str
    concept: str
    name: str
    code: str
    parent: str | None = None


@dataclass
class Entity:
    """A registry entity: its IRI, id, label, classes (IRIs), aliases, descriptions, `sameAs` IRIs,
    curator's notes, and the broad category it is filed under (`Actors`, `Places`, ..., or `Other`)."""

    iri: str
    id: str
    label: str
    types: list[str] = field(default_factory=list)  # class IRIs, as the registry states them
    aliases: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    category: str = "Other"
    point: Geometry | None = None
    line: Geometry | None = None


@dataclass
class Article:
    """An article's metadata and text; `publisher`, `author`, `dateline` and `cites` are IRIs."""

    iri: str
    id: str
    text: str
    language: str = ""
    title: str | None = None
    url: str | None = None
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None
    publisher: str | None = None  # entity IRI
    author: str | None = None
    dateline: str | None = None
    cites: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    display_name: str | None = None  # for an untitled article: its publisher and date in words (set when loaded)

    @property
    def name(self) -> str:
        """The article's title, else its publisher and date (`TASS, 23 February 2020`), else its id."""
        return self.title or self.display_name or self.id


@dataclass
class Fact:
    """One triple an article states (subject IRI, predicate IRI, object IRI or `Lit`), with the
    quotes that support it and the note of its reified statement, if any."""

    article: str  # article id
    subject: str
    predicate: str
    object: Term
    quotes: tuple[Quote, ...] = ()
    note: str | None = None  # the reified statement's note or date, when it has one


@dataclass
class Outcome:
    """One outcome of an event as one article reports it (killed, captured, ...): its kind IRI, a
    count or amount, the equipment, side and place (IRIs), whom it is according to, and its quotes."""

    iri: str
    event: str
    article: str
    kind: str | None = None  # outcome kind IRI
    count: str | None = None
    qualifier: str | None = None  # qualifier IRI (kb:Exactly, kb:About...), for a count or a range
    minimum: str | None = None  # the bounds of a range (qualifier kb:Between)
    maximum: str | None = None
    amount: str | None = None
    equipment: str | None = None
    side: str | None = None
    place: str | None = None
    according_to: str | None = None
    quotes: tuple[Quote, ...] = ()


@dataclass
class Account:
    """One article's report of an event: its date, place, actors and outcomes (IRIs but `outcomes`)."""

    event: str
    article: str
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None  # precision individual IRI
    date_note: str | None = None
    time_of_day: str | None = None
    places: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    according_to: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    in_response_to: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    quotes: tuple[Quote, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def start_day(self) -> int | None:
        """The earliest date as a day number, or None when there is none."""
        return to_day(self.earliest)

    @property
    def end_day(self) -> int | None:
        """The latest date as a day number, or None when there is none."""
        return to_day(self.latest)


@dataclass
class Claim:
    """Something a claimant said, as an article reports it: who (IRI), the words, direct quote or
    reported speech, stance, channel, medium, place, occasion, date, what it is about, and the claims
    it contradicts, denies or supports (IRIs)."""

    iri: str
    article: str  # the reporting article's id
    id: str
    claimant: str
    text: str
    direct: bool = False
    stance: str | None = None
    channel: str | None = None
    medium: str | None = None
    place: str | None = None
    occasion: str | None = None
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None
    date_note: str | None = None
    about: list[str] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)
    denies: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    quotes: tuple[Quote, ...] = ()
    notes: list[str] = field(default_factory=list)


@dataclass
class Mention:
    """A name an article uses for an entity (IRI): the form, how often it occurs, its quotes."""

    iri: str
    entity: str
    article: str
    form: str
    occurrences: int
    quotes: tuple[Quote, ...] = ()


@dataclass
class Edge:
    """A link of the actors' network (source and target IRIs), with the article and graph that
    state it and the node that carries it."""

    kind: str  # one of EDGE_KINDS
    source: str
    target: str
    article: str
    graph: str
    evidence: str  # IRI of the claim, statement, violation or agreement that carries it
    quotes: tuple[Quote, ...] = ()


EDGE_KINDS = {
    "party": "party to", "signatory": "signatory of", "violation": "accuses of a violation",
    "denies": "denies", "contradicts": "contradicts", "backedBy": "backed by", "allyOf": "ally of",
}


@dataclass
class OntologyTerm:
    """A class, property or named individual of the ontology, with how much the data uses it."""

    iri: str
    kind: str  # "class", "object property", "datatype property", "individual"
    label: str
    comment: str = ""
    parents: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    instance_of: list[str] = field(default_factory=list)
    uses: int = 0  # triples with this property; instances of this class; uses as an object
    uses_with_subclasses: int = 0
