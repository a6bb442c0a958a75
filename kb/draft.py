"""Drafting the annotation of a new article: what a machine can find reliably, for a curator.

`kb new` copies an article's text into the corpus, byte for byte, and writes a draft annotation
beside it. The draft is a valid annotation with nothing confirmed:

* its live YAML is the `article:` section only: the language, the publication date (the format
  requires one; its `note` says where it came from, and the quote that states it is given in a
  comment) and what the curator gave on the command line (`--url`, `--title`, and `--publisher`
  with the quote that names the outlet, which the format requires);
* everything found by machine is written as YAML *comments*, each finding with its quote and its
  offsets, in the very form the annotation takes, so that the curator confirms a finding by
  uncommenting it, corrects it, or deletes it.

So the draft builds as it is, no fact is asserted before a person has read it, and `kb coverage`
starts the article at zero sentences covered (but for the quote that `--publisher` needs). When
the text states no publication date, `kb new` refuses and asks for `--date`. The findings:

* the publication date and the outlet when the text states them (a leading `date 2020-02-23`, a
  dateline such as `MOSCOW, February 23. /TASS/.` or `GENEVA, March 3, 2021 (Example News).`, a
  date on a line of its own in the header, a byline `By Reuters`, an outlet's signature `RNA - `);
* every mention of a registry entity, by its label or an alias (whole words, case-sensitive);
* names not in the registry (sequences of capitalised words), as candidates for new entities;
* dates, resolved against the publication date with `dateparser` into the project's date forms,
  never more exact than the text;
* attributed statements, quoted and reported, with the likely speaker;
* the sentences, as `kb coverage` counts them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import ValidationError

from kb.coverage import sentences as sentence_spans
from kb.dates import DateSpec, Precision
from kb.errors import CorpusError, InputError, KbError, display_path
from kb.models import ACTOR_TYPES, PLACE_TYPES, Annotation, Entity, EntityType
from kb.yamlio import load_yaml

ARTICLE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_URL = re.compile(r"^https?://\S+$")


class DraftError(KbError):
    """A new article cannot be drafted: the id is taken or malformed, the text is unusable..."""


# --- findings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """A verbatim piece of the text and where it starts (code-point offsets, as `Quote`)."""

    quote: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.quote)

    def flow(self) -> str:
        """The quote as an annotation writes it: `{quote: "...", start: N, end: M}`."""
        return f"{{quote: {_q(self.quote)}, start: {self.start}, end: {self.end}}}"


def _found(text: str, start: int, end: int) -> Found:
    return Found(text[start:end], start)


@dataclass(frozen=True)
class StatedDate:
    """The publication date as the text states it."""

    written: str
    evidence: Found
    how: str


@dataclass(frozen=True)
class Outlet:
    entity: str
    role: str  # "publisher" or "byline"
    evidence: Found
    how: str


@dataclass(frozen=True)
class Mention:
    entity: str
    form: str
    starts: tuple[int, ...]


@dataclass(frozen=True)
class Candidate:
    name: str
    starts: tuple[int, ...]


@dataclass(frozen=True)
class DateFound:
    """A date expression of the text and what it resolves to (`written`: a `date:` value)."""

    found: Found
    written: str | dict | None
    precision: str | None
    how: str | None = None


@dataclass(frozen=True)
class Statement:
    """A candidate claim: who said what, in which words, as the text attributes it."""

    said: Found
    direct: bool
    attribution: Found | None
    speaker: str | None
    speaker_basis: str
    stance: str = "asserts"
    channel: str = "unspecified"
    medium: str | None = None
    date: DateFound | None = None


@dataclass
class Draft:
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
    outlets: list[Outlet] = field(default_factory=list)
    dateline: tuple[str, Found] | None = None
    mentions: list[Mention] = field(default_factory=list)
    ambiguous: dict[str, list[str]] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    dates: list[DateFound] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sentences: list[Found] = field(default_factory=list)
    source_name: str = ""

    def quotes(self) -> list[Found]:
        """Every piece of the text the draft cites, for checking that each is where it says."""
        found: list[Found] = []
        if self.stated_date:
            found.append(self.stated_date.evidence)
        found += [outlet.evidence for outlet in self.outlets]
        for item in (self.title_found, self.url_found, self.publisher_found, self.dateline[1] if self.dateline else None):
            if item:
                found.append(item)
        found += [Found(m.form, start) for m in self.mentions for start in m.starts]
        found += [Found(c.name, start) for c in self.candidates for start in c.starts]
        found += [d.found for d in self.dates]
        for statement in self.statements:
            found.append(statement.said)
            if statement.attribution:
                found.append(statement.attribution)
        return found + self.sentences

    def to_yaml(self) -> str:
        return _render(self)


# --- the registry's names -------------------------------------------------------------------


def _names(entity: Entity) -> list[str]:
    return [entity.label, *entity.aliases]


def find_mentions(text: str, entities: dict[str, Entity]) -> list[tuple[int, int, str, str]]:
    """(start, end, form, entity id) of every registry name in the text: whole words, exact case.

    Where names overlap, the longest wins ("Syrian government forces", not "Syrian government"
    inside it); a form that names several entities is kept for each of them.
    """
    hits = []
    for entity in entities.values():
        for name in _names(entity):
            pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
            hits += [(m.start(), m.end(), name, entity.id) for m in pattern.finditer(text)]
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0], h[3]))
    kept: list[tuple[int, int, str, str]] = []
    for hit in hits:
        if all(not (hit[0] < k[1] and k[0] < hit[1]) or (hit[0], hit[1]) == (k[0], k[1]) for k in kept):
            kept.append(hit)
    return sorted(kept)


# --- dates ----------------------------------------------------------------------------------

_MONTH_NAMES = {name: index for index, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
               "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
        r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"

_DATE_PATTERNS = [
    ("iso", re.compile(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])")),
    ("mdy", re.compile(rf"(?<!\w)(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\w)")),
    ("dmy", re.compile(rf"(?<![\w.])(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<d>{DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?!\w)")),
    ("part", re.compile(rf"(?<!\w)(?P<part>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of))[\s-]+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?!\w)")),
    ("my", re.compile(rf"(?<!\w)(?P<m>{MONTH}),?\s+(?P<y>{YEAR})(?!\w)")),
    ("mrel", re.compile(rf"(?<!\w)(?P<m>{MONTH})\s+(?P<rel>last|this|next)\s+year(?!\w)")),
    ("month", re.compile(rf"(?<!\w)(?i:in|since|by|until|during|from|before|after|of)\s+(?P<m>{MONTH})(?!\w)")),
    ("wd", re.compile(rf"(?<!\w)(?:(?P<rel>(?i:last|next))\s+)?(?P<w>{WEEKDAY})(?:\s+and\s+(?P<w2>{WEEKDAY}))?(?!\w)")),
    ("rel", re.compile(r"(?<!\w)(?P<rel>(?i:(?P<which>last|this|next|the past|the previous|earlier this)\s+(?P<unit>week|month|year)|yesterday|today|tomorrow))(?!\w)")),
    ("year", re.compile(rf"(?<!\w)(?i:in|since|by|until|during|from|before|after|back in|of)\s+(?P<y>{YEAR})(?![\w-])")),
]
_LEAD_PREPOSITION = re.compile(r"(?i:\b(?:on|in|by|since|until|from|of|as of|before|after))\s+$")


def _month(name: str) -> int:
    return _MONTH_NAMES.get(name) or _MONTH_ABBR[name.rstrip(".")]


@lru_cache(maxsize=64)
def _parser(base: dt.date, prefer: str):
    from dateparser.date import (
        DateDataParser,  # imported on first use: it takes a while
    )

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        "PREFER_DATES_FROM": prefer,
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
    })


def _parse(expression: str, base: dt.date, prefer: str = "past") -> tuple[dt.date, str] | None:
    """What dateparser makes of an expression: the date and its period (day, week, month, year)."""
    data = _parser(base, prefer).get_date_data(expression)
    if data.date_obj is None:
        return None
    period = "day" if data.period in ("time", "part_of_day") else data.period
    return data.date_obj.date(), period


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _range(start: dt.date, end: dt.date, note: str) -> dict:
    return {"from": start.isoformat(), "to": end.isoformat(), "note": note}


def _nearest(expression: str, base: dt.date) -> tuple[dt.date, str] | None:
    """A date without a year: the occurrence nearest the publication date (earlier on a tie)."""
    past, future = _parse(expression, base, "past"), _parse(expression, base, "future")
    if past is None or future is None:
        return past or future
    return past if (base - past[0]) <= (future[0] - base) else future


def find_dates(text: str, base: dt.date | None) -> list[DateFound]:
    """Date expressions of the text, resolved against `base` (the publication day) when needed."""
    claimed: list[tuple[int, int]] = []
    found: list[DateFound] = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in claimed):
                continue
            if kind in ("mdy", "dmy", "part", "my", "mrel", "wd", "rel") and (lead := _LEAD_PREPOSITION.search(text, max(0, start - 8), start)):
                start = lead.start()
            claimed.append((start, end))
            try:
                written, precision, how = _resolve(kind, match, base)
            except ValueError:  # "February 30": not a date
                claimed.pop()
                continue
            found.append(DateFound(_found(text, start, end), written, precision, how))
    return sorted(found, key=lambda d: d.found.start)


_UNRESOLVED = "relative to the publication date, which is not known to the day: resolve it by hand"


def _resolve(kind: str, m: re.Match, base: dt.date | None) -> tuple[str | dict | None, str | None, str | None]:
    g = m.groupdict()
    today = base or dt.date.today()
    if kind == "iso":
        day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        return day.isoformat(), "day", None
    if kind in ("mdy", "dmy"):
        month, number = _month(g["m"]), int(re.match(r"\d+", g["d"])[0])
        expression = f"{calendar.month_name[month]} {number}"
        if g["y"]:
            day = dt.date(int(g["y"]), month, number)
            parsed = _parse(f"{expression}, {g['y']}", today)
            day = parsed[0] if parsed else day
            how = None
        else:
            dt.date(2000, month, number)  # raises ValueError for a day the month does not have
            if base is None:
                return None, None, "the year is not stated, and the publication date is not known to the day"
            parsed = _nearest(expression, base)
            if parsed is None:
                return None, None, "not understood"
            day = parsed[0]
            how = f"the year is not stated: the {expression} nearest the publication date ({base})"
        if g["wd"] and _WEEKDAYS[day.weekday()] != g["wd"]:
            how = (how + "; " if how else "") + f"the text says {g['wd']}, but {day} is a {_WEEKDAYS[day.weekday()]}: check"
        return day.isoformat(), "day", how
    if kind == "part":
        month = _month(g["m"])
        if g["y"]:
            year = int(g["y"])
        elif base is None:
            return None, None, "the year is not stated, and the publication date is not known to the day"
        else:
            year = _parse(calendar.month_name[month], base)[0].year
        last = calendar.monthrange(year, month)[1]
        part = g["part"].lower()
        first_day, last_day = {
            "early": (1, 10), "the beginning of": (1, 10), "the start of": (1, 10),
            "mid": (11, 20), "the middle of": (11, 20), "late": (21, last), "the end of": (21, last),
        }[part]
        name = calendar.month_name[month]
        return _range(dt.date(year, month, first_day), dt.date(year, month, last_day),
                      f'"{m.group(0)}": read as {name} {first_day}-{last_day}, {year}'), "range", None
    if kind == "my":
        parsed = _parse(f"{calendar.month_name[_month(g['m'])]} {g['y']}", today)
        return parsed[0].isoformat()[:7], "month", None
    if kind == "mrel":
        if base is None:
            return None, None, _UNRESOLVED
        year = _parse(f"{g['rel']} year", base)[0].year
        return f"{year}-{_month(g['m']):02d}", "month", f'"{g["rel"]} year" read against the publication date ({base})'
    if kind == "month":
        if base is None:
            return None, None, "the year is not stated, and the publication date is not known to the day"
        parsed = _parse(calendar.month_name[_month(g["m"])], base)
        return parsed[0].isoformat()[:7], "month", f"the year is not stated: the last {g['m']} up to the publication date ({base})"
    if kind == "wd":
        if base is None:
            return None, None, _UNRESOLVED
        if g["rel"]:
            parsed = _parse(f"{g['rel']} {g['w']}", base)
            return parsed[0].isoformat(), "day", f'"{g["rel"]} {g["w"]}" read against the publication date ({base})'
        # a weekday in a news report is the last such day on or before the publication day
        on_or_before = base + dt.timedelta(days=1)
        last = g["w2"] or g["w"]
        last_day = _parse(last, on_or_before)[0]
        if not g["w2"]:
            return last_day.isoformat(), "day", f"the {last} on or before the publication date ({base})"
        first_day = last_day - dt.timedelta(days=(last_day.weekday() - _WEEKDAYS.index(g["w"])) % 7)
        return _range(first_day, last_day, f'"{m.group(0)}": the last {g["w"]} and {last} up to the publication date ({base})'), "range", None
    if kind == "rel":
        if base is None:
            return None, None, _UNRESOLVED
        phrase = g["rel"].lower()
        which, unit = (g["which"] or "").lower(), (g["unit"] or "").lower()
        if unit == "week":
            if which in ("the past", "earlier this") and phrase.startswith("the past"):
                return _range(base - dt.timedelta(days=7), base, f'"{g["rel"]}": the seven days up to the publication date ({base})'), "range", None
            if which == "earlier this":
                return _range(_monday(base), base, f'"{g["rel"]}": from the Monday of the week of publication to the publication date ({base})'), "range", None
            anchor = base if which == "this" else (_parse(f"{which.replace('the previous', 'last')} week", base) or (None,))[0]
            if anchor is None:
                return None, None, "not understood"
            monday = _monday(anchor)
            return _range(monday, monday + dt.timedelta(days=6), f'"{g["rel"]}": the week of {monday} (Monday) to {monday + dt.timedelta(days=6)}, read against the publication date ({base})'), "range", None
        if unit == "month":
            if which == "earlier this":
                return _range(base.replace(day=1), base, f'"{g["rel"]}": from the first of the month to the publication date ({base})'), "range", None
            anchor = base if which == "this" else _parse(f"{'last' if which in ('the past', 'the previous') else which} month", base)[0]
            return anchor.isoformat()[:7], "month", f'"{g["rel"]}" read against the publication date ({base})'
        if unit == "year":
            if which == "earlier this":
                return _range(base.replace(month=1, day=1), base, f'"{g["rel"]}": from January 1 to the publication date ({base})'), "range", None
            anchor = base if which == "this" else _parse(f"{'last' if which in ('the past', 'the previous') else which} year", base)[0]
            return str(anchor.year), "year", f'"{g["rel"]}" read against the publication date ({base})'
        parsed = _parse(phrase, base)
        return parsed[0].isoformat(), "day", f'"{g["rel"]}" read against the publication date ({base})'
    if kind == "year":
        return str(int(g["y"])), "year", None
    raise AssertionError(kind)


# --- the publication date and the outlet ----------------------------------------------------

_LEADING_DATE = re.compile(r"\A\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})(?!\S)")
_DATELINE = re.compile(
    rf"\A\s*(?:date\s+\d{{4}}-\d{{2}}-\d{{2}}\s+)?"
    rf"(?P<place>[A-Z][A-Z'’. -]*[A-Z]),\s+"
    rf"(?P<date>(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,\s+(?P<y>{YEAR}))?|(?P<d2>{DAY})\s+(?P<m2>{MONTH})(?:\s+(?P<y2>{YEAR}))?)"
    r"\.?(?:\s*\((?P<paren>[^()\n]{1,60})\)|\s*/(?P<slash>[^/\n]{1,60})/)?"
)
_SIGNATURE = re.compile(r"\A\s*(?P<name>[^\W\d][\w.&' -]{0,40}?)\s+[-–—]\s")
_BYLINE = re.compile(r"^[ \t]*By\s+(?P<name>[^\n]{1,80}?)[ \t]*$", re.MULTILINE)
_DATE_LINE = re.compile(
    rf"^[ \t]*(?P<date>(?P<m>{MONTH})\s+(?P<d>{DAY}),\s+(?P<y>{YEAR})|(?P<d2>{DAY})\s+(?P<m2>{MONTH})\s+(?P<y2>{YEAR})|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}}))[ \t]*$",
    re.MULTILINE,
)
_URL_IN_TEXT = re.compile(r"https?://[^\s\"<>]+")


def _day_of(match: re.Match) -> dt.date | None:
    g = match.groupdict()
    try:
        if g.get("iso"):
            return dt.date.fromisoformat(g["iso"])
        month, day, year = (g["m"], g["d"], g["y"]) if g.get("m") else (g.get("m2"), g.get("d2"), g.get("y2"))
        if not (month and day and year):
            return None
        return dt.date(int(year), _month(month), int(re.match(r"\d+", day)[0]))
    except ValueError:
        return None


def _header_end(text: str) -> int:
    """Where the header (title, byline, date lines) ends: the first long paragraph."""
    for line in re.finditer(r"[^\n]+", text):
        if len(line.group().strip()) > 160:
            return line.start()
    return min(len(text), 600)


def _outlet_named(name: str, entities: dict[str, Entity]) -> str | None:
    name = name.strip()
    for exact in (True, False):
        for entity in entities.values():
            if entity.type is EntityType.MediaOutlet and any(
                (n == name) if exact else (n.casefold() == name.casefold()) for n in _names(entity)
            ):
                return entity.id
    return None


def _place_named(name: str, entities: dict[str, Entity]) -> str | None:
    for entity in entities.values():
        if entity.type in PLACE_TYPES and entity.type is not EntityType.State and any(
            n.casefold() == name.casefold() for n in _names(entity)
        ):
            return entity.id
    return None


def find_publication(text: str, entities: dict[str, Entity]) -> tuple[StatedDate | None, list[Outlet], tuple[str, Found] | None, str | None]:
    """The stated publication date, the outlets named in the header, the dateline's place, and a
    message when a date is stated incompletely (a dateline without a year)."""
    stated, outlets, dateline, problem = None, [], None, None
    if m := _LEADING_DATE.match(text):
        if day := _day_of(m):
            stated = StatedDate(day.isoformat(), _found(text, m.start("iso") - len("date "), m.end("iso")),
                                "the date line that opens the text")
    if m := _DATELINE.match(text):
        day = _day_of(m)
        place = _place_named(m["place"], entities)
        if place:
            dateline = (place, _found(text, m.start("place"), m.end("place")))
        if stated is None and day is not None:
            stated = StatedDate(day.isoformat(), _found(text, m.start("place"), m.end("date")), "the dateline")
        elif stated is None:
            problem = f"the dateline gives {m['date']!r} without a year"
        name_group = "paren" if m["paren"] else "slash" if m["slash"] else None
        if name_group and (outlet := _outlet_named(m[name_group], entities)):
            start, end = m.span(name_group)  # with its brackets or slashes
            outlets.append(Outlet(outlet, "publisher", _found(text, start - 1, end + 1), "named in the dateline"))
    elif m := _SIGNATURE.match(text):
        if outlet := _outlet_named(m["name"], entities):
            outlets.append(Outlet(outlet, "publisher", _found(text, m.start("name"), m.end("name")),
                                  "the outlet's signature that opens the text"))
    header = text[: _header_end(text)]
    if stated is None:
        for m in _DATE_LINE.finditer(header):
            if day := _day_of(m):
                stated = StatedDate(day.isoformat(), _found(text, m.start("date"), m.end("date")),
                                    "a date on a line of its own in the header")
                break
    for m in _BYLINE.finditer(header):
        if outlet := _outlet_named(m["name"], entities):
            lead = len(m.group()) - len(m.group().lstrip())
            outlets.append(Outlet(outlet, "byline", Found(m.group().strip(), m.start() + lead), "the byline"))
    if not any(o.role == "publisher" for o in outlets) and (m := _URL_IN_TEXT.search(text)):
        domain = re.sub(r"^www\.", "", m.group().split("/")[2]).split(".")[0].casefold()
        for entity in entities.values():
            if entity.type is EntityType.MediaOutlet and any(
                re.sub(r"\W", "", n).casefold() == domain for n in _names(entity)
            ):
                outlets.append(Outlet(entity.id, "publisher", _found(text, *m.span()), "the domain of the URL in the text"))
                break
    return stated, outlets, dateline, problem


def _find_title(text: str) -> Found | None:
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    line = first.group().strip()
    if len(line) > 150 or line.endswith((".", ",", ";", ":")) or line.startswith("By ") \
            or _DATE_LINE.fullmatch(first.group()) or _DATELINE.match(line) or _URL_IN_TEXT.match(line):
        return None
    start = first.start() + (len(first.group()) - len(first.group().lstrip()))
    return Found(line, start)


# --- candidate names ------------------------------------------------------------------------

_FUNCTION_WORDS = frozenset(["a", "an", "the", "and", "or", "but", "so", "yet", "nor", "for", "of", "in", "on", "at", "to", "by", "with", "from", "as", "into", "onto", "over", "under", "after", "before", "since", "until", "while", "when", "where", "whether", "if", "then", "than", "though", "although", "because", "however", "moreover", "meanwhile", "also", "still", "thus", "hence", "therefore", "indeed", "instead", "otherwise", "besides", "furthermore", "nevertheless", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "my", "me", "him", "them", "us", "there", "here", "what", "which", "who", "whom", "whose", "why", "how", "all", "some", "any", "each", "every", "both", "either", "neither", "no", "not", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "last", "next", "earlier", "later", "recall", "according", "naturally", "thank", "information", "only", "even", "just", "such", "many", "most", "more", "much", "few", "several", "other", "another", "yes", "in-addition", "at-present", "then", "in-particular", "photo", "related", "original"])
_TITLE_WORDS = frozenset(["President", "Prime", "Minister", "Deputy", "Foreign", "Defense", "Defence", "Interior", "Secretary", "General", "Spokesman", "Spokeswoman", "Spokesperson", "Press", "Ministry", "Minister's", "Ambassador", "Commander", "Chief", "Head", "Director", "Chairman", "Presidential", "Presidential's", "Senator", "Governor", "General", "Admiral", "Marshal", "Mayor", "King", "Queen", "Prince", "Sheikh", "Colonel", "Major", "Captain", "Lieutenant", "Sergeant", "Mr", "Mrs", "Ms", "Dr", "TV", "Related", "Photo", "Original", "Read", "Also", "See"])
_MONTH_AND_DAY_WORDS = frozenset(list(_MONTH_NAMES) + _WEEKDAYS + [a + "." for a in _MONTH_ABBR])
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians?|ish|ese|ans?|is?|ic)$")
_CAPWORD = re.compile(r"[A-Z][\w’'.-]*[\w]|[A-Z]")
_PARTICLE = re.compile(r"(?:al|el|ad|ash|as|bin|ibn|de|du|von|van|der|la|le)-?[A-Z]?[\w’'-]*")
_CONNECTORS = ("of the", "of", "for the", "for", "de")


def find_candidates(text: str, taken: list[tuple[int, int]], entities: dict[str, Entity],
                    sentence_starts: set[int]) -> list[Candidate]:
    """Capitalised names not in the registry: sequences of capitalised words (with `of`, `for`,
    `al-`... inside), outside registry mentions, less sentence-initial common words, titles,
    demonyms and dates."""
    lower_words = {w for w in re.findall(r"\b[a-z][\w’'-]*", text)}
    known = {n.casefold() for entity in entities.values() for n in _names(entity)}

    def is_taken(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken)

    def sentence_initial(start: int) -> bool:
        back = start
        while back > 0 and text[back - 1] in " \t\"“”'‘’«(•*–—-":
            back -= 1
        return back in sentence_starts or back == 0 or text[back - 1] == "\n"

    title_lines = set()
    for line in re.finditer(r"[^\n]+", text):
        words = re.findall(r"[^\W\d][\w’'-]*", line.group())
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
            title_lines.add((line.start(), line.end()))

    tokens = [m for m in _CAPWORD.finditer(text)]
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    previous_end = None
    for token in tokens:
        start, end = token.span()
        word = token.group()
        if word.endswith("."):  # "Jan." abbreviations and initials aside, a full stop ends a name
            end -= 1
            word = word[:-1]
        gap = text[previous_end:start] if previous_end is not None else None
        joined = gap is not None and (gap == " " or any(gap == f" {c} " for c in _CONNECTORS)
                                      or (gap.startswith(" ") and _PARTICLE.fullmatch(gap.strip()) and gap.endswith(" ")))
        skip = (
            is_taken(start, end)
            or word in _MONTH_AND_DAY_WORDS
            or word.casefold() in known
            or any(s <= start < e for s, e in title_lines)
            or (sentence_initial(start) and (word.lower() in _FUNCTION_WORDS or word.lower() in lower_words))
        )
        if skip:
            if current:
                groups.append(current)
            current, previous_end = [], None
            continue
        if current and joined and (gap == " " or (len(current) == 1 and text[current[0][0]:current[0][1]] not in _TITLE_WORDS)):
            current.append((start, end))
        else:
            if current:
                groups.append(current)
            current = [(start, end)]
        previous_end = end
    if current:
        groups.append(current)

    names: dict[str, list[int]] = defaultdict(list)
    for group in groups:
        while len(group) > 1 and text[group[0][0]:group[0][1]] in _TITLE_WORDS:
            group = group[1:]  # "General Tom Smith": the name, not the title
        words = [text[s:e] for s, e in group]
        if all(w in _TITLE_WORDS or w.lower() in _FUNCTION_WORDS
               or all(_DEMONYM.match(part) or part.islower() for part in w.split("-")) for w in words):
            continue
        if len(words) == 1 and (len(words[0]) < 2 or words[0].isupper() and len(words[0]) < 3):
            continue
        start, end = group[0][0], group[-1][1]
        name = text[start:end]
        names[name].append(start)
    return [Candidate(name, tuple(starts)) for name, starts in sorted(names.items(), key=lambda kv: kv[1][0])]


# --- attributed statements ------------------------------------------------------------------

SPEECH_VERBS = (
    r"(?:said|says|stated|states|noted|notes|told (?:the )?(?:reporters|journalists|the press)|told|"
    r"added|adding|reported|reports|announced|announces|claimed|claims|denied|denies|warned|warns|"
    r"confirmed|confirms|emphasi[sz]ed|stressed|declared|insisted|accused|recalled|explained|wrote|"
    r"argued|asserted|threatened|urged|demanded|pointed out|complained|acknowledged|admitted)"
)
_STANCE = {
    "denied": "denies", "denies": "denies", "warned": "warns", "warns": "warns", "confirmed": "confirms",
    "confirms": "confirms", "accused": "accuses", "threatened": "threatens", "urged": "demands",
    "demanded": "demands", "called on": "demands", "announced": "announces", "announces": "announces",
}
_PRONOUN = re.compile(r"^(?:he|she|him|her|He|She)$")
_OPEN, _CLOSE = "“«", "”»"
_NOT_SPEAKERS = re.compile(r"(?i)^(?:the\s+)?(?:\w+\s+)?(?:agreements?|deals?|treaty|accords?|plans?|laws?|rules|terms|schedule|data|figures)\b")


@dataclass
class _Context:
    text: str
    entities: dict[str, Entity]
    mentions: list[tuple[int, int, str, str]]
    dates: list[DateFound]
    published: DateSpec | None


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quotations, quote marks included: curly pairs (nested ones too) and straight
    double quotes paired within a paragraph."""
    spans = []
    for paragraph in re.finditer(r"[^\n]+", text):
        offset, line = paragraph.start(), paragraph.group()
        stack: list[int] = []
        for index, char in enumerate(line):
            if char in _OPEN:
                stack.append(index)
            elif char in _CLOSE and stack:
                opened = stack.pop()
                if not stack:
                    spans.append((offset + opened, offset + index + 1))
        straight = [index for index, char in enumerate(line) if char == '"']
        for first, second in zip(straight[::2], straight[1::2]):
            spans.append((offset + first, offset + second + 1))
    spans.sort()
    outer = []
    for span in spans:
        if not any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in spans):
            outer.append(span)
    return outer


