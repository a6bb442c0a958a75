"""The knowledge base read back from the built store, for the static site and `kb show`.

Everything comes from SPARQL queries over the store and is arranged here in plain Python objects,
sorted, so that the same knowledge base always gives the same model (and byte-identical pages).

The statements the articles make are kept as they are stored: one `Fact` per triple of an
article's graph (or of the articles' metadata graph), with the evidence quotes of its reified
statement when it has one, else those of its subject in that article. Intermediate nodes (claims,
outcomes, roles, provisions, alleged violations) are described in words by `Knowledge.describe`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from pathlib import Path

import pyoxigraph as ox

from kb import queries as query_library
from kb.vocabulary import ARTICLES_GRAPH, KB, ONTOLOGY, REGISTRY_GRAPH, RES
from kb.store import Store

KB_NS = str(KB._NS)
RES_NS = str(RES)
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
SDO_NS = "https://schema.org/"
SKOS_NS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = RDF_NS + "type"

PREFIXES = f"""PREFIX kb: <{KB_NS}>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX owl: <{OWL_NS}>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <{RDF_NS}>
PREFIX rdfs: <{RDFS_NS}>
PREFIX schema: <{SDO_NS}>
PREFIX skos: <{SKOS_NS}>
"""
REG, ONT, META = f"<{REGISTRY_GRAPH}>", f"<{ONTOLOGY}>", f"<{ARTICLES_GRAPH}>"

# The broad kinds of registry entities, in the order an entity of several kinds is filed under.
CATEGORIES = (
    (KB_NS + "Actor", "Actors"), (KB_NS + "Agreement", "Agreements"), (KB_NS + "Event", "Events"),
    (KB_NS + "Place", "Places"), (KB_NS + "EquipmentType", "Equipment types"),
)

# Labels for the few terms of other vocabularies that the data uses.
OTHER_LABELS = {
    SDO_NS + "location": "location", SDO_NS + "containedInPlace": "contained in place",
    SDO_NS + "publisher": "publisher", SDO_NS + "author": "author", SDO_NS + "superEvent": "part of event",
    SDO_NS + "locationCreated": "dateline", SDO_NS + "description": "description", SDO_NS + "sameAs": "same as",
    SKOS_NS + "editorialNote": "curator's note", SKOS_NS + "altLabel": "alias", RDFS_NS + "label": "label",
    SDO_NS + "headline": "headline", SDO_NS + "url": "URL", SDO_NS + "datePublished": "date published",
    SDO_NS + "inLanguage": "language", SDO_NS + "identifier": "identifier", SDO_NS + "name": "name",
    SDO_NS + "value": "value", SDO_NS + "minValue": "minimum", SDO_NS + "maxValue": "maximum",
    SDO_NS + "unitText": "unit",
}


# --- plain values ---


@dataclass(frozen=True, order=True)
class Quote:
    """A verbatim span of an article, by code-point offsets (start inclusive, end exclusive)."""

    article: str  # the article's id
    start: int
    end: int
    text: str

    @property
    def anchor(self) -> str:
        return f"q-{self.start}-{self.end}"


@dataclass(frozen=True, order=True)
class Lit:
    """A literal value (a date, a number, a text) as an object of a statement."""

    value: str


Term = str | Lit  # an IRI, or a literal


@dataclass(frozen=True)
class Ref:
    """A resource named in a description, shown by its label and linked to its page when it has one."""

    iri: str
    text: str


Parts = tuple[str | Ref, ...]


def plain(parts: Parts) -> str:
    return "".join(part.text if isinstance(part, Ref) else part for part in parts)


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def humanize(name: str) -> str:
    """camelCase to words: `containedInPlace` gives `contained in place`."""
    out = []
    for char in name:
        if char.isupper() and out:
            out.append(" ")
        out.append(char.lower())
    return "".join(out)


def to_day(value: str | None) -> int | None:
    """An xsd:date (YYYY-MM-DD) as a day number, for drawing; None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


# --- the records ---


@dataclass
class Entity:
    iri: str
    id: str
    label: str
    types: list[str] = field(default_factory=list)  # class IRIs, as the registry states them
    aliases: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    category: str = "Other"


