"""The map page, and the small map of an entity's page: which places go on them, how big, and which
events each lists (the drawing itself is `kb.site.map_chart`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from kb.readmodel import Account, Entity, local_name
from kb.site.context import Site
from kb.site.map_chart import PLACE_COLOURS, Marker, map_svg, view
from kb.site.paths import safe_slug
from kb.site.rendering import render_page

MAP_WIDTH, SMALL_WIDTH = 1000, 320


@dataclass(frozen=True)
class PlaceEvents:
    """A marker's places and, by event (in date order), each article's account reported there."""

    marker: Marker
    events: list[tuple[str, list[Account]]]


def _kind(entity: Entity) -> str:
    return next((local_name(t) for t in entity.types if local_name(t) in PLACE_COLOURS), "Settlement")


def events_at(site: Site) -> dict[str, dict[str, list[Account]]]:
    """For each place, the events reported there and the accounts that place them there."""
    found: dict[str, dict[str, list[Account]]] = defaultdict(lambda: defaultdict(list))
    for event, accounts in site.kb.accounts.items():
        for account in accounts:
            for place in account.places:
                found[place][event].append(account)
    return found


def markers(site: Site) -> tuple[list[PlaceEvents], list[str]]:
    """The markers of every located place but the states (drawn as borders), places given the same
    point sharing one; and the places where events are reported that have no point."""
    kb = site.kb
    at = events_at(site)
    groups: dict[tuple[float, float], list[Entity]] = defaultdict(list)
    for entity in kb.entities.values():
        if entity.point is not None and KB_STATE not in entity.types:
            groups[(entity.point.lat, entity.point.long)].append(entity)
    found = []
    for (lat, long), places in sorted(groups.items(), key=lambda item: sorted(e.label for e in item[1])):
        places.sort(key=lambda e: (e.label.lower(), e.id))
        events: dict[str, list[Account]] = defaultdict(list)
        for place in places:
            for event, accounts in at.get(place.iri, {}).items():
                events[event] += [a for a in accounts if a not in events[event]]
        ordered = sorted(events.items(), key=lambda item: (min(a.latest or a.earliest or "9999" for a in item[1]),
                                                         kb.label(item[0]), item[0]))
        marker = Marker(lat, long, places, _kind(places[0]), len(events), "at-" + safe_slug(places[0].id),
                        all(p.point.approximate for p in places))
        found.append(PlaceEvents(marker, ordered))
    unlocated = sorted((p for p in at if p in kb.entities and kb.entities[p].point is None),
                       key=lambda p: (kb.label(p).lower(), p))
    return found, unlocated


KB_STATE = "https://w3id.org/conflict-news-kb/ontology#State"


def map_page(site: Site) -> str:
    """The map page: an overview of every located place and a closer view around the place where
    most events are reported, each point listing its events and their reports."""
    kb = site.kb
    here = "map.html"
    places, unlocated = markers(site)
    lines = tuple(e for e in kb.entities.values() if e.line is not None)
    drawn = [p.marker for p in places]
    views = []
    if drawn:
        def link(marker: Marker) -> str:
            return f"#{marker.anchor}"

        points = [(m.lat, m.long) for m in drawn] + [pt for e in lines for pt in e.line.points]
        views.append(("Every place located", map_svg(drawn, view(points, 0.05), MAP_WIDTH, "Map of every place located",
                                                     link, lines=lines)))
        busiest = max(drawn, key=lambda m: (m.events, m.anchor))
        near = [m for m in drawn if abs(m.lat - busiest.lat) <= 2 and abs(m.long - busiest.long) <= 2]
        if len(near) < len(drawn):
            views.append((f"Around {busiest.places[0].label}",
                          map_svg(near, view([(m.lat, m.long) for m in near], 0.25, 2.0), MAP_WIDTH,
                                  f"Map around {busiest.places[0].label}", link, lines=lines)))
    kinds = sorted({m.kind for m in drawn})
    return render_page("map.html.j2", site, here, views=views, places=places, unlocated=unlocated,
                       events_at=events_at(site), legend=[(k, PLACE_COLOURS[k]) for k in kinds])


def small_map(site: Site, iri: str) -> Markup:
    """The small map of a place's page (its point or line, around it), or of an event's page (the
    located places it is reported at); empty when there is nothing to draw."""
    kb = site.kb
    entity = kb.entities[iri]
    places = [entity] if (entity.point or entity.line) else [
        kb.entities[p] for a in kb.accounts.get(iri, []) for p in a.places
        if p in kb.entities and kb.entities[p].point is not None]
    places = sorted({p.iri: p for p in places}.values(), key=lambda p: p.iri)
    if not places:
        return Markup("")
    shown = [Marker(p.point.lat, p.point.long, [p], _kind(p), 1, "at-" + safe_slug(p.id), p.point.approximate)
             for p in places if p.point is not None]
    lines = tuple(p for p in places if p.line is not None)
    points = [(m.lat, m.long) for m in shown] + [pt for p in lines for pt in p.line.points]
    return map_svg(shown, view(points, 0.3, 3.0), SMALL_WIDTH, f"Map of {entity.label}", css="map small", lines=lines)