def _trimmed(text: str, start: int, end: int, chars: str = " \t,;:–—-") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars + ".":
        end -= 1
    return start, end


def _speaker(ctx: _Context, who: tuple[int, int], rest: tuple[int, int] | None) -> tuple[str | None, str]:
    """The registry actor the attribution names: the last one before the verb, else the first
    after it; for he/she, the last person named before. With the reason, for the curator."""
    def actors_in(span):
        return [m for m in ctx.mentions if span[0] <= m[0] and m[1] <= span[1]
                and ctx.entities[m[3]].type in ACTOR_TYPES]

    before = actors_in(who)
    if before:
        hit = before[-1]
        return hit[3], f"named in the attribution ({hit[2]!r})"
    if rest:
        after = actors_in(rest)
        if after:
            hit = after[0]
            return hit[3], f"named in the attribution ({hit[2]!r})"
    words = ctx.text[who[0]:who[1]].split()
    if words and _PRONOUN.match(words[-1]):
        people = [m for m in ctx.mentions if m[1] <= who[0] and ctx.entities[m[3]].type is EntityType.Person]
        if people:
            return people[-1][3], f"{words[-1]!r}: read as the last person named before ({people[-1][2]!r}); check"
    named = [m for m in ctx.mentions if who[0] <= m[0] and m[1] <= (rest or who)[1]]
    if named:
        what = ", ".join(f"{m[3]} ({ctx.entities[m[3]].type.value})" for m in named)
        return None, f"the attribution names {what}, not an actor: who spoke?"
    return None, "not in the registry: who spoke?"