@dataclass
class Article:
    iri: str
    id: str
    text: str
    language: str = ""
    title: str | None = None
    url: str | None = None
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None
    publisher: str | None = None  # entity IRI
    author: str | None = None
    dateline: str | None = None
    cites: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.title or self.id


@dataclass
class Fact:
    """One triple an article states, with the quotes that support it."""

    article: str  # article id
    subject: str
    predicate: str
    object: Term
    quotes: tuple[Quote, ...] = ()
    note: str | None = None  # the reified statement's note or date, when it has one


@dataclass
class Outcome:
    iri: str
    event: str
    article: str
    kind: str | None = None  # outcome kind IRI
    count: str | None = None
    approximate: bool = False
    amount: str | None = None
    equipment: str | None = None
    side: str | None = None
    place: str | None = None
    according_to: str | None = None
    quotes: tuple[Quote, ...] = ()


@dataclass
class Account:
    """One article's report of an event: its date, place, actors and outcomes."""

    event: str
    article: str
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None  # precision individual IRI
    date_note: str | None = None
    time_of_day: str | None = None
    places: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    supporters: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    according_to: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    in_response_to: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    quotes: tuple[Quote, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def start_day(self) -> int | None:
        return to_day(self.earliest)

    @property
    def end_day(self) -> int | None:
        return to_day(self.latest)


@dataclass
class Claim:
    iri: str
    article: str  # the reporting article's id
    id: str
    claimant: str
    text: str
    direct: bool = False
    stance: str | None = None
    channel: str | None = None
    medium: str | None = None
    place: str | None = None
    occasion: str | None = None
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None
    date_note: str | None = None
    about: list[str] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)
    denies: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    quotes: tuple[Quote, ...] = ()
    notes: list[str] = field(default_factory=list)


@dataclass
class Mention:
    iri: str
    entity: str
    article: str
    form: str
    occurrences: int
    quotes: tuple[Quote, ...] = ()


@dataclass
class Edge:
    """A link of the actors' network, with what shows it."""

    kind: str  # one of EDGE_KINDS
    source: str
    target: str
    article: str
    graph: str
    evidence: str  # IRI of the claim, statement, violation or agreement that carries it
    quotes: tuple[Quote, ...] = ()


EDGE_KINDS = {
    "party": "party to", "signatory": "signatory of", "violation": "accuses of a violation",
    "denies": "denies", "contradicts": "contradicts", "backedBy": "backed by", "allyOf": "ally of",
}


@dataclass
class OntologyTerm:
    """A class, property or named individual of the ontology, with how much the data uses it."""

    iri: str
    kind: str  # "class", "object property", "datatype property", "individual"
    label: str
    comment: str = ""
    parents: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    instance_of: list[str] = field(default_factory=list)
    uses: int = 0  # triples with this property; instances of this class; uses as an object
    uses_with_subclasses: int = 0


# --- the queries ---


def _value(term) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    return Lit(term.value)


def _rows(store: Store, text: str) -> list[dict[str, Term | None]]:
    return [{v.value: _value(row[v.value]) for v in result.variables}
            for result in [store.query(text)] for row in result]


def _str(value: Term | None) -> str | None:
    if value is None:
        return None
    return value.value if isinstance(value, Lit) else value


Q_REGISTRY = PREFIXES + f"""
SELECT ?entity ?p ?o WHERE {{
  GRAPH {REG} {{ ?entity ?p ?o }}
  FILTER (?p IN (rdf:type, rdfs:label, skos:altLabel, schema:description, schema:sameAs, skos:editorialNote))
}}"""

Q_CATEGORIES = PREFIXES + f"""
SELECT ?entity ?top WHERE {{
  GRAPH {REG} {{ ?entity a ?class }}
  GRAPH {ONT} {{ ?class rdfs:subClassOf* ?top }}
  VALUES ?top {{ {' '.join(f'<{iri}>' for iri, _ in CATEGORIES)} }}
}}"""

