"""The site-wide pages: home, timeline, network, claims, entities, ontology.

Each function gathers what its page shows from the knowledge base (`Site`), in a fixed order, and
renders the page's template (`kb/site/templates/`); it returns the page as text.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from kb.readmodel import Article, Claim, Entity, OntologyTerm, Quote
from kb.readmodel.sparql import as_str
from kb.site.context import Site
from kb.vocabulary import compact
from kb.site.activity_chart import activity_svg
from kb.site.disagreements import disagreements
from kb.site.filters import account_row, choices, claim_row
from kb.site.network_chart import EDGE_COLOURS, NODE_COLOURS, network_svg, node_kind
from kb.site.rendering import render_page
from kb.site.timeline_chart import timeline_svg, type_colours

def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --- the home page ---


@dataclass(frozen=True)
class ArticleRow:
    """An article as the home page lists it (from the named query `articles`)."""

    article: Article
    earliest: str | None
    latest: str | None
    precision: str
    publisher: str  # the publisher's name, for one not in the registry
    how_dated: str


def finding_place(finding: dict) -> str:
    """Where a finding of `validation.json` is: its file and line, else its focus node."""
    if finding.get("source"):
        return f"{finding['source']}:{finding['line']}" if finding.get("line") else finding["source"]
    return finding.get("focus", "")


def home_page(site: Site) -> str:
    """The home page: counts, the latest build's validation (from the build folder), every article.

    Raises `kb.errors.QueryError` when the named query `articles` fails.
    """
    kb = site.kb
    articles = []
    for row in kb.named("articles"):
        article = kb.articles.get(row["article"])
        if article is not None:
            articles.append(ArticleRow(article, as_str(row["earliest"]), as_str(row["latest"]),
                                       as_str(row["precision"]) or "", as_str(row["publisher"]) or "",
                                       as_str(row["how_dated"]) or ""))
    types = Counter(t for e in kb.entities.values() for t in e.types)
    stances = Counter(c.stance for c in kb.claims.values())
    return render_page(
        "home.html.j2", site, "index.html",
        summary=_read_json(site.build_dir / "summary.json"),
        validation=_read_json(site.build_dir / "validation.json"),
        finding_place=finding_place,
        reports=sum(len(a) for a in kb.accounts.values()),
        categories=sorted(Counter(e.category for e in kb.entities.values()).items()),
        types=sorted(types.items(), key=lambda item: (kb.class_label(item[0]), item[0])),
        stances=sorted(stances.items(), key=lambda item: (-item[1], kb.label(item[0] or ""))),
        articles=articles,
    )


# --- timeline ---


def timeline_page(site: Site) -> str:
    """The timeline: the drawing, with a legend by event type, and every account in a table by date."""
    kb = site.kb
    here = "timeline.html"
    colours = type_colours(site)
    events = sorted(kb.accounts.items(), key=lambda item: (
        min((a.latest or a.earliest or "9999") for a in item[1]), kb.label(item[0]), item[0]))
    rows = [account_row(site, account) for _, accounts in events for account in accounts]
    return render_page("timeline.html.j2", site, here, colours=colours, svg=timeline_svg(site, here),
                       events=[(event, kb.event_type(event) or "", accounts) for event, accounts in events],
                       row_of=lambda account: account_row(site, account).attributes(), options=choices(site, rows),
                       activity=activity_svg(site, here))


# --- network ---


def network_page(site: Site) -> str:
    """The network: the drawing, with legends of link and node kinds, and every link with its evidence."""
    kb = site.kb
    here = "network.html"
    node_kinds = sorted({node_kind(site, n) for e in kb.edges for n in (e.source, e.target)})
    return render_page("network.html.j2", site, here, svg=network_svg(site, here),
                       kinds=sorted({e.kind for e in kb.edges}), edge_colours=EDGE_COLOURS,
                       node_kinds=[(kind, NODE_COLOURS.get(kind, "#79706e")) for kind in node_kinds])


# --- claims ---


def said_quote(claim: Claim) -> Quote | None:
    """The quote of a claim's own words (the one with exactly its text, else its first), or None."""
    return next((q for q in claim.quotes if q.text == claim.text), claim.quotes[0] if claim.quotes else None)