def _claim_date(ctx: _Context, span: tuple[int, int]) -> DateFound | None:
    for date in ctx.dates:
        if span[0] <= date.found.start and date.found.end <= span[1] and date.written is not None:
            return date
    return None


def _channel(attribution: str) -> str:
    lowered = attribution.lower()
    if re.search(r"\btold (?:the )?(?:reporters|journalists|the press)\b", lowered):
        return "told-reporters"
    for word, channel in (("interview", "interview"), ("briefing", "press-briefing"), ("statement", "statement"),
                          ("speech", "speech")):
        if word in lowered:
            return channel
    return "unspecified"


def _medium(ctx: _Context, span: tuple[int, int]) -> str | None:
    for m in ctx.mentions:
        if span[0] <= m[0] and m[1] <= span[1] and ctx.entities[m[3]].type is EntityType.MediaOutlet:
            return m[3]
    return None


def _statement(ctx: _Context, said: tuple[int, int], direct: bool, attribution: tuple[int, int] | None,
               who: tuple[int, int], rest: tuple[int, int] | None, verb: str) -> Statement | None:
    said = _trimmed(ctx.text, *said)
    if said[1] - said[0] < 2:
        return None
    if direct:
        # a quotation: without its quote marks (and the comma inside them)
        if ctx.text[said[0]] in _OPEN + '"':
            said = (said[0] + 1, said[1])
        if ctx.text[said[1] - 1] in _CLOSE + '"':
            said = (said[0], said[1] - 1)
        said = _trimmed(ctx.text, *said, chars=" \t,")
    speaker, basis = _speaker(ctx, who, rest)
    attribution_found = _found(ctx.text, *_trimmed(ctx.text, *attribution)) if attribution else None
    text_of_attribution = attribution_found.quote if attribution_found else ""
    channel = _channel(text_of_attribution)
    medium = _medium(ctx, rest) if rest and channel == "interview" else None
    return Statement(
        said=_found(ctx.text, *said), direct=direct, attribution=attribution_found, speaker=speaker,
        speaker_basis=basis, stance=_STANCE.get(verb, "asserts"), channel=channel, medium=medium,
        date=_claim_date(ctx, attribution) if attribution else None,
    )


