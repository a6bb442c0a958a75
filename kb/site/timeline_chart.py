"""The timeline of events, drawn as inline SVG when the site is generated: one row per event, one bar
per article's account, on a time axis broken around long quiet periods.

The layout is computed here, deterministically (sorted inputs, only arithmetic that is exactly
rounded), so the same knowledge base gives the same drawing; the page's script only adds filtering.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from kb.readmodel import Account, plain
from kb.site.context import Site
from kb.site.filters import account_row, merged
from kb.site.svg import fmt, truncate

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#79706e", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#aec7e8", "#ffbb78",
)
OPEN_DAYS = 10  # how far an open-ended date (on or before, on or after) is drawn, fading out




@dataclass
class Bar:
    """The days one account's bar covers (`end` excluded), and whether an end is open (drawn fading)."""

    account: Account
    start: int  # first day covered
    end: int  # day after the last day covered
    open_start: bool = False
    open_end: bool = False


def account_bar(account: Account) -> Bar | None:
    """The days an account's date covers: a day, a month, a range, or an open end drawn fading."""
    first, last = account.start_day, account.end_day
    if first is not None and last is not None:
        return Bar(account, first, max(last, first) + 1)
    if last is not None:
        return Bar(account, last + 1 - OPEN_DAYS, last + 1, open_start=True)
    if first is not None:
        return Bar(account, first, first + OPEN_DAYS, open_end=True)
    return None


