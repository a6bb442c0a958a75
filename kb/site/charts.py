"""The timeline and the actors' network, drawn as inline SVG when the site is generated.

Layouts are computed here, deterministically (sorted inputs, no randomness, only arithmetic that is
exactly rounded), so the same knowledge base gives the same drawing; the page's script only adds
filtering and highlighting.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from kb.readmodel import EDGE_KINDS, KB_NS, Account, Edge, plain
from kb.site.context import Site
from kb.site.html import esc

PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#79706e", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#aec7e8", "#ffbb78",
)
EDGE_COLOURS = {
    "party": "#4e79a7", "signatory": "#76b7b2", "violation": "#e15759", "denies": "#b07aa1",
    "contradicts": "#f28e2b", "backedBy": "#59a14f", "allyOf": "#9c755f",
}
NODE_COLOURS = {
    "Person": "#f28e2b", "State": "#4e79a7", "GovernmentBody": "#76b7b2", "ArmedForce": "#e15759",
    "ArmedGroup": "#b07aa1", "MediaOutlet": "#bab0ac", "Agreement": "#59a14f",
}
OPEN_DAYS = 10  # how far an open-ended date (on or before, on or after) is drawn, fading out


def fmt(value: float) -> str:
    """A coordinate with one decimal, without a trailing .0 (stable text for identical files)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- the timeline ---


@dataclass
class Bar:
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


def timeline_svg(site: Site, here: str) -> str:
    kb = site.kb
    colours = type_colours(site)
    rows = []
    for event, accounts in kb.accounts.items():
        bars = [bar for bar in (account_bar(a) for a in accounts) if bar is not None]
        if bars:
            rows.append((min(b.start for b in bars), min(b.end for b in bars), kb.label(event), event, bars))
    rows.sort()
    if not rows:
        return '<p class="empty">No dated events.</p>'
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
        out.append(f'<text class="tick-label" x="{fmt(x + 2)}" y="{top - 14}">{esc(label)}</text>')
    y = top
    for (_, _, label, event, bars), row_height in zip(rows, heights, strict=True):
        type_iri = kb.event_type(event) or ""
        index, colour = colours[type_iri]
        type_label = kb.class_label(type_iri) if type_iri else "event"
        out.append(f'<g class="row type-{index}" data-type="{index}">')
        out.append(f'<rect class="stripe" x="0" y="{y}" width="{fmt(width)}" height="{row_height}"/>')
        out.append(f'<a href="{esc(site.link(here, event))}"><text class="row-label" x="4" y="{y + 15}">'
                   f'{esc(truncate(label, 52))}<title>{esc(label)} ({esc(type_label)})</title></text></a>')
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
                f'<a class="bar" href="{esc(target)}"><rect x="{fmt(x1)}" y="{y + 5 + position * 13}" '
                f'width="{fmt(max(x2 - x1, 3))}" height="10" rx="2" fill="{fill}" '
                f'data-precision="{esc(kb.label(account.precision) if account.precision else "")}">'
                f'<title>{esc(title)}</title></rect></a>'
            )
        out.append("</g>")
        y += row_height
    out.append("</svg>")
    return "\n".join(out)


# --- the network ---


@dataclass
class Drawn:
    """One drawn link between two nodes, standing for every edge of its kind between them."""

    kind: str
    source: str
    target: str
    edges: list[Edge]