_AFTER = re.compile(rf"^(?P<lead>[\s,–—-]*)(?P<attr>(?P<who>(?:[^\s.!?\"“”,]+\s+){{0,8}}?)(?P<verb>{SPEECH_VERBS})\b(?P<rest>[^.!?\n\"“”,]*))")
_AFTER_INVERTED = re.compile(r"^(?P<lead>[\s,–—-]*)(?P<attr>(?P<verb>said|stated|added|noted|emphasi[sz]ed|stressed)\s+(?P<who>[^.!?\n\"“”,]+))")
_BEFORE = re.compile(rf"(?P<attr>(?P<who>(?:[^\s.!?\"“”]+\s+){{0,10}}?)(?P<verb>{SPEECH_VERBS})\b(?P<rest>(?:,\s*adding)?[^.!?\"“”:,]{{0,40}}?))(?P<end>\s*[:,]\s*|\s+that\s+)$")


def quoted_statements(ctx: _Context, quotations: list[tuple[int, int]], sentences: list[tuple[int, int]]) -> list[Statement]:
    """Quotations with their attribution just after ("…," he said) or just before (X said: "…")."""
    text = ctx.text
    found = []
    for index, (qs, qe) in enumerate(quotations):
        paragraph_end = text.find("\n", qe)
        paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
        stop = min([paragraph_end] + [s for s, _ in quotations[index + 1:index + 2]])
        after = text[qe:stop]
        sentence_end = re.search(r"[.!?](?:\s|$)", after)
        after_sentence = after[: sentence_end.start()] if sentence_end else after
        m = _AFTER.match(after_sentence) or _AFTER_INVERTED.match(after_sentence)
        if m and (m.re is _AFTER_INVERTED or not m["who"].strip() or _valid_who(ctx, qe + m.start("who"), qe + m.end("who"))):
            attr = (qe + m.start("attr"), qe + m.end("attr"))
            who = (qe + m.start("who"), qe + m.end("who"))
            rest = (qe + m.start("rest"), qe + m.end("rest")) if "rest" in m.groupdict() and m["rest"] is not None else (qe + m.end("verb"), qe + m.end("attr"))
            if m.re is _AFTER_INVERTED:
                rest, who = who, (qe + m.start("attr"), qe + m.start("attr"))
            statement = _statement(ctx, (qs, qe), True, attr, who, rest, m["verb"])
            if statement:
                found.append(statement)
            continue
        # before the quotation, from the start of its sentence (or the previous quotation)
        sentence_start = max([s for s, e in sentences if s <= qs] or [0])
        previous_end = max([e for s, e in quotations[:index] if e <= qs] or [0])
        start = max(sentence_start, previous_end, text.rfind("\n", 0, qs) + 1)
        before = text[start:qs]
        m = _BEFORE.search(before)
        if not m:
            continue
        runs_to_end = re.fullmatch(r"[\s.!?]*", after_sentence) is not None
        if "that" in m["end"] and not runs_to_end:
            continue  # a quoted phrase inside reported speech: the sentence is reported speech
        if m["who"].strip() and not _valid_who(ctx, start + m.start("who"), start + m.end("who")):
            continue
        attr = (start + m.start("attr"), start + m.end("attr"))
        who = (start + m.start("who"), start + m.end("who"))
        rest = (start + m.start("rest"), start + m.end("rest"))
        statement = _statement(ctx, (qs, qe), True, attr, who, rest, m["verb"])
        if statement:
            found.append(statement)
    return found


