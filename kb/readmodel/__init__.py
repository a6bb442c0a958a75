"""The knowledge base as analysts see it, read from the built store by SPARQL.

Entities, articles, the facts the articles state (with their quotes), claims, each article's
account of an event, outcomes, the names articles use, the actors' network and the ontology's terms,
as plain sorted Python records (`kb.readmodel.records`) in one `Knowledge` (`kb.readmodel.knowledge`).
`kb show`, the static site and any later view read from it; nothing in this package prints, writes
or knows about a view. The same knowledge base always gives equal records, so the views built on it
are deterministic.

Modules: `vocabulary` (IRIs), `records` (the value types), `text` (words and dates), `sparql` (the
queries and their rows), `loading` (the tables read from the store), `knowledge` (looking up and
describing).
"""

from kb.readmodel.knowledge import Knowledge
from kb.readmodel.records import (
    EDGE_KINDS, Account, Article, Claim, Edge, Entity, Fact, Lit, Mention, OntologyTerm, Outcome, Parts, Quote,
    Ref, Term, plain,
)
from kb.readmodel.text import date_text, humanize, local_name, to_day
from kb.vocabulary import KB_NS, RES_NS, SDO_NS

__all__ = [
    "EDGE_KINDS", "KB_NS", "RES_NS", "SDO_NS", "Account", "Article", "Claim", "Edge", "Entity", "Fact",
    "Knowledge", "Lit", "Mention", "OntologyTerm", "Outcome", "Parts", "Quote", "Ref", "Term", "date_text",
    "humanize", "local_name", "plain", "to_day",
]