def _seeded(iri: str) -> tuple[float, float]:
    digest = hashlib.sha256(iri.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32, int.from_bytes(digest[4:8], "big") / 2**32


def force_layout(nodes: list[str], links: list[tuple[str, str]], width: float, height: float,
                 iterations: int = 400) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold, from positions seeded by each node's IRI: the same graph always gives
    the same layout (only +, -, *, / and sqrt, which are exactly rounded everywhere)."""
    if not nodes:
        return {}
    pos = {n: [width * (0.1 + 0.8 * a), height * (0.1 + 0.8 * b)] for n, (a, b) in ((n, _seeded(n)) for n in nodes)}
    k = math.sqrt(width * height / len(nodes)) * 0.62
    cx, cy = width / 2, height / 2
    pairs = sorted({tuple(sorted(link)) for link in links if link[0] != link[1]})
    for step in range(iterations):
        disp = {n: [0.0, 0.0] for n in nodes}
        for i, a in enumerate(nodes):
            pa = pos[a]
            for b in nodes[i + 1:]:
                pb = pos[b]
                dx, dy = pa[0] - pb[0], pa[1] - pb[1]
                dist = math.sqrt(dx * dx + dy * dy) or 0.01
                force = k * k / dist
                fx, fy = dx / dist * force, dy / dist * force
                disp[a][0] += fx
                disp[a][1] += fy
                disp[b][0] -= fx
                disp[b][1] -= fy
        for a, b in pairs:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.sqrt(dx * dx + dy * dy) or 0.01
            force = dist * dist / k
            fx, fy = dx / dist * force, dy / dist * force
            disp[a][0] -= fx
            disp[a][1] -= fy
            disp[b][0] += fx
            disp[b][1] += fy
        temperature = width / 10 * (1 - step / iterations) + 0.5
        for n in nodes:
            d = disp[n]
            d[0] += (cx - pos[n][0]) * 0.06 * k / 50  # a little gravity keeps the parts together
            d[1] += (cy - pos[n][1]) * 0.06 * k / 50
            length = math.sqrt(d[0] * d[0] + d[1] * d[1]) or 0.01
            moved = min(length, temperature)
            pos[n][0] += d[0] / length * moved
            pos[n][1] += d[1] / length * moved
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    margin_x, margin_y = 110, 40
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {n: (margin_x + (p[0] - min(xs)) / span_x * (width - 2 * margin_x),
                margin_y + (p[1] - min(ys)) / span_y * (height - 2 * margin_y)) for n, p in pos.items()}


def network_parts(site: Site) -> tuple[list[str], list[Drawn]]:
    groups: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for edge in site.kb.edges:
        groups[(edge.kind, edge.source, edge.target)].append(edge)
    drawn = [Drawn(kind, source, target, edges) for (kind, source, target), edges in sorted(groups.items())]
    nodes = sorted({n for d in drawn for n in (d.source, d.target)})
    return nodes, drawn


def node_kind(site: Site, iri: str) -> str:
    entity = site.kb.entities.get(iri)
    for t in entity.types if entity else []:
        name = t[len(KB_NS):] if t.startswith(KB_NS) else ""
        if name in NODE_COLOURS:
            return name
    return "Other"


def network_svg(site: Site, here: str) -> str:
    kb = site.kb
    nodes, drawn = network_parts(site)
    if not nodes:
        return '<p class="empty">No links between actors.</p>'
    width, height = 1000.0, 720.0
    pos = force_layout(nodes, [(d.source, d.target) for d in drawn], width, height)
    degree: dict[str, int] = defaultdict(int)
    for d in drawn:
        degree[d.source] += 1
        degree[d.target] += 1
    radius = {n: 5 + 2.2 * math.sqrt(degree[n]) for n in nodes}
    ids = {n: f"n{index}" for index, n in enumerate(nodes)}
    out = [f'<svg class="network" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}" '
           f'width="{fmt(width)}" height="{fmt(height)}" role="img" aria-label="Network of actors">', "<defs>"]
    for kind, colour in EDGE_COLOURS.items():
        out.append(f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
                   f'markerWidth="11" markerHeight="11" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    # links between the same two nodes are bent apart
    between: dict[tuple[str, str], list[Drawn]] = defaultdict(list)
    for d in drawn:
        between[tuple(sorted((d.source, d.target)))].append(d)
    out.append('<g class="edges">')
    for (a, b), items in sorted(between.items()):
        for position, d in enumerate(items):
            (x1, y1), (x2, y2) = pos[d.source], pos[d.target]
            (ax, ay), (bx, by) = pos[a], pos[b]
            dx, dy = bx - ax, by - ay
            length = math.sqrt(dx * dx + dy * dy) or 1
            bend = (position - (len(items) - 1) / 2) * 34
            mx, my = (x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend
            # stop at the target's rim, so the arrowhead shows
            tx, ty = x2 - mx, y2 - my
            tl = math.sqrt(tx * tx + ty * ty) or 1
            r = radius[d.target] + 3
            ex, ey = x2 - tx / tl * r, y2 - ty / tl * r
            first = d.edges[0]
            sources = sorted({e.article for e in d.edges})
            title = f"{kb.label(d.source)} — {EDGE_KINDS[d.kind]} — {kb.label(d.target)}"
            title += f"\nreported in {len(sources)} article{'s' if len(sources) != 1 else ''}; click for the evidence"
            arrow = "" if d.kind == "allyOf" else f' marker-end="url(#arrow-{d.kind})"'
            out.append(
                f'<a class="edge kind-{d.kind}" href="{esc(site.edge_link(here, first))}" data-kind="{d.kind}" '
                f'data-source="{ids[d.source]}" data-target="{ids[d.target]}">'
                f'<path d="M{fmt(x1)},{fmt(y1)} Q{fmt(mx)},{fmt(my)} {fmt(ex)},{fmt(ey)}" '
                f'stroke="{EDGE_COLOURS[d.kind]}" stroke-width="{fmt(1.4 + 0.6 * min(len(d.edges), 5))}"{arrow}>'
                f'<title>{esc(title)}</title></path></a>'
            )
    out.append("</g>")
    out.append('<g class="nodes">')
    for n in nodes:
        x, y = pos[n]
        kind = node_kind(site, n)
        colour = NODE_COLOURS.get(kind, "#79706e")
        r = radius[n]
        shape = (f'<rect x="{fmt(x - r)}" y="{fmt(y - r)}" width="{fmt(2 * r)}" height="{fmt(2 * r)}" rx="3" '
                 f'fill="{colour}"/>' if kind == "Agreement" else
                 f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" fill="{colour}"/>')
        label = kb.label(n)
        out.append(
            f'<a class="node" id="{ids[n]}" href="{esc(site.link(here, n))}" data-kind="{kind}">{shape}'
            f'<text x="{fmt(x + r + 3)}" y="{fmt(y + 4)}">{esc(truncate(label, 30))}</text>'
            f'<title>{esc(label)} ({esc(kb.class_label(KB_NS + kind) if kind != "Other" else "entity")})</title></a>'
        )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