Q_ONTOLOGY = PREFIXES + f"""
SELECT ?term ?kind ?p ?o WHERE {{
  GRAPH {ONT} {{
    ?term a ?kind .
    FILTER (?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty, owl:NamedIndividual))
    FILTER (STRSTARTS(STR(?term), "{KB_NS}"))
    OPTIONAL {{
      ?term ?p ?o .
      FILTER (?p IN (rdfs:label, rdfs:comment, rdfs:subClassOf, rdfs:subPropertyOf, rdfs:domain, rdfs:range, rdf:type))
    }}
  }}
}}"""

Q_PROPERTY_USES = PREFIXES + f"""
SELECT ?term (COUNT(*) AS ?uses) WHERE {{ GRAPH ?g {{ ?s ?term ?o }} FILTER (?g != {ONT}) }} GROUP BY ?term"""

Q_CLASS_USES = PREFIXES + f"""
SELECT ?term (COUNT(DISTINCT ?s) AS ?uses) WHERE {{ GRAPH ?g {{ ?s a ?term }} FILTER (?g != {ONT}) }} GROUP BY ?term"""

Q_CLASS_USES_DEEP = PREFIXES + f"""
SELECT ?term (COUNT(DISTINCT ?s) AS ?uses) WHERE {{
  GRAPH ?g {{ ?s a ?class }} FILTER (?g != {ONT})
  GRAPH {ONT} {{ ?class rdfs:subClassOf* ?term }}
}} GROUP BY ?term"""

Q_INDIVIDUAL_USES = PREFIXES + f"""
SELECT ?term (COUNT(*) AS ?uses) WHERE {{
  GRAPH {ONT} {{ ?term a owl:NamedIndividual }}
  GRAPH ?g {{ ?s ?p ?term }} FILTER (?g != {ONT})
}} GROUP BY ?term"""

Q_ARTICLES = PREFIXES + f"""
SELECT ?article ?p ?o WHERE {{
  GRAPH {META} {{ ?article a kb:Article ; ?p ?o }}
  FILTER (?p IN (schema:identifier, schema:text, schema:inLanguage, schema:headline, schema:url, kb:earliestDate,
                 kb:latestDate, kb:datePrecision, schema:publisher, schema:author, schema:locationCreated, kb:cites,
                 skos:editorialNote, kb:dateNote))
}}"""

Q_EVIDENCE = PREFIXES + """
SELECT ?g ?node ?article ?exact ?start ?end WHERE {
  GRAPH ?g { ?node kb:evidence ?evidence }
  ?evidence oa:exact ?exact ; oa:start ?start ; oa:end ?end ; prov:wasQuotedFrom ?article .
}"""

# Every triple the articles state, without the bookkeeping (evidence, reification, mentions, texts).
Q_FACTS = PREFIXES + f"""
SELECT ?g ?s ?p ?o WHERE {{
  GRAPH ?g {{ ?s ?p ?o }}
  FILTER (?g NOT IN ({REG}, {ONT}))
  FILTER (?p NOT IN (kb:evidence, rdf:subject, rdf:predicate, rdf:object, oa:hasBody, kb:surfaceForm,
                     kb:occurrences, schema:text, oa:exact, oa:start, oa:end, prov:wasQuotedFrom))
}}"""

Q_STATEMENTS = PREFIXES + """
SELECT ?g ?statement ?s ?p ?o ?note ?earliest ?latest WHERE {
  GRAPH ?g {
    ?statement a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    OPTIONAL { ?statement skos:editorialNote ?note }
    OPTIONAL { ?statement kb:earliestDate ?earliest }
    OPTIONAL { ?statement kb:latestDate ?latest }
  }
}"""

Q_MENTIONS = PREFIXES + """
SELECT ?g ?mention ?entity ?form ?occurrences WHERE {
  GRAPH ?g { ?mention a kb:Mention ; oa:hasBody ?entity ; kb:surfaceForm ?form ; kb:occurrences ?occurrences }
}"""

# One row per event and reporting article (the article named by the account's evidence).
Q_ACCOUNTS = PREFIXES + f"""
SELECT DISTINCT ?g ?event ?article WHERE {{
  GRAPH {REG} {{ ?event a ?class }}
  GRAPH {ONT} {{ ?class rdfs:subClassOf* kb:Event }}
  GRAPH ?g {{ ?event kb:evidence ?evidence }}
  ?evidence prov:wasQuotedFrom ?article .
}}"""

