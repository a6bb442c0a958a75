"""Events and casualties over time, per source, drawn as inline SVG: a row per source (the reporting
article's publisher), a tick per event it reports at the event's date, and a circle whose area grows
with the people it reports killed or injured there. The time axis is the timeline's (`BrokenAxis`)."""

from __future__ import annotations

import math
from collections import defaultdict

from markupsafe import Markup, escape

from kb.readmodel import Account
from kb.site.context import Site
from kb.site.svg import fmt, truncate
from kb.site.timeline_chart import BrokenAxis, account_bar, type_colours
from kb.vocabulary import KB_NS

HURT = (KB_NS + "Killed", KB_NS + "Injured")


def source_of(site: Site, account: Account) -> str:
    """Who reports an account: the article's publisher, else the article's name."""
    article = site.article_by_id(account.article)
    if article is not None and article.publisher:
        return site.kb.label(article.publisher)
    return article.name if article else account.article


def casualties(account: Account) -> int:
    """The people an account reports killed or injured, counts added up."""
    return sum(int(o.count) for o in account.outcomes if o.kind in HURT and o.count is not None)


def activity_svg(site: Site, here: str) -> Markup:
    """The chart for the page `here`; empty when no account is dated."""
    kb = site.kb
    colours = type_colours(site)
    by_source: dict[str, list] = defaultdict(list)
    for event, accounts in kb.accounts.items():
        for account in accounts:
            bar = account_bar(account)
            if bar is not None:
                by_source[source_of(site, account)].append(((bar.start + bar.end - 1) / 2, account))
    if not by_source:
        return Markup("")
    label_width, plot_width, top, row_height = 170, 900, 34, 44
    axis = BrokenAxis([day for marks in by_source.values() for day, _ in marks], label_width + 12, plot_width)
    width, height = axis.end + 16, top + row_height * len(by_source) + 8
    out = [f'<svg class="activity" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}" '
           f'width="{fmt(width)}" height="{fmt(height)}" role="img" aria-label="Events and casualties over time, per source">']
    for x, w in zip(axis.starts, axis.widths, strict=True):
        out.append(f'<rect class="segment" x="{fmt(x)}" y="{top - 6}" width="{fmt(w)}" height="{fmt(height - top)}"/>')
    for x, label, major in axis.ticks():
        out.append(f'<line class="tick{" major" if major else ""}" x1="{fmt(x)}" x2="{fmt(x)}" y1="{top - 8}" y2="{fmt(height - 4)}"/>')
        out.append(f'<text class="tick-label" x="{fmt(x + 2)}" y="{top - 12}">{escape(label)}</text>')
    for row, source in enumerate(sorted(by_source, key=str.lower)):
        y = top + row * row_height
        marks = sorted(by_source[source], key=lambda m: (m[0], m[1].event))
        hurt = sum(casualties(a) for _, a in marks)
        out.append(f'<g class="source" data-source="{escape(source)}">')
        out.append(f'<text class="row-label" x="4" y="{y + 18}">{escape(truncate(source, 24))}</text>')
        out.append(f'<text class="row-note" x="4" y="{y + 32}">{len(marks)} reports, {hurt} killed or injured</text>')
        for day, account in marks:
            x = axis.x(day)
            colour = colours.get(kb.event_type(account.event) or "", (0, "#79706e"))[1]
            title = escape(f"{kb.label(account.event)} — {kb.date_text(account.earliest, account.latest, account.precision)}")
            out.append(f'<a href="{escape(site.link(here, account.event, f"account-{account.article}"))}">'
                       f'<line class="report" x1="{fmt(x)}" x2="{fmt(x)}" y1="{y + 4}" y2="{y + 16}" stroke="{colour}">'
                       f'<title>{title}</title></line></a>')
            count = casualties(account)
            if count:
                out.append(f'<circle class="casualties" cx="{fmt(x)}" cy="{y + 28}" r="{fmt(2 + 2 * math.sqrt(count))}">'
                           f'<title>{title}: {count} killed or injured</title></circle>')
        out.append("</g>")
    out.append("</svg>")
    return Markup("\n".join(out))
