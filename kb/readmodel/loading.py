"""Reading the records out of a built store, once, into plain sorted tables.

`read(store)` runs the queries of `kb.readmodel.sparql` in order (each step uses what the earlier
ones found: article ids, quotes, the properties of every node) and returns a `Tables`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from kb.readmodel import sparql as q
from kb.readmodel.records import (
    Account, Alignment, Article, Claim, Edge, Entity, Fact, Geometry, Mention, OntologyTerm, Outcome, Quote, Term,
    term_key,
)
from kb.readmodel.sparql import as_str, rows
from kb.readmodel.text import date_text, days_in_words, humanize, local_name
from kb.vocabulary import (
    ARTICLES_GRAPH_IRI, ENTITY_CATEGORIES, KB_NS, OWL_NS, RDF_TYPE, RDFS_NS, RES_NS, SCHEME, SDO_NS, SKOS_NS,
)

SCHEME_NS = str(SCHEME)
from kb.store import Store

Props = dict[tuple[str, str], dict[str, list[Term]]]  # (graph, node) -> predicate -> objects, sorted


@dataclass(eq=False)  # compared by identity, like the store they come from
class Tables:
    """Everything read from the store, by kind; dictionaries are in a fixed order (sorted keys or ids)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    terms: dict[str, OntologyTerm] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)  # by IRI
    article_ids: dict[str, str] = field(default_factory=dict)  # article IRI or graph IRI -> article id
    quotes: dict[tuple[str, str], tuple[Quote, ...]] = field(default_factory=dict)  # (graph, node) -> quotes
    props: Props = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)
    accounts: dict[str, list[Account]] = field(default_factory=dict)  # event IRI -> accounts
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    statement_notes: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    statement_of: dict[tuple[str, str, str, str], str] = field(default_factory=dict)  # (g, s, p, o) -> statement
    statements: dict[str, tuple[str, str, str, Term]] = field(default_factory=dict)  # statement -> (g, s, p, o)
    alignments: dict[str, list[Alignment]] = field(default_factory=dict)  # ontology term IRI -> its matches
    alignment_gaps: dict[tuple[str, str], str] = field(default_factory=dict)  # (term IRI, "acled"/"cameo") -> why none


def read(store: Store, into: Tables | None = None) -> Tables:
    """Fill `into` (a new `Tables` when None) from the store, and return it.

    Raises `kb.errors.QueryError` when a query fails.
    """
    tables = into if into is not None else Tables()
    for step in (_ontology, _registry, _geometry, _alignments, _articles, _evidence, _facts, _claims, _accounts,
                 _mentions, _edges):
        step(tables, store)
    return tables


def first(props: Props, graph: str, node: str, predicate: str) -> str | None:
    """One value (the first, sorted) of a node's property in a graph, as text; None when it has none.

    `predicate` is a full IRI or a kb: local name.
    """
    values = props.get((graph, node), {}).get(KB_NS + predicate if ":" not in predicate else predicate)
    return as_str(values[0]) if values else None


def every(props: Props, graph: str, node: str, predicate: str) -> list[str]:
    """Every value of a node's property in a graph, as text, sorted (`predicate` as for `first`)."""
    values = props.get((graph, node), {}).get(KB_NS + predicate if ":" not in predicate else predicate, [])
    return [as_str(value) for value in values]