# The actors' network: who is party to what, who accuses, denies or contradicts whom, who backs whom.
Q_EDGES = PREFIXES + """
SELECT DISTINCT ?kind ?source ?target ?g ?via WHERE {
  { GRAPH ?g { ?target kb:party ?source } BIND ("party" AS ?kind) BIND (?target AS ?via) }
  UNION { GRAPH ?g { ?target kb:signatory ?source } BIND ("signatory" AS ?kind) BIND (?target AS ?via) }
  UNION { GRAPH ?g { ?via a kb:AllegedViolation ; kb:allegedBy ?source ; kb:accused ?target }
           BIND ("violation" AS ?kind) }
  UNION { GRAPH ?g { ?via kb:denies ?claim ; kb:claimant ?source } ?claim kb:claimant ?target .
           BIND ("denies" AS ?kind) }
  UNION { GRAPH ?g { ?via kb:contradicts ?claim ; kb:claimant ?source } ?claim kb:claimant ?target .
           BIND ("contradicts" AS ?kind) }
  UNION { GRAPH ?g { ?via rdf:subject ?source ; rdf:predicate ?link ; rdf:object ?target }
           VALUES (?link ?kind) { (kb:backedBy "backedBy") (kb:allyOf "allyOf") } }
}"""


# --- the model ---


