"""The events as ACLED's table: one row per report of an event, in ACLED's columns and codes.

ACLED's analysts load a CSV of events a week; this gives them the knowledge base in that shape, from
the read model (`kb.readmodel`). Unlike ACLED, which merges the reports of an event into one row,
each article's account is a row of its own, so sources that disagree on a date, a place or a death
toll stay side by side; the last two columns give the event's and the article's IRIs.

How each column is filled (`docs/acled.md` says it for analysts):

- `event_type`, `sub_event_type`: the event type's closest match among ACLED's sub-event types in
  `ontology/alignments.ttl` (exact, then close, broad, narrow); a capture is "Government regains
  territory" when a state's forces take the place, else "Non-state actor overtakes territory". An
  event whose type has no ACLED counterpart (a displacement, a call, a meeting, a visit, a legal
  designation) is left out: the ontology says why (`kb:noAcledMatch`).
- `event_date`, `time_precision`: the day (precision 1); for a range of up to 7 days its middle day
  (2); for a longer range, a month or a one-sided date, its middle or its known end (3).
- `location`, `latitude`, `longitude`, `geo_precision`: the most precise place of the account that
  has a point: a settlement or facility (1, or 2 when its point is approximate), else an area (3).
  `country` and `admin1` follow the containment the articles state.
- `actor1` and `assoc_actor_1`: the agents (then supporters), or the participants when there are no
  agents; `actor2` and `assoc_actor_2`: the targets. `source`: the publisher, and the byline's outlet.
- `fatalities`: the people the account reports killed (its counts added up); empty when it reports
  deaths without a number, 0 when it reports none. `source_scale` and `admin2` stay empty: the
  registry does not record an outlet's scale or second-level areas.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta

from kb.readmodel import Account, Knowledge, plain
from kb.vocabulary import KB_NS, article_iri

COLUMNS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
    "assoc_actor_2", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "event_iri", "article_iri",
)
"""ACLED's columns (those the knowledge base can fill), then the event's and the article's IRIs."""

STATE_FORCES = {KB_NS + name for name in ("State", "ArmedForce", "GovernmentBody")}
GOVERNMENT_CAPTURE = "Government regains territory"
POINT_PLACES = {KB_NS + "Settlement", KB_NS + "Facility"}


@dataclass(frozen=True)
class AcledType:
    """An ACLED event type and sub-event type, and how closely the event's type matches it."""

    event_type: str
    sub_event_type: str
    match: str


def acled_type(kb: Knowledge, account: Account) -> AcledType | None:
    """ACLED's type for one account of an event, or None when its type has no ACLED counterpart."""
    candidates = kb.codes(kb.event_type(account.event), "acled")
    if not candidates:
        return None
    closest = [c for c in candidates if c.match == candidates[0].match]
    if len(closest) > 1:  # ACLED tells captures apart by who takes the place
        by_state = any(t in STATE_FORCES for agent in account.agents for t in kb.entities.get(agent, _NONE).types)
        closest.sort(key=lambda c: (c.name == GOVERNMENT_CAPTURE) != by_state)
    chosen = closest[0]
    return AcledType(chosen.parent or "", chosen.name, chosen.match)


class _None:
    types: list = []


_NONE = _None()