def claims_page(site: Site) -> str:
    """The claims: by claimant, by stance, denials and contradictions side by side, disagreeing sources.

    Raises `kb.errors.QueryError` when a named query it runs fails.
    """
    kb = site.kb
    claims = kb.claim_list
    by_claimant: dict[str, list[Claim]] = defaultdict(list)
    by_stance: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_claimant[claim.claimant].append(claim)
        by_stance[claim.stance or ""].append(claim)
    pairs = []
    for row in kb.named("contradictions"):
        claim, opposing = kb.claims.get(as_str(row["claim"])), kb.claims.get(as_str(row["opposing_claim"]))
        if claim is not None and opposing is not None:
            pairs.append((claim, as_str(row["relation"]), opposing))
    return render_page(
        "claims.html.j2", site, "claims.html", claims=claims,
        by_claimant=[(iri, by_claimant[iri]) for iri in sorted(by_claimant, key=lambda iri: (kb.label(iri).lower(), iri))],
        by_stance=[(s, by_stance[s]) for s in sorted(by_stance, key=lambda s: (-len(by_stance[s]), kb.label(s) if s else ""))],
        pairs=pairs, disagreements=disagreements(site), said_quote=said_quote,
        row_of=lambda claim: claim_row(site, claim).attributes(),
        options=choices(site, [claim_row(site, claim) for claim in claims]),
    )


# --- entities ---


def entities_page(site: Site) -> str:
    """Every registry entity by category, with how many facts, claims and articles concern it."""
    kb = site.kb
    by_category: dict[str, list[Entity]] = defaultdict(list)
    for entity in kb.entities.values():
        by_category[entity.category].append(entity)
    facts: Counter = Counter()
    for fact in kb.facts:
        for node in (fact.subject, fact.object):
            if isinstance(node, str) and node in kb.entities:
                facts[node] += 1
    claims: Counter = Counter()
    for claim in kb.claims.values():
        claims[claim.claimant] += 1
        for about in claim.about:
            claims[about] += 1
    sources: dict[str, set] = defaultdict(set)
    for mention in kb.mentions:
        sources[mention.entity].add(mention.article)
    categories = [(name, sorted(by_category[name], key=lambda e: (e.label.lower(), e.id))) for name in sorted(by_category)]
    return render_page("entities.html.j2", site, "entities.html", categories=categories, facts=facts, claims=claims,
                       sources={iri: len(articles) for iri, articles in sources.items()})


# --- the ontology ---


def ontology_page(site: Site) -> str:
    """Every class, property and named individual of the ontology, with how much the data uses it."""
    terms = sorted(site.kb.terms.values(), key=lambda t: (t.label.lower(), t.iri))

    def of_kind(kind: str) -> list[OntologyTerm]:
        return [t for t in terms if t.kind == kind]

    return render_page("ontology.html.j2", site, "ontology.html", short_iri=compact,
                       classes=of_kind("class"), individuals=of_kind("individual"),
                       properties=[(kind, anchor, of_kind(kind)) for kind, anchor in (
                           ("object property", "object-properties"), ("datatype property", "datatype-properties"))])


# --- events, with their codes ---


def events_page(site: Site) -> str:
    """Every account of an event, by date, with its ACLED and CAMEO codes and the filter bar."""
    kb = site.kb
    accounts = sorted((a for found in kb.accounts.values() for a in found),
                      key=lambda a: (a.latest or a.earliest or "9999", a.earliest or "", kb.label(a.event), a.article))
    return render_page("events.html.j2", site, "events.html", accounts=accounts,
                       row_of=lambda account: account_row(site, account).attributes(),
                       options=choices(site, [account_row(site, a) for a in accounts]))