def _ontology(t: Tables, store: Store) -> None:
    kinds = {OWL_NS + "Class": "class", OWL_NS + "ObjectProperty": "object property",
             OWL_NS + "DatatypeProperty": "datatype property", OWL_NS + "NamedIndividual": "individual"}
    rank = list(kinds.values())
    for row in rows(store, q.Q_ONTOLOGY):
        iri, kind = row["term"], kinds[row["kind"]]
        term = t.terms.setdefault(iri, OntologyTerm(iri, kind, humanize(local_name(iri))))
        if rank.index(kind) < rank.index(term.kind):  # a class or property first, an individual last
            term.kind = kind
        p, o = row["p"], as_str(row["o"])
        if p is None or o is None:
            continue
        if p == RDFS_NS + "label":
            term.label = o
        elif p == RDFS_NS + "comment":
            term.comment = o
        elif p in (RDFS_NS + "subClassOf", RDFS_NS + "subPropertyOf"):
            term.parents.append(o)
        elif p == RDFS_NS + "domain":
            term.domain.append(o)
        elif p == RDFS_NS + "range":
            term.range.append(o)
        elif p == RDF_TYPE and o.startswith(KB_NS):
            term.instance_of.append(o)
    for term in t.terms.values():
        for values in (term.parents, term.domain, term.range, term.instance_of):
            values[:] = sorted(set(values))
    for text, attr in ((q.Q_PROPERTY_USES, "uses"), (q.Q_INDIVIDUAL_USES, "uses")):
        for row in rows(store, text):
            term = t.terms.get(row["term"])
            if term is not None and term.kind in ("object property", "datatype property", "individual"):
                setattr(term, attr, int(row["uses"].value))
    for text, attr in ((q.Q_CLASS_USES, "uses"), (q.Q_CLASS_USES_DEEP, "uses_with_subclasses")):
        for row in rows(store, text):
            term = t.terms.get(row["term"])
            if term is not None and term.kind == "class":
                setattr(term, attr, int(row["uses"].value))


def _registry(t: Tables, store: Store) -> None:
    for row in rows(store, q.Q_REGISTRY):
        iri = row["entity"]
        entity = t.entities.setdefault(iri, Entity(iri, local_name(iri), local_name(iri)))
        p, o = row["p"], as_str(row["o"])
        if p == RDF_TYPE:
            entity.types.append(o)
        elif p == RDFS_NS + "label":
            entity.label = o
        elif p == SKOS_NS + "altLabel":
            entity.aliases.append(o)
        elif p == SDO_NS + "description":
            entity.descriptions.append(o)
        elif p == SDO_NS + "sameAs":
            entity.same_as.append(o)
        elif p == SKOS_NS + "editorialNote":
            entity.notes.append(o)
    for entity in t.entities.values():
        for values in (entity.types, entity.aliases, entity.descriptions, entity.same_as, entity.notes):
            values[:] = sorted(set(values))
    order = {iri: index for index, (iri, _) in enumerate(ENTITY_CATEGORIES)}
    found: dict[str, list[str]] = defaultdict(list)
    for row in rows(store, q.Q_ENTITY_CATEGORIES):
        found[row["entity"]].append(row["top"])
    for iri, tops in found.items():
        if iri in t.entities:
            t.entities[iri].category = dict(ENTITY_CATEGORIES)[min(tops, key=order.__getitem__)]


def _geometry(t: Tables, store: Store) -> None:
    for row in rows(store, q.Q_GEOMETRY):
        entity = t.entities.get(row["entity"])
        if entity is None:
            continue
        kind = as_str(row["kind"])
        if kind == "point":
            points = ((float(row["lat"].value), float(row["long"].value)),)
        else:
            points = wkt_points(as_str(row["wkt"]) or "")
        geometry = Geometry(kind, points, as_str(row["source"]), (as_str(row["approximate"]) or "") == "true",
                            as_str(row["note"]))
        setattr(entity, kind, geometry)


def wkt_points(wkt: str) -> tuple[tuple[float, float], ...]:
    """The (lat, long) points of a WKT `LINESTRING(long lat, ...)`; () for anything else."""
    match = re.fullmatch(r"\s*LINESTRING\s*\((.*)\)\s*", wkt)
    if not match:
        return ()
    try:
        pairs = [part.split() for part in match.group(1).split(",")]
        return tuple((float(lat), float(lon)) for lon, lat in pairs)
    except ValueError:
        return ()


def _alignments(t: Tables, store: Store) -> None:
    schemes = {SCHEME_NS + "acled": "acled", SCHEME_NS + "cameo": "cameo"}
    for row in rows(store, q.Q_ALIGNMENTS):
        scheme = schemes.get(row["scheme"])
        if scheme is None:
            continue
        name = as_str(row["name"]) or ""
        t.alignments.setdefault(row["term"], []).append(Alignment(
            row["term"], scheme, as_str(row["match"]) or "", row["concept"], name, as_str(row["notation"]) or name,
            as_str(row["parent"])))
    for found in t.alignments.values():
        found.sort(key=lambda a: (a.scheme, MATCH_ORDER.index(a.match) if a.match in MATCH_ORDER else 9, a.code))
    t.alignments = dict(sorted(t.alignments.items()))
    for row in rows(store, q.Q_ALIGNMENT_GAPS):
        scheme = "acled" if row["gap"] == KB_NS + "noAcledMatch" else "cameo"
        t.alignment_gaps[(row["term"], scheme)] = as_str(row["reason"]) or ""
    t.alignment_gaps = dict(sorted(t.alignment_gaps.items()))


