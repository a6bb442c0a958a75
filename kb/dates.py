"""Dates as articles give them: a day, a month, a year, or a range, never more exact than stated.

In an annotation a date is written as `2020-02-20` (a day), `2020-02` (a month), `2018` (a year),
or a mapping `{from: ..., to: ..., note: ...}` whose bounds are any of those (`from` alone means
"on or after", `to` alone "on or before"). Every form resolves to an earliest and a latest day and
a precision, so queries can order and compare dates of different precision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class Precision(str, Enum):
    """How precisely a date is known: a day, a month, a year, a range, or a bound on one side."""
    day = "day"
    month = "month"
    year = "year"
    range = "range"
    on_or_before = "on-or-before"
    on_or_after = "on-or-after"


WRITTEN_KEYS = {
    "from": "The first day the date may be: a day, a month (from its first day) or a year; alone, "
            "it means on or after.",
    "to": "The last day the date may be: a day, a month (to its last day) or a year; alone, it "
          "means on or before.",
    "note": "How the range was read from the text (\"in early February\": the first ten days).",
}
"""The keys of a date written as a range, `{from, to, note}`, each with its meaning."""

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_bound(value: Any) -> tuple[dt.date, dt.date, Precision]:
    """Resolve one written date to its first day, last day and precision."""
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if text is None:
        raise ValueError(f"expected a date such as 2020-02-20, 2020-02 or 2018, got {value!r}")
    try:
        if m := _DAY.match(text):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, Precision.day
        if m := _MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last), Precision.month
        if m := _YEAR.match(text):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.year
    except ValueError as err:
        raise ValueError(f"{text!r} is not a real date ({err})") from None
    raise ValueError(f"{text!r} is not a date: write 2020-02-20 (a day), 2020-02 (a month) or 2018 (a year)")


class DateSpec(BaseModel):
    """A resolved date: earliest and latest possible day (inclusive), precision, optional note."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    earliest: dt.date | None
    """The first day the date may be (a month's first day, a range's `from`); none for "on or before"."""
    latest: dt.date | None
    """The last day the date may be (a month's last day, a range's `to`); none for "on or after"."""
    precision: Precision
    """How precisely the text dates it: a day, a month, a year, a range, or a bound on one side."""
    note: str | None = None
    """How a range was read from the text ("in early February": the first ten days)."""

    @model_validator(mode="before")
    @classmethod
    def _from_written(cls, value: Any) -> Any:
        if isinstance(value, DateSpec):
            return value
        if isinstance(value, dict) and {"earliest", "latest", "precision"} <= value.keys():
            return value
        if isinstance(value, dict):
            unknown = set(value) - {"from", "to", "note"}
            if unknown:
                raise ValueError(f"unknown key(s) {sorted(unknown)} in a date: use from, to and note")
            if "from" not in value and "to" not in value:
                raise ValueError("a date range needs `from`, `to` or both")
            note = value.get("note")
            if note is not None and not isinstance(note, str):
                raise ValueError("the note of a date must be text")
            earliest = parse_bound(value["from"])[0] if "from" in value else None
            latest = parse_bound(value["to"])[1] if "to" in value else None
            if earliest and latest and latest < earliest:
                raise ValueError(f"the range ends ({latest}) before it starts ({earliest})")
            if earliest and latest:
                precision = Precision.range
            else:
                precision = Precision.on_or_after if earliest else Precision.on_or_before
            return {"earliest": earliest, "latest": latest, "precision": precision, "note": note}
        earliest, latest, precision = parse_bound(value)
        return {"earliest": earliest, "latest": latest, "precision": precision}

    def __str__(self) -> str:
        if self.precision is Precision.day:
            return self.earliest.isoformat()
        if self.precision is Precision.month:
            return self.earliest.isoformat()[:7]
        if self.precision is Precision.year:
            return str(self.earliest.year)
        start = self.earliest.isoformat() if self.earliest else "…"
        end = self.latest.isoformat() if self.latest else "…"
        return f"{start}/{end}"