def _valid_who(ctx: _Context, start: int, end: int) -> bool:
    """A plausible speaker: a registry name, a capitalised word or he/she/they, in a few words."""
    words = ctx.text[start:end].split()
    if not words or len(words) > 14 or _NOT_SPEAKERS.match(ctx.text[start:end].strip()):
        return False
    if any(start <= m[0] and m[1] <= end for m in ctx.mentions):
        return True
    return any(w[0].isupper() for w in words) or words[-1].lower() in ("he", "she", "they")


_THAT = re.compile(rf"^(?P<attr>(?P<who>[^\"“”]{{0,140}}?)\b(?P<verb>{SPEECH_VERBS})\b(?P<rest>[^\"“”.;:]{{0,60}}?)\s+that)\s+(?P<clause>\S.*)$", re.DOTALL)
_CALLED_ON = re.compile(r"^(?P<attr>(?P<who>[^\"“”]{0,100}?)\b(?P<verb>called on|urged)\b(?P<rest>[^\"“”.;:]{1,80}?))\s+(?P<clause>to\s+\S.*)$", re.DOTALL)
_ACCORDING = re.compile(r"(?P<attr>(?:\b[Aa]ccording to|\b[Aa]s (?:stated|said|reported|noted|announced) (?:in|by))\s+(?P<who>[^,.;\"“”]{1,80}?)),\s+(?P<clause>\S.*)$", re.DOTALL)
_ACCORDING_AFTER = re.compile(r"^(?P<clause>.+?),\s+(?P<attr>according to\s+(?P<who>[^,.;\"“”]{1,80}?))\s*\.?$", re.DOTALL)
_SEGMENT = re.compile(rf"^(?P<who>(?:[^\s,\"“”]+\s+){{1,10}}?)(?P<verb>{SPEECH_VERBS})\b(?P<rest>[^,\"“”]*)$", re.DOTALL)
_SEGMENT_INVERTED = re.compile(r"^(?P<verb>said|stated|emphasi[sz]ed|stressed|recalled|noted|reported|announced)\s+(?P<who>[^,\"“”]+)$", re.DOTALL)
_VERB_CLAUSE = re.compile(r"^(?P<attr>(?P<who>[^\"“”]{0,100}?)\b(?P<verb>said|says|told (?:the )?reporters|announced|stated|noted|claimed|warned|confirmed|added))\s+(?P<clause>[a-z][^\"“”]{15,})$", re.DOTALL)
_PASSIVE = re.compile(r"^(?P<clause>.+?)\s+(?:was|were|has been|have been|had been)\s+(?P<attr>(?P<verb>confirmed|denied|announced|reported|stated|said)\s+by\s+(?P<who>[^,.;\"“”]{1,80}?))\s*\.?$", re.DOTALL)
_DENIAL = re.compile(r"^(?P<who>[^,\"“”]{1,80}?)\s+(?P<verb>denied|confirmed|rejected|dismissed)\s+[^,\"“”]{1,60}$", re.DOTALL)


