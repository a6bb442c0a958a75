"""The pages of single resources: one per registry entity, per claim, and per article.

Each function gathers what its page shows from the knowledge base (`Site`) and renders the page's
template; it takes the resource's IRI (a key of `kb.entities`, `kb.claims` or `kb.articles`, else
`KeyError`) and returns the page as text.
"""

from __future__ import annotations

from collections import defaultdict

from kb.readmodel import KB_NS, RES_NS, Fact, Parts, Quote, plain
from kb.site.context import Site
from kb.site.disagreements import disagreements
from kb.site.marks import layers_of, runs
from kb.site.map_pages import small_map
from kb.site.rendering import render_page
from kb.vocabulary import WD_NS


def entity_page(site: Site, iri: str) -> str:
    """An entity: its names and notes; for an event each source's account and where they disagree;
    the names articles use for it, the claims by or about it, its links in the network, and
    everything the articles state about it, by article.

    Raises `kb.errors.QueryError` when the named query `disagreements` fails.
    """
    kb = site.kb
    accounts = kb.accounts.get(iri, [])
    by_article: dict[str, list[Fact]] = defaultdict(list)
    for _, fact in kb.facts_about(iri):
        by_article[fact.article].append(fact)
    return render_page(
        "entity.html.j2", site, site.path_of(iri), entity=kb.entities[iri], accounts=accounts,
        disagreements=disagreements(site, event=iri) if accounts else [],
        mentions=kb.mentions_of(iri), involved=kb.claims_involving(iri), edges=kb.edges_of(iri),
        facts=sorted(by_article.items()), small_map=small_map(site, iri), external=external_ids(kb.entities[iri]),
    )


def external_ids(entity) -> list[tuple[str, str, str]]:
    """(register, id, page) of each external identifier of an entity: its Wikidata item."""
    found = []
    for same in entity.same_as:
        if same.startswith(WD_NS):
            item = same[len(WD_NS):]
            found.append(("Wikidata", item, f"https://www.wikidata.org/wiki/{item}"))
    return found


def claim_page(site: Site, iri: str) -> str:
    """A claim: its words, who said it and how, the claims it answers and that answer it, the
    violations it alleges, and its evidence."""
    kb = site.kb
    claim = kb.claims[iri]
    incoming = []
    for other in kb.claim_list:
        for name, targets in (("contradicted by", other.contradicts), ("denied by", other.denies),
                              ("supported by", other.supports)):
            if iri in targets:
                incoming.append((name, other))
    outgoing = [(name, kb.claims[target]) for name, targets in (
        ("contradicts", claim.contradicts), ("denies", claim.denies), ("supports", claim.supports))
        for target in targets if target in kb.claims]
    violations = [fact for fact in kb.facts if fact.predicate == KB_NS + "allegedIn" and fact.object == iri]
    return render_page("claim.html.j2", site, site.path_of(iri), claim=claim, related=outgoing + incoming,
                       violations=violations)


def article_page(site: Site, iri: str) -> str:
    """An article: its details, its text with every quote marked (in layers where quotes cross), each
    quote with the facts that cite it, and the events and claims it reports."""
    kb = site.kb
    article = kb.articles[iri]
    citers: dict[tuple[int, int], list[tuple[str, str]]] = defaultdict(list)  # span -> (graph, node)
    quotes: dict[tuple[int, int], Quote] = {}
    for (graph, node), found in sorted(kb.quotes.items()):
        for quote in found:
            if quote.article == article.id:
                citers[(quote.start, quote.end)].append((graph, node))
                quotes[(quote.start, quote.end)] = quote
    cited = {span: [describe_citer(site, graph, node) for graph, node in nodes] for span, nodes in citers.items()}
    layers = layers_of(list(quotes)) or [[]]
    return render_page(
        "article.html.j2", site, site.path_of(iri), article=article,
        layers=[runs(article.text, layer) for layer in layers],
        titles={span: "; ".join(sorted({plain(parts) for parts in described})) for span, described in cited.items()},
        citations=[(quotes[span], cited[span]) for span in sorted(quotes)],
        events=[event for _, event in sorted((kb.label(e), e) for e, accounts in kb.accounts.items()
                                             if any(a.article == article.id for a in accounts))],
        claims=[c for c in kb.claim_list if c.article == article.id],
    )


def describe_citer(site: Site, graph: str, node: str) -> Parts:
    """What a node citing a quote states, in words with links to the facts' pages."""
    kb = site.kb
    if node in kb.entities:
        kind = kb.entities[node].category.rstrip("s").lower()
        return (f"{kind}: ", kb.ref(node))
    if node in kb.articles:
        return ("the article's own details (date, title)",)
    if node in kb.statements:
        _, s, p, o = kb.statements[node]
        return kb.describe(s) + (f" {kb.label(p)} ",) + kb.describe(o)
    if node.startswith(RES_NS + "mention/"):
        entity = next((m.entity for m in kb.mentions if m.iri == node), None)
        return ("names ", kb.ref(entity)) if entity else ("a mention",)
    return kb.describe(node)