class BrokenAxis:
    """A time axis cut into segments around the dates used, with fixed-width breaks between them,
    so that an event of 2014 and a month of 2020 both stay readable. Every segment has the same scale
    (a day is as wide everywhere); a short segment is widened with days around it, not stretched."""

    GAP = 60  # days without anything that make a break
    PAD = 2
    BREAK = 26
    MIN_WIDTH = 90

    def __init__(self, days: list[int], x0: float, width: float):
        """An axis over the given day numbers, starting at x0 and `width` wide."""
        segments: list[list[int]] = []
        for day in sorted(set(days)):
            if segments and day - segments[-1][1] <= self.GAP:
                segments[-1][1] = day
            else:
                segments.append([day, day])
        spans = [(a - self.PAD, b + self.PAD) for a, b in segments] or [(0, 1)]
        room = width - (len(spans) - 1) * self.BREAK
        # the scale (pixels a day) at which the segments, each at least MIN_WIDTH wide, fill the room
        low, high = 0.0, room / min(b - a for a, b in spans)
        for _ in range(60):
            middle = (low + high) / 2
            if sum(max(self.MIN_WIDTH, (b - a) * middle) for a, b in spans) > room:
                high = middle
            else:
                low = middle
        self.scale = low
        self.segments: list[tuple[float, float]] = []
        for a, b in spans:
            extra = max(0.0, self.MIN_WIDTH / self.scale - (b - a)) / 2
            self.segments.append((a - extra, b + extra))
        self.widths = [(b - a) * self.scale for a, b in self.segments]
        self.starts = []
        x = x0
        for w in self.widths:
            self.starts.append(x)
            x += w + self.BREAK
        self.end = x - self.BREAK

    def x(self, day: float) -> float:
        """The x coordinate of a day (a day number), inside a break when it falls in one."""
        for index, ((a, b), x, w) in enumerate(zip(self.segments, self.starts, self.widths, strict=True)):
            if day <= b or index == len(self.segments) - 1:
                if day < a:
                    if index == 0:
                        return x
                    previous_end = self.segments[index - 1][1]
                    return x - self.BREAK + self.BREAK * (day - previous_end) / (a - previous_end)
                return x + w * (min(day, b) - a) / (b - a)
        return self.end

    def ticks(self) -> list[tuple[float, str, bool]]:
        """(x, label, major) for each tick; the first tick of a segment names the year."""
        out = []
        step = next((s for s in (1, 2, 7, 14, 30, 91, 182, 365, 1826) if s * self.scale >= 58), 3652)
        for (a, b), x, w in zip(self.segments, self.starts, self.widths, strict=True):
            first = True
            for day in range(math.ceil(a), math.floor(b) + 1):
                d = date.fromordinal(day)
                if step < 30:
                    keep = (day - a) % step == 0
                    label = f"{d.day} {d:%b}"
                elif step < 365:
                    keep = d.day == 1 and (d.month - 1) % (step // 30) == 0
                    label = f"{d:%b}"
                else:
                    keep = d.day == 1 and d.month == 1 and d.year % (step // 365) == 0
                    label = f"{d.year}"
                if not keep or (not first and self.x(day) > x + w - 34):  # leave room before a break
                    continue
                if first and step < 365:
                    label = f"{label} {d.year}"
                out.append((self.x(day), label, first))
                first = False
            if first:  # nothing fell on a tick: name the segment at its start
                day = math.ceil(a)
                d = date.fromordinal(day)
                out.append((self.x(day), f"{d.day} {d:%b} {d.year}", True))
        return out


def type_colours(site: Site) -> dict[str, tuple[int, str]]:
    """Each event type used (by class IRI, sorted by label) with its index and colour."""
    types = sorted({site.kb.event_type(event) or "" for event in site.kb.accounts},
                   key=lambda iri: (site.kb.class_label(iri) if iri else "", iri))
    return {iri: (index, PALETTE[index % len(PALETTE)]) for index, iri in enumerate(types)}


def timeline_svg(site: Site, here: str) -> Markup:
    """The timeline for the page `here`: a row per dated event, its bars linked to each account;
    empty when no event is dated."""
    kb = site.kb
    colours = type_colours(site)
    rows = []
    for event, accounts in kb.accounts.items():
        bars = [bar for bar in (account_bar(a) for a in accounts) if bar is not None]
        if bars:
            rows.append((min(b.start for b in bars), min(b.end for b in bars), kb.label(event), event, bars))
    rows.sort()
    if not rows:
        return Markup("")
    label_width, plot_width, top = 330, 780, 46
    axis = BrokenAxis([d for row in rows for bar in row[4] for d in (bar.start, bar.end)], label_width + 12,
                      plot_width)
    width = axis.end + 16
    heights = [len(row[4]) * 13 + 11 for row in rows]
    height = top + sum(heights) + 12
    out = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}" '
           f'width="{fmt(width)}" height="{fmt(height)}" role="img" aria-label="Timeline of events">',
           "<defs>"]
    for index, colour in colours.values():
        for name, (x1, x2) in (("fade-in", (0, 1)), ("fade-out", (1, 0))):
            out.append(f'<linearGradient id="{name}-{index}" x1="{x1}" x2="{x2}" y1="0" y2="0">'
                       f'<stop offset="0" stop-color="{colour}" stop-opacity="0.05"/>'
                       f'<stop offset="1" stop-color="{colour}" stop-opacity="1"/></linearGradient>')
    out.append("</defs>")
    # axis: segments, breaks, ticks
    for x, w in zip(axis.starts, axis.widths, strict=True):
        out.append(f'<rect class="segment" x="{fmt(x)}" y="{top - 6}" width="{fmt(w)}" height="{fmt(height - top)}"/>')
    for x in axis.starts[1:]:
        out.append(f'<text class="break" x="{fmt(x - axis.BREAK / 2)}" y="{top - 10}" text-anchor="middle">≈</text>')
    for x, label, major in axis.ticks():
        out.append(f'<line class="tick{" major" if major else ""}" x1="{fmt(x)}" x2="{fmt(x)}" y1="{top - 8}" '
                   f'y2="{fmt(height - 6)}"/>')
        out.append(f'<text class="tick-label" x="{fmt(x + 2)}" y="{top - 14}">{escape(label)}</text>')
    y = top
    for (_, _, label, event, bars), row_height in zip(rows, heights, strict=True):
        type_iri = kb.event_type(event) or ""
        index, colour = colours[type_iri]
        type_label = kb.class_label(type_iri) if type_iri else "event"
        filtered = merged([account_row(site, bar.account) for bar in bars]).attributes()
        out.append(f'<g class="row type-{index}" data-type="{index}"{filtered}>')
        out.append(f'<rect class="stripe" x="0" y="{y}" width="{fmt(width)}" height="{row_height}"/>')
        out.append(f'<a href="{escape(site.link(here, event))}"><text class="row-label" x="4" y="{y + 15}">'
                   f'{escape(truncate(label, 52))}<title>{escape(label)} ({escape(type_label)})</title></text></a>')
        for position, bar in enumerate(bars):
            x1, x2 = axis.x(bar.start), axis.x(bar.end)
            fill = f"url(#fade-in-{index})" if bar.open_start else f"url(#fade-out-{index})" if bar.open_end else colour
            account = bar.account
            article = site.article_by_id(account.article)
            when = kb.date_text(account.earliest, account.latest, account.precision)
            outcomes = "; ".join(plain(kb.describe_outcome(o)) for o in account.outcomes)
            title = f"{label} — {type_label}\n{article.name if article else account.article}: {when}"
            if outcomes:
                title += f"\n{outcomes}"
            target = site.link(here, event, f"account-{account.article}")
            out.append(
                f'<a class="bar" href="{escape(target)}"><rect x="{fmt(x1)}" y="{y + 5 + position * 13}" '
                f'width="{fmt(max(x2 - x1, 3))}" height="10" rx="2" fill="{fill}" '
                f'data-precision="{escape(kb.label(account.precision) if account.precision else "")}">'
                f'<title>{escape(title)}</title></rect></a>'
            )
        out.append("</g>")
        y += row_height
    out.append("</svg>")
    return Markup("\n".join(out))
