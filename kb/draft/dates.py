"""Dates and times of day in a text, resolved against the publication date into the forms a
`date:` field takes, never more exact than the text.

`on February 20` is `2020-02-20`, `in September 2018` is `2018-09`, `last week` is a range from
Monday to Sunday, a weekday is the last such day on or before the publication date, `in early
February` is the 1st to the 10th. The parsing of each expression is `dateparser`'s. A time of day
(`00:01`, `at midnight`, `after 1 p.m.`) is read with the date beside it or in its sentence, and
given as a time and the `time_of_day` an event takes (morning, afternoon, evening, night).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from functools import lru_cache

from pydantic import ValidationError

from kb.dates import DateSpec, Precision
from kb.draft.findings import DateFound, DraftError, found

_MONTH_NAMES = {name: index for index, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
               "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
        r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
# with a day beside it, an abbreviation needs no full stop ("Feb 28 (Reuters)")
MONTH_BY_DAY = r"(?:January|February|March|April|May|June|July|August|September|October|November|" \
               r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTH_WORDS = frozenset([*_MONTH_NAMES, *_WEEKDAYS, *_MONTH_ABBR])
"""Month and weekday names and abbreviations: words that are dates, not names."""
DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})"

_DATE_PATTERNS = [
    ("iso", re.compile(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])")),
    ("mdy", re.compile(rf"(?<!\w)(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<m>{MONTH_BY_DAY})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\w)")),
    ("dmy", re.compile(rf"(?<![\w.])(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<d>{DAY})\s+(?P<m>{MONTH_BY_DAY})(?:,?\s+(?P<y>{YEAR}))?(?!\w)")),
    ("part", re.compile(rf"(?<!\w)(?P<part>(?i:early|mid|late|the end of|the beginning of|the start of|the middle of))[\s-]+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?(?!\w)")),
    ("my", re.compile(rf"(?<!\w)(?P<m>{MONTH}),?\s+(?P<y>{YEAR})(?!\w)")),
    ("mrel", re.compile(rf"(?<!\w)(?P<m>{MONTH})\s+(?P<rel>last|this|next)\s+year(?!\w)")),
    ("month", re.compile(rf"(?<!\w)(?i:in|since|by|until|during|from|before|after|of)\s+(?P<m>{MONTH})(?!\w)")),
    ("wd", re.compile(rf"(?<!\w)(?:(?P<rel>(?i:last|next))\s+)?(?P<w>{WEEKDAY})(?:\s+and\s+(?P<w2>{WEEKDAY}))?(?!\w)")),
    ("rel", re.compile(r"(?<!\w)(?P<rel>(?i:(?P<which>last|this|next|the past|the previous|earlier this)\s+(?P<unit>week|month|year)|yesterday|today|tomorrow))(?!\w)")),
    ("year", re.compile(rf"(?<!\w)(?i:in|since|by|until|during|from|before|after|back in|of)\s+(?P<y>{YEAR})(?![\w-])")),
]
_LEAD_PREPOSITION = re.compile(r"(?i:\b(?:on|in|by|since|until|from|of|as of|before|after))\s+$")


def month_number(name: str) -> int:
    """The number of a month from its name or abbreviation ("Feb." is 2)."""
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


def find_dates(text: str, base: dt.date | None, sentences: list[tuple[int, int]] | None = None) -> list[DateFound]:
    """Date expressions of the text, with the times of day given with them.

    Takes the text, the publication day `base` (None when it is not known to the day: relative
    dates stay unresolved) and the sentence spans (for times whose date is elsewhere in their
    sentence; without them, a time joins only a date beside it). Returns the findings in text
    order; a time with no date in its sentence is a finding of its own, with no date."""
    claimed: list[tuple[int, int]] = []
    dates: list[DateFound] = []
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
            dates.append(DateFound(found(text, start, end), written, precision, how))
    dates.sort(key=lambda d: d.found.start)
    return _with_times(text, dates, find_times(text, claimed), sentences or [])


_UNRESOLVED = "relative to the publication date, which is not known to the day: resolve it by hand"


def _resolve(kind: str, m: re.Match, base: dt.date | None) -> tuple[str | dict | None, str | None, str | None]:
    g = m.groupdict()
    today = base or dt.date.today()
    if kind == "iso":
        day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        return day.isoformat(), "day", None
    if kind in ("mdy", "dmy"):
        month, number = month_number(g["m"]), int(re.match(r"\d+", g["d"])[0])
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
        month = month_number(g["m"])
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
        parsed = _parse(f"{calendar.month_name[month_number(g['m'])]} {g['y']}", today)
        return parsed[0].isoformat()[:7], "month", None
    if kind == "mrel":
        if base is None:
            return None, None, _UNRESOLVED
        year = _parse(f"{g['rel']} year", base)[0].year
        return f"{year}-{month_number(g['m']):02d}", "month", f'"{g["rel"]} year" read against the publication date ({base})'
    if kind == "month":
        if base is None:
            return None, None, "the year is not stated, and the publication date is not known to the day"
        parsed = _parse(calendar.month_name[month_number(g["m"])], base)
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




# --- times of day ---------------------------------------------------------------------------

_CLOCK = re.compile(
    r"(?<![\w:.])(?:(?P<lead>(?i:at|from|after|before|until|till|by|since|around|about|shortly after|shortly before))\s+)?"
    r"(?:(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s*(?P<ampm>[ap]\.m\.|[ap]m\b))?"
    r"|(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<min12>[0-5]\d))?\s*(?P<ampm12>[ap]\.m\.|[ap]m\b))"
    r"(?:\s+(?P<zone>GMT|UTC|local time|Moscow time|\([^()\n]{1,20}GMT\)))?"
)
_WORD_TIME = re.compile(
    r"(?<!\w)(?P<phrase>(?i:at|around|after|before|until|by|shortly after)\s+(?P<word>midnight|noon|midday|dawn|dusk|sunset|sunrise)"
    r"|(?i:in the|on the|during the|late in the|early in the)\s+(?P<part>morning|afternoon|evening|night)"
    r"|(?i:overnight)|(?i:late|early)\s+on(?=\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r"|(?<=day )(?P<after_day>morning|afternoon|evening|night))(?!\w)"
)
_WORD_CLOCK = {"midnight": "00:00", "noon": "12:00", "midday": "12:00"}
_WORD_PART = {"dawn": "morning", "sunrise": "morning", "dusk": "evening", "sunset": "evening", "overnight": "night"}


def time_of_day(clock: str) -> str:
    """The `time_of_day` of an event at a clock time ("14:30" is afternoon)."""
    hour = int(clock[:2])
    return "morning" if 5 <= hour < 12 else "afternoon" if 12 <= hour < 18 else "evening" if 18 <= hour < 22 else "night"


def find_times(text: str, taken: list[tuple[int, int]] = ()) -> list[tuple[int, int, str | None, str, str]]:
    """Times of day: (start, end, clock time or None, time_of_day, how it reads), outside `taken`.

    Takes the text and spans to leave alone (dates); reads "00:01", "1 p.m.", "at midnight",
    "in the morning of", "overnight", "late on"."""
    times = []
    for m in _CLOCK.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        if m["h"] is not None:
            hour, minute, ampm = int(m["h"]), int(m["min"]), m["ampm"]
        else:
            hour, minute, ampm = int(m["h12"]), int(m["min12"] or 0), m["ampm12"]
        if ampm:
            hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
        elif re.match(r":?\d", text[m.end():m.end() + 2]):
            continue  # a longer number (12:30:45), not a time of day
        clock = f"{hour:02d}:{minute:02d}"
        lead = (m["lead"] or "").lower()
        how = f"{lead} {clock}".strip() + (f" {m['zone']}" if m["zone"] else "")
        times.append((m.start(), m.end(), clock, time_of_day(clock), how))
    for m in _WORD_TIME.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken) or any(m.start() < e and s < m.end() for s, e, *_ in times):
            continue
        phrase = m.group().lower()
        if m["word"]:
            clock = _WORD_CLOCK.get(m["word"].lower())
            part = time_of_day(clock) if clock else _WORD_PART[m["word"].lower()]
        elif m["part"] or m["after_day"]:
            clock, part = None, (m["part"] or m["after_day"]).lower()
        elif phrase == "overnight":
            clock, part = None, "night"
        else:
            clock, part = None, "evening" if phrase.startswith("late") else "morning"
        times.append((m.start(), m.end(), clock, part, phrase))
    return sorted(times)


def _with_times(text: str, dates: list[DateFound], times: list, sentences: list[tuple[int, int]]) -> list[DateFound]:
    """Each time joined to its date: the one beside it (the quote then covers both), else the
    only date of its sentence; a time with neither is a finding of its own."""
    out = list(dates)
    for start, end, clock, part, how in times:
        beside = [i for i, d in enumerate(out) if d.written is not None and
                  re.fullmatch(r"[\s,]*(?:on\s+)?", text[end:d.found.start] if d.found.start >= end else text[d.found.end:start])]
        sentence = next(((s, e) for s, e in sentences if s <= start < e), None)
        in_sentence = [i for i, d in enumerate(out) if sentence and sentence[0] <= d.found.start < sentence[1]
                       and d.written is not None and d.time is None]
        if beside:
            i = beside[0]
            first, last = min(start, out[i].found.start), max(end, out[i].found.end)
            out[i] = replace(out[i], found=found(text, first, last), time=clock, time_of_day=part,
                             how=_joined(out[i].how, how if how[0].isalpha() else f"at {how}"))
        elif len(in_sentence) == 1:
            i = in_sentence[0]
            out[i] = replace(out[i], time=clock, time_of_day=part,
                             how=_joined(out[i].how, f"{how} ({text[start:end]!r} at {start}, in the same sentence)"))
        else:
            out.append(DateFound(found(text, start, end), None, None,
                                 f"{how}: a time of day; its sentence gives no single date to read it with",
                                 time=clock, time_of_day=part))
    return sorted(out, key=lambda d: d.found.start)


def _joined(how: str | None, more: str) -> str:
    return f"{more}; {how}" if how else more


# --- the publication date of the command line -----------------------------------------------


def parse_date_option(value: str) -> DateSpec:
    """Read `--date`: a day, a month or a year (2020-02-23, 2020-02, 2020), or a range FROM/TO.

    Returns the `DateSpec`; raises `DraftError` for anything else."""
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


def written_date(spec: DateSpec) -> str | dict:
    """A `DateSpec` as a `date:` field writes it: `2020-02-23`, `2020-02`, `2020` or `{from, to}`."""
    if spec.precision in (Precision.day, Precision.month, Precision.year):
        return str(spec)
    written = {}
    if spec.earliest:
        written["from"] = spec.earliest.isoformat()
    if spec.latest:
        written["to"] = spec.latest.isoformat()
    return written