def reported_statements(ctx: _Context, sentences: list[tuple[int, int]], busy: list[tuple[int, int]]) -> list[Statement]:
    """Reported speech, one sentence at a time: "X said that …", "According to X, …", "…, X said",
    "…, according to X", "X told reporters …", "X called on Y to …", "X denied the report"."""
    text = ctx.text
    found = []
    for s, e in sentences:
        if any(s < b and a < e for a, b in busy):
            continue
        sentence = text[s:e]

        def at(m: re.Match, group: str, s: int = s) -> tuple[int, int]:
            return s + m.start(group), s + m.end(group)

        statement = None
        for pattern in (_THAT, _CALLED_ON):
            m = pattern.match(sentence)
            if m and _valid_who(ctx, *at(m, "who")):
                clause = at(m, "clause")
                direct = bool(re.fullmatch(r"[\"“][^\"“”]*[\"”][.!?]?", m["clause"].strip()))
                statement = _statement(ctx, clause, direct, at(m, "attr"), at(m, "who"), at(m, "rest"), m["verb"])
                break
        if statement is None and (m := _ACCORDING.search(sentence)) and not _NOT_SPEAKERS.match(m["who"]):
            statement = _statement(ctx, at(m, "clause"), False, at(m, "attr"), at(m, "who"), None, "according to")
        if statement is None and (m := _ACCORDING_AFTER.match(sentence)) and not _NOT_SPEAKERS.match(m["who"]):
            statement = _statement(ctx, at(m, "clause"), False, at(m, "attr"), at(m, "who"), None, "according to")
        if statement is None:
            statement = _trailing_attribution(ctx, s, sentence)
        if statement is None and (m := _PASSIVE.match(sentence)) and _valid_who(ctx, *at(m, "who")):
            statement = _statement(ctx, at(m, "clause"), False, at(m, "attr"), at(m, "who"), None, m["verb"])
        if statement is None and (m := _VERB_CLAUSE.match(sentence)) and _valid_who(ctx, *at(m, "who")) \
                and not m["clause"].startswith("by "):
            statement = _statement(ctx, at(m, "clause"), False, at(m, "attr"), at(m, "who"), None, m["verb"])
        if statement is None and (m := _DENIAL.match(sentence)) and _valid_who(ctx, *at(m, "who")):
            statement = _statement(ctx, (s, e), False, None, at(m, "who"), None, m["verb"])
            if statement:
                statement = Statement(statement.said, False, None, statement.speaker, statement.speaker_basis,
                                      _STANCE.get(m["verb"], "denies" if m["verb"] in ("rejected", "dismissed") else "asserts"))
        if statement:
            found.append(statement)
    return found


def _trailing_attribution(ctx: _Context, s: int, sentence: str) -> Statement | None:
    """"…, X said (on Tuesday)." : the attribution is a later comma-separated segment."""
    commas = [m.start() for m in re.finditer(",", sentence)]
    for comma in reversed(commas):
        nxt = next((c for c in commas if c > comma), len(sentence))
        segment = sentence[comma + 1: nxt]
        body = segment.strip(" \t–—-.")
        lead = comma + 1 + (len(segment) - len(segment.lstrip(" \t–—-")))
        clause = sentence[:comma]
        if len(clause.split()) < 3:
            continue
        m = _SEGMENT.match(body)
        if m and _valid_who(ctx, s + lead + m.start("who"), s + lead + m.end("who")):
            attr = (s + lead, s + lead + len(body))
            who = (s + lead + m.start("who"), s + lead + m.end("who"))
            rest = (s + lead + m.start("rest"), s + lead + m.end("rest"))
            return _statement(ctx, (s, s + comma), False, attr, who, rest, m["verb"])
        m = _SEGMENT_INVERTED.match(body)
        if m:
            attr = (s + lead, s + lead + len(body))
            return _statement(ctx, (s, s + comma), False, attr, (s + lead, s + lead),
                              (s + lead + m.start("who"), s + lead + m.end("who")), m["verb"])
    return None


def find_statements(ctx: _Context, sentences: list[tuple[int, int]]) -> list[Statement]:
    quotations = find_quotations(ctx.text)
    quoted = quoted_statements(ctx, quotations, sentences)
    busy = [(st.said.start, st.said.end) for st in quoted] + [
        (st.attribution.start, st.attribution.end) for st in quoted if st.attribution]
    reported = reported_statements(ctx, sentences, busy)
    return sorted(quoted + reported, key=lambda st: st.said.start)


# --- drafting -------------------------------------------------------------------------------


def parse_date_option(value: str) -> DateSpec:
    """`--date`: a day, a month or a year (2020-02-23, 2020-02, 2020), or a range FROM/TO."""
    try:
        if "/" in value:
            first, _, last = value.partition("/")
            written: dict = {}
            if first.strip():
                written["from"] = first.strip()
            if last.strip():
                written["to"] = last.strip()
            return DateSpec.model_validate(written)
        return DateSpec.model_validate(value.strip())
    except ValidationError as err:
        message = err.errors()[0]["msg"].removeprefix("Value error, ")
        raise DraftError(f"--date {value!r}: {message} (or a range FROM/TO, such as 2020-02-18/2020-02-23)") from None


def _written(spec: DateSpec) -> str | dict:
    if spec.precision in (Precision.day, Precision.month, Precision.year):
        return str(spec)
    written = {}
    if spec.earliest:
        written["from"] = spec.earliest.isoformat()
    if spec.latest:
        written["to"] = spec.latest.isoformat()
    return written


