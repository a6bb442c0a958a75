"""`Site`: where each page of the site is and how one page links to another; every page and chart draws on it.

Paths are relative to the site's root: `index.html`, `timeline.html`, `network.html`, `claims.html`,
`entities.html`, `ontology.html`, one `entity/ID.html` per registry entity, one `article/ID.html`
per article and one `claim/ARTICLE/ID.html` per claim. Every link is relative, so the site works
from disk (file://) as well as from any web server.
"""

from __future__ import annotations

from pathlib import Path

from kb.readmodel import RES_NS, Article, Edge, Knowledge, Quote
from kb.site.paths import relative, safe_slug, term_anchor


class Site:
    """The knowledge base being shown, the build folder it came from, and the page of each resource."""

    def __init__(self, kb: Knowledge, build_dir: Path):
        """Index `kb`'s articles and quotes for the pages; `build_dir` is where `summary.json` and
        `validation.json` are read from."""
        self.kb = kb
        self.build_dir = build_dir
        self._articles_by_id = {article.id: article for article in kb.articles.values()}
        self._quote_by_text: dict[tuple[str, str], Quote] = {}
        for quotes in kb.quotes.values():
            for quote in quotes:
                key = (quote.article, quote.text)
                if key not in self._quote_by_text or quote < self._quote_by_text[key]:
                    self._quote_by_text[key] = quote

    def article_by_id(self, article_id: str) -> Article | None:
        """The article with that id, or None."""
        return self._articles_by_id.get(article_id)

    def article_path(self, article_id: str) -> str:
        """The page of the article with that id: `article/ID.html`."""
        return f"article/{safe_slug(article_id)}.html"

    def path_of(self, iri: str) -> str | None:
        """The page that shows a resource (with a #fragment for an ontology term or an outcome),
        or None when it has none."""
        kb = self.kb
        if iri in kb.entities:
            return f"entity/{safe_slug(kb.entities[iri].id)}.html"
        if iri in kb.articles:
            return self.article_path(kb.articles[iri].id)
        if iri in kb.claims:
            _, article, claim = iri[len(RES_NS):].split("/", 2)
            return f"claim/{safe_slug(article)}/{safe_slug(claim)}.html"
        if iri in kb.terms:
            return f"ontology.html#{term_anchor(iri)}"
        if iri in kb.outcomes:
            outcome = kb.outcomes[iri]
            event = self.path_of(outcome.event)
            return f"{event}#account-{outcome.article}" if event else None
        return None

    def link(self, here: str, iri: str, fragment: str | None = None) -> str:
        """The link from the page `here` to a resource's page (the entities page when it has none)."""
        path = self.path_of(iri) or "entities.html"
        return relative(here, f"{path}#{fragment}" if fragment else path)

    def quote_link(self, here: str, quote: Quote) -> str:
        """The link from the page `here` to a quote, marked in its article's text."""
        return relative(here, f"{self.article_path(quote.article)}#{quote.anchor}")

    def find_quote(self, article_iri: str | None, text: str | None) -> Quote | None:
        """The first quote of an article (by IRI) with exactly that text, or None."""
        article = self.kb.article_ids.get(article_iri or "")
        return self._quote_by_text.get((article, text)) if article and text else None

    def edge_link(self, here: str, edge: Edge) -> str:
        """Where an edge of the network is shown: the claim that makes it, else the quote."""
        if edge.kind in ("denies", "contradicts") and edge.evidence in self.kb.claims:
            return self.link(here, edge.evidence)
        if edge.kind == "violation":
            claim = self.kb.value(edge.graph, edge.evidence, "allegedIn")
            if claim in self.kb.claims:
                return self.link(here, claim)
        if edge.quotes:
            return self.quote_link(here, edge.quotes[0])
        return self.link(here, edge.source)
