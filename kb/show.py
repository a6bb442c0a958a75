"""`kb show`: one entity in the terminal, found by id, IRI, label, alias or a name the articles use.

`show` returns an `EntityView` (plain data, also given as JSON); `EntityView.print` lays it out
with rich tables. Nothing here exits: an entity that cannot be found, or a name that fits several,
is an `InputError` whose message lists suggestions or the candidates.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kb.errors import InputError
from kb.readmodel import RES_NS, Knowledge, Lit, Quote, plain
from kb.vocabulary import KB


class UnknownEntity(InputError):
    """No entity has that id, IRI or name."""


class AmbiguousEntity(InputError):
    """Several entities have that name."""


@dataclass(frozen=True)
class Candidate:
    """An entity a name could mean: its IRI, and what the name matched."""

    iri: str
    how: str  # what matched: id, IRI, label, alias, or the name an article uses


def names(kb: Knowledge) -> list[tuple[str, str, str]]:
    """Every (name, entity IRI, kind of name) by which an entity can be asked for."""
    found = []
    for iri, entity in kb.entities.items():
        found.append((entity.id, iri, "id"))
        found.append((entity.label, iri, "label"))
        found += [(alias, iri, "alias") for alias in entity.aliases]
    found += [(m.form, m.entity, "name in an article") for m in kb.mentions if m.entity in kb.entities]
    return sorted(set(found))


def resolve(kb: Knowledge, text: str) -> str:
    """The IRI of the entity `text` names (an id, an IRI, or any label, alias or name, case-insensitively).

    Raises `UnknownEntity` (with suggestions) when nothing has that name, `AmbiguousEntity` (listing
    the candidates) when several entities have it.
    """
    wanted = text.strip()
    if re.match(r"^<?[a-z][a-z0-9+.-]*://", wanted):
        iri = wanted.strip("<>")
        if iri in kb.entities or iri in kb.claims:
            return iri
        raise UnknownEntity(f"no entity with the IRI {iri} in the knowledge base")
    if f"{RES_NS}entity/{wanted}" in kb.entities:
        return f"{RES_NS}entity/{wanted}"
    folded = wanted.casefold()
    matches: dict[str, set[str]] = {}
    for name, iri, how in names(kb):
        if name.casefold() == folded:
            matches.setdefault(iri, set()).add(how)
    if len(matches) == 1:
        return next(iter(matches))
    if matches:
        listed = "\n".join(
            f"  {kb.entities[iri].id:<36} {kb.entities[iri].label} ({kb.type_label(kb.entities[iri])}; "
            f"matched as {', '.join(sorted(matches[iri]))})" for iri in sorted(matches, key=lambda i: kb.entities[i].id))
        raise AmbiguousEntity(f"{text!r} names {len(matches)} entities; give one of their ids:\n{listed}")
    choices = {name.casefold(): (name, iri) for name, iri, _ in names(kb)}
    close = difflib.get_close_matches(folded, list(choices), n=5, cutoff=0.6)
    if not close:  # a part of a longer name
        close = [key for key in sorted(choices) if folded and folded in key][:5]
    hint = ""
    if close:
        seen, shown = set(), []
        for key in close:
            name, iri = choices[key]
            if iri not in seen:
                seen.add(iri)
                shown.append(f"{name} ({kb.entities[iri].id})" if name != kb.entities[iri].id else name)
        hint = "; did you mean " + ", ".join(shown) + "?"
    raise UnknownEntity(f"no entity named {text!r}{hint}")


def _ref(kb: Knowledge, iri: str) -> dict:
    return {"iri": iri, "label": kb.label(iri)}


def _node(kb: Knowledge, node) -> dict:
    if isinstance(node, Lit):
        return {"value": node.value}
    described = plain(kb.describe(node))
    return {"iri": node, "label": described}


def _quote(quote: Quote) -> dict:
    return {"article": quote.article, "start": quote.start, "end": quote.end, "text": quote.text}


@dataclass
class EntityView:
    """Everything known about one entity, as plain data."""

    data: dict

    def to_json(self) -> str:
        """The data as indented JSON (non-ASCII kept as is), ending with a newline."""
        return json.dumps(self.data, indent=2, ensure_ascii=False) + "\n"

    def print(self, console: Console) -> None:
        """Lay the data out on `console` as rich tables (see `render`)."""
        render(self.data, console)


def view(kb: Knowledge, iri: str) -> EntityView:
    """Everything `kb` holds about the entity or claim `iri` (a key of `kb.entities` or `kb.claims`, else
    `KeyError`): names, accounts of the event, statements, claims by or about it."""
    if iri in kb.claims:
        return EntityView(_claim_view(kb, iri))
    entity = kb.entities[iri]
    statements = []
    for position, fact in kb.facts_about(iri):
        statements.append({
            "article": fact.article, "position": position, "subject": _node(kb, fact.subject),
            "property": _ref(kb, fact.predicate), "object": _node(kb, fact.object),
            "text": " ".join((plain(kb.describe(fact.subject)), kb.label(fact.predicate), plain(kb.describe(fact.object)))),
            "note": fact.note, "quotes": [_quote(q) for q in fact.quotes],
        })
    claims = [_claim(kb, claim) | {"relation": relation} for relation, claim in kb.claims_involving(iri)]
    accounts = [{
        "article": a.article, "date": kb.date_text(a.earliest, a.latest, a.precision),
        "earliest": a.earliest, "latest": a.latest,
        "precision": kb.label(a.precision) if a.precision else None,
        "places": [_ref(kb, p) for p in a.places], "agents": [_ref(kb, p) for p in a.agents],
        "targets": [_ref(kb, p) for p in a.targets], "supporters": [_ref(kb, p) for p in a.supporters],
        "participants": [_ref(kb, p) for p in a.participants],
        "outcomes": [plain(kb.describe_outcome(o)) for o in a.outcomes],
        "quotes": [_quote(q) for q in a.quotes],
    } for a in kb.accounts.get(iri, [])]
    data = {
        "iri": iri, "id": entity.id, "label": entity.label,
        "types": [_ref(kb, t) for t in entity.types], "category": entity.category,
        "aliases": entity.aliases, "descriptions": entity.descriptions, "same_as": entity.same_as,
        "notes": entity.notes,
        "names_in_articles": [{"name": m.form, "article": m.article, "occurrences": m.occurrences}
                              for m in kb.mentions_of(iri)],
        "accounts": accounts,
        "statements": statements,
        "claims": claims,
    }
    return EntityView(data)


def _claim(kb: Knowledge, claim) -> dict:
    return {
        "iri": claim.iri, "claimant": _ref(kb, claim.claimant),
        "stance": kb.label(claim.stance) if claim.stance else None,
        "date": kb.date_text(claim.earliest, claim.latest, claim.precision),
        "said": claim.text, "direct": claim.direct, "about": [_ref(kb, a) for a in claim.about],
        "article": claim.article, "quotes": [_quote(q) for q in claim.quotes],
    }


def _claim_view(kb: Knowledge, iri: str) -> dict:
    claim = kb.claims[iri]
    data = {"iri": iri, "id": claim.id, "label": kb.label(iri), "types": [_ref(kb, str(KB.Claim))],
            "category": "Claims", "aliases": [], "descriptions": [], "same_as": [], "notes": claim.notes,
            "names_in_articles": [], "accounts": [], "statements": [],
            "claims": [_claim(kb, claim) | {"relation": "this claim"}]}
    return data


def show(build_dir: Path, entity: str) -> EntityView:
    """The view of the entity `entity` names (see `resolve`) in the knowledge base built in `build_dir`.

    Raises `kb.errors.StoreError` when there is no built store, and what `resolve` raises.
    """
    kb = Knowledge.open(build_dir)
    return view(kb, resolve(kb, entity))


# --- the terminal rendering ---


def _quotes(quotes: list[dict]) -> str:
    return "\n".join(f"“{q['text']}” [{q['start']}–{q['end']}]" for q in quotes)


def render(data: dict, console: Console) -> None:
    """Print an `EntityView`'s data on `console`: a heading, the names, then a table per kind of fact."""
    types = ", ".join(t["label"] for t in data["types"]) or "entity"
    console.print(Text.assemble((data["label"], "bold"), f"  ({types})"))
    console.print(Text(f"id {data['id']}   {data['iri']}", style="dim"))
    about = [(name, value) for name, value in (
        ("also called", ", ".join(data["aliases"])), ("description", " ".join(data["descriptions"])),
        ("same as", ", ".join(data["same_as"])), ("curator's note", " ".join(data["notes"]))) if value]
    if about:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="dim", no_wrap=True)
        table.add_column(overflow="fold")
        for name, value in about:
            table.add_row(name, value)
        console.print(table)
    if data["names_in_articles"]:
        table = Table(title="Names in the articles", title_justify="left")
        for column in ("name", "article", "occurrences"):
            table.add_column(column)
        for item in data["names_in_articles"]:
            table.add_row(item["name"], item["article"], str(item["occurrences"]))
        console.print(table)
    if data["accounts"]:
        table = Table(title="Accounts of the event, per article", title_justify="left", show_lines=True)
        for column in ("article", "date", "place", "actors", "outcomes", "quotes"):
            table.add_column(column, overflow="fold")
        for a in data["accounts"]:
            actors = "\n".join(f"{name}: {', '.join(r['label'] for r in a[key])}" for name, key in (
                ("by", "agents"), ("against", "targets"), ("supported by", "supporters"), ("with", "participants"))
                if a[key])
            table.add_row(a["article"], a["date"], ", ".join(p["label"] for p in a["places"]), actors,
                          "\n".join(a["outcomes"]), _quotes(a["quotes"]))
        console.print(table)
    by_article: dict[str, list[dict]] = {}
    for statement in data["statements"]:
        by_article.setdefault(statement["article"], []).append(statement)
    if not by_article:
        console.print(Text("No article states anything about it.", style="dim"))
    for article, statements in sorted(by_article.items()):
        table = Table(title=f"Stated in article {article}", title_justify="left", show_lines=True)
        for column, ratio in (("subject", 3), ("property", 1), ("object", 3), ("quote", 4)):
            table.add_column(column, overflow="fold", ratio=ratio)
        for s in statements:
            obj = s["object"].get("label", s["object"].get("value", ""))
            if s.get("note"):
                obj += f"\n({s['note']})"
            table.add_row(s["subject"].get("label", ""), s["property"]["label"], obj, _quotes(s["quotes"]))
        console.print(table)
    if data["claims"]:
        table = Table(title="Claims by it or about it", title_justify="left", show_lines=True)
        for column, ratio in (("", 1), ("claimant", 2), ("stance", 1), ("date", 2), ("said", 5), ("article", 2),
                              ("quotes", 4)):
            table.add_column(column, overflow="fold", ratio=ratio)
        for c in data["claims"]:
            said = f"“{c['said']}”" + ("" if c["direct"] else " (reported)")
            table.add_row(c["relation"], c["claimant"]["label"], c["stance"] or "", c["date"], said, c["article"],
                          _quotes(c["quotes"]))
        console.print(table)
