"""The article's metadata as the text states it: the publication date (and time), the dateline's
place, the outlet (in a dateline, a signature, a byline, a masthead or a URL's domain), the people
of a byline; and the publisher given with `--publisher`, by id, label or alias, or as a new name.

A name the registry does not have is proposed as a new registry entry; a publisher the format
cannot take today (anything but a media outlet) is written as a comment, so the draft still
builds."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kb.draft.dates import DAY, MONTH_BY_DAY, YEAR, month_number
from kb.draft.findings import DraftError, Found, NewEntity, Outlet, StatedDate, found
from kb.draft.names import entity_named, registry_names
from kb.models import PLACE_TYPES, Entity, slug

# what may publish: a media outlet, or (primary sources) a state, a government body, a group
PUBLISHING_TYPES = frozenset({"MediaOutlet", "State", "GovernmentBody",
                              "ArmedForce", "ArmedGroup"})


def live_publisher_types() -> frozenset:
    """The entity types `article.publisher` may point at, as the corpus checks it today."""
    from kb.references import PUBLISHER_KIND, kind_types

    return kind_types(PUBLISHER_KIND)  # the corpus's own rule, so the draft stays valid as the format grows


_DATE = (rf"(?P<m>{MONTH_BY_DAY})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?"
         rf"|(?P<d2>{DAY})\s+(?P<m2>{MONTH_BY_DAY})(?:,?\s+(?P<y2>{YEAR}))?")
_LEADING_DATE = re.compile(r"\A\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})(?!\S)")
_DATELINE = re.compile(
    r"^[ \t]*(?:date\s+\d{4}-\d{2}-\d{2}\s+)?"
    r"(?P<place>[A-Z][A-Z'’. -]*[A-Z](?:/[A-Z][A-Z'’. -]*[A-Z])*)"
    rf"(?:,\s+(?P<date>{_DATE})\.?)?"
    r"(?:\s*\((?P<paren>[^()\n]{1,60})\)|\s*/(?P<slash>[^/\n]{1,60})/)?"
    r"(?=\s*[-–—.]|\s+\S)", re.MULTILINE)
_SIGNATURE = re.compile(r"\A\s*(?P<name>[^\W\d][\w.&' -]{0,40}?)\s+[-–—]\s")
_BYLINE = re.compile(r"^[ \t]*By\s+(?P<name>[^\n]{1,80}?)[ \t]*$", re.MULTILINE)
_DATE_LINE = re.compile(
    r"^[ \t]*(?:(?:Published|Posted|Updated|Last updated|Date)\s*:?\s+|(?P<place_before>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}),[ \t]+)?"
    rf"(?P<date>(?P<m>{MONTH_BY_DAY})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})|(?P<d2>{DAY})\s+(?P<m2>{MONTH_BY_DAY}),?\s+(?P<y2>{YEAR})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    r"(?:,?\s+(?:at\s+)?(?P<time>[0-2]?\d:[0-5]\d)(?:\s*(?:GMT|UTC|[A-Z]{3,4}))?)?"
    r"(?:,\s+(?P<where>[A-Z][^\n]{0,60}))?[ \t]*$", re.MULTILINE)
URL_IN_TEXT = re.compile(r"https?://[^\s\"<>]+")
_MASTHEAD = re.compile(r"(?im)^[ \t]*(?P<name>(?:the\s+)?official\s+(?:web\s*site|site|portal|page)\s+of\s+\S[^\n]*?)[ \t]*$")
_OUTLET_WORDS = re.compile(r"\b(?:News|Agency|TV|Television|Radio|Press|Times|Post|Network|Channel|Media|Online|"
                           r"Service|Daily|Gazette|Herald|Journal|Tribune|Wire|Voice)\b")
_GENERIC = frozenset("the of news agency tv television radio online service network media press channel website "
                     "site group corporation".split())


def _day_of(match: re.Match) -> dt.date | None:
    g = match.groupdict()
    try:
        if g.get("iso"):
            return dt.date.fromisoformat(g["iso"])
        month, day, year = (g["m"], g["d"], g["y"]) if g.get("m") else (g.get("m2"), g.get("d2"), g.get("y2"))
        if not (month and day and year):
            return None
        return dt.date(int(year), month_number(month), int(re.match(r"\d+", day)[0]))
    except ValueError:
        return None


def header_end(text: str) -> int:
    """Where the header (title, byline, date lines) ends: the first long paragraph."""
    for line in re.finditer(r"[^\n]+", text):
        if len(line.group().strip()) > 160:
            return line.start()
    return min(len(text), 600)


def _place_named(name: str, entities: dict[str, Entity]) -> str | None:
    entity = entity_named(name, entities, PLACE_TYPES - {"State"})
    return entity.id if entity else None


def new_entity(name: str, entities: dict[str, Entity], kind: str, why: str, aliases: tuple[str, ...] = ()) -> NewEntity:
    """A registry entry to propose for a name, with an id that the registry does not use yet."""
    base = slug(name)
    identifier, n = base, 2
    while identifier in entities:
        identifier, n = f"{base}-{n}", n + 1
    return NewEntity(identifier, kind, name, tuple(a for a in aliases if a != name), why)


def name_in_text(name: str, text: str) -> Found | None:
    """Where the text names `name`: the name itself (any case), else its distinctive words
    ("VOA" for "VOA News"), else its initials; None if the text does neither."""
    words = [w for w in re.findall(r"[\w’'-]+", name)]
    distinctive = " ".join(w for w in words if w.lower() not in _GENERIC)
    initials = "".join(w[0] for w in words if w[0].isupper())
    for form in dict.fromkeys([name, distinctive, initials if len(initials) >= 2 else ""]):
        if form and (m := re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text, re.IGNORECASE)):
            return found(text, *m.span())
    return None


def _outlet(name: str, entities: dict[str, Entity], text: str, role: str, evidence: Found, how: str) -> Outlet | None:
    """The outlet a header names: a registry outlet, or a new entry for a name that reads like one."""
    entity = entity_named(name, entities, {"MediaOutlet"})
    if entity:
        return Outlet(entity.id, role, evidence, how)
    if not _OUTLET_WORDS.search(name) and not how.startswith("the masthead"):
        return None
    new = new_entity(name, entities, "MediaOutlet", f"{how}; not in the registry")
    return Outlet(new.id, role, evidence, how, new)


@dataclass
class Publication:
    """What the header says about the article: its stated date, outlets, dateline place, the
    people of its byline, and a problem when the date is stated without a year."""

    stated: StatedDate | None = None
    outlets: list[Outlet] = field(default_factory=list)
    dateline: tuple[str, Found] | None = None
    people: Found | None = None
    problem: str | None = None
    header_lines: list[Found] = field(default_factory=list)


def find_publication(text: str, entities: dict[str, Entity]) -> Publication:
    """The stated publication date (and time), the outlets, the dateline's place and the byline.

    Takes the text and the registry; returns a `Publication`."""
    pub = Publication()
    header = text[: header_end(text)]
    if m := _LEADING_DATE.match(text):
        if day := _day_of(m):
            pub.stated = StatedDate(day.isoformat(), found(text, m.start("iso") - len("date "), m.end("iso")),
                                    "the date line that opens the text")
    m = _DATELINE.search(text, 0, header_end(text) + 400)
    if m and not m["date"] and not re.match(r"\s*[-–—]", text[m.end():]):
        m = None  # "PLACE (Outlet)" is a dateline only with its dash: "MOSCOW (Reuters) -"
    if m and (m["date"] or m["paren"] or m["slash"]) and (m["place"].split("/")[0].strip().isupper()):
        first = m["place"].split("/")[0]
        if place := _place_named(first, entities):
            pub.dateline = (place, found(text, m.start("place"), m.start("place") + len(first)))
        day = _day_of(m) if m["date"] else None
        if pub.stated is None and day is not None:
            pub.stated = StatedDate(day.isoformat(), found(text, m.start("place"), m.end("date")), "the dateline")
        elif pub.stated is None and m["date"]:
            pub.problem = f"the dateline gives {m['date']!r} without a year"
        group = "paren" if m["paren"] else "slash" if m["slash"] else None
        if group and (outlet := _outlet(m[group], entities, text, "publisher", found(text, m.start(group) - 1, m.end(group) + 1),
                                        "named in the dateline")):
            pub.outlets.append(outlet)
    elif m := _SIGNATURE.match(text):
        entity = entity_named(m["name"], entities, {"MediaOutlet"})
        if entity:
            pub.outlets.append(Outlet(entity.id, "publisher", found(text, m.start("name"), m.end("name")),
                                      "the outlet's signature that opens the text"))
    for m in _DATE_LINE.finditer(header):
        day = _day_of(m)
        if day is None:
            continue
        pub.header_lines.append(found(text, m.start("date"), m.end()))
        if pub.stated is None:
            end = m.end("time") if m["time"] else m.end("date")
            pub.stated = StatedDate(day.isoformat(), found(text, m.start("date"), end),
                                    "a date on a line of its own in the header", m["time"])
            if m["place_before"] and pub.dateline is None and (place := _place_named(m["place_before"], entities)):
                pub.dateline = (place, found(text, *m.span("place_before")))
            if m["where"] and pub.dateline is None:
                places = [p.strip() for p in m["where"].split(",")]
                for name in reversed(places):
                    if place := _place_named(name, entities):
                        at = m.start("where") + m["where"].rfind(name)
                        pub.dateline = (place, found(text, at, at + len(name)))
                        break
    for m in _BYLINE.finditer(header):
        lead = len(m.group()) - len(m.group().lstrip())
        evidence = Found(m.group().strip(), m.start() + lead)
        pub.header_lines.append(evidence)
        name = re.sub(r"(?i)\s+(?:staff|reporters?|correspondents?)$", "", m["name"].strip())
        outlet = _outlet(name, entities, text, "byline", evidence, "the byline")
        if outlet:
            pub.outlets.append(outlet)
        elif re.fullmatch(r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}(?:(?:,|\s+and)\s+[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})*", name):
            pub.people = evidence
    if m := _MASTHEAD.search(header):
        outlet = _outlet(m["name"], entities, text, "publisher", found(text, *m.span("name")),
                         "the masthead (the site's name)")
        pub.outlets.append(outlet)
    if not any(o.role == "publisher" for o in pub.outlets) and (m := URL_IN_TEXT.search(text)):
        domain = re.sub(r"^www\.", "", m.group().split("/")[2]).split(".")[0].casefold()
        for entity in entities.values():
            if entity.type == "MediaOutlet" and any(re.sub(r"\W", "", n).casefold() == domain for n in registry_names(entity)):
                pub.outlets.append(Outlet(entity.id, "publisher", found(text, *m.span()), "the domain of the URL in the text"))
                break
    if not any(o.role == "publisher" for o in pub.outlets):
        for outlet in [o for o in pub.outlets if o.role == "byline"][:1]:
            pub.outlets.append(Outlet(outlet.entity, "publisher", outlet.evidence,
                                      "the byline names the outlet, and the text names no other publisher", outlet.new))
    return pub


@dataclass(frozen=True)
class PublisherChoice:
    """The publisher given with `--publisher`: the entity (a registry id, or the id of the `new`
    entry proposed for it), the quote that names it, whether the draft can state it (`live`),
    and what the curator must do otherwise."""

    entity: str
    evidence: Found | None
    live: bool
    comment: str
    new: NewEntity | None = None


def choose_publisher(value: str, text: str, entities: dict[str, Entity], outlets: list[Outlet],
                     mentions: list) -> PublisherChoice:
    """Read `--publisher`: a registry id, label or alias of an entity that can publish, or a new name.

    Takes the option's value, the text, the registry, the outlets the header names and the
    registry mentions; returns a `PublisherChoice`. Raises `DraftError` when the value names an
    entity that cannot publish (a place, a person, an event)."""
    entity = entity_named(value, entities)
    if entity is not None and entity.type not in PUBLISHING_TYPES:
        raise DraftError(
            f"--publisher {value!r} is a {entity.type}, not an entity that publishes: give a media outlet "
            "(or a state, government body or armed group whose own site published the text) by its registry id, "
            "label or alias, or the name of an outlet the registry does not have yet")
    if entity is None:
        evidence = name_in_text(value, text)
        aliases = (evidence.quote,) if evidence and evidence.quote.casefold() != value.casefold() else ()
        new = new_entity(value, entities, "MediaOutlet", "given with --publisher; not in the registry", aliases)
        comment = f"{value!r} is not in the registry: add the entry drafted below to a registry file, then uncomment these lines"
        if evidence is None:
            comment += "; the text does not name it, so record it in the article's note instead"
        return PublisherChoice(new.id, evidence, False, comment, new)
    named = [o.evidence for o in outlets if o.entity == entity.id and o.role == "publisher"]
    named += [o.evidence for o in outlets if o.entity == entity.id and o.role != "publisher"]
    named += [Found(h.form, h.start) for h in mentions if h.entity == entity.id]
    named += [f for f in (name_in_text(n, text) for n in registry_names(entity)) if f]
    evidence = named[0] if named else None
    if entity.type not in live_publisher_types():
        allowed = ", ".join(sorted(t.value for t in live_publisher_types()))
        return PublisherChoice(entity.id, evidence, False,
                               f"a {entity.type}: the format takes only a {allowed} as `publisher` today; "
                               "record it in the article's note, or add the site that published the text as a MediaOutlet")
    if evidence is None:
        return PublisherChoice(entity.id, None, False,
                               f"the text does not name {entity.label!r}, and a publisher needs the quote that names it: "
                               "add the name the text uses as an alias of the outlet, or record it in the article's note")
    return PublisherChoice(entity.id, evidence, True, "given with --publisher: the quote that names it")
