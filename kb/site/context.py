"""Where each page of the site is, and how a page links and shows values: the `Site` every page and chart draws on."""

from __future__ import annotations

from pathlib import Path

from kb.readmodel import RES_NS, Edge, Knowledge, Lit, Parts, Quote, Ref, local_name
from kb.site.html import esc, relative, safe_slug, tag


class Site:
    """Where each resource's page is, and how to write links, values and quotes on a page."""

    def __init__(self, kb: Knowledge, build_dir: Path):
        self.kb = kb
        self.build_dir = build_dir
        self._articles_by_id = {article.id: article for article in kb.articles.values()}
        self._quote_by_text: dict[tuple[str, str], Quote] = {}
        for quotes in kb.quotes.values():
            for quote in quotes:
                key = (quote.article, quote.text)
                if key not in self._quote_by_text or quote < self._quote_by_text[key]:
                    self._quote_by_text[key] = quote

    # --- where things are ---

    def article_by_id(self, article_id: str):
        return self._articles_by_id.get(article_id)

    def article_path(self, article_id: str) -> str:
        return f"article/{safe_slug(article_id)}.html"

    def path_of(self, iri: str) -> str | None:
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
        path = self.path_of(iri) or "entities.html"
        return relative(here, f"{path}#{fragment}" if fragment else path)

    def quote_link(self, here: str, quote: Quote) -> str:
        return relative(here, f"{self.article_path(quote.article)}#{quote.anchor}")

    def find_quote(self, article_iri: str | None, text: str | None) -> Quote | None:
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

    # --- rendering values ---

    def ref(self, here: str, iri: str | None, text: str | None = None) -> str:
        if not iri:
            return ""
        label = text if text is not None else self.kb.label(iri)
        path = self.path_of(iri)
        if path is None:
            return tag("span", esc(label), title=iri)
        return tag("a", esc(label), href=relative(here, path))

    def refs(self, here: str, iris: list[str]) -> str:
        return ", ".join(self.ref(here, iri) for iri in iris)

    def parts(self, here: str, parts: Parts) -> str:
        return "".join(self.ref(here, p.iri, p.text) if isinstance(p, Ref) else esc(p) for p in parts)

    def value(self, here: str, value) -> str:
        if isinstance(value, Lit):
            return esc(value.value)
        return self.parts(here, self.kb.describe(value))

    def quotes(self, here: str, quotes, limit: int | None = None) -> str:
        shown = list(quotes)[:limit] if limit else list(quotes)
        items = [tag("a", f"“{esc(q.text)}”", class_="quote", href=self.quote_link(here, q)) for q in shown]
        more = len(quotes) - len(shown)
        return " ".join(items) + (f" <span class=\"more\">(+{more} more)</span>" if more > 0 else "")

    def article_ref(self, here: str, article_id: str) -> str:
        article = self.article_by_id(article_id)
        if article is None:
            return esc(article_id)
        return tag("a", esc(article.name), href=relative(here, self.article_path(article_id)), class_="article")

    def date(self, earliest, latest, precision) -> str:
        text = self.kb.date_text(earliest, latest, precision)
        return tag("span", esc(text), class_="date") if text else ""


def term_anchor(iri: str) -> str:
    return "term-" + safe_slug(local_name(iri))