MATCH_ORDER = ("exact", "close", "broad", "narrow")
"""SKOS matches from the closest: the code means the same, nearly the same, more, or less."""


def _articles(t: Tables, store: Store) -> None:
    found = rows(store, q.Q_ARTICLES)
    for row in found:
        if row["p"] == SDO_NS + "identifier":
            iri = row["article"]
            t.articles[iri] = Article(iri, as_str(row["o"]), "")
    single = {SDO_NS + "text": "text", SDO_NS + "inLanguage": "language", SDO_NS + "headline": "title",
              SDO_NS + "url": "url", KB_NS + "earliestDate": "earliest", KB_NS + "latestDate": "latest",
              KB_NS + "datePrecision": "precision", SDO_NS + "publisher": "publisher",
              SDO_NS + "author": "author", SDO_NS + "locationCreated": "dateline"}
    for row in found:
        article = t.articles.get(row["article"])
        if article is None:
            continue
        p, o = row["p"], as_str(row["o"])
        if p in single:
            setattr(article, single[p], o)
        elif p == KB_NS + "cites":
            article.cites.append(o)
        elif p in (SKOS_NS + "editorialNote", KB_NS + "dateNote"):
            article.notes.append(o)
    for article in t.articles.values():
        article.cites.sort()
        article.notes.sort()
        t.article_ids[article.iri] = article.id
        t.article_ids[f"{RES_NS}graph/article/{article.id}"] = article.id
    t.articles = dict(sorted(t.articles.items(), key=lambda item: item[1].id))
    _name_untitled(t)


def _name_untitled(t: Tables) -> None:
    """Name each untitled article by its publisher and date; where two would share a name, add the id."""
    names: dict[str, list[Article]] = defaultdict(list)
    for article in t.articles.values():
        if article.title:
            continue
        publisher = t.entities[article.publisher].label if article.publisher in t.entities else "Unattributed article"
        when = days_in_words(article.earliest, article.latest)
        names[f"{publisher}, {when}" if when else publisher].append(article)
    for name, articles in names.items():
        for article in articles:
            article.display_name = name if len(articles) == 1 else f"{name} ({article.id})"


def _evidence(t: Tables, store: Store) -> None:
    found: dict[tuple[str, str], set[Quote]] = defaultdict(set)
    for row in rows(store, q.Q_EVIDENCE):
        article = t.article_ids.get(row["article"])
        if article is None:
            continue
        quote = Quote(article, int(row["start"].value), int(row["end"].value), row["exact"].value)
        found[(row["g"], row["node"])].add(quote)
    t.quotes = {key: tuple(sorted(value)) for key, value in found.items()}


def _graph_article(t: Tables, graph: str, subject: str) -> str | None:
    """The article a graph's statement comes from: the graph's, or for metadata the subject's."""
    if graph == ARTICLES_GRAPH_IRI:
        return t.article_ids.get(subject)
    return t.article_ids.get(graph)


def _facts(t: Tables, store: Store) -> None:
    for row in rows(store, q.Q_STATEMENTS):
        key = (row["g"], row["s"], row["p"], term_key(row["o"]))
        t.statement_of[key] = row["statement"]
        t.statements[row["statement"]] = (row["g"], row["s"], row["p"], row["o"])
        note = " ".join(part for part in (
            date_text(as_str(row["earliest"]), as_str(row["latest"])), as_str(row["note"])) if part)
        if note:
            t.statement_notes[key] = note
    props: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
    facts = []
    for row in rows(store, q.Q_FACTS):
        graph, subject, predicate, obj = row["g"], row["s"], row["p"], row["o"]
        props[(graph, subject)][predicate].add(obj)
        if predicate == RDF_TYPE:
            continue
        article = _graph_article(t, graph, subject)
        if article is None:
            continue
        key = (graph, subject, predicate, term_key(obj))
        statement = t.statement_of.get(key)
        quotes = t.quotes.get((graph, statement or subject), ())
        facts.append(Fact(article, subject, predicate, obj, quotes, t.statement_notes.get(key)))
    t.props = {key: {p: sorted(values, key=term_key) for p, values in by_p.items()}
               for key, by_p in props.items()}
    t.facts = sorted(facts, key=lambda f: (f.article, f.subject, f.predicate, term_key(f.object)))


