"""Words and days from IRIs, texts and dates: local names, labels from camelCase, short texts, date ranges."""

from __future__ import annotations

from datetime import date


def local_name(iri: str) -> str:
    """The last part of an IRI: after its `#`, else after its last `/` (a trailing `/` ignored)."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def humanize(name: str) -> str:
    """camelCase to lower-case words: `containedInPlace` gives `contained in place`."""
    out = []
    for char in name:
        if char.isupper() and out:
            out.append(" ")
        out.append(char.lower())
    return "".join(out)


def short(text: str, limit: int = 90) -> str:
    """The text, cut to at most `limit` characters with an ellipsis when it is longer."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def joined(parts: list) -> list:
    """The items with `, ` between them and ` and ` before the last: [a, b, c] gives [a, ", ", b, " and ", c]."""
    out: list = []
    for index, part in enumerate(parts):
        if index:
            out.append(", " if index < len(parts) - 1 else " and ")
        out.append(part)
    return out


def to_day(value: str | None) -> int | None:
    """An xsd:date (YYYY-MM-DD) as a day number (`date.toordinal`), for drawing; None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def date_text(earliest: str | None, latest: str | None, precision: str | None = None) -> str:
    """A date or date range as a person reads it: 2020-02-20, 2020-02-10 – 2020-02-16, on or before 2020-02-05.

    `precision` is the precision's label (`month`, `year`, `on or before`, ...) or None; the result is
    "" when there is no date at all.
    """
    if precision == "on or before" or (latest and not earliest):
        return f"on or before {latest}" if latest else ""
    if precision == "on or after" or (earliest and not latest):
        return f"on or after {earliest}" if earliest else ""
    if not earliest:
        return ""
    if earliest == latest:
        return earliest
    if precision in ("month", "year"):
        return f"{earliest[:7] if precision == 'month' else earliest[:4]} ({earliest} – {latest})"
    return f"{earliest} – {latest}"


def days_in_words(earliest: str | None, latest: str | None) -> str:
    """A day or a range of days as words: `23 February 2020`, `18–23 February 2020`, `30 January – 2
    February 2020`, `by 5 February 2020`; "" when there is no date."""
    def day(value: str) -> date | None:
        try:
            return date.fromisoformat(value[:10])
        except (TypeError, ValueError):
            return None

    first, last = day(earliest or ""), day(latest or "")
    if first is None and last is None:
        return ""
    if first is None or last is None:
        known = first or last
        return f"{'by' if first is None else 'from'} {known.day} {known:%B} {known.year}"
    if first == last:
        return f"{first.day} {first:%B} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%B} {last.year}"
    if first.year == last.year:
        return f"{first.day} {first:%B} – {last.day} {last:%B} {last.year}"
    return f"{first.day} {first:%B} {first.year} – {last.day} {last:%B} {last.year}"
