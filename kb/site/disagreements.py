"""Where the sources disagree on an event's figures or dates: the named query `disagreements`, grouped for a table."""

from __future__ import annotations

from dataclasses import dataclass

from kb.readmodel import Quote
from kb.readmodel.sparql import as_str
from kb.site.context import Site


@dataclass(frozen=True)
class Side:
    """One source's account in a disagreement: the account's words, the article's id, its quotes."""

    account: str
    article: str
    quotes: list[Quote]


@dataclass(frozen=True)
class Disagreement:
    """Two accounts that disagree on `what`, about an event (IRI, None when it is not in the registry)."""

    event: str | None
    event_label: str
    what: str
    sides: tuple[Side, Side]


def disagreements(site: Site, event: str | None = None) -> list[Disagreement]:
    """One `Disagreement` per pair of accounts the named query finds (about `event` only, when given),
    its quotes gathered, sorted by event label, what, then articles.

    Raises `kb.errors.QueryError` when the query fails.
    """
    kb = site.kb
    grouped: dict[tuple, tuple[set, set]] = {}
    labels = {entity.label: iri for iri, entity in sorted(kb.entities.items())}
    for row in kb.named("disagreements"):
        key = tuple(as_str(row[name]) for name in ("event", "what", "article_a", "account_a", "article_b", "account_b"))
        if event is not None and labels.get(key[0]) != event:
            continue
        quotes = grouped.setdefault(key, (set(), set()))
        quotes[0].add(as_str(row["quote_a"]))
        quotes[1].add(as_str(row["quote_b"]))

    def side(article_iri: str, account: str, texts: set) -> Side:
        found = sorted(q for q in (site.find_quote(article_iri, text) for text in texts) if q)
        return Side(account, kb.article_ids.get(article_iri, article_iri), found)

    return [Disagreement(labels.get(event_label), event_label, what,
                         (side(article_a, account_a, quotes_a), side(article_b, account_b, quotes_b)))
            for (event_label, what, article_a, account_a, article_b, account_b), (quotes_a, quotes_b)
            in sorted(grouped.items())]