def _claims(t: Tables, store: Store) -> None:
    for (graph, node), by_p in t.props.items():
        if KB_NS + "Claim" not in by_p.get(RDF_TYPE, []):
            continue
        one, many = partial(first, t.props, graph, node), partial(every, t.props, graph, node)
        article = t.article_ids.get(one("reportedIn") or "", t.article_ids.get(graph, ""))
        t.claims[node] = Claim(
            iri=node, article=article, id=local_name(node), claimant=one("claimant") or "",
            text=one("claimText") or "", direct=(one("directQuote") or "").lower() == "true",
            stance=one("stance"), channel=one("channel"), medium=one("medium"),
            place=one(SDO_NS + "location"), occasion=one("occasion"),
            earliest=one("earliestDate"), latest=one("latestDate"), precision=one("datePrecision"),
            date_note=one("dateNote"), about=many("about"), contradicts=many("contradicts"),
            denies=many("denies"), supports=many("supports"), quotes=t.quotes.get((graph, node), ()),
            notes=many(SKOS_NS + "editorialNote"),
        )
    t.claims = dict(sorted(t.claims.items()))


def _accounts(t: Tables, store: Store) -> None:
    seen = set()
    for row in rows(store, q.Q_ACCOUNTS):
        graph, event = row["g"], row["event"]
        article = t.article_ids.get(row["article"])
        if article is None or (event, article) in seen:
            continue
        seen.add((event, article))
        one, many = partial(first, t.props, graph, event), partial(every, t.props, graph, event)
        account = Account(
            event=event, article=article, earliest=one("earliestDate"), latest=one("latestDate"),
            precision=one("datePrecision"), date_note=one("dateNote"), time_of_day=one("timeOfDay"),
            places=many(SDO_NS + "location"), agents=many("agent"), targets=many("target"),
            supporters=many("supporter"), participants=many("participant"), according_to=many("accordingTo"),
            part_of=many(SDO_NS + "superEvent"), in_response_to=many("inResponseTo"),
            quotes=tuple(quote for quote in t.quotes.get((graph, event), ()) if quote.article == article),
            notes=many(SKOS_NS + "editorialNote"),
        )
        for node in many("hasOutcome"):
            o = partial(first, t.props, graph, node)
            outcome = Outcome(
                iri=node, event=event, article=article, kind=o("outcomeKind"), count=o("count"),
                qualifier=o("qualifier"), minimum=o(SDO_NS + "minValue"), maximum=o(SDO_NS + "maxValue"), amount=o("amount"),
                equipment=o("equipmentType"), side=o("affectedParty"), place=o(SDO_NS + "location"),
                according_to=o("accordingTo"), quotes=t.quotes.get((graph, node), ()),
            )
            account.outcomes.append(outcome)
            t.outcomes[node] = outcome
        t.accounts.setdefault(event, []).append(account)
    for accounts in t.accounts.values():
        accounts.sort(key=lambda a: (a.latest or "9999", a.earliest or "", a.article))
    t.accounts = dict(sorted(t.accounts.items()))


def _mentions(t: Tables, store: Store) -> None:
    for row in rows(store, q.Q_MENTIONS):
        article = t.article_ids.get(row["g"])
        if article is None:
            continue
        t.mentions.append(Mention(row["mention"], row["entity"], article, row["form"].value,
                                  int(row["occurrences"].value), t.quotes.get((row["g"], row["mention"]), ())))
    t.mentions.sort(key=lambda m: (m.entity, m.form.lower(), m.form, m.article))


def _edges(t: Tables, store: Store) -> None:
    for row in rows(store, q.Q_EDGES):
        graph, via = row["g"], row["via"]
        article = t.article_ids.get(graph)
        if article is None or row["source"] == row["target"]:
            continue
        quotes = tuple(quote for quote in t.quotes.get((graph, via), ()) if quote.article == article)
        t.edges.append(Edge(row["kind"].value, row["source"], row["target"], article, graph, via, quotes))
    t.edges.sort(key=lambda e: (e.kind, e.source, e.target, e.article, e.evidence))