class Knowledge:
    """Everything the site and `kb show` present, read once from a built store."""

    def __init__(self, store: Store):
        self.store = store
        self.entities: dict[str, Entity] = {}
        self.terms: dict[str, OntologyTerm] = {}
        self.articles: dict[str, Article] = {}  # by IRI
        self.article_ids: dict[str, str] = {}  # article IRI or graph IRI -> article id
        self.quotes: dict[tuple[str, str], tuple[Quote, ...]] = {}  # (graph, node) -> quotes
        self.props: dict[tuple[str, str], dict[str, list[Term]]] = {}  # (graph, node) -> predicate -> objects
        self.facts: list[Fact] = []
        self.claims: dict[str, Claim] = {}
        self.accounts: dict[str, list[Account]] = {}  # event IRI -> accounts
        self.outcomes: dict[str, Outcome] = {}
        self.mentions: list[Mention] = []
        self.edges: list[Edge] = []
        self.statement_notes: dict[tuple[str, str, str, str], str] = {}
        self.statement_of: dict[tuple[str, str, str, str], str] = {}  # (g, s, p, o) -> statement IRI
        self.statements: dict[str, tuple[str, str, str, Term]] = {}  # statement IRI -> (g, s, p, o)
        self._named: dict[tuple, list[dict[str, Term | None]]] = {}
        self._load()

    @classmethod
    def open(cls, build_dir: Path) -> Knowledge:
        return cls(Store.open(build_dir))

    def query(self, text: str) -> list[dict[str, Term | None]]:
        return _rows(self.store, text)

    def named(self, name: str, params: dict[str, str] | None = None) -> list[dict[str, Term | None]]:
        """Rows of a named query of the library (`queries/NAME.rq`), run once per parameters."""
        key = (name, tuple(sorted((params or {}).items())))
        if key not in self._named:
            self._named[key] = self.query(query_library.get(name).bound(params or {}))
        return self._named[key]

    # --- loading ---

    def _load(self) -> None:
        self._load_ontology()
        self._load_registry()
        self._load_articles()
        self._load_evidence()
        self._load_facts()
        self._load_claims()
        self._load_accounts()
        self._load_mentions()
        self._load_edges()

    def _load_ontology(self) -> None:
        kinds = {OWL_NS + "Class": "class", OWL_NS + "ObjectProperty": "object property",
                 OWL_NS + "DatatypeProperty": "datatype property", OWL_NS + "NamedIndividual": "individual"}
        rank = list(kinds.values())
        for row in self.query(Q_ONTOLOGY):
            iri, kind = row["term"], kinds[row["kind"]]
            term = self.terms.setdefault(iri, OntologyTerm(iri, kind, humanize(local_name(iri))))
            if rank.index(kind) < rank.index(term.kind):  # a class or property first, an individual last
                term.kind = kind
            p, o = row["p"], _str(row["o"])
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
        for term in self.terms.values():
            for values in (term.parents, term.domain, term.range, term.instance_of):
                values[:] = sorted(set(values))
        for text, attr in ((Q_PROPERTY_USES, "uses"), (Q_INDIVIDUAL_USES, "uses")):
            for row in self.query(text):
                term = self.terms.get(row["term"])
                if term is not None and term.kind in ("object property", "datatype property", "individual"):
                    setattr(term, attr, int(row["uses"].value))
        for text, attr in ((Q_CLASS_USES, "uses"), (Q_CLASS_USES_DEEP, "uses_with_subclasses")):
            for row in self.query(text):
                term = self.terms.get(row["term"])
                if term is not None and term.kind == "class":
                    setattr(term, attr, int(row["uses"].value))

    def _load_registry(self) -> None:
        for row in self.query(Q_REGISTRY):
            iri = row["entity"]
            entity = self.entities.setdefault(iri, Entity(iri, local_name(iri), local_name(iri)))
            p, o = row["p"], _str(row["o"])
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
        for entity in self.entities.values():
            for values in (entity.types, entity.aliases, entity.descriptions, entity.same_as, entity.notes):
                values[:] = sorted(set(values))
        order = {iri: index for index, (iri, _) in enumerate(CATEGORIES)}
        found: dict[str, list[str]] = defaultdict(list)
        for row in self.query(Q_CATEGORIES):
            found[row["entity"]].append(row["top"])
        for iri, tops in found.items():
            if iri in self.entities:
                self.entities[iri].category = dict(CATEGORIES)[min(tops, key=order.__getitem__)]

    def _load_articles(self) -> None:
        rows = self.query(Q_ARTICLES)
        for row in rows:
            if row["p"] == SDO_NS + "identifier":
                iri = row["article"]
                self.articles[iri] = Article(iri, _str(row["o"]), "")
        single = {SDO_NS + "text": "text", SDO_NS + "inLanguage": "language", SDO_NS + "headline": "title",
                  SDO_NS + "url": "url", KB_NS + "earliestDate": "earliest", KB_NS + "latestDate": "latest",
                  KB_NS + "datePrecision": "precision", SDO_NS + "publisher": "publisher",
                  SDO_NS + "author": "author", SDO_NS + "locationCreated": "dateline"}
        for row in rows:
            article = self.articles.get(row["article"])
            if article is None:
                continue
            p, o = row["p"], _str(row["o"])
            if p in single:
                setattr(article, single[p], o)
            elif p == KB_NS + "cites":
                article.cites.append(o)
            elif p in (SKOS_NS + "editorialNote", KB_NS + "dateNote"):
                article.notes.append(o)
        for article in self.articles.values():
            article.cites.sort()
            article.notes.sort()
            self.article_ids[article.iri] = article.id
            self.article_ids[f"{RES_NS}graph/article/{article.id}"] = article.id
        self.articles = dict(sorted(self.articles.items(), key=lambda item: item[1].id))

    def _load_evidence(self) -> None:
        found: dict[tuple[str, str], set[Quote]] = defaultdict(set)
        for row in self.query(Q_EVIDENCE):
            article = self.article_ids.get(row["article"])
            if article is None:
                continue
            quote = Quote(article, int(row["start"].value), int(row["end"].value), row["exact"].value)
            found[(row["g"], row["node"])].add(quote)
        self.quotes = {key: tuple(sorted(value)) for key, value in found.items()}

    def _graph_article(self, graph: str, subject: str) -> str | None:
        """The article a graph's statement comes from: the graph's, or for metadata the subject's."""
        if graph == str(ARTICLES_GRAPH):
            return self.article_ids.get(subject)
        return self.article_ids.get(graph)

    def _load_facts(self) -> None:
        for row in self.query(Q_STATEMENTS):
            key = (row["g"], row["s"], row["p"], _term_key(row["o"]))
            self.statement_of[key] = row["statement"]
            self.statements[row["statement"]] = (row["g"], row["s"], row["p"], row["o"])
            note = " ".join(part for part in (
                _date_text(_str(row["earliest"]), _str(row["latest"])), _str(row["note"])) if part)
            if note:
                self.statement_notes[key] = note
        props: dict[tuple[str, str], dict[str, set]] = defaultdict(lambda: defaultdict(set))
        facts = []
        for row in self.query(Q_FACTS):
            graph, subject, predicate, obj = row["g"], row["s"], row["p"], row["o"]
            props[(graph, subject)][predicate].add(obj)
            if predicate == RDF_TYPE:
                continue
            article = self._graph_article(graph, subject)
            if article is None:
                continue
            key = (graph, subject, predicate, _term_key(obj))
            statement = self.statement_of.get(key)
            quotes = self.quotes.get((graph, statement or subject), ())
            facts.append(Fact(article, subject, predicate, obj, quotes, self.statement_notes.get(key)))
        self.props = {key: {p: sorted(values, key=_term_key) for p, values in by_p.items()}
                      for key, by_p in props.items()}
        self.facts = sorted(facts, key=lambda f: (f.article, f.subject, f.predicate, _term_key(f.object)))

    def value(self, graph: str, node: str, predicate: str) -> str | None:
        """One value of a node's property in a graph (`predicate` a full IRI or a kb: local name)."""
        return self._one(graph, node, predicate)

    def _one(self, graph: str, node: str, predicate: str) -> str | None:
        values = self.props.get((graph, node), {}).get(KB_NS + predicate if ":" not in predicate else predicate)
        return _str(values[0]) if values else None

    def _all(self, graph: str, node: str, predicate: str) -> list[str]:
        values = self.props.get((graph, node), {}).get(KB_NS + predicate if ":" not in predicate else predicate, [])
        return [_str(value) for value in values]

    def _load_claims(self) -> None:
        for (graph, node), by_p in self.props.items():
            if KB_NS + "Claim" not in by_p.get(RDF_TYPE, []):
                continue
            article = self.article_ids.get(self._one(graph, node, "reportedIn") or "", self.article_ids.get(graph, ""))
            one, many = partial(self._one, graph, node), partial(self._all, graph, node)
            self.claims[node] = Claim(
                iri=node, article=article, id=local_name(node), claimant=one("claimant") or "",
                text=one("claimText") or "", direct=(one("directQuote") or "").lower() == "true",
                stance=one("stance"), channel=one("channel"), medium=one("medium"),
                place=one(SDO_NS + "location"), occasion=one("occasion"),
                earliest=one("earliestDate"), latest=one("latestDate"), precision=one("datePrecision"),
                date_note=one("dateNote"), about=many("about"), contradicts=many("contradicts"),
                denies=many("denies"), supports=many("supports"), quotes=self.quotes.get((graph, node), ()),
                notes=many(SKOS_NS + "editorialNote"),
            )
        self.claims = dict(sorted(self.claims.items()))

    def _load_accounts(self) -> None:
        seen = set()
        for row in self.query(Q_ACCOUNTS):
            graph, event = row["g"], row["event"]
            article = self.article_ids.get(row["article"])
            if article is None or (event, article) in seen:
                continue
            seen.add((event, article))
            one, many = partial(self._one, graph, event), partial(self._all, graph, event)
            account = Account(
                event=event, article=article, earliest=one("earliestDate"), latest=one("latestDate"),
                precision=one("datePrecision"), date_note=one("dateNote"), time_of_day=one("timeOfDay"),
                places=many(SDO_NS + "location"), agents=many("agent"), targets=many("target"),
                supporters=many("supporter"), participants=many("participant"), according_to=many("accordingTo"),
                part_of=many(SDO_NS + "superEvent"), in_response_to=many("inResponseTo"),
                quotes=tuple(q for q in self.quotes.get((graph, event), ()) if q.article == article),
                notes=many(SKOS_NS + "editorialNote"),
            )
            for node in many("hasOutcome"):
                o = partial(self._one, graph, node)
                outcome = Outcome(
                    iri=node, event=event, article=article, kind=o("outcomeKind"), count=o("count"),
                    approximate=(o("approximate") or "").lower() == "true", amount=o("amount"),
                    equipment=o("equipmentType"), side=o("affectedParty"), place=o(SDO_NS + "location"),
                    according_to=o("accordingTo"), quotes=self.quotes.get((graph, node), ()),
                )
                account.outcomes.append(outcome)
                self.outcomes[node] = outcome
            self.accounts.setdefault(event, []).append(account)
        for accounts in self.accounts.values():
            accounts.sort(key=lambda a: (a.latest or "9999", a.earliest or "", a.article))
        self.accounts = dict(sorted(self.accounts.items()))

    def _load_mentions(self) -> None:
        for row in self.query(Q_MENTIONS):
            article = self.article_ids.get(row["g"])
            if article is None:
                continue
            self.mentions.append(Mention(row["mention"], row["entity"], article, row["form"].value, int(row["occurrences"].value),
                                         self.quotes.get((row["g"], row["mention"]), ())))
        self.mentions.sort(key=lambda m: (m.entity, m.form.lower(), m.form, m.article))

    def _load_edges(self) -> None:
        for row in self.query(Q_EDGES):
            graph, via = row["g"], row["via"]
            article = self.article_ids.get(graph)
            if article is None or row["source"] == row["target"]:
                continue
            quotes = tuple(q for q in self.quotes.get((graph, via), ()) if q.article == article)
            self.edges.append(Edge(row["kind"].value, row["source"], row["target"], article, graph, via, quotes))
        self.edges.sort(key=lambda e: (e.kind, e.source, e.target, e.article, e.evidence))

    # --- looking things up ---

    def label(self, iri: str) -> str:
        if iri in self.entities:
            return self.entities[iri].label
        if iri in self.terms:
            return self.terms[iri].label
        if iri in self.articles:
            return self.articles[iri].name
        if iri in OTHER_LABELS:
            return OTHER_LABELS[iri]
        if iri in self.claims:
            claim = self.claims[iri]
            return f"{self.label(claim.claimant)}: “{_short(claim.text)}”"
        return local_name(iri) if not iri.startswith(RES_NS) else iri[len(RES_NS):]

    def ref(self, iri: str) -> Ref:
        return Ref(iri, self.label(iri))

    @cached_property
    def claim_list(self) -> list[Claim]:
        return sorted(self.claims.values(), key=lambda c: (c.latest or "9999", c.earliest or "", c.article, c.id))

    def claims_involving(self, iri: str) -> list[tuple[str, Claim]]:
        """Claims by an entity (its claimant) or about it, as (relation, claim)."""
        found = []
        for claim in self.claim_list:
            if claim.claimant == iri:
                found.append(("by", claim))
            if iri in claim.about:
                found.append(("about", claim))
        return found

    def facts_about(self, iri: str) -> list[tuple[str, Fact]]:
        """What the articles state with the entity as subject or object, as (position, fact); claims'
        claimant and topic links are left to `claims_involving`."""
        found = []
        for fact in self.facts:
            if fact.subject in self.claims and fact.predicate in (KB_NS + "claimant", KB_NS + "about"):
                continue
            if fact.subject == iri:
                found.append(("subject", fact))
            elif fact.object == iri:
                found.append(("object", fact))
        return found

    def mentions_of(self, iri: str) -> list[Mention]:
        return [m for m in self.mentions if m.entity == iri]

    def edges_of(self, iri: str) -> list[Edge]:
        return [e for e in self.edges if iri in (e.source, e.target)]

    def class_label(self, iri: str) -> str:
        return self.terms[iri].label if iri in self.terms else humanize(local_name(iri))

    def type_label(self, entity: Entity) -> str:
        return ", ".join(self.class_label(t) for t in entity.types) or "entity"

    def event_type(self, event: str) -> str | None:
        entity = self.entities.get(event)
        return entity.types[0] if entity and entity.types else None

    # --- describing nodes in words ---

    def describe(self, node: Term) -> Parts:
        """A node as words and links: an entity by its label, an intermediate node by what it says."""
        if isinstance(node, Lit):
            return (node.value,)
        if node in self.entities or node in self.articles or node in self.terms:
            return (self.ref(node),)
        if node in self.claims:
            claim = self.claims[node]
            return ("claim by ", self.ref(claim.claimant), ": ", Ref(node, f"“{_short(claim.text)}”"))
        if node in self.outcomes:
            return self.describe_outcome(self.outcomes[node], with_event=True)
        kind = node[len(RES_NS):].split("/", 1)[0] if node.startswith(RES_NS) else ""
        graph = self._graph_of(node)
        if kind == "role" and graph:
            parts: list = ["role: ", self.ref(self._one(graph, node, "roleHolder") or ""), " as ",
                           self._one(graph, node, "roleTitle") or ""]
            of = self._one(graph, node, "roleOf")
            if of:
                parts += [" of ", self.ref(of)]
            return tuple(parts)
        if kind == "violation" and graph:
            parts = ["alleged violation of ", self.ref(self._one(graph, node, "violatedAgreement") or "")]
            accused = self._all(graph, node, "accused")
            if accused:
                parts += [" by "] + _joined([self.ref(a) for a in accused])
            return tuple(parts)
        if kind == "provision" and graph:
            if node.count("/") > RES_NS.count("/") + 2:  # a figure: provision/AGREEMENT/ID/QUANTITY
                values = self.props.get((graph, node), {})
                number = next((_str(values[p][0]) for p in (SDO_NS + "value", SDO_NS + "minValue", SDO_NS + "maxValue")
                               if values.get(p)), "")
                unit = _str(values.get(SDO_NS + "unitText", [Lit("")])[0])
                return (f"{local_name(node)}: {number} {unit}".strip(),)
            agreement = node[len(RES_NS):].split("/")[1]
            return ("provision of ", self.ref(f"{RES_NS}entity/{agreement}"), ": ",
                    self._one(graph, node, "obligation") or local_name(node))
        return (self.label(node),)

    def describe_outcome(self, outcome: Outcome, with_event: bool = False) -> Parts:
        parts: list = []
        if with_event:
            parts += ["outcome of ", self.ref(outcome.event), ": "]
        parts.append(self.label(outcome.kind) if outcome.kind else "outcome")
        if outcome.count is not None:
            parts.append(f" {'about ' if outcome.approximate else ''}{outcome.count}")
        if outcome.amount:
            parts.append(f" {outcome.amount}")
        if outcome.equipment:
            parts += [" ", self.ref(outcome.equipment)]
        if outcome.side:
            quantified = outcome.count is not None or outcome.amount or outcome.equipment
            parts += [" of " if quantified else ": ", self.ref(outcome.side)]
        if outcome.place:
            parts += [" at ", self.ref(outcome.place)]
        if outcome.according_to:
            parts += [" (according to ", self.ref(outcome.according_to), ")"]
        return tuple(parts)

    @cached_property
    def _graphs(self) -> dict[str, str]:
        return {subject: graph for graph, subject in sorted(self.props)}

    def _graph_of(self, node: str) -> str | None:
        """The graph in which an intermediate node is described (each lives in one graph)."""
        return self._graphs.get(node)

    def date_text(self, earliest: str | None, latest: str | None, precision: str | None) -> str:
        return _date_text(earliest, latest, self.label(precision) if precision else None)


def _term_key(term: Term | None) -> str:
    if term is None:
        return ""
    return f'"{term.value}' if isinstance(term, Lit) else term


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _joined(parts: list) -> list:
    out: list = []
    for index, part in enumerate(parts):
        if index:
            out.append(", " if index < len(parts) - 1 else " and ")
        out.append(part)
    return out


def _date_text(earliest: str | None, latest: str | None, precision: str | None = None) -> str:
    """A date or date range as a person reads it: 2020-02-20, 2020-02-10 – 2020-02-16, on or before 2020-02-05."""
    if precision == "on or before" or (latest and not earliest):
        return f"on or before {latest}" if latest else ""
    if precision == "on or after" or (earliest and not latest):
        return f"on or after {earliest}" if earliest else ""
    if not earliest:
        return ""
    if earliest == latest:
        return earliest
    if precision in ("month", "year"):
        return f"{earliest[:7] if precision == 'month' else earliest[:4]} ({earliest} – {latest})"
    return f"{earliest} – {latest}"