def draft_annotation(text: str, entities: dict[str, Entity], article_id: str = "new-article", *,
                     date: str | None = None, publisher: str | None = None, url: str | None = None,
                     title: str | None = None, source_name: str = "") -> Draft:
    """Everything `kb new` finds in a text, as a `Draft` (which `to_yaml` renders)."""
    stated, outlets, dateline, problem = find_publication(text, entities)
    if date is not None:
        spec = parse_date_option(date)
        how_dated = ("Given with `kb new --date`: replace this note by how the date was established, "
                     "or by the evidence that states it.")
    elif stated is not None:
        spec = DateSpec.model_validate(stated.written)
        how_dated = (f"Draft (kb new): read from {stated.how}; confirm it, then replace this note by the "
                     "evidence given below it.")
    else:
        why = f"{problem}, and states no other date" if problem else "the text states no publication date"
        raise DraftError(
            f"{why}: give it with --date (a day such as 2020-02-23, a month 2020-02, or a range "
            "such as 2020-02-18/2020-02-23), and say in the draft's note how you established it"
        )
    publisher_found = None
    if publisher is not None:
        entity = entities.get(publisher)
        if entity is None or entity.type is not EntityType.MediaOutlet:
            what = "not in the registry" if entity is None else f"a {entity.type.value}, not a MediaOutlet"
            raise DraftError(f"--publisher {publisher!r} is {what}: give the registry id of a media outlet")
        # a publisher is a statement of the article, so it needs the quote that names the outlet
        named = [o.evidence for o in outlets if o.entity == publisher and o.role == "publisher"]
        named += [Found(form, start) for start, _, form, entity_id in find_mentions(text, entities) if entity_id == publisher]
        if not named:
            raise DraftError(
                f"the text does not name {entity.label!r} ({publisher}), and a publisher needs the quote that "
                "names it: leave --publisher out, or add the name the text uses as an alias of the outlet"
            )
        publisher_found = named[0]
    if url is not None and not _URL.match(url):
        raise DraftError(f"--url {url!r} is not a URL: it must start with http:// or https:// and hold no spaces")
    if title is not None and not title.strip():
        raise DraftError("--title is empty")

    base = spec.earliest if spec.precision is Precision.day else None
    hits = find_mentions(text, entities)
    spans = sentence_spans(text)
    forms: dict[tuple[str, str], list[int]] = defaultdict(list)
    for start, _, form, entity_id in hits:
        forms[(entity_id, form)].append(start)
    entities_of_form: dict[str, list[str]] = defaultdict(list)
    for entity_id, form in forms:
        entities_of_form[form].append(entity_id)
    mentions = [Mention(entity_id, form, tuple(starts)) for (entity_id, form), starts in
                sorted(forms.items(), key=lambda kv: (kv[1][0], kv[0]))]
    dates = find_dates(text, base)
    ctx = _Context(text, entities, hits, dates, spec)
    taken = [(h[0], h[1]) for h in hits] + ([(dateline[1].start, dateline[1].end)] if dateline else [])
    candidates = find_candidates(text, taken, entities, {s for s, _ in spans})
    url_found = None
    if m := _URL_IN_TEXT.search(text):
        url_found = _found(text, *m.span())
    title_found = _find_title(text)
    if title is not None:
        at = text.find(title)
        title_found = Found(title, at) if at >= 0 else None
    return Draft(
        article_id=article_id, text=text, published=_written(spec), published_note=how_dated,
        stated_date=stated, title=title, title_found=title_found, url=url, url_found=url_found,
        publisher=publisher, publisher_found=publisher_found, outlets=outlets, dateline=dateline, mentions=mentions,
        ambiguous={form: ids for form, ids in entities_of_form.items() if len(ids) > 1},
        candidates=candidates, dates=dates, statements=find_statements(ctx, spans),
        sentences=[_found(text, s, e) for s, e in spans], source_name=source_name,
    )


# --- rendering ------------------------------------------------------------------------------


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's), on one line."""
    out = json.dumps(value, ensure_ascii=False)
    # YAML refuses some characters that JSON leaves as they are
    return re.sub(r"[\u0085\u2028\u2029\ufeff\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", out)


def _date_value(value: str | dict) -> str:
    if isinstance(value, str):
        return value
    parts = [f"{key}: {_q(v) if key == 'note' else v}" for key, v in value.items()]
    return "{" + ", ".join(parts) + "}"


def _comment(text: str) -> str:
    return " ".join(text.split())


def _render(d: Draft) -> str:
    out: list[str] = []
    add = out.append
    add(f"# Draft annotation of article {d.article_id}, written by `kb new`"
        + (f" from {d.source_name}." if d.source_name else "."))
    add("#")
    add("# Only the `article:` section is live. Everything else was found by machine and is written as")
    add("# comments, each finding with its quote and offsets, in the form the annotation takes:")
    add("# confirm a finding by uncommenting it (remove the leading \"# \"), correct it, or delete it.")
    add("# The draft builds as it is, with nothing confirmed. `kb check ID` checks your work, and")
    add("# `kb coverage ID` lists the sentences still to cite or skip. How to annotate each kind of fact:")
    add("# docs/curating.md.")
    add("")
    add("article:")
    add(f"  language: {d.language}  # assumed: change it if the text is not in English")
    if d.title is not None:
        add(f"  title: {_q(d.title)}")
        if d.title_found:
            add(f"  # title_evidence: {d.title_found.flow()}")
    elif d.title_found:
        add("  # the first line reads like a title:")
        add(f"  # title: {_q(d.title_found.quote)}")
        add(f"  # title_evidence: {d.title_found.flow()}")
    if d.publisher is not None:
        add(f"  publisher: {d.publisher}")
        add(f"  publisher_evidence: {d.publisher_found.flow()}  # given with --publisher: the quote that names it")
    publishers = [o for o in d.outlets if o.role == "publisher" and d.publisher is None]
    for outlet in publishers:
        add(f"  # publisher: {outlet.entity}  # {outlet.how}")
        add(f"  # publisher_evidence: {outlet.evidence.flow()}")
    for outlet in (o for o in d.outlets if o.role == "byline"):
        add(f"  # byline: {outlet.entity}  # {outlet.how}")
        add(f"  # byline_evidence: {outlet.evidence.flow()}")
    if d.dateline:
        place, found = d.dateline
        add(f"  # dateline: {place}  # the dateline names {found.quote!r} at {found.start}")
    if d.url is not None:
        add(f"  url: {_q(d.url)}")
    elif d.url_found:
        add("  # the text holds a URL (check it: line breaks may have cut it):")
        add(f"  # url: {_q(d.url_found.quote)}")
    add("  published:")
    add(f"    date: {_date_value(d.published)}")
    if d.published_note:
        add(f"    note: {_q(d.published_note)}")
    if d.stated_date:
        differs = str(d.published) != d.stated_date.written
        add(f"    # evidence: {d.stated_date.evidence.flow()}"
            + (f"  # states {d.stated_date.written}, not the --date given" if differs else f"  # {d.stated_date.how}"))
    add("")

    add("# Registry entities named in the text (labels and aliases, whole words, exact case), with each")
    add("# form found and where it starts. Keep the forms that name the entity here; a form that names")
    add("# several entities is listed under each: keep it under the one the text means.")
    if d.mentions:
        by_entity: dict[str, list[Mention]] = defaultdict(list)
        for mention in d.mentions:
            by_entity[mention.entity].append(mention)
        add("# mentions:")
        for entity_id, items in by_entity.items():
            forms = ", ".join(_q(m.form) for m in items)
            where = "; ".join(f"{m.form} at {', '.join(map(str, m.starts))}" for m in items)
            also = sorted({other for m in items for other in d.ambiguous.get(m.form, []) if other != entity_id})
            note = f"; also names {', '.join(also)}" if also else ""
            add(f"#   {entity_id}: [{forms}]  # {where}{note}")
    else:
        add("# (none found)")
    add("")

    add("# Names not in the registry: candidates for new entities, or new aliases of existing ones.")
    add("# Add those you keep to a registry file (corpus/registry/*.yaml), then list them under mentions.")
    if d.candidates:
        for candidate in d.candidates:
            add(f"#   - {{id: {_slug(candidate.name)}, type: TYPE, label: {_q(candidate.name)}}}  # at {', '.join(map(str, candidate.starts))}")
    else:
        add("# (none found)")
    add("")

    add(f"# Dates in the text, resolved against the publication date ({_date_value(d.published)}) in the form")
    add("# a `date:` field takes, never more exact than the text. Copy each to the fact it dates.")
    if d.dates:
        for date in d.dates:
            value = _date_value(date.written) if date.written is not None else "(unresolved)"
            how = f"  # {_comment(date.how)}" if date.how else ""
            add(f"#   {_q(date.found.quote)} at {date.found.start}: {value}{how}")
    else:
        add("# (none found)")
    add("")

    add("# Attributed statements: candidate claims. Check the speaker, the words (`said`), `direct`, the")
    add("# stance and the date, and add what the claim is `about`; see docs/curating.md on claims.")
    if d.statements:
        add("# claims:")
        used: dict[str, int] = defaultdict(int)
        for statement in d.statements:
            prefix = statement.speaker or "claim"
            used[prefix] += 1
            claim_id = f"{prefix}-{used[prefix]}"
            add(f"#   - id: {claim_id}")
            speaker = statement.speaker if statement.speaker else "~"
            add(f"#     claimant: {speaker}  # {_comment(statement.speaker_basis)}")
            add(f"#     said: {statement.said.flow()}")
            add(f"#     direct: {'true' if statement.direct else 'false'}")
            add(f"#     stance: {statement.stance}  # guessed from the verb: check")
            if statement.date is not None:
                how = f"  # {_comment(statement.date.how)}" if statement.date.how else ""
                add(f"#     date: {_date_value(statement.date.written)}  # {_q(statement.date.found.quote)} in the attribution{how.replace('  #', ';')}")
            elif d.published is not None:
                latest = d.published if isinstance(d.published, str) else d.published.get("to")
                if latest:
                    add(f"#     date: {{to: {latest}, note: \"undated; before the article\"}}")
            if statement.channel != "unspecified":
                add(f"#     channel: {statement.channel}")
            if statement.medium:
                add(f"#     medium: {statement.medium}")
            if statement.attribution:
                add(f"#     evidence: {statement.attribution.flow()}")
    else:
        add("# (none found)")
    add("")

    add(f"# The {len(d.sentences)} sentences, as `kb coverage` counts them: cite each in the evidence of a fact,")
    add("# or skip it: uncomment `skipped:` and the sentence, and give the reason.")
    if d.sentences:
        add("# skipped:")
        for index, sentence in enumerate(d.sentences, start=1):
            add(f"#   - {{reason: \"\", quote: {sentence.flow()}}}  # {index}")
    add("")
    return "\n".join(out)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x"


