"""Filters for the tables of events and claims: what each row is (its dates, actors, places and
type, as `data-` attributes the page's script filters on), and the choices the filter bar offers.

A row's places include the places that contain them, so choosing Idlib province keeps the events
at Saraqib. The script (`static/site.js`) hides the rows that do not match; nothing is reloaded."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from kb.readmodel import Account, Claim, local_name
from kb.site.context import Site


@dataclass(frozen=True)
class Row:
    """What the filters know of a row: its date range (ISO days, "" when open), entity ids, type."""

    start: str
    end: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    type: str

    def attributes(self) -> Markup:
        """The row's `data-` attributes, for its element."""
        values = {"data-start": self.start, "data-end": self.end, "data-actors": " ".join(self.actors),
                  "data-places": " ".join(self.places), "data-kind-of": self.type}
        return Markup(" data-row" + "".join(f' {name}="{escape(value)}"' for name, value in values.items()))


def _places(site: Site, places: list[str]) -> tuple[str, ...]:
    found = set(places)
    for place in places:
        found |= set(site.kb.containers(place))
    return tuple(sorted(local_name(p) for p in found if p in site.kb.entities))


def account_row(site: Site, account: Account) -> Row:
    """An event's account as a filtered row: its dates, every actor, its places, its event type."""
    actors = account.agents + account.targets + account.supporters + account.participants
    return Row(account.earliest or account.latest or "", account.latest or account.earliest or "",
               tuple(sorted({local_name(a) for a in actors})), _places(site, account.places),
               local_name(site.kb.event_type(account.event) or ""))


def claim_row(site: Site, claim: Claim) -> Row:
    """A claim as a filtered row: its dates, its claimant and the actors it is about, its places, its stance."""
    kb = site.kb
    about = [a for a in claim.about if a in kb.entities]
    actors = [claim.claimant] + [a for a in about if kb.entities[a].category == "Actors"]
    places = ([claim.place] if claim.place else []) + [a for a in about if kb.entities[a].category == "Places"]
    return Row(claim.earliest or claim.latest or "", claim.latest or claim.earliest or "",
               tuple(sorted({local_name(a) for a in actors})), _places(site, places), local_name(claim.stance or ""))


def merged(rows: list[Row]) -> Row:
    """One row standing for several (an event's line of the timeline): every date, actor, place."""
    starts = [r.start for r in rows if r.start]
    ends = [r.end for r in rows if r.end]
    return Row(min(starts, default=""), max(ends, default=""),
               tuple(sorted({a for r in rows for a in r.actors})), tuple(sorted({p for r in rows for p in r.places})),
               rows[0].type if rows else "")


def choices(site: Site, rows: list[Row]) -> dict[str, list[tuple[str, str]]]:
    """The filter bar's choices for these rows: (id, label) of every actor, place and type, by label."""
    kb = site.kb
    by_id = {local_name(iri): iri for iri in list(kb.entities) + list(kb.terms)}

    def labelled(ids: set[str]) -> list[tuple[str, str]]:
        return sorted(((i, kb.label(by_id[i]) if i in by_id else i) for i in ids if i), key=lambda p: (p[1].lower(), p[0]))

    return {"actor": labelled({a for r in rows for a in r.actors}),
            "place": labelled({p for r in rows for p in r.places}),
            "type": labelled({r.type for r in rows})}
