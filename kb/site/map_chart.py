"""Maps drawn as inline SVG when the site is generated: the states' borders from the shipped border
data (`kb.geodata`), places as points sized by the events reported there, lines for borders and roads.

The projection is equirectangular, scaled by the cosine of the view's middle latitude, so that a
regional map keeps its shapes; every coordinate is computed here, rounded to a tenth of a pixel, so
the same knowledge base gives the same drawing. Nothing is fetched: no tiles, no other host.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

from kb.geodata import countries
from kb.readmodel import Entity
from kb.site.svg import fmt, truncate

PLACE_COLOURS = {
    "Settlement": "#d62728", "Facility": "#9467bd", "AdministrativeArea": "#ff7f0e", "Region": "#2ca02c",
    "Zone": "#17becf", "Route": "#8c564b", "State": "#7f7f7f",
}
"""A colour per kind of place (the local name of its class)."""

Bounds = tuple[float, float, float, float]  # west, south, east, north


@dataclass
class Marker:
    """A point of the map: the places at it (one, or several given the same point), the events
    reported at them, and the fragment id of the list of those events."""

    lat: float
    long: float
    places: list[Entity]
    kind: str  # the first place's kind, for its colour
    events: int
    anchor: str
    approximate: bool = False


class Projection:
    """Degrees to pixels for a view (`bounds`) drawn `width` pixels wide."""

    def __init__(self, bounds: Bounds, width: float):
        west, south, east, north = bounds
        self.bounds = bounds
        self.kx = math.cos(math.radians((south + north) / 2))
        self.scale = width / max((east - west) * self.kx, 1e-6)
        self.width = width
        self.height = (north - south) * self.scale

    def xy(self, long: float, lat: float) -> tuple[float, float]:
        """The pixel of a point, from the view's top left."""
        west, _, _, north = self.bounds
        return (long - west) * self.kx * self.scale, (north - lat) * self.scale


def view(points: list[tuple[float, float]], margin: float = 0.15, least: float = 1.0) -> Bounds:
    """A view around (lat, long) points: their box widened by `margin` of its size on each side, and
    at least `least` degrees across."""
    lats, longs = [p[0] for p in points], [p[1] for p in points]
    south, north, west, east = min(lats), max(lats), min(longs), max(longs)
    pad_y = max((north - south) * margin, (least - (north - south)) / 2, 0.2)
    pad_x = max((east - west) * margin, (least - (east - west)) / 2, 0.2)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def _overlaps(a: Bounds, b: Bounds) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def border_paths(projection: Projection) -> list[tuple[str, str]]:
    """(country name, SVG path) of every country ring that reaches the view, points closer than
    half a pixel merged."""
    paths = []
    for country in countries():
        parts = []
        for polygon in country.polygons:
            for ring in polygon:
                xs, ys = [x for x, _ in ring], [y for _, y in ring]
                if not _overlaps((min(xs), min(ys), max(xs), max(ys)), projection.bounds):
                    continue
                points, last = [], None
                for long, lat in ring:
                    x, y = projection.xy(long, lat)
                    if last is None or abs(x - last[0]) + abs(y - last[1]) >= 0.5:
                        points.append((x, y))
                        last = (x, y)
                if len(points) > 2:
                    parts.append("M" + " L".join(f"{fmt(x)} {fmt(y)}" for x, y in points) + " Z")
        if parts:
            paths.append((country.name, " ".join(parts)))
    return paths


def radius(events: int) -> float:
    """A marker's radius: its area grows with the events reported there."""
    return 4 + 3 * math.sqrt(events)


def map_svg(markers: list[Marker], bounds: Bounds, width: float, label: str, link=None,
            css: str = "map", lines: tuple[Entity, ...] = ()) -> Markup:
    """The map of a view: borders, then lines, then markers (largest first, so small ones stay on top).

    `link(marker)` gives a marker's link (its events' list), or None for markers that are not links.
    """
    projection = Projection(bounds, width)
    height = projection.height
    out = [f'<svg class="{css}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {fmt(width)} {fmt(height)}" '
           f'width="{fmt(width)}" height="{fmt(height)}" role="img" aria-label="{escape(label)}">',
           f'<rect class="sea" width="{fmt(width)}" height="{fmt(height)}"/>']
    for name, path in border_paths(projection):
        out.append(f'<path class="country" d="{path}"><title>{escape(name)}</title></path>')
    for entity in sorted(lines, key=lambda e: e.iri):
        points = " ".join(f"{fmt(x)},{fmt(y)}" for x, y in (projection.xy(lon, lat) for lat, lon in entity.line.points))
        out.append(f'<polyline class="line{" approximate" if entity.line.approximate else ""}" points="{points}">'
                   f'<title>{escape(entity.label)}</title></polyline>')
    labels = []
    for marker in sorted(markers, key=lambda m: (-m.events, m.anchor)):
        x, y = projection.xy(marker.long, marker.lat)
        if not (0 <= x <= width and 0 <= y <= height):
            continue
        names = ", ".join(p.label for p in marker.places)
        title = f"{names}: {marker.events} event{'s' if marker.events != 1 else ''} reported"
        circle = (f'<circle class="point{" approximate" if marker.approximate else ""}" cx="{fmt(x)}" cy="{fmt(y)}" '
                  f'r="{fmt(radius(marker.events))}" fill="{PLACE_COLOURS.get(marker.kind, "#555")}" '
                  f'data-place="{escape(marker.anchor)}" data-events="{marker.events}"><title>{escape(title)}</title></circle>')
        target = link(marker) if link else None
        out.append(f'<a class="place" href="{escape(target)}" data-place="{escape(marker.anchor)}">{circle}</a>'
                   if target else circle)
        labels.append((x + radius(marker.events) + 3, y + 4, truncate(names, 56)))
    if len(labels) <= 30:  # names on a map with room for them; the points' titles name them anyway
        for x, y, text in sorted(labels):
            out.append(f'<text class="place-label" x="{fmt(x)}" y="{fmt(y)}">{escape(text)}</text>')
    out.append("</svg>")
    return Markup("\n".join(out))
