"""The actors' network, drawn as inline SVG when the site is generated: a node per actor or agreement,
an arrow per kind of link between two of them, laid out by a force simulation.

The layout is computed here, deterministically (positions seeded by each node's IRI, only arithmetic
that is exactly rounded), so the same knowledge base gives the same drawing; the page's script only
adds filtering and highlighting.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from kb.readmodel import EDGE_KINDS, KB_NS, Edge
from kb.site.context import Site
from kb.site.svg import fmt, truncate

EDGE_COLOURS = {
    "party": "#4e79a7", "signatory": "#76b7b2", "violation": "#e15759", "denies": "#b07aa1",
    "contradicts": "#f28e2b", "backedBy": "#59a14f", "allyOf": "#9c755f",
}
NODE_COLOURS = {
    "Person": "#f28e2b", "State": "#4e79a7", "GovernmentBody": "#76b7b2", "ArmedForce": "#e15759",
    "ArmedGroup": "#b07aa1", "MediaOutlet": "#bab0ac", "Agreement": "#59a14f",
}


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
    """The nodes (IRIs, sorted) and the links to draw: one per kind, source and target, sorted."""
    groups: dict[tuple[str, str, str], list[Edge]] = defaultdict(list)
    for edge in site.kb.edges:
        groups[(edge.kind, edge.source, edge.target)].append(edge)
    drawn = [Drawn(kind, source, target, edges) for (kind, source, target), edges in sorted(groups.items())]
    nodes = sorted({n for d in drawn for n in (d.source, d.target)})
    return nodes, drawn


def node_kind(site: Site, iri: str) -> str:
    """The class a node is coloured by (a key of NODE_COLOURS: its first such class), else `Other`."""
    entity = site.kb.entities.get(iri)
    for t in entity.types if entity else []:
        name = t[len(KB_NS):] if t.startswith(KB_NS) else ""
        if name in NODE_COLOURS:
            return name
    return "Other"


def network_svg(site: Site, here: str) -> Markup:
    """The network for the page `here`: its nodes linked to their pages, its links to their evidence;
    empty when no actors are linked."""
    kb = site.kb
    nodes, drawn = network_parts(site)
    if not nodes:
        return Markup("")
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
                f'<a class="edge kind-{d.kind}" href="{escape(site.edge_link(here, first))}" data-kind="{d.kind}" '
                f'data-source="{ids[d.source]}" data-target="{ids[d.target]}">'
                f'<path d="M{fmt(x1)},{fmt(y1)} Q{fmt(mx)},{fmt(my)} {fmt(ex)},{fmt(ey)}" '
                f'stroke="{EDGE_COLOURS[d.kind]}" stroke-width="{fmt(1.4 + 0.6 * min(len(d.edges), 5))}"{arrow}>'
                f'<title>{escape(title)}</title></path></a>'
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
            f'<a class="node" id="{ids[n]}" href="{escape(site.link(here, n))}" data-kind="{kind}">{shape}'
            f'<text x="{fmt(x + r + 3)}" y="{fmt(y + 4)}">{escape(truncate(label, 30))}</text>'
            f'<title>{escape(label)} ({escape(kb.class_label(KB_NS + kind) if kind != "Other" else "entity")})</title></a>'
        )
    out.append("</g>")
    out.append("</svg>")
    return Markup("\n".join(out))