def event_date(account: Account) -> tuple[str, str]:
    """(`event_date` as YYYY-MM-DD, `time_precision`) of an account; ("", "") when it is undated."""
    first = date.fromisoformat(account.earliest[:10]) if account.earliest else None
    last = date.fromisoformat(account.latest[:10]) if account.latest else None
    if first is None and last is None:
        return "", ""
    if first is None or last is None:
        return (first or last).isoformat(), "3"
    if first == last:
        return first.isoformat(), "1"
    middle = first + timedelta(days=(last - first).days // 2)
    return middle.isoformat(), "2" if (last - first).days < 7 else "3"


def _labels(kb: Knowledge, iris: list[str]) -> list[str]:
    return sorted(kb.label(iri) for iri in iris)


def _location(kb: Knowledge, account: Account) -> dict[str, str]:
    located = [kb.entities[p] for p in account.places if p in kb.entities and kb.entities[p].point]
    located.sort(key=lambda e: (not (set(e.types) & POINT_PLACES), e.point.approximate, e.label))
    cells = {"location": "", "latitude": "", "longitude": "", "geo_precision": "", "country": "", "admin1": ""}
    place = located[0].iri if located else (sorted(account.places, key=kb.label)[0] if account.places else None)
    if place is None:
        return cells
    cells["location"] = kb.label(place)
    if located:
        entity = located[0]
        precise = bool(set(entity.types) & POINT_PLACES)
        cells.update(latitude=f"{entity.point.lat}", longitude=f"{entity.point.long}",
                     geo_precision="3" if not precise else "2" if entity.point.approximate else "1")
    state = kb.state_of(place)
    cells["country"] = kb.label(state) if state else ""
    areas = [p for p in [place] + kb.containers(place)
             if KB_NS + "AdministrativeArea" in kb.entities.get(p, _NONE).types]
    if located and len(areas) > 1:  # a zone across provinces: the province nearest its point
        areas.sort(key=lambda p: _distance(located[0].point, kb.entities[p].point))
    cells["admin1"] = kb.label(areas[0]) if areas else ""
    return cells


def _distance(a, b) -> float:
    if a is None or b is None:
        return float("inf")
    return (a.lat - b.lat) ** 2 + (a.long - b.long) ** 2


def _fatalities(kb: Knowledge, account: Account) -> str:
    killed = [o for o in account.outcomes if o.kind == KB_NS + "Killed"]
    counts = [int(o.count) for o in killed if o.count is not None]
    if killed and not counts:
        return ""
    return str(sum(counts))


def _notes(kb: Knowledge, account: Account, location: str) -> str:
    parts = [kb.label(account.event)]
    if account.according_to:
        parts.append("According to " + ", ".join(_labels(kb, account.according_to)))
    outcomes = [plain(kb.describe_outcome(o)) for o in account.outcomes]
    if outcomes:
        parts.append("Reported: " + "; ".join(outcomes))
    others = [label for label in _labels(kb, account.places) if label != location]
    if others:
        parts.append("Also at: " + ", ".join(others))
    return ". ".join(parts) + "."


def rows(kb: Knowledge) -> list[dict[str, str]]:
    """Every report of an event that ACLED has a type for, as a row of `COLUMNS`, sorted by date, event, article."""
    found = []
    for event, accounts in kb.accounts.items():
        for account in accounts:
            kind = acled_type(kb, account)
            if kind is None:
                continue
            article = kb.articles.get(str(article_iri(account.article)))
            agents = account.agents or account.participants[:1]
            others = [] if account.agents else account.participants[1:]
            targets = account.targets or others[:1]
            when, precision = event_date(account)
            location = _location(kb, account)
            sources = [kb.label(article.publisher)] if article and article.publisher else []
            if article and article.author and article.author != article.publisher:
                sources.append(kb.label(article.author))
            row = {
                "event_date": when, "time_precision": precision,
                "event_type": kind.event_type, "sub_event_type": kind.sub_event_type,
                "actor1": kb.label(agents[0]) if agents else "",
                "assoc_actor_1": "; ".join(_labels(kb, agents[1:]) + _labels(kb, account.supporters)),
                "actor2": kb.label(targets[0]) if targets else "",
                "assoc_actor_2": "; ".join(_labels(kb, targets[1:] + (others[1:] if not account.targets else []))),
                "admin2": "", "source": "; ".join(sources), "source_scale": "",
                "notes": _notes(kb, account, location["location"]), "fatalities": _fatalities(kb, account),
                "event_iri": event, "article_iri": article.iri if article else account.article,
                **location,
            }
            found.append(row)
    found.sort(key=lambda r: (r["event_date"] or "9999", r["event_iri"], r["article_iri"]))
    return found


def to_csv(table: list[dict[str, str]]) -> bytes:
    """The rows as CSV with a header line, UTF-8, lines ending CRLF as RFC 4180 has them."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue().encode("utf-8")


def acled_csv(build_dir) -> bytes:
    """The ACLED-shaped CSV of the knowledge base built in `build_dir`.

    Raises `kb.errors.StoreError` when there is no build there, `kb.errors.QueryError` when a query fails.
    """
    return to_csv(rows(Knowledge.open(build_dir)))