# --- kb new ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewArticle:
    article_id: str
    text_path: Path
    annotation_path: Path
    draft: Draft
    copied_from: Path | None = None

    def summary(self) -> list[str]:
        """What `kb new` reports: the files written and what the draft holds."""
        d = self.draft
        source = f" (copied from {display_path(self.copied_from)})" if self.copied_from else ""
        published = _date_value(d.published)
        how = f" ({d.stated_date.how})" if d.stated_date and str(d.published) == d.stated_date.written else " (given)"
        lines = [
            f"new article {self.article_id}: {display_path(self.text_path)}{source}",
            f"draft annotation: {display_path(self.annotation_path)}",
            f"  published      {published}{how}",
        ]
        if d.publisher:
            lines.append(f"  publisher      {d.publisher} (given)")
        for outlet in (o for o in d.outlets if not (d.publisher and o.role == "publisher")):
            lines.append(f"  {outlet.role:<14} {outlet.entity}? ({outlet.how}: to confirm)")
        resolved = sum(1 for st in d.statements if st.speaker)
        lines += [
            f"  entities       {len({m.entity for m in d.mentions})} ({len(d.mentions)} forms)",
            f"  new names      {len(d.candidates)}",
            f"  dates          {len(d.dates)}",
            f"  statements     {len(d.statements)} ({resolved} with a registry speaker)",
            f"  sentences      {len(d.sentences)}, "
            + ("none covered yet" if d.publisher is None else "none covered yet but the one quoted for --publisher"),
            (f"next: edit the draft (docs/curating.md says how), then `kb check {self.article_id}` "
             f"and `kb coverage {self.article_id}`"),
        ]
        return lines


def article_id_for(text_file: Path, article_id: str | None) -> str:
    if article_id is not None:
        if not ARTICLE_ID.fullmatch(article_id):
            raise DraftError(f"--id {article_id!r} cannot be an article id: use lower-case letters, digits, "
                             "hyphens and underscores, starting with a letter or digit")
        return article_id
    derived = re.sub(r"[^a-z0-9_-]+", "-", text_file.stem.lower()).strip("-_")
    if not derived or not ARTICLE_ID.fullmatch(derived):
        raise DraftError(f"cannot make an article id from the file name {text_file.name!r}: give one with --id")
    return derived


def new_article(corpus: Path, text_file: Path, *, article_id: str | None = None, date: str | None = None,
                publisher: str | None = None, url: str | None = None, title: str | None = None) -> NewArticle:
    """Copy `text_file` into `corpus` under a new article id and write its draft annotation."""
    from kb.corpus import ARTICLES_DIR, REGISTRY_DIR, read_registry

    if not corpus.is_dir():
        raise InputError(f"corpus folder not found: {display_path(corpus)} (give it with --corpus)")
    if not text_file.is_file():
        raise InputError(f"no such file: {display_path(text_file)}")
    identifier = article_id_for(text_file, article_id)
    folder = corpus / ARTICLES_DIR
    text_path, annotation_path = folder / f"{identifier}.txt", folder / f"{identifier}.yaml"
    in_place = text_path.exists() and text_path.resolve() == text_file.resolve() and not annotation_path.exists()
    existing = [] if in_place else [p.name for p in (text_path, annotation_path) if p.exists()]
    if existing:
        raise DraftError(f"the article {identifier!r} already exists in {display_path(folder)} "
                         f"({', '.join(existing)}): choose another id with --id")
    raw = text_file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"{display_path(text_file)} is not UTF-8 (byte 0x{raw[err.start]:02x} at offset "
                         f"{err.start}): save it as UTF-8 and try again") from None
    if not text.strip():
        raise InputError(f"{display_path(text_file)} is empty")
    entities, _, problems = read_registry(corpus / REGISTRY_DIR)
    if problems:
        raise CorpusError(problems)
    draft = draft_annotation(text, entities, identifier, date=date, publisher=publisher, url=url, title=title,
                             source_name=text_file.name)
    rendered = draft.to_yaml()
    folder.mkdir(parents=True, exist_ok=True)
    # exclusive creation: a file that appeared since the check above is never overwritten
    if not in_place:
        _create(text_path, raw, identifier)
    try:
        _create(annotation_path, rendered.encode("utf-8"), identifier)
    except BaseException:
        if not in_place:
            text_path.unlink(missing_ok=True)
        raise
    try:
        _self_check(annotation_path)
    except AssertionError:
        if not in_place:
            text_path.unlink(missing_ok=True)
        raise
    return NewArticle(identifier, text_path, annotation_path, draft, None if in_place else text_file)


def _create(path: Path, data: bytes, identifier: str) -> None:
    """Write a new file, refusing (DraftError) if it exists; a half-written file is removed."""
    try:
        handle = path.open("xb")
    except FileExistsError:
        raise DraftError(f"the article {identifier!r} already exists ({display_path(path)}): choose another id with --id") from None
    except OSError as err:
        raise InputError(f"cannot write {display_path(path)}: {err.strerror}; nothing was added") from None
    try:
        with handle:
            handle.write(data)
    except BaseException as err:
        path.unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise InputError(f"cannot write {display_path(path)}: {err.strerror}; nothing was added") from None
        raise


def _self_check(annotation_path: Path) -> None:
    """The draft must be an annotation the models accept: if not, that is a bug here; take it back."""
    try:
        data = load_yaml(annotation_path).data
        Annotation.model_validate(data)
    except (CorpusError, ValidationError) as err:
        annotation_path.unlink(missing_ok=True)
        raise AssertionError(f"kb new wrote a draft the models refuse: {err}") from err
